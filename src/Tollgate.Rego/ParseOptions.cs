using Tollgate.Rego.Ast;

namespace Tollgate.Rego;

/// <summary>How to parse: which Rego syntax, and the limits that keep hostile input cheap.</summary>
public sealed class ParseOptions
{
    public RegoVersion Version { get; init; } = RegoVersion.V1;

    /// <summary>Deepest nesting of terms and bodies accepted before a "max nesting depth exceeded" error.</summary>
    public int MaxDepth { get; init; } = 1000;

    /// <summary>Errors collected per file before the parser gives up.</summary>
    public int MaxErrors { get; init; } = 10;

    internal static readonly ParseOptions Default = new();
}
