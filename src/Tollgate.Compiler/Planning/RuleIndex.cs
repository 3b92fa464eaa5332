using Tollgate.Compiler.Ir;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

/// <summary>
/// A rule index: rules whose bodies test <c>input.&lt;path&gt; == &lt;constant&gt;</c> grouped by the
/// constant, so the generated code looks the input value up once instead of testing every rule.
/// </summary>
internal sealed class RuleIndex
{
    public required string[] InputPath { get; init; }
    /// <summary>Constant → the rules testing it and the test expression each skips.</summary>
    public Dictionary<IrScalar, List<(Rule Rule, Expr Test)>> Cases { get; } = [];
    /// <summary>Rules without the indexed test: evaluated as usual.</summary>
    public List<Rule> Others { get; } = [];

    /// <summary>Builds an index on the input path tested by most rules, or null when too few share one.</summary>
    public static RuleIndex? Build(IReadOnlyList<Rule> rules, int threshold)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var tests = new List<(Expr, string[], IrScalar)?>(rules.Count);
        foreach (var rule in rules)
        {
            var found = rule.Else == null ? FindTest(rule.Body) : null;
            tests.Add(found);
            if (found is { } f)
            {
                var key = string.Join("\u0000", f.Item2);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        string? best = null;
        var bestCount = 0;
        foreach (var (key, count) in counts)
        {
            if (count > bestCount)
            {
                best = key;
                bestCount = count;
            }
        }
        if (best == null || bestCount < threshold) return null;
        string[]? path = null;
        var index = new RuleIndex { InputPath = best.Split('\u0000') };
        for (var i = 0; i < rules.Count; i++)
        {
            if (tests[i] is { } t && string.Join("\u0000", t.Item2) == best)
            {
                path ??= t.Item2;
                if (!index.Cases.TryGetValue(t.Item3, out var list))
                {
                    list = [];
                    index.Cases[t.Item3] = list;
                }
                list.Add((rules[i], t.Item1));
            }
            else
            {
                index.Others.Add(rules[i]);
            }
        }
        return index;
    }

    /// <summary>The first plain expression of a body comparing a static input path with a scalar constant.</summary>
    private static (Expr, string[], IrScalar)? FindTest(Body body)
    {
        foreach (var expr in body.Exprs)
        {
            if (expr.Kind != ExprKind.Call || expr.Negated || expr.With.Count > 0) continue;
            var op = expr.OperatorName;
            if (op != "eq" && op != "equal") continue;
            var args = expr.Args;
            if (args == null || args.Count != 2) continue;
            if (Match(args[0], args[1]) is { } m1) return (expr, m1.Item1, m1.Item2);
            if (Match(args[1], args[0]) is { } m2) return (expr, m2.Item1, m2.Item2);
        }
        return null;
    }

    private static (string[], IrScalar)? Match(Term refSide, Term constSide)
    {
        if (refSide is not RefTerm r || r.Head is not VarTerm { Name: "input" } || r.Parts.Count == 0) return null;
        var path = new string[r.Parts.Count];
        for (var i = 0; i < path.Length; i++)
        {
            if (r.Parts[i] is not StringTerm s) return null;
            path[i] = s.Value;
        }
        IrScalar? constant = constSide switch
        {
            StringTerm s => IrScalar.String(s.Value),
            BooleanTerm b => b.Value ? IrScalar.True : IrScalar.False,
            NullTerm => IrScalar.Null,
            // Only integers: their order and equality are unambiguous in the binary search.
            NumberTerm n when long.TryParse(n.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _) => IrScalar.Number(n.Text),
            _ => null,
        };
        return constant == null ? null : (path, constant);
    }
}
