using System.Text;
using Tollgate.Compiler.Passes;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

/// <summary>
/// The `with` modifiers in force when a rule set is reached: data paths replaced (their rules are not
/// evaluated; the replaced data is read instead) and functions/builtins replaced. Rule sets reached
/// under a context are planned again as specialized functions, so the replacement reaches every
/// rule evaluated under the `with`, as OPA's semantics require.
/// </summary>
internal sealed class WithContext
{
    public static readonly WithContext None = new([], new Dictionary<string, Term>(StringComparer.Ordinal));

    public WithContext(List<string[]> overrides, Dictionary<string, Term> mocks)
    {
        Overrides = overrides;
        Mocks = mocks;
        var sb = new StringBuilder();
        foreach (var o in overrides) sb.Append("data.").Append(string.Join('.', o)).Append(';');
        var names = new List<string>(mocks.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names) sb.Append(name).Append('=').Append(Describe(mocks[name])).Append(';');
        Key = sb.ToString();
    }

    public List<string[]> Overrides { get; }
    public Dictionary<string, Term> Mocks { get; }
    /// <summary>Identifies the context ("" for none): one specialized function per rule set and key.</summary>
    public string Key { get; }

    /// <summary>Mocks a specialized function can carry: names of functions/builtins and ground values.</summary>
    public static bool IsPortable(Term replacement) => replacement switch
    {
        RefTerm r => r.Head is VarTerm && AllStrings(r.Parts),
        VarTerm v => v.Name is not "input",
        _ => replacement.IsGround,
    };

    private static bool AllStrings(List<Term> parts)
    {
        foreach (var p in parts) if (p is not StringTerm) return false;
        return true;
    }

    private static string Describe(Term t) => t switch
    {
        RefTerm r => r.ToDottedString(),
        VarTerm v => v.Name,
        StringTerm s => "\"" + s.Value + "\"",
        NumberTerm n => n.Text,
        BooleanTerm b => b.Value ? "true" : "false",
        NullTerm => "null",
        _ => "#" + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(t).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>A rule set to plan under a context.</summary>
internal sealed record PendingRuleSet(RuleSet RuleSet, WithContext Context, string Name);
