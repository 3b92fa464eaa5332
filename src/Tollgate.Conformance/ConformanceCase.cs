using System.Text.Json.Nodes;

namespace Tollgate.Conformance;

/// <summary>One case of an OPA conformance YAML file (format: shared/README.md).</summary>
public sealed class ConformanceCase
{
    public required string File { get; init; }
    public required string Category { get; init; }
    public required string Note { get; init; }
    public required string Query { get; init; }
    public IReadOnlyList<string> Modules { get; init; } = [];
    public JsonNode? Data { get; init; }
    public JsonNode? Input { get; init; }
    /// <summary>Input written as a Rego term (may contain sets); passed to the module as Rego value text.</summary>
    public string? InputTerm { get; init; }
    /// <summary>Expected binding objects, compared as a set; null when an error is expected.</summary>
    public JsonArray? WantResult { get; init; }
    public bool SortBindings { get; init; }
    public string? WantErrorCode { get; init; }
    public string? WantError { get; init; }
    /// <summary>The error is one OPA raises only with strict builtin errors: the case runs in strict mode.</summary>
    public bool StrictError { get; init; }
    public bool ExperimentalKeywords { get; init; }
    public bool IgnoreGeneratedVars { get; init; }
}
