using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Tests.Support;

/// <summary>
/// The server half of docs/sync-protocol.md, just enough to test the edge: a node index with ETag and
/// long-poll (Prefer: wait=N), content-addressed artifacts and a status sink.
/// </summary>
public sealed class FakeControlPlane : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _artifacts = new();
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JsonArray _tenants = [];
    private int _revision;

    private FakeControlPlane(WebApplication app) => _app = app;

    public string Token { get; } = "secret-node-token";
    public bool LongPoll { get; set; } = true;
    public int IndexRequests;

    /// <summary>Answer POST /v1/nodes/{id}/artifacts (the artifact pack); false answers 404 like an older control plane.</summary>
    public bool ServesPacks { get; set; } = true;

    /// <summary>Corrupts one byte of every artifact in a pack (to test the node's check of each artifact's hash).</summary>
    public bool CorruptPacks { get; set; }

    public int PackRequests;
    public int ArtifactRequests;
    public ConcurrentQueue<string> StatusReports { get; } = new();
    public Uri Uri { get; private set; } = null!;

    public static async Task<FakeControlPlane> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var cp = new FakeControlPlane(app);
        app.MapGet("/v1/nodes/{id}/index", cp.IndexAsync);
        app.MapGet("/artifacts/{sha}", (string sha) =>
        {
            Interlocked.Increment(ref cp.ArtifactRequests);
            return cp._artifacts.TryGetValue(sha, out var bytes) ? Results.Bytes(bytes, "application/gzip") : Results.NotFound();
        });
        app.MapPost("/v1/nodes/{id}/artifacts", cp.PackAsync);
        app.MapPost("/v1/nodes/{id}/status", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            cp.StatusReports.Enqueue(await reader.ReadToEndAsync());
            return Results.NoContent();
        });
        await app.StartAsync();
        cp.Uri = new Uri(app.Urls.First());
        return cp;
    }

    /// <summary>Publishes a new index; <paramref name="shaOverride"/> lies about the hash (to test verification).</summary>
    public string Publish(params (string Tenant, string Revision, byte[] Bundle, string? SmokeJson, string? ShaOverride)[] tenants)
    {
        var list = new JsonArray();
        foreach (var (tenant, revision, bundle, smoke, shaOverride) in tenants)
        {
            var sha = TenantArtifact.HashOf(bundle);
            _artifacts[sha] = bundle;
            var entry = new JsonObject
            {
                ["tenant_id"] = tenant,
                ["revision"] = revision,
                ["sha256"] = shaOverride ?? sha,
                ["url"] = "/artifacts/" + sha,
                ["entrypoint"] = "envoy/authz/allow",
            };
            if (smoke is not null)
            {
                entry["smoke"] = JsonNode.Parse(smoke);
            }
            list.Add(entry);
        }
        lock (_gate)
        {
            _tenants = list;
            _revision++;
            _changed.TrySetResult();
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return Etag();
        }
    }

    private string Etag() => "idx-" + _revision;

    private async Task IndexAsync(HttpContext context)
    {
        Interlocked.Increment(ref IndexRequests);
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            context.Response.StatusCode = 401;
            return;
        }
        Task changed;
        lock (_gate)
        {
            changed = _changed.Task;
        }
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString().Trim('"');
        if (ifNoneMatch == Etag())
        {
            var prefer = context.Request.Headers["Prefer"].ToString();
            if (LongPoll && prefer.StartsWith("wait=", StringComparison.Ordinal) && int.TryParse(prefer[5..], out var wait))
            {
                await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(wait), context.RequestAborted));
            }
            if (ifNoneMatch == Etag())
            {
                context.Response.StatusCode = (int)HttpStatusCode.NotModified;
                return;
            }
        }
        string body;
        lock (_gate)
        {
            body = new JsonObject { ["revision"] = Etag(), ["tenants"] = _tenants.DeepClone() }.ToJsonString();
            context.Response.Headers.ETag = "\"" + Etag() + "\"";
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    // The pack format of docs/sync-protocol.md §2, written independently of the control plane's writer.
    private async Task PackAsync(HttpContext context)
    {
        if (!ServesPacks)
        {
            context.Response.StatusCode = 404;
            return;
        }
        Interlocked.Increment(ref PackRequests);
        var body = await JsonNode.ParseAsync(context.Request.Body);
        context.Response.ContentType = "application/vnd.tollgate.artifact-pack";
        foreach (var item in body!["sha256"]!.AsArray())
        {
            var sha = item!.GetValue<string>();
            if (!_artifacts.TryGetValue(sha, out var bytes))
            {
                await context.Response.WriteAsync(sha + " missing\n");
                continue;
            }
            if (CorruptPacks)
            {
                bytes = (byte[])bytes.Clone();
                bytes[^1] ^= 0xff;
            }
            await context.Response.WriteAsync($"{sha} {bytes.Length}\n");
            await context.Response.Body.WriteAsync(bytes);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
