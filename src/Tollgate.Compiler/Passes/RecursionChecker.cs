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
            foreach (var rule in set.AllRules()) collector.Rule(rule);
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

    private sealed class DependencyCollector(RuleTree tree, List<RuleSet> deps)
    {
        public void Rule(Rule rule)
        {
            Body(rule.Body);
            foreach (var p in rule.Head.Ref.Parts) Term(p);
            if (rule.Head.Key != null) Term(rule.Head.Key);
            if (rule.Head.Value != null) Term(rule.Head.Value);
        }

        private void Body(Body body)
        {
            foreach (var e in body.Exprs)
            {
                foreach (var w in e.With) Term(w.Value);
                if (e.Operator != null) Ref(e.Operator);
                if (e.Args != null)
                {
                    foreach (var a in e.Args) Term(a);
                }
                if (e.Term != null) Term(e.Term);
                if (e.Domain != null) Term(e.Domain);
                if (e.Body != null) Body(e.Body);
                if (e.Operands != null)
                {
                    foreach (var operand in e.Operands) Body(operand);
                }
            }
        }

        private void Term(Term term)
        {
            switch (term)
            {
                case RefTerm r:
                    Ref(r);
                    Term(r.Head);
                    foreach (var p in r.Parts) Term(p);
                    break;
                case ArrayTerm a:
                    foreach (var i in a.Items) Term(i);
                    break;
                case SetTerm s:
                    foreach (var i in s.Items) Term(i);
                    break;
                case ObjectTerm o:
                    foreach (var kv in o.Items)
                    {
                        Term(kv.Key);
                        Term(kv.Value);
                    }
                    break;
                case ArrayComprehension ac:
                    Term(ac.Head);
                    Body(ac.Body);
                    break;
                case SetComprehension sc:
                    Term(sc.Head);
                    Body(sc.Body);
                    break;
                case ObjectComprehension oc:
                    Term(oc.Key);
                    Term(oc.Value);
                    Body(oc.Body);
                    break;
                case CallTerm c:
                    Ref(c.Operator);
                    foreach (var a in c.Args) Term(a);
                    break;
                case TemplateStringTerm t:
                    foreach (var p in t.Parts) Term(p);
                    break;
            }
        }

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
