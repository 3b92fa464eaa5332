namespace Tollgate.Rego.Ast;

/// <summary>One parsed .rego file.</summary>
public sealed class Module : Node
{
    public required Package Package { get; set; }
    public List<Import> Imports { get; } = [];
    public List<Rule> Rules { get; } = [];
    /// <summary>Every METADATA block in the file, in source order (each also hangs on the node it annotates).</summary>
    public List<Annotation> Annotations { get; } = [];
    public RegoVersion Version { get; set; } = RegoVersion.V1;
    /// <summary>The file name given to the parser (used in diagnostics).</summary>
    public string? File { get; set; }
    /// <summary>The full source text; kept so the bundle can ship it and tools can quote it.</summary>
    public string? Source { get; set; }
}
