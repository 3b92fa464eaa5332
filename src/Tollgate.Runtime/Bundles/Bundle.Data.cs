using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Bundles;

public sealed partial class Bundle
{
    /// <summary>
    /// The bundle's data document: every <c>data.json</c> / <c>data.yaml</c> mounted at its directory path
    /// (<c>/x/y/data.json</c> becomes <c>data.x.y</c>) and merged. Two files defining the same non-object
    /// value is an error, as in OPA.
    /// </summary>
    public byte[] MergedDataJson()
    {
        var root = new JsonObject();
        foreach (var (name, content) in _files)
        {
            string file = name[(name.LastIndexOf('/') + 1)..];
            if (file is not ("data.json" or "data.yaml" or "data.yml"))
            {
                continue;
            }
            JsonNode? value = file == "data.json" ? ParseJson(name, content) : YamlData.ToJson(name, content);
            string directory = name[..name.LastIndexOf('/')];
            Mount(root, directory.Split('/', StringSplitOptions.RemoveEmptyEntries), value, name);
        }
        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    private static JsonNode? ParseJson(string name, byte[] content)
    {
        try
        {
            return JsonNode.Parse(content);
        }
        catch (JsonException ex)
        {
            throw new BundleException($"{name} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static void Mount(JsonObject root, string[] path, JsonNode? value, string source)
    {
        var target = root;
        foreach (string segment in path)
        {
            if (target[segment] is JsonObject child)
            {
                target = child;
                continue;
            }
            if (target.ContainsKey(segment))
            {
                throw new BundleException($"{source} conflicts with a non-object value at {segment}");
            }
            child = new JsonObject();
            target[segment] = child;
            target = child;
        }
        if (path.Length == 0 && value is not JsonObject)
        {
            throw new BundleException($"{source} at the bundle root must be an object");
        }
        if (value is JsonObject obj)
        {
            Merge(target, obj, source);
        }
        else
        {
            // A non-object document at a directory: the directory itself becomes that value.
            var parent = root;
            for (int i = 0; i < path.Length - 1; i++)
            {
                parent = (JsonObject)parent[path[i]]!;
            }
            if (target.Count > 0)
            {
                throw new BundleException($"{source} conflicts with other data under the same path");
            }
            parent[path[^1]] = value?.DeepClone();
        }
    }

    private static void Merge(JsonObject target, JsonObject source, string sourceName)
    {
        foreach (var (key, value) in source)
        {
            if (target[key] is JsonObject existing && value is JsonObject incoming)
            {
                Merge(existing, incoming, sourceName);
            }
            else if (target.ContainsKey(key))
            {
                throw new BundleException($"{sourceName} redefines data key {key}");
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
