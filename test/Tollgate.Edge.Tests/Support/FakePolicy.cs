using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Tests.Support;

/// <summary>
/// A policy driven by a small JSON spec, standing in for a wasm module so routing, swapping and APIs are
/// tested without the compiler. Spec: {"revision": "A", "allow_paths": ["/a"], "shape": "bool"|"object",
/// "deny_status": 401, "deny_body": "...", "headers": {"x-k": "v"}, "throw": "message", "result_json": "..."}.
/// The decision is allowed when the request path (without query) is in allow_paths.
/// </summary>
public sealed class FakePolicy(JsonObject spec, string sha) : ITenantPolicy
{
    private int _disposed;

    public string ModuleSha256 { get; } = sha;
    public bool IsDisposed => Volatile.Read(ref _disposed) == 1;
    public string Revision => (string?)spec["revision"] ?? "?";

    public bool HasEntrypoint(string entrypoint) => entrypoint is "envoy/authz/allow" or "custom/decision" or "echo";

    public void Evaluate(string entrypoint, ReadOnlySpan<byte> inputJson, IBufferWriter<byte> output)
    {
        if (IsDisposed)
        {
            throw new InvalidOperationException("evaluated a disposed policy");
        }
        if (spec["throw"] is { } message)
        {
            throw new InvalidOperationException((string?)message);
        }
        if (spec["result_json"] is { } raw)
        {
            Write(output, (string)raw!);
            return;
        }
        var input = JsonNode.Parse(inputJson.ToArray());
        if (entrypoint == "echo")
        {
            Write(output, new JsonArray(new JsonObject { ["result"] = new JsonObject { ["input"] = input, ["revision"] = Revision } }).ToJsonString());
            return;
        }
        var path = (string?)input?["attributes"]?["request"]?["http"]?["path"] ?? (string?)input?["path"] ?? "";
        var q = path.IndexOf('?');
        if (q >= 0)
        {
            path = path[..q];
        }
        var allowed = false;
        foreach (var allow in spec["allow_paths"]?.AsArray() ?? [])
        {
            allowed |= (string?)allow == path;
        }
        if ((string?)spec["shape"] == "object")
        {
            var result = new JsonObject { ["allowed"] = allowed, ["headers"] = new JsonObject { ["x-revision"] = Revision } };
            if (spec["headers"] is JsonObject extra)
            {
                foreach (var pair in extra)
                {
                    ((JsonObject)result["headers"]!)[pair.Key] = pair.Value?.DeepClone();
                }
            }
            if (!allowed && spec["deny_status"] is { } status)
            {
                result["http_status"] = status.DeepClone();
            }
            if (!allowed && spec["deny_body"] is { } body)
            {
                result["body"] = body.DeepClone();
            }
            if (allowed)
            {
                result["response_headers_to_add"] = new JsonObject { ["x-served-by"] = "tollgate" };
                result["request_headers_to_remove"] = new JsonArray("x-secret");
                result["dynamic_metadata"] = new JsonObject { ["revision"] = Revision };
            }
            Write(output, new JsonArray(new JsonObject { ["result"] = result }).ToJsonString());
            return;
        }
        Write(output, allowed ? """[{"result":true}]""" : """[{"result":false}]""");
    }

    private static void Write(IBufferWriter<byte> output, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        output.Write(bytes);
    }

    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);
}

/// <summary>Reads an artifact's bundle bytes as a <see cref="FakePolicy"/> spec ("load failure" when it says so).</summary>
public sealed class FakeLoader : IPolicyLoader
{
    private int _loads;

    public int Loads => Volatile.Read(ref _loads);

    /// <summary>Every policy this loader built, to check that replaced revisions are released.</summary>
    public ConcurrentBag<FakePolicy> Policies { get; } = [];

    public ITenantPolicy Load(TenantArtifact artifact)
    {
        Interlocked.Increment(ref _loads);
        JsonObject spec;
        try
        {
            spec = JsonNode.Parse(artifact.Bundle)!.AsObject();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("not a bundle: " + e.Message);
        }
        if ((bool?)spec["fail_load"] == true)
        {
            throw new InvalidDataException("module rejected by the fake loader");
        }
        var policy = new FakePolicy(spec, artifact.BundleSha256);
        Policies.Add(policy);
        return policy;
    }

    public static byte[] BoolSpec(string revision, params string[] allowPaths) => Spec(revision, "bool", allowPaths);

    public static byte[] Spec(string revision, string shape, params string[] allowPaths) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["revision"] = revision,
            ["shape"] = shape,
            ["allow_paths"] = new JsonArray([.. allowPaths.Select(p => (JsonNode)p)]),
        }.ToJsonString());

    public static TenantArtifact Artifact(string tenant, string revision, byte[] bundle, IReadOnlyList<SmokeCase>? smoke = null, string? entrypoint = null, bool? failOpen = null) => new()
    {
        TenantId = tenant,
        Revision = revision,
        Bundle = bundle,
        BundleSha256 = TenantArtifact.HashOf(bundle),
        Smoke = smoke ?? [],
        Entrypoint = entrypoint,
        FailOpen = failOpen,
    };

    /// <summary>A smoke case asking that a GET of <paramref name="path"/> is (not) allowed.</summary>
    public static SmokeCase PathSmoke(string path, bool allowed) =>
        new(null, """{"attributes":{"request":{"http":{"method":"GET","path":""" + JsonSerializer.Serialize(path) + "}}}}", allowed ? "true" : "false", false);
}
