using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// Reports rules that depend on themselves: "rule data.x.p is recursive: data.x.p -> data.x.q -> data.x.p".
/// A rule depends on every rule set its data refs and function calls can reach (a ref to a package
/// reaches every rule below it).
/// </summary>
internal static class RecursionChecker
{
    public static void Check(RuleTree tree, DiagnosticBag diagnostics)
    {
        var edges = new Dictionary<RuleSet, List<RuleSet>>(ReferenceEqualityComparer.Instance);
        foreach (var set in tree.All)
        {
            var deps = new List<RuleSet>();
            var collector = new DependencyCollector(tree, deps);
            foreach (var rule in set.Defaults) collector.VisitRule(rule);
            foreach (var rule in set.Rules) collector.VisitRule(rule);
            edges[set] = deps;
        }
        foreach (var set in tree.All)
        {
            var path = FindCycle(set, edges);
            if (path == null) continue;
            var names = new List<string>(path.Count);
            foreach (var s in path) names.Add(s.DataPath);
            var first = set.Rules.Count > 0 ? set.Rules[0] : set.Default;
            diagnostics.Add(DiagnosticCodes.RecursionError,
                $"rule {set.DataPath} is recursive: {string.Join(" -> ", names)}", first?.Location ?? default);
        }
    }

    /// <summary>The shortest path from <paramref name="start"/> back to itself (breadth first), or null.</summary>
    private static List<RuleSet>? FindCycle(RuleSet start, Dictionary<RuleSet, List<RuleSet>> edges)
    {
        var previous = new Dictionary<RuleSet, RuleSet>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<RuleSet>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var next in edges[current])
            {
                if (ReferenceEquals(next, start))
                {
                    var path = new List<RuleSet> { start };
                    for (var s = current; !ReferenceEquals(s, start); s = previous[s]) path.Insert(1, s);
                    path.Add(start);
                    return path;
                }
                if (previous.ContainsKey(next)) continue;
                previous[next] = current;
                queue.Enqueue(next);
            }
        }
        return null;
    }

    /// <summary>The rule sets a rule's data refs and function calls reach (else branches included).</summary>
    private sealed class DependencyCollector(RuleTree tree, List<RuleSet> deps) : EvaluatedTermVisitor
    {
        protected override void VisitRef(RefTerm reference)
        {
            Ref(reference);
            base.VisitRef(reference);
        }

        protected override void VisitOperator(RefTerm op) => Ref(op);

        private void Ref(RefTerm r)
        {
            if (r.Head is not VarTerm { Name: "data" }) return;
            var node = tree.Root;
            foreach (var part in r.Parts)
            {
                if (node.RuleSet != null) break;
                if (part is not StringTerm s)
                {
                    // A dynamic key: reaching every rule below would call most policies recursive, and
                    // OPA's check does not follow it either.
                    return;
                }
                if (!node.Children.TryGetValue(s.Value, out var child)) return;
                node = child;
            }
            if (node.RuleSet != null) deps.Add(node.RuleSet);
            else node.CollectRuleSets(deps);
        }
    }
}
