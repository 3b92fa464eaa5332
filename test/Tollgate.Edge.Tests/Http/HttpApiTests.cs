using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.Http;

public sealed class HttpApiTests : IAsyncLifetime
{
    private EdgeServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await EdgeTestServer.StartAsync();
        _server.Activate("acme", "r1", FakeLoader.Spec("r1", "object", "/public"));
        _http = _server.HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Envoy_http_service_style_check_strips_the_prefix()
    {
        using var allow = new HttpRequestMessage(HttpMethod.Get, "/check/public?q=1");
        allow.Headers.Add("x-tenant-id", "acme");
        using var allowed = await _http.SendAsync(allow);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("r1", allowed.Headers.GetValues("x-revision").Single());

        using var deny = new HttpRequestMessage(HttpMethod.Get, "/check/private");
        deny.Headers.Add("x-tenant-id", "acme");
        using var denied = await _http.SendAsync(deny);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Nginx_auth_request_style_check_uses_the_original_uri_and_method()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/check");
        request.Headers.Add("x-tenant-id", "acme");
        request.Headers.Add("X-Original-URI", "/public?from=nginx");
        request.Headers.Add("X-Original-Method", "POST");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Policy_status_and_body_are_returned_on_deny()
    {
        var spec = System.Text.Json.Nodes.JsonNode.Parse(FakeLoader.Spec("r2", "object", "/public"))!.AsObject();
        spec["deny_status"] = 429;
        spec["deny_body"] = "slow down";
        _server.Activate("throttled", "r2", Encoding.UTF8.GetBytes(spec.ToJsonString()));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/check/busy");
        request.Headers.Add("x-tenant-id", "throttled");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("slow down", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_tenant_is_403_with_the_reason()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/check/public");
        request.Headers.Add("x-tenant-id", "nobody");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("unknown tenant 'nobody'", await response.Content.ReadAsStringAsync());
        Assert.Equal("unknown tenant 'nobody'", response.Headers.GetValues("x-tollgate-reason").Single());
    }

    [Fact]
    public async Task Data_api_is_opa_compatible()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/data/echo") { Content = new StringContent("""{"input":{"user":"alice"}}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-tenant-id", "acme");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("alice", doc.RootElement.GetProperty("result").GetProperty("input").GetProperty("user").GetString());

        using var decision = new HttpRequestMessage(HttpMethod.Post, "/v1/data/envoy/authz/allow") { Content = new StringContent("""{"input":{"path":"/public"}}""") };
        decision.Headers.Add("x-tenant-id", "acme");
        using var decided = await _http.SendAsync(decision);
        using var result = JsonDocument.Parse(await decided.Content.ReadAsStringAsync());
        Assert.True(result.RootElement.GetProperty("result").GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Data_api_reports_errors_in_opa_shape()
    {
        using var noTenant = await _http.PostAsync("/v1/data/echo", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, noTenant.StatusCode);

        using var missing = new HttpRequestMessage(HttpMethod.Post, "/v1/data/no/such/rule") { Content = new StringContent("{}") };
        missing.Headers.Add("x-tenant-id", "acme");
        using var notFound = await _http.SendAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        using var body = JsonDocument.Parse(await notFound.Content.ReadAsStringAsync());
        Assert.Equal("resource_not_found", body.RootElement.GetProperty("code").GetString());

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/v1/data/echo") { Content = new StringContent("{nope") };
        bad.Headers.Add("x-tenant-id", "acme");
        using var badResponse = await _http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
    }

    [Fact]
    public async Task Undefined_data_has_no_result_member()
    {
        _server.Activate("empty", "r1", """{"result_json":"[]"}"""u8.ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/data/echo") { Content = new StringContent("""{"input":{}}""") };
        request.Headers.Add("x-tenant-id", "empty");
        using var response = await _http.SendAsync(request);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_ready_status_and_metrics()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/ready")).StatusCode);

        _server.Registry.Expect("acme", "r9"); // the control plane wants a revision this node does not run
        using var notReady = await _http.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("acme", await notReady.Content.ReadAsStringAsync());
        _server.Registry.Expect("acme", "r1");

        using var status = JsonDocument.Parse(await _http.GetStringAsync("/status"));
        Assert.Contains(status.RootElement.GetProperty("tenants").EnumerateArray(), t => t.GetProperty("tenant_id").GetString() == "acme" && t.GetProperty("state").GetString() == "active");

        using var check = new HttpRequestMessage(HttpMethod.Get, "/check/private");
        check.Headers.Add("x-tenant-id", "acme");
        (await _http.SendAsync(check)).Dispose();
        var metrics = await _http.GetStringAsync("/metrics");
        Assert.Contains("tollgate_edge_decision_duration_seconds_bucket{api=\"http\",le=\"0.0001\"}", metrics);
        Assert.Contains("tollgate_edge_requests_total{tenant_id=\"acme\"}", metrics);
        Assert.Contains("tollgate_edge_denies_total{tenant_id=\"acme\"}", metrics);
        Assert.Contains("tollgate_edge_active_revision_info{tenant_id=\"acme\",revision=\"r1\"", metrics);
        Assert.Contains("tollgate_edge_module_load_duration_seconds_count", metrics);
    }

    [Fact]
    public async Task Rollback_endpoint_returns_to_the_previous_revision()
    {
        _server.Activate("roll", "v1", FakeLoader.Spec("v1", "object", "/one"));
        _server.Activate("roll", "v2", FakeLoader.Spec("v2", "object", "/two"));
        using var response = await _http.PostAsync("/v1/tenants/roll/rollback", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("v1", _server.Registry.Peek("roll")!.RevisionId);
        using var none = await _http.PostAsync("/v1/tenants/nobody/rollback", null);
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
    }
}
