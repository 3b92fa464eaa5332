namespace Tollgate.Rego.Text;

/// <summary>
/// Where a node came from: file name, 1-based line and column, and the half-open UTF-16 offset range
/// [Start, End) in the source text. <c>default</c> means unknown (Line = 0).
/// </summary>
public readonly record struct SourceLocation(string? File, int Line, int Column, int Start, int End)
{
    public bool IsKnown => Line > 0;

    public override string ToString() => $"{File}:{Line}:{Column}";
}
