using Tollgate.Compiler.Passes;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

/// <summary>
/// The shape of the virtual documents under data: the rule tree plus every package, since a package
/// without rules still appears as an empty object (data.a.b = {} for an empty `package a.b`).
/// </summary>
internal sealed class DocumentTree
{
    public DocNode Root { get; } = new();

    public DocumentTree(RuleTree rules, IReadOnlyList<Module> modules)
    {
        Copy(rules.Root, Root);
        foreach (var module in modules)
        {
            var node = Root;
            foreach (var part in module.Package.Path.Parts)
            {
                if (part is not StringTerm s) break;
                node = node.Child(s.Value);
            }
        }
    }

    private static void Copy(RuleTreeNode from, DocNode to)
    {
        to.RuleSet = from.RuleSet;
        foreach (var (key, child) in from.Children) Copy(child, to.Child(key));
    }
}

internal sealed class DocNode
{
    private readonly Dictionary<string, DocNode> _children = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, DocNode> Children => _children;

    public RuleSet? RuleSet { get; set; }

    /// <summary>A function with nothing below it: not part of any document.</summary>
    public bool IsFunctionLeaf => RuleSet is { Kind: RuleKind.Function } && _children.Count == 0;

    public DocNode Child(string key)
    {
        if (!_children.TryGetValue(key, out var child))
        {
            child = new DocNode();
            _children.Add(key, child);
        }
        return child;
    }
}
