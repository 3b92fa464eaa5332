using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Builtins.Library.Values;

/// <summary>Rego's type names and kind tests for JSON-dumped arguments (sets arrive as arrays).</summary>
internal static class RegoTypes
{
    public static JsonValueKind Kind(JsonNode? node) => node is null ? JsonValueKind.Null : node.GetValueKind();

    /// <summary>The name OPA uses in type errors and type_name ("set" cannot be told apart from "array" here).</summary>
    public static string Name(JsonNode? node) => Kind(node) switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    public static bool IsString(JsonNode? node) => Kind(node) == JsonValueKind.String;

    public static bool IsNumber(JsonNode? node) => Kind(node) == JsonValueKind.Number;

    public static bool IsBoolean(JsonNode? node) => Kind(node) is JsonValueKind.True or JsonValueKind.False;
}
