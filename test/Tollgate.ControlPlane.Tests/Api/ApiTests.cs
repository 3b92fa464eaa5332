using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Tollgate.ControlPlane.Tests.Support;

namespace Tollgate.ControlPlane.Tests.Api;

public sealed class ApiTests : IAsyncLifetime
{
    private ControlPlaneFixture _cp = null!;

    public async Task InitializeAsync()
    {
        _cp = await ControlPlaneFixture.StartAsync();
        await _cp.SeedAsync();
    }

    public async Task DisposeAsync() => await _cp.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Missing_or_unknown_token_is_401(string? token)
    {
        using var tenants = await _cp.SendAsync(HttpMethod.Get, "/v1/tenants", token);
        Assert.Equal(HttpStatusCode.Unauthorized, tenants.StatusCode);
        using var index = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", token);
        Assert.Equal(HttpStatusCode.Unauthorized, index.StatusCode);
    }

    [Theory]
    [InlineData(ControlPlaneFixture.NodeToken)]
    [InlineData(ControlPlaneFixture.TenantToken)]
    public async Task Node_and_tenant_tokens_are_403_on_operator_routes(string token)
    {
        using var list = await _cp.SendAsync(HttpMethod.Get, "/v1/tenants", token);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using var publish = await _cp.SendAsync(HttpMethod.Post, "/v1/publish", token, new JsonObject { ["all"] = true });
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        using var put = await _cp.SendAsync(HttpMethod.Post, "/v1/tenants", token, new JsonObject { ["id"] = "evil", ["template"] = "basic-rbac" });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        using var status = await _cp.SendAsync(HttpMethod.Get, "/v1/status", token);
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        // Nothing was published or created by the refused calls.
        Assert.Equal(2, (await _cp.OperatorAsync(HttpMethod.Get, "/v1/tenants"))!.AsArray().Count);
        Assert.Empty(_cp.Server.Services.Store.GlobalAssignments());
    }

    [Fact]
    public async Task Tenant_token_reads_only_its_own_tenant()
    {
        using var own = await _cp.SendAsync(HttpMethod.Get, "/v1/tenants/1001", ControlPlaneFixture.TenantToken);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var body = JsonNode.Parse(await own.Content.ReadAsStringAsync())!;
        Assert.Equal("1001", body["id"]!.GetValue<string>());
        Assert.NotNull(body["data"]);

        using var other = await _cp.SendAsync(HttpMethod.Get, "/v1/tenants/1002", ControlPlaneFixture.TenantToken);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.DoesNotContain("tenant_roles", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nor another tenant's artifacts or a node's index.
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["all"] = true });
        var sha = _cp.Server.Services.Store.ListRevisions("1002")[0].Sha256;
        using var artifact = await _cp.SendAsync(HttpMethod.Get, "/v1/artifacts/" + sha, ControlPlaneFixture.TenantToken);
        Assert.Equal(HttpStatusCode.Forbidden, artifact.StatusCode);
        using var index = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", ControlPlaneFixture.TenantToken);
        Assert.Equal(HttpStatusCode.Forbidden, index.StatusCode);
    }

    [Fact]
    public async Task Node_token_reads_only_its_own_index()
    {
        using var own = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", ControlPlaneFixture.NodeToken);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var other = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n2/index", ControlPlaneFixture.NodeToken);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Published_artifact_is_served_and_matches_its_sha256()
    {
        var published = await _cp.OperatorAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["tenants"] = new JsonArray("1001") });
        var rev = Assert.Single(published!["revisions"]!.AsArray())!;
        using var index = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", ControlPlaneFixture.NodeToken);
        var entry = Assert.Single(JsonNode.Parse(await index.Content.ReadAsStringAsync())!["tenants"]!.AsArray())!;
        Assert.Equal(rev["sha256"]!.GetValue<string>(), entry["sha256"]!.GetValue<string>());
        using var artifact = await _cp.SendAsync(HttpMethod.Get, entry["url"]!.GetValue<string>(), ControlPlaneFixture.NodeToken);
        var bytes = await artifact.Content.ReadAsByteArrayAsync();
        Assert.Equal(entry["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task Artifact_pack_serves_many_artifacts_in_request_order_and_names_missing_ones()
    {
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["all"] = true });
        using var index = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", ControlPlaneFixture.NodeToken);
        var hashes = JsonNode.Parse(await index.Content.ReadAsStringAsync())!["tenants"]!.AsArray().Select(t => t!["sha256"]!.GetValue<string>()).Distinct().ToList();
        Assert.True(hashes.Count >= 2, "the seed has at least two tenants");
        var unknown = new string('a', 64);
        var asked = new JsonArray([.. hashes.Select(h => JsonValue.Create(h)), JsonValue.Create(unknown)]);
        using var response = await _cp.SendAsync(HttpMethod.Post, "/v1/nodes/n1/artifacts", ControlPlaneFixture.NodeToken, new JsonObject { ["sha256"] = asked });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.tollgate.artifact-pack", response.Content.Headers.ContentType?.MediaType);
        var pack = await response.Content.ReadAsByteArrayAsync();
        var at = 0;
        foreach (var sha in hashes)
        {
            var line = ReadLine(pack, ref at);
            var parts = line.Split(' ');
            Assert.Equal(sha, parts[0]);
            var length = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(sha, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pack.AsSpan(at, length))));
            at += length;
        }
        Assert.Equal(unknown + " missing", ReadLine(pack, ref at));
        Assert.Equal(pack.Length, at);

        // Only this node's token (or an operator's), well-formed hashes, and a bounded number per request.
        using var otherNode = await _cp.SendAsync(HttpMethod.Post, "/v1/nodes/n2/artifacts", ControlPlaneFixture.NodeToken, new JsonObject { ["sha256"] = new JsonArray(hashes[0]) });
        Assert.Equal(HttpStatusCode.Forbidden, otherNode.StatusCode);
        using var tenant = await _cp.SendAsync(HttpMethod.Post, "/v1/nodes/n1/artifacts", ControlPlaneFixture.TenantToken, new JsonObject { ["sha256"] = new JsonArray(hashes[0]) });
        Assert.Equal(HttpStatusCode.Forbidden, tenant.StatusCode);
        using var malformed = await _cp.SendAsync(HttpMethod.Post, "/v1/nodes/n1/artifacts", ControlPlaneFixture.NodeToken, new JsonObject { ["sha256"] = new JsonArray("../etc/passwd") });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("not a sha256", await malformed.Content.ReadAsStringAsync());
        var tooMany = new JsonArray([.. Enumerable.Repeat(unknown, 1001).Select(h => JsonValue.Create(h))]);
        using var big = await _cp.SendAsync(HttpMethod.Post, "/v1/nodes/n1/artifacts", ControlPlaneFixture.NodeToken, new JsonObject { ["sha256"] = tooMany });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
    }

    [Fact]
    public async Task Node_index_follows_every_change_even_when_built_indexes_are_reused()
    {
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["all"] = true });
        async Task<(string ETag, int Tenants)> IndexAsync()
        {
            using var response = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", ControlPlaneFixture.NodeToken);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(response.Headers.ETag!.Tag.Trim('"'), body["revision"]!.GetValue<string>());
            return (body["revision"]!.GetValue<string>(), body["tenants"]!.AsArray().Count);
        }
        var first = await IndexAsync();
        Assert.Equal(first, await IndexAsync()); // nothing changed: the same index
        Assert.Equal(2, first.Tenants);

        // Suspending through a tenant update (not the suspend route) still leaves the index at once.
        var tenant = await _cp.OperatorAsync(HttpMethod.Get, "/v1/tenants/1002");
        var update = JsonNode.Parse(tenant!.ToJsonString())!.AsObject();
        update["status"] = "suspended";
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/tenants", update);
        var suspended = await IndexAsync();
        Assert.Equal(1, suspended.Tenants);
        Assert.NotEqual(first.ETag, suspended.ETag);

        await _cp.OperatorAsync(HttpMethod.Post, "/v1/tenants/1002/resume");
        Assert.Equal(first, await IndexAsync());
    }

    private static string ReadLine(byte[] bytes, ref int at)
    {
        var end = Array.IndexOf(bytes, (byte)'\n', at);
        Assert.True(end >= 0, "a header line ends with a newline");
        var line = System.Text.Encoding.ASCII.GetString(bytes, at, end - at);
        at = end + 1;
        return line;
    }

    [Fact]
    public async Task Long_poll_answers_304_after_the_wait_when_unchanged()
    {
        var etag = await CurrentETagAsync();
        var sw = Stopwatch.StartNew();
        using var response = await PollAsync(etag, waitSeconds: 1);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Long_poll_answers_200_promptly_after_a_publish()
    {
        var etag = await CurrentETagAsync();
        var poll = PollAsync(etag, waitSeconds: 10);
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);
        var sw = Stopwatch.StartNew();
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["all"] = true });
        var published = sw.Elapsed;
        using var response = await poll;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(sw.Elapsed - published < TimeSpan.FromSeconds(2), $"poll answered {(sw.Elapsed - published).TotalMilliseconds} ms after the publish");
        Assert.NotEqual(etag, response.Headers.ETag!.Tag.Trim('"'));
        Assert.Equal(2, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tenants"]!.AsArray().Count);
    }

    [Fact]
    public async Task Rollback_and_suspend_change_the_index()
    {
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["all"] = true });
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["tenants"] = new JsonArray("1001") });
        Assert.Equal(2, (await _cp.OperatorAsync(HttpMethod.Get, "/v1/tenants/1001"))!["revision"]!.GetValue<int>());
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/tenants/1001/rollback", new JsonObject { ["to"] = 1 });
        Assert.Equal(1, (await _cp.OperatorAsync(HttpMethod.Get, "/v1/tenants/1001"))!["revision"]!.GetValue<int>());
        using var missing = await _cp.SendAsync(HttpMethod.Post, "/v1/tenants/1001/rollback", ControlPlaneFixture.OperatorToken, new JsonObject { ["to"] = 9 });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await _cp.OperatorAsync(HttpMethod.Post, "/v1/tenants/1002/suspend");
        using var index = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", ControlPlaneFixture.NodeToken);
        var entry = Assert.Single(JsonNode.Parse(await index.Content.ReadAsStringAsync())!["tenants"]!.AsArray())!;
        Assert.Equal("1001", entry["tenant_id"]!.GetValue<string>());
        Assert.Equal("1", entry["revision"]!.GetValue<string>());

        var audit = (await _cp.OperatorAsync(HttpMethod.Get, "/v1/audit"))!.AsArray();
        Assert.Contains(audit, a => a!["action"]!.GetValue<string>() == "rollback" && a["actor"]!.GetValue<string>() == "operator:operator");
    }

    [Fact]
    public async Task Publish_reports_build_failures_with_diagnostics()
    {
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/templates", new JsonObject { ["name"] = "broken", ["source"] = "package tenant.authz\nimport rego.v1\nallow if { input.x == nope }\n" });
        await _cp.OperatorAsync(HttpMethod.Post, "/v1/tenants", new JsonObject { ["id"] = "bad", ["template"] = "broken" });
        using var response = await _cp.SendAsync(HttpMethod.Post, "/v1/publish", ControlPlaneFixture.OperatorToken, new JsonObject { ["tenants"] = new JsonArray("bad") });
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var failure = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["failures"]!.AsArray())!;
        Assert.Contains("nope", failure["diagnostics"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<string> CurrentETagAsync()
    {
        using var response = await _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", ControlPlaneFixture.NodeToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag.Trim('"');
    }

    private Task<HttpResponseMessage> PollAsync(string etag, int waitSeconds) =>
        _cp.SendAsync(HttpMethod.Get, "/v1/nodes/n1/index", ControlPlaneFixture.NodeToken, configure: r =>
        {
            r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{etag}\""));
            r.Headers.Add("Prefer", $"wait={waitSeconds}");
        });
}
