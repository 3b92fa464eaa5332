using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Collections;

/// <summary>
/// walk and the graph.* builtins. walk is a relation in Rego; the host returns every [path, value] pair
/// (pre-order, object keys sorted) and the module iterates them.
/// </summary>
internal static class WalkBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("walk", Walk);
        r.Register("graph.reachable", Reachable);
        r.Register("graph.reachable_paths", ReachablePaths);
    }

    private static JsonNode? Walk(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var pairs = new JsonArray();
        Visit(a[0], new List<JsonNode?>(), pairs);
        return pairs;
    }

    private static void Visit(JsonNode? value, List<JsonNode?> path, JsonArray pairs)
    {
        var pathArray = new JsonArray();
        foreach (var segment in path)
        {
            pathArray.Add(segment?.DeepClone());
        }
        pairs.Add(new JsonArray(pathArray, RegoNull.Defined(value?.DeepClone())));
        switch (value)
        {
            case JsonObject obj:
                foreach (var key in RegoOrder.SortedKeys(obj))
                {
                    path.Add(JsonValue.Create(key));
                    Visit(obj[key], path, pairs);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    path.Add(RegoNumber.Of(i));
                    Visit(array[i], path, pairs);
                    path.RemoveAt(path.Count - 1);
                }
                break;
        }
    }

    private static JsonArray Initial(ReadOnlySpan<JsonNode?> a, string builtin) =>
        a[1] as JsonArray ?? throw Args.OneOf(builtin, 1, "set, array", a[1]);

    private static JsonNode? Reachable(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var graph = Args.Object(a, 0, "graph.reachable");
        var queue = new Queue<JsonNode?>(RegoSet.Elements(Initial(a, "graph.reachable")));
        var reached = new List<JsonNode?>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            var key = ObjectBuiltins.KeyOf(node);
            if (!graph.TryGetPropertyValue(key, out var edges) || !seen.Add(key))
            {
                continue;
            }
            reached.Add(node);
            if (edges is JsonArray neighbors)
            {
                foreach (var neighbor in neighbors)
                {
                    queue.Enqueue(neighbor);
                }
            }
        }
        return RegoSet.From(reached);
    }

    private static JsonNode? ReachablePaths(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var graph = Args.Object(a, 0, "graph.reachable_paths");
        var paths = new List<JsonNode?>();
        foreach (var start in Initial(a, "graph.reachable_paths"))
        {
            Extend(graph, start, [], paths);
        }
        return RegoSet.From(paths);
    }

    /// <summary>Depth-first: a path ends at a node without edges, at a cycle, or before a node the graph lacks.</summary>
    private static void Extend(JsonObject graph, JsonNode? node, List<JsonNode?> path, List<JsonNode?> paths)
    {
        if (!graph.TryGetPropertyValue(ObjectBuiltins.KeyOf(node), out var edges))
        {
            if (path.Count > 0)
            {
                paths.Add(ToArray(path));
            }
            return;
        }
        path.Add(node);
        var extended = false;
        if (edges is JsonArray neighbors)
        {
            foreach (var neighbor in neighbors)
            {
                extended = true;
                if (Contains(path, neighbor))
                {
                    paths.Add(ToArray(path));
                    continue;
                }
                Extend(graph, neighbor, path, paths);
            }
        }
        if (!extended)
        {
            paths.Add(ToArray(path));
        }
        path.RemoveAt(path.Count - 1);
    }

    private static bool Contains(List<JsonNode?> path, JsonNode? node)
    {
        foreach (var step in path)
        {
            if (RegoOrder.AreEqual(step, node))
            {
                return true;
            }
        }
        return false;
    }

    private static JsonArray ToArray(List<JsonNode?> path)
    {
        var array = new JsonArray();
        foreach (var step in path)
        {
            array.Add(step?.DeepClone());
        }
        return array;
    }
}
