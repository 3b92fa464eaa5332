namespace Tollgate.Rego.Ast;

/// <summary>A <c># METADATA</c> block: the YAML text and its parsed top-level fields.</summary>
public sealed class Annotation : Node
{
    /// <summary>rule, document, package, subpackages; defaults as OPA's (rule when above a rule, package above a package).</summary>
    public string Scope { get; set; } = "rule";
    public string? Title { get; set; }
    public string? Description { get; set; }
    public List<string> Authors { get; } = [];
    public List<string> Organizations { get; } = [];
    public List<string> RelatedResources { get; } = [];
    public bool Entrypoint { get; set; }
    /// <summary>The <c>custom:</c> map, as plain .NET values (string, long, double, bool, null, List, Dictionary).</summary>
    public Dictionary<string, object?> Custom { get; } = new(StringComparer.Ordinal);
    /// <summary>Every top-level field as parsed (including the ones above), for tools that need all of it.</summary>
    public Dictionary<string, object?> Fields { get; } = new(StringComparer.Ordinal);
    /// <summary>The YAML text with the leading '#' markers removed.</summary>
    public string Yaml { get; set; } = "";
    /// <summary>True when the block set <c>scope:</c> itself (otherwise the parser picked OPA's default).</summary>
    public bool ScopeGiven { get; set; }
}
