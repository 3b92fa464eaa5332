using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>Every rule of every module, grouped by the full path of the document it defines.</summary>
public sealed class RuleTree
{
    private readonly List<RuleSet> _all = [];
    private readonly Dictionary<Rule, RuleSet> _setOfRule = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<RuleSet> All => _all;

    public RuleTreeNode Root { get; } = new("data");

    /// <summary>The rule set at <paramref name="path"/> (no leading "data"), or null.</summary>
    public RuleSet? Find(IReadOnlyList<string> path)
    {
        var node = FindNode(path, path.Count);
        return node?.RuleSet;
    }

    public RuleTreeNode? FindNode(IReadOnlyList<string> path, int length)
    {
        var node = Root;
        for (var i = 0; i < length; i++)
        {
            if (!node.Children.TryGetValue(path[i], out var next)) return null;
            node = next;
        }
        return node;
    }

    /// <summary>The set a top-level rule (or an else branch's head rule) was grouped into.</summary>
    public RuleSet? SetOf(Rule rule) => _setOfRule.TryGetValue(rule, out var s) ? s : null;

    internal RuleSet GetOrAdd(IReadOnlyList<string> path, RuleKind kind, int arity, out bool created)
    {
        var node = Root;
        foreach (var key in path) node = node.GetOrAdd(key);
        created = node.RuleSet == null;
        node.RuleSet ??= new RuleSet(path, kind, arity);
        if (created) _all.Add(node.RuleSet);
        return node.RuleSet;
    }

    internal void Map(Rule rule, RuleSet set) => _setOfRule[rule] = set;
}
