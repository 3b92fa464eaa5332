using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Passes;

/// <summary>Groups rules by path and reports kind conflicts, multiple defaults and paths defined under a rule.</summary>
internal static class RuleTreeBuilder
{
    public static RuleTree Build(IReadOnlyList<Module> modules, DiagnosticBag diagnostics)
    {
        var tree = new RuleTree();
        foreach (var module in modules)
        {
            var package = PackagePath(module);
            foreach (var rule in module.Rules)
            {
                rule.Module ??= module;
                var path = RulePath(package, rule.Head);
                var arity = rule.Head.Kind == RuleKind.Function ? rule.Head.Args?.Count ?? 0 : 0;
                var set = tree.GetOrAdd(path, rule.Head.Kind, arity, out var created);
                if (!created && (set.Kind != rule.Head.Kind || set.Arity != arity))
                {
                    diagnostics.Add(DiagnosticCodes.TypeError, $"conflicting rules {set.DataPath} found", rule.Location);
                }
                set.Add(rule);
                tree.Map(rule, set);
                if (LocalTable.IsRoot(rule.Head.Name))
                {
                    diagnostics.Add(DiagnosticCodes.CompileError, $"rules must not shadow {rule.Head.Name} (use a different rule name)", rule.Location);
                }
            }
        }
        foreach (var set in tree.All)
        {
            if (set.Defaults.Count > 1)
            {
                diagnostics.Add(DiagnosticCodes.TypeError, $"multiple default rules {set.DataPath} found", set.Defaults[1].Location);
            }
            if (set.Defaults.Count > 0 && set.Kind != RuleKind.Complete && set.Kind != RuleKind.Function)
            {
                diagnostics.Add(DiagnosticCodes.TypeError, $"default rules must not be {(set.Kind == RuleKind.PartialSet ? "multi-value" : "partial")}: {set.DataPath}", set.Defaults[0].Location);
            }
            var node = tree.FindNode(set.Path, set.Path.Count);
            if (node != null && node.Children.Count > 0 && set.Kind is RuleKind.Complete or RuleKind.Function)
            {
                var below = new List<RuleSet>();
                foreach (var child in node.Children.Values) child.CollectRuleSets(below);
                if (below.Count > 0)
                {
                    var names = new List<string>(below.Count);
                    foreach (var b in below) names.Add(b.DataPath);
                    names.Sort(StringComparer.Ordinal);
                    var first = set.Rules.Count > 0 ? set.Rules[0] : set.Default!;
                    diagnostics.Add(DiagnosticCodes.TypeError, $"rule {set.DataPath} conflicts with [{string.Join(' ', names)}]", first.Location);
                }
            }
        }
        return tree;
    }

    /// <summary>The package path without "data": <c>package a.b</c> is ["a", "b"].</summary>
    public static List<string> PackagePath(Module module)
    {
        var path = new List<string>();
        foreach (var part in module.Package.Path.Parts)
        {
            if (part is StringTerm s) path.Add(s.Value);
        }
        return path;
    }

    /// <summary>The package path plus the static prefix of the head ref (up to the first non-string part).</summary>
    public static List<string> RulePath(List<string> package, RuleHead head)
    {
        var path = new List<string>(package) { head.Name };
        foreach (var part in head.Ref.Parts)
        {
            if (part is not StringTerm s) break;
            path.Add(s.Value);
        }
        // A partial object written with a ground last key (p["a"] = 1 in v0) still defines p.
        if (head.Kind == RuleKind.PartialObject && path.Count == package.Count + 1 + head.Ref.Parts.Count && head.Ref.Parts.Count > 0)
        {
            path.RemoveAt(path.Count - 1);
        }
        return path;
    }
}
