using System.Text.Json.Nodes;

namespace Tollgate.Edge.DecisionLogs;

/// <summary>
/// Replaces configured input paths ("attributes/request/http/headers/authorization") with "**masked**"
/// before a decision is logged; a path that is absent is ignored.
/// </summary>
public sealed class InputMask
{
    private readonly string[][] _paths;

    public InputMask(IReadOnlyList<string> paths)
    {
        _paths = new string[paths.Count][];
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i].Trim('/');
            if (path.StartsWith("input/", StringComparison.Ordinal))
            {
                path = path["input/".Length..];
            }
            _paths[i] = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public JsonNode? Apply(JsonNode? input)
    {
        if (input is null)
        {
            return null;
        }
        foreach (var path in _paths)
        {
            if (path.Length == 0)
            {
                return JsonValue.Create("**masked**");
            }
            var node = input;
            for (var i = 0; i < path.Length - 1 && node is not null; i++)
            {
                node = node is JsonObject o ? o[path[i]] : node is JsonArray a && int.TryParse(path[i], out var index) && index >= 0 && index < a.Count ? a[index] : null;
            }
            if (node is JsonObject parent && parent.ContainsKey(path[^1]))
            {
                parent[path[^1]] = "**masked**";
            }
        }
        return input;
    }
}
