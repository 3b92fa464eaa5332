using System.Net;
using System.Text;
using System.Text.Json;
using Grpc.Net.Client;
using Tollgate.Edge.ExtAuthz.Wire;
using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;
using Tollgate.Runtime;

namespace Tollgate.Edge.Tests.Integration;

/// <summary>
/// The whole path with real modules: Rego compiled by Tollgate.Compiler, bundled, loaded by the Wasmtime
/// host through <see cref="WasmPolicyLoader"/>, verified, and asked over gRPC, HTTP and the data API.
/// These depend on the compiler and runtime working end to end.
/// </summary>
public sealed class RealModuleTests : IAsyncLifetime
{
    public const string EnvoyPolicy = """
        package envoy.authz

        import rego.v1

        default allow := false

        allow if input.parsed_path[0] == "public"

        allow if {
            input.attributes.request.http.method == "GET"
            data.users[input.attributes.request.http.headers["x-user"]].role == "admin"
        }
        """;

    public const string ObjectPolicy = """
        package envoy.authz

        import rego.v1

        default allow := {"allowed": false, "http_status": 401, "body": "login required", "headers": {"www-authenticate": "Bearer"}}

        allow := {"allowed": true, "headers": {"x-user": input.attributes.request.http.headers["x-user"]}} if {
            input.attributes.request.http.headers["x-user"] in data.members
        }
        """;

    private readonly PolicyEngine _engine = new();
    private EdgeServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await EdgeServer.StartAsync(EdgeTestServer.Options(), new WasmPolicyLoader(_engine));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _engine.Dispose();
    }

    private static TenantArtifact Artifact(string tenant, string revision, byte[] bundle, string smokeJson) => new()
    {
        TenantId = tenant,
        Revision = revision,
        Bundle = bundle,
        BundleSha256 = TenantArtifact.HashOf(bundle),
        Smoke = SmokeCase.ParseList(Encoding.UTF8.GetBytes(smokeJson)),
    };

    private static CheckRequest Check(string tenant, string method, string path, string? user = null)
    {
        var http = new AttributeContext.Types.HttpRequest { Method = method, Path = path, Host = "svc" };
        if (user is not null)
        {
            http.Headers.Add("x-user", user);
        }
        var attributes = new AttributeContext { Request = new AttributeContext.Types.Request { Http = http } };
        attributes.ContextExtensions.Add("tenant_id", tenant);
        return new CheckRequest { Attributes = attributes };
    }

    [Fact]
    public async Task Compiled_policy_answers_ext_authz_over_grpc_and_http()
    {
        var bundle = RegoBundles.Build(EnvoyPolicy, """{"users":{"ann":{"role":"admin"},"bob":{"role":"viewer"}}}""", "r1", "envoy/authz/allow");
        var outcome = _server.Activator.Activate(Artifact("acme", "r1", bundle, """
            [{"input":{"parsed_path":["public"]},"expect":true},
             {"input":{"parsed_path":["private"],"attributes":{"request":{"http":{"method":"GET","headers":{"x-user":"bob"}}}}},"expect":false}]
            """));
        Assert.True(outcome.Activated, outcome.Error);

        using var channel = GrpcChannel.ForAddress(_server.GrpcUri!);
        var client = new Tollgate.Edge.ExtAuthz.Wire.Authorization.AuthorizationClient(channel);
        Assert.Equal(0, (await client.CheckAsync(Check("acme", "GET", "/public/x"))).Status.Code);
        Assert.Equal(0, (await client.CheckAsync(Check("acme", "GET", "/private", "ann"))).Status.Code);
        Assert.Equal(7, (await client.CheckAsync(Check("acme", "GET", "/private", "bob"))).Status.Code);
        Assert.Equal(7, (await client.CheckAsync(Check("acme", "POST", "/private", "ann"))).Status.Code);

        using var http = _server.HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/check/private");
        request.Headers.Add("x-tenant-id", "acme");
        request.Headers.Add("x-user", "ann");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Object_decisions_carry_status_headers_and_body()
    {
        var bundle = RegoBundles.Build(ObjectPolicy, """{"members":["ann"]}""", "r1", "envoy/authz/allow");
        var outcome = _server.Activator.Activate(Artifact("globex", "r1", bundle, """[{"input":{"attributes":{"request":{"http":{"headers":{"x-user":"ann"}}}}},"expect":true}]"""));
        Assert.True(outcome.Activated, outcome.Error);
        using var channel = GrpcChannel.ForAddress(_server.GrpcUri!);
        var client = new Tollgate.Edge.ExtAuthz.Wire.Authorization.AuthorizationClient(channel);
        var denied = await client.CheckAsync(Check("globex", "GET", "/x", "eve"));
        Assert.Equal(401, (int)denied.DeniedResponse.Status.Code);
        Assert.Equal("login required", denied.DeniedResponse.Body);
        Assert.Contains(denied.DeniedResponse.Headers, h => h.Header.Key == "www-authenticate");
        var allowed = await client.CheckAsync(Check("globex", "GET", "/x", "ann"));
        Assert.Contains(allowed.OkResponse.Headers, h => h.Header.Key == "x-user" && h.Header.Value == "ann");
    }

    [Fact]
    public async Task Seed_rbac_template_answers_through_the_data_api()
    {
        var template = File.ReadAllText(SeedPath("templates/basic-rbac.rego")).Replace("{{TENANT_ID}}", "1001", StringComparison.Ordinal);
        var data = File.ReadAllText(SeedPath("tenants/1001/data.json"));
        var bundle = RegoBundles.Build(template, data, "seed-1", "tenant/authz/allow", "tenant/authz/decision");
        var outcome = _server.Activator.Activate(Artifact("1001", "seed-1", bundle, """
            [{"entrypoint":"tenant/authz/allow","input":{"tenant_id":"1001","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u2"}},"expect":true},
             {"entrypoint":"tenant/authz/allow","input":{"tenant_id":"1001","user":{"id":"u1","role":"viewer"},"action":"write","resource":{"type":"doc","owner":"u2"}},"expect":false}]
            """) with { Entrypoint = "tenant/authz/allow" });
        Assert.True(outcome.Activated, outcome.Error);

        using var http = _server.HttpClient();
        async Task<bool?> AllowAsync(string input)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/data/tenant/authz/allow") { Content = new StringContent("{\"input\":" + input + "}") };
            request.Headers.Add("x-tenant-id", "1001");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return doc.RootElement.TryGetProperty("result", out var result) ? result.GetBoolean() : null;
        }
        Assert.True(await AllowAsync("""{"tenant_id":"1001","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u2"}}"""));
        Assert.False(await AllowAsync("""{"tenant_id":"1001","user":{"id":"u1","role":"viewer"},"action":"write","resource":{"type":"doc","owner":"u2"}}"""));
        Assert.True(await AllowAsync("""{"tenant_id":"1001","user":{"id":"u1","role":"viewer"},"action":"read","resource":{"type":"doc","owner":"u1"}}"""));
        Assert.False(await AllowAsync("""{"tenant_id":"1002","user":{"id":"u1","role":"admin"},"action":"read","resource":{"type":"doc","owner":"u1"}}"""));
    }

    [Fact]
    public void Tenants_of_one_template_share_one_compiled_module()
    {
        var bundleA = RegoBundles.Build(EnvoyPolicy, """{"users":{"ann":{"role":"admin"}}}""", "a", "envoy/authz/allow");
        var bundleB = RegoBundles.Build(EnvoyPolicy, """{"users":{"bob":{"role":"admin"}}}""", "b", "envoy/authz/allow");
        var before = _engine.CachedModuleCount;
        Assert.True(_server.Activator.Activate(Artifact("ta", "1", bundleA, "[]")).Activated);
        Assert.True(_server.Activator.Activate(Artifact("tb", "1", bundleB, "[]")).Activated);
        Assert.Equal(_server.Registry.Peek("ta")!.ModuleSha256, _server.Registry.Peek("tb")!.ModuleSha256);
        Assert.True(_engine.CachedModuleCount <= before + 1);
    }

    [Fact]
    public void Garbage_bundles_are_rejected_and_reported()
    {
        var outcome = _server.Activator.Activate(Artifact("junk", "1", [1, 2, 3, 4], "[]"));
        Assert.False(outcome.Succeeded);
        Assert.StartsWith("load failed:", outcome.Error);
        Assert.Equal(TenantState.Failed, _server.Registry.Status("junk")!.State);
    }

    internal static string SeedPath(string relative)
    {
        // shared/ sits beside the checkout in CI and on developer machines.
        foreach (var root in new[] { "/work/shared/seed", Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/seed") })
        {
            var path = Path.Combine(root, relative);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException("the seed files (shared/seed) are missing: " + relative);
    }
}
