using Tollgate.Rego.Text;

namespace Tollgate.Rego.Ast;

/// <summary>Base of every AST node. Nodes are mutable so compile passes can rewrite them in place.</summary>
public abstract class Node
{
    public SourceLocation Location { get; set; }
}
