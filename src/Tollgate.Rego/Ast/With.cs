namespace Tollgate.Rego.Ast;

/// <summary><c>with target as value</c>: target is a ref into input, data, or a function/builtin name.</summary>
public sealed class With : Node
{
    public required Term Target { get; set; }
    public required Term Value { get; set; }
}
