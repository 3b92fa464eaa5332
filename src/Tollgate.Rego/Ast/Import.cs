namespace Tollgate.Rego.Ast;

/// <summary><c>import data.x.y as z</c>, <c>import input.a</c>, <c>import future.keywords.in</c>, <c>import rego.v1</c>.</summary>
public sealed class Import : Node
{
    /// <summary>The imported path as a ref (head var is data, input, future or rego).</summary>
    public required RefTerm Path { get; set; }
    public string? Alias { get; set; }
}
