using Tollgate.Rego.Ast;
using Tollgate.Rego.Text;

namespace Tollgate.Rego.Parsing;

/// <summary>What OPA accepts in <c>default</c> rules.</summary>
internal sealed partial class Parser
{
    /// <summary>OPA's checks on default rules: a ground value and plain, distinct variable arguments.</summary>
    private bool ValidateDefault(HeadSyntax head, SourceLocation ruleLocation)
    {
        if (head.Value is null || head.GeneratedValue)
        {
            Error(ruleLocation, "illegal default rule (must have a value)");
            return false;
        }
        var offending = DefaultValueOffender(head.Value);
        if (offending is not null)
        {
            Error(ruleLocation, $"illegal default rule (value cannot contain {offending})");
            return false;
        }
        if (head.Args is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var arg in head.Args)
            {
                if (arg is not VarTerm v)
                {
                    Error(ruleLocation, $"illegal default rule (arguments cannot contain {TermKindNames.Of(arg)})");
                    return false;
                }
                if (!seen.Add(v.Name))
                {
                    Error(ruleLocation, $"illegal default rule (arguments cannot be repeated {v.Name})");
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>The first var, ref or call inside a default value (comprehensions are allowed), or null.</summary>
    private static string? DefaultValueOffender(Term term)
    {
        switch (term)
        {
            case RefTerm:
                return "ref";
            case VarTerm:
                return "var";
            case CallTerm:
                return "call";
            case ArrayTerm a:
                foreach (var item in a.Items)
                {
                    if (DefaultValueOffender(item) is { } found) return found;
                }
                return null;
            case SetTerm s:
                foreach (var item in s.Items)
                {
                    if (DefaultValueOffender(item) is { } found) return found;
                }
                return null;
            case ObjectTerm o:
                foreach (var item in o.Items)
                {
                    if (DefaultValueOffender(item.Key) is { } k) return k;
                    if (DefaultValueOffender(item.Value) is { } v) return v;
                }
                return null;
            default:
                return null;
        }
    }
}
