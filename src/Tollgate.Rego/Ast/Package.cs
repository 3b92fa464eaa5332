namespace Tollgate.Rego.Ast;

/// <summary><c>package a.b.c</c>. <see cref="Path"/> is a ref whose head is <c>data</c>: data.a.b.c.</summary>
public sealed class Package : Node
{
    public required RefTerm Path { get; set; }
    public List<Annotation> Annotations { get; } = [];
}
