using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Tests.Support;

/// <summary>A control plane on a free loopback port with one token of each scope, and an HTTP client for it.</summary>
public sealed class ControlPlaneFixture : IAsyncDisposable
{
    public const string OperatorToken = "op-secret";
    public const string NodeToken = "node-n1-secret";
    public const string TenantToken = "tenant-1001-secret";

    private readonly TempDirectory _dir;

    private ControlPlaneFixture(TempDirectory dir, ControlPlaneServer server)
    {
        _dir = dir;
        Server = server;
        Http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ControlPlaneServer Server { get; }
    public HttpClient Http { get; }

    public static async Task<ControlPlaneFixture> StartAsync()
    {
        var dir = new TempDirectory();
        var options = new ControlPlaneOptions
        {
            Address = new IPEndPoint(IPAddress.Loopback, 0),
            DatabasePath = dir.File("cp.db"),
            ArtifactDirectory = dir.File("artifacts"),
            OperatorTokens = new HashSet<string> { OperatorToken },
            NodeTokens = new Dictionary<string, string> { [NodeToken] = "n1" },
            TenantTokens = new Dictionary<string, string> { [TenantToken] = "1001" },
            MaxLongPoll = TimeSpan.FromSeconds(10),
        };
        return new ControlPlaneFixture(dir, await ControlPlaneServer.StartAsync(options));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, JsonNode? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        configure?.Invoke(request);
        return await Http.SendAsync(request);
    }

    /// <summary>Operator call that must succeed; returns the parsed body.</summary>
    public async Task<JsonNode?> OperatorAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var response = await SendAsync(method, path, OperatorToken, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>The seed template and tenants 1001 and 1002, ready to publish.</summary>
    public async Task SeedAsync()
    {
        await OperatorAsync(HttpMethod.Post, "/v1/templates", new JsonObject { ["name"] = "basic-rbac", ["source"] = Seed.Template });
        foreach (var id in new[] { "1001", "1002" })
        {
            await OperatorAsync(HttpMethod.Post, "/v1/tenants", new JsonObject { ["id"] = id, ["template"] = "basic-rbac", ["data"] = JsonNode.Parse(Seed.TenantData) });
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
