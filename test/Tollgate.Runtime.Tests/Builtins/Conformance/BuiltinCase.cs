using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Tests.Builtins.Conformance;

/// <summary>A conformance case reduced to one builtin call on ground arguments.</summary>
public sealed class BuiltinCase
{
    public required string File { get; init; }
    public required string Note { get; init; }
    public required string Builtin { get; init; }
    public required List<JsonNode?> Arguments { get; init; }

    /// <summary>How the rule uses the result: value (p := x), contains (p contains x), test (p if f(...) == const / truthy).</summary>
    public required string Shape { get; init; }

    /// <summary>For the "test" shape: the constant the result must equal (null = must not be false).</summary>
    public JsonNode? Expected { get; init; }

    public bool HasExpected { get; init; }
    public JsonNode? WantResult { get; init; }

    /// <summary>want_result is empty: the query has no bindings (x undefined).</summary>
    public bool WantUndefined { get; init; }
    public string? WantError { get; init; }
    public string? WantErrorCode { get; init; }
    public bool SortBindings { get; init; }

    public override string ToString() => $"{Note} ({Path.GetFileName(File)})";
}
