namespace Tollgate.Compiler.Passes;

/// <summary>One key of the rule tree (a package segment or rule path segment).</summary>
public sealed class RuleTreeNode
{
    private readonly Dictionary<string, RuleTreeNode> _children = new(StringComparer.Ordinal);

    internal RuleTreeNode(string key) => Key = key;

    public string Key { get; }

    public IReadOnlyDictionary<string, RuleTreeNode> Children => _children;

    /// <summary>The rules defining exactly this path, if any.</summary>
    public RuleSet? RuleSet { get; internal set; }

    internal RuleTreeNode GetOrAdd(string key)
    {
        if (!_children.TryGetValue(key, out var child))
        {
            child = new RuleTreeNode(key);
            _children.Add(key, child);
        }
        return child;
    }

    /// <summary>Every rule set at or below this node.</summary>
    public void CollectRuleSets(List<RuleSet> into)
    {
        if (RuleSet != null) into.Add(RuleSet);
        foreach (var child in _children.Values) child.CollectRuleSets(into);
    }
}
