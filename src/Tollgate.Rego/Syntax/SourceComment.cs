namespace Tollgate.Rego.Syntax;

/// <summary>A <c>#</c> comment: Start is the '#', End excludes the line break (and a preceding '\r').</summary>
internal readonly record struct SourceComment(int Start, int End, int Line, int Column);
