using System.Globalization;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Collections;

/// <summary>json.patch: RFC 6902 (add, remove, replace, move, copy, test); paths as JSON pointers or segment arrays.</summary>
internal static class JsonPatch
{
    private const string Name = "json.patch";

    public static void Register(BuiltinRegistry r) => r.Register(Name, Apply);

    private static JsonNode? Apply(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var document = a[0]?.DeepClone();
        var patches = Args.Array(a, 1, Name);
        foreach (var patch in patches)
        {
            if (patch is not JsonObject op || op["op"] is not JsonValue opValue || !opValue.TryGetValue<string>(out var kind))
            {
                throw Args.Error(Name, "patch must be an object with an \"op\"");
            }
            var path = Pointer(op["path"]);
            switch (kind)
            {
                case "add":
                    RequireValue(op);
                    document = Add(document, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    document = Remove(document, path, out JsonNode? _);
                    break;
                case "replace":
                    RequireValue(op);
                    document = Remove(document, path, out JsonNode? _);
                    document = Add(document, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    var from = Pointer(op["from"]);
                    if (IsPrefix(from, path) && from.Count < path.Count)
                    {
                        throw Args.Error(Name, "cannot move a value into one of its children");
                    }
                    document = Remove(document, from, out var moved);
                    document = Add(document, path, moved);
                    break;
                case "copy":
                    var source = Get(document, Pointer(op["from"]));
                    document = Add(document, path, source?.DeepClone());
                    break;
                case "test":
                    RequireValue(op);
                    if (!RegoOrder.AreEqual(Get(document, path), op["value"]))
                    {
                        throw Args.Error(Name, "test operation failed");
                    }
                    break;
                default:
                    throw Args.Error(Name, $"unknown op {RegoText.Quote(kind)}");
            }
        }
        return RegoNull.Defined(document);
    }

    private static void RequireValue(JsonObject op)
    {
        if (!op.ContainsKey("value"))
        {
            throw Args.Error(Name, "missing value");
        }
    }

    private static bool IsPrefix(List<string> prefix, List<string> path)
    {
        if (prefix.Count > path.Count)
        {
            return false;
        }
        for (var i = 0; i < prefix.Count; i++)
        {
            if (prefix[i] != path[i])
            {
                return false;
            }
        }
        return true;
    }

    private static List<string> Pointer(JsonNode? path)
    {
        var segments = new List<string>();
        switch (path)
        {
            case JsonValue v when v.TryGetValue<string>(out var text):
                if (text.Length == 0)
                {
                    return segments;
                }
                if (text[0] != '/')
                {
                    throw Args.Error(Name, $"invalid JSON pointer {RegoText.Quote(text)}");
                }
                foreach (var part in text[1..].Split('/'))
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
                throw Args.Error(Name, "path must be a string or an array");
        }
    }

    private static JsonNode? Get(JsonNode? document, List<string> path)
    {
        var current = document;
        foreach (var segment in path)
        {
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when Index(segment, array.Count, allowEnd: false) is var i and >= 0 => array[i],
                _ => throw Args.Error(Name, $"path {RegoText.Quote("/" + string.Join('/', path))} does not exist"),
            };
        }
        return current;
    }

    private static int Index(string segment, int count, bool allowEnd)
    {
        if (allowEnd && segment == "-")
        {
            return count;
        }
        if (segment.Length == 0 || (segment.Length > 1 && segment[0] == '0') || !int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return -1;
        }
        return index <= (allowEnd ? count : count - 1) ? index : -1;
    }

    private static JsonNode? Add(JsonNode? document, List<string> path, JsonNode? value)
    {
        if (path.Count == 0)
        {
            return value;
        }
        var parent = Get(document, path[..^1]);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array:
                var index = Index(last, array.Count, allowEnd: true);
                if (index < 0)
                {
                    throw Args.Error(Name, $"invalid array index {RegoText.Quote(last)}");
                }
                array.Insert(index, value);
                break;
            default:
                throw Args.Error(Name, "cannot add to a scalar");
        }
        return document;
    }

    private static JsonNode? Remove(JsonNode? document, List<string> path, out JsonNode? removed)
    {
        if (path.Count == 0)
        {
            removed = document;
            return null;
        }
        var parent = Get(document, path[..^1]);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(last, out var child):
                obj.Remove(last);
                removed = child;
                break;
            case JsonArray array when Index(last, array.Count, allowEnd: false) is var index and >= 0:
                removed = array[index];
                array.RemoveAt(index);
                break;
            default:
                throw Args.Error(Name, $"path {RegoText.Quote("/" + string.Join('/', path))} does not exist");
        }
        return document;
    }
}
