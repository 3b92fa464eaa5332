using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Bundles;

/// <summary>The bundle's <c>/.manifest</c>: revision, roots, wasm resolvers, rego_version and free metadata.</summary>
public sealed class BundleManifest
{
    public string Revision { get; init; } = "";

    /// <summary>Data/policy path prefixes the bundle owns; null = not stated (OPA then assumes the whole tree).</summary>
    public IReadOnlyList<string>? Roots { get; init; }

    public IReadOnlyList<WasmResolver> Wasm { get; init; } = [];

    /// <summary>0 = Rego v0 syntax, 1 = v1; null when absent.</summary>
    public int? RegoVersion { get; init; }

    public JsonObject? Metadata { get; init; }

    /// <summary>Parses <c>.manifest</c> JSON; unknown fields are ignored.</summary>
    public static BundleManifest Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new BundleException($".manifest is not valid JSON: {ex.Message}", ex);
        }
        if (root is not JsonObject manifest)
        {
            throw new BundleException(".manifest is not a JSON object");
        }
        try
        {
            return new BundleManifest
            {
                Revision = manifest["revision"]?.GetValue<string>() ?? "",
                Roots = ReadRoots(manifest["roots"]),
                Wasm = ReadWasm(manifest["wasm"]),
                RegoVersion = manifest["rego_version"]?.GetValue<int>(),
                Metadata = manifest["metadata"]?.DeepClone() as JsonObject,
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new BundleException($".manifest has a field of the wrong type: {ex.Message}", ex);
        }
    }

    private static List<string>? ReadRoots(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }
        var roots = new List<string>();
        foreach (var item in node.AsArray())
        {
            roots.Add(item?.GetValue<string>() ?? "");
        }
        return roots;
    }

    private static List<WasmResolver> ReadWasm(JsonNode? node)
    {
        var resolvers = new List<WasmResolver>();
        if (node is null)
        {
            return resolvers;
        }
        foreach (var item in node.AsArray())
        {
            resolvers.Add(new WasmResolver(
                item?["entrypoint"]?.GetValue<string>() ?? "",
                item?["module"]?.GetValue<string>() ?? ""));
        }
        return resolvers;
    }

    /// <summary>Compact JSON with a fixed field order (deterministic bundles).</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("revision", Revision);
            if (Roots is not null)
            {
                writer.WriteStartArray("roots");
                foreach (string root in Roots)
                {
                    writer.WriteStringValue(root);
                }
                writer.WriteEndArray();
            }
            if (Wasm.Count > 0)
            {
                writer.WriteStartArray("wasm");
                foreach (var resolver in Wasm)
                {
                    writer.WriteStartObject();
                    writer.WriteString("entrypoint", resolver.Entrypoint);
                    writer.WriteString("module", resolver.Module);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            if (RegoVersion is { } version)
            {
                writer.WriteNumber("rego_version", version);
            }
            if (Metadata is not null)
            {
                writer.WritePropertyName("metadata");
                Metadata.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
