using System.Text.Json.Nodes;

namespace Tollgate.Cli.Inputs;

/// <summary>Builds the base data document from data files, mounting each at its path as OPA does.</summary>
internal sealed class DataDocument
{
    public JsonObject Root { get; } = [];

    /// <summary>Merges <paramref name="value"/> at <paramref name="mount"/> (empty = the root).</summary>
    public void Mount(IReadOnlyList<string> mount, JsonNode? value, string source)
    {
        if (mount.Count == 0)
        {
            if (value is not JsonObject obj)
            {
                throw new CliException($"{source}: data at the root must be an object");
            }
            Merge(Root, obj, source);
            return;
        }
        var node = Root;
        for (var i = 0; i < mount.Count - 1; i++)
        {
            if (node[mount[i]] is not JsonObject child)
            {
                if (node.ContainsKey(mount[i])) throw new CliException($"{source}: conflicts with data at {string.Join('/', mount)}");
                child = [];
                node[mount[i]] = child;
            }
            node = child;
        }
        var last = mount[^1];
        if (node[last] is JsonObject existing && value is JsonObject incoming)
        {
            Merge(existing, incoming, source);
        }
        else if (node.ContainsKey(last))
        {
            throw new CliException($"{source}: conflicts with data at {string.Join('/', mount)}");
        }
        else
        {
            node[last] = value?.DeepClone();
        }
    }

    private static void Merge(JsonObject target, JsonObject source, string file)
    {
        foreach (var (key, value) in source)
        {
            if (target[key] is JsonObject t && value is JsonObject s)
            {
                Merge(t, s, file);
            }
            else if (target.ContainsKey(key))
            {
                throw new CliException($"{file}: merge error: key \"{key}\" is defined twice");
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
