using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Collections;

/// <summary>
/// json.filter and json.remove: paths are "a/b/0" strings (JSON-pointer escapes ~0 ~1 allowed) or arrays of
/// segments; numeric segments index arrays. Paths are merged into a trie so each value is visited once.
/// </summary>
internal static class JsonPathBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("json.filter", (a, _) => Run(a, "json.filter", remove: false));
        r.Register("json.remove", (a, _) => Run(a, "json.remove", remove: true));
    }

    private sealed class PathTrie
    {
        public bool Terminal;
        public readonly Dictionary<string, PathTrie> Children = new(StringComparer.Ordinal);
    }

    private static JsonNode? Run(ReadOnlySpan<JsonNode?> a, string builtin, bool remove)
    {
        var obj = Args.Object(a, 0, builtin);
        if (a[1] is not JsonArray paths)
        {
            throw Args.OneOf(builtin, 1, "set, array", a[1]);
        }
        var root = new PathTrie();
        foreach (var path in paths)
        {
            var node = root;
            foreach (var segment in Segments(path, builtin))
            {
                if (!node.Children.TryGetValue(segment, out var child))
                {
                    child = new PathTrie();
                    node.Children[segment] = child;
                }
                node = child;
            }
            node.Terminal = true;
        }
        return remove ? Remove(obj, root) : Filter(obj, root) ?? new JsonObject();
    }

    private static List<string> Segments(JsonNode? path, string builtin)
    {
        var segments = new List<string>();
        switch (path)
        {
            case JsonValue v when v.TryGetValue<string>(out var text):
                foreach (var part in text.TrimStart('/').Split('/'))
                {
                    segments.Add(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
                }
                return segments;
            case JsonArray array:
                foreach (var segment in array)
                {
                    segments.Add(ObjectBuiltins.KeyOf(segment));
                }
                return segments;
            default:
                throw new BuiltinException(BuiltinException.TypeError, $"{builtin}: operand 2 must be one of {{set, array}} containing string paths or array of path segments but got {RegoTypes.Name(path)}");
        }
    }

    private static JsonNode? Filter(JsonNode? value, PathTrie trie)
    {
        if (trie.Terminal)
        {
            return RegoNull.Defined(value?.DeepClone());
        }
        switch (value)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var pair in obj)
                {
                    if (trie.Children.TryGetValue(pair.Key, out var child) && Filter(pair.Value, child) is { } kept)
                    {
                        result[pair.Key] = kept;
                    }
                }
                return result;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    if (trie.Children.TryGetValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var child) && Filter(array[i], child) is { } kept)
                    {
                        items.Add(kept);
                    }
                }
                return items;
            default:
                return null;
        }
    }

    private static JsonNode? Remove(JsonNode? value, PathTrie trie)
    {
        switch (value)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var pair in obj)
                {
                    if (!trie.Children.TryGetValue(pair.Key, out var child))
                    {
                        result[pair.Key] = pair.Value?.DeepClone();
                    }
                    else if (!child.Terminal)
                    {
                        result[pair.Key] = Remove(pair.Value, child);
                    }
                }
                return result;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    if (!trie.Children.TryGetValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var child))
                    {
                        items.Add(array[i]?.DeepClone());
                    }
                    else if (!child.Terminal)
                    {
                        items.Add(Remove(array[i], child));
                    }
                }
                return items;
            default:
                return value?.DeepClone();
        }
    }
}
