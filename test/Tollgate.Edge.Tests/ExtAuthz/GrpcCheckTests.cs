using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Tollgate.Edge.ExtAuthz.Wire;
using Tollgate.Edge.Tests.Support;

namespace Tollgate.Edge.Tests.ExtAuthz;

/// <summary>envoy.service.auth.v3.Authorization/Check through a real gRPC client over h2c.</summary>
public sealed class GrpcCheckTests : IAsyncLifetime
{
    private EdgeServer _server = null!;
    private GrpcChannel _channel = null!;
    private Authorization.AuthorizationClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await EdgeTestServer.StartAsync();
        _server.Activate("acme", "r1", FakeLoader.Spec("r1", "bool", "/public"));
        var rich = System.Text.Json.Nodes.JsonNode.Parse(FakeLoader.Spec("r7", "object", "/ok"))!.AsObject();
        rich["deny_status"] = 401;
        rich["deny_body"] = "login first";
        rich["headers"] = new System.Text.Json.Nodes.JsonObject { ["www-authenticate"] = "Bearer realm=\"acme\"" };
        _server.Activate("globex", "r7", System.Text.Encoding.UTF8.GetBytes(rich.ToJsonString()));
        _channel = GrpcChannel.ForAddress(_server.GrpcUri!);
        _client = new Authorization.AuthorizationClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    private static CheckRequest Check(string path, string? tenantExtension = null, string? tenantHeader = null, string host = "shop.example.com")
    {
        var http = new AttributeContext.Types.HttpRequest { Method = "GET", Path = path, Host = host, Scheme = "http", Protocol = "HTTP/1.1", Id = "req-1" };
        http.Headers.Add(":authority", host);
        if (tenantHeader is not null)
        {
            http.Headers.Add("x-tenant-id", tenantHeader);
        }
        var attributes = new AttributeContext { Request = new AttributeContext.Types.Request { Http = http } };
        if (tenantExtension is not null)
        {
            attributes.ContextExtensions.Add("tenant_id", tenantExtension);
        }
        return new CheckRequest { Attributes = attributes };
    }

    [Fact]
    public async Task Allow_returns_ok_status_and_ok_response()
    {
        var response = await _client.CheckAsync(Check("/public?x=1", tenantExtension: "acme"));
        Assert.Equal(0, response.Status.Code);
        Assert.Equal(CheckResponse.HttpResponseOneofCase.OkResponse, response.HttpResponseCase);
    }

    [Fact]
    public async Task Deny_returns_permission_denied_with_a_403_by_default()
    {
        var response = await _client.CheckAsync(Check("/private", tenantHeader: "acme"));
        Assert.Equal(7, response.Status.Code);
        Assert.Equal(403, (int)response.DeniedResponse.Status.Code);
    }

    [Fact]
    public async Task Deny_carries_the_policy_status_headers_and_body()
    {
        var response = await _client.CheckAsync(Check("/admin", tenantExtension: "globex"));
        Assert.Equal(7, response.Status.Code);
        var denied = response.DeniedResponse;
        Assert.Equal(401, (int)denied.Status.Code);
        Assert.Equal("login first", denied.Body);
        Assert.Contains(denied.Headers, h => h.Header.Key == "www-authenticate" && h.Header.Value == "Bearer realm=\"acme\"");
        Assert.Contains(denied.Headers, h => h.Header.Key == "x-revision" && h.Header.Value == "r7");
    }

    [Fact]
    public async Task Allow_with_an_object_result_carries_headers_removals_and_dynamic_metadata()
    {
        var response = await _client.CheckAsync(Check("/ok", tenantExtension: "globex"));
        Assert.Equal(0, response.Status.Code);
        var ok = response.OkResponse;
        Assert.Contains(ok.Headers, h => h.Header.Key == "x-revision" && h.Header.Value == "r7");
        Assert.Contains(ok.ResponseHeadersToAdd, h => h.Header.Key == "x-served-by");
        Assert.Equal(["x-secret"], ok.HeadersToRemove);
        Assert.Equal("r7", response.DynamicMetadata.Fields["revision"].StringValue);
    }

    [Fact]
    public async Task Tenant_comes_from_context_extension_before_header_before_host()
    {
        // Extension says acme (allows /public); the header says globex (would deny /public).
        var response = await _client.CheckAsync(Check("/public", tenantExtension: "acme", tenantHeader: "globex"));
        Assert.Equal(0, response.Status.Code);
        // Only the host names the tenant.
        var byHost = await _client.CheckAsync(Check("/public", host: "acme:8443"));
        Assert.Equal(0, byHost.Status.Code);
    }

    [Fact]
    public async Task Unknown_tenant_is_denied_with_a_clear_reason()
    {
        var response = await _client.CheckAsync(Check("/public", tenantExtension: "initech"));
        Assert.Equal(7, response.Status.Code);
        Assert.Equal("unknown tenant 'initech'", response.Status.Message);
        Assert.Equal(403, (int)response.DeniedResponse.Status.Code);
        Assert.Equal("unknown tenant 'initech'", response.DeniedResponse.Body);
    }

    [Fact]
    public async Task Request_without_http_attributes_is_invalid_argument()
    {
        var response = await _client.CheckAsync(new CheckRequest { Attributes = new AttributeContext() });
        Assert.Equal(3, response.Status.Code);
        Assert.Contains("attributes.request.http is missing", response.Status.Message);
        Assert.Equal(400, (int)response.DeniedResponse.Status.Code);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_CheckRequest_fail_the_call()
    {
        var raw = new Method<byte[], byte[]>(MethodType.Unary, "envoy.service.auth.v3.Authorization", "Check",
            Marshallers.Create(static b => b, static b => b), Marshallers.Create(static b => b, static b => b));
        var invoker = _channel.CreateCallInvoker();
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await invoker.AsyncUnaryCall(raw, null, new CallOptions(), [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]));
        Assert.NotEqual(Grpc.Core.StatusCode.OK, e.StatusCode);
    }

    [Fact]
    public async Task Evaluation_errors_fail_closed()
    {
        _server.Activate("broken", "r1", """{"throw":"trap: unreachable"}"""u8.ToArray(), smoke: []);
        var response = await _client.CheckAsync(Check("/public", tenantExtension: "broken"));
        Assert.Equal(7, response.Status.Code);
        Assert.StartsWith("evaluation: trap: unreachable", response.Status.Message);
    }

    [Fact]
    public async Task Evaluation_errors_fail_open_when_the_tenant_chose_it()
    {
        var outcome = _server.Activator.Activate(FakeLoader.Artifact("lenient", "r1", """{"throw":"boom"}"""u8.ToArray(), failOpen: true));
        Assert.True(outcome.Succeeded, outcome.Error);
        var response = await _client.CheckAsync(Check("/anything", tenantExtension: "lenient"));
        Assert.Equal(0, response.Status.Code);
    }

    [Fact]
    public void Wire_format_matches_envoy_field_numbers()
    {
        // attributes=1 → request=4 → http=2 → path=4 ("/p"): tag bytes 0x0A, 0x22, 0x12, 0x22.
        var bytes = new CheckRequest { Attributes = new AttributeContext { Request = new AttributeContext.Types.Request { Http = new AttributeContext.Types.HttpRequest { Path = "/p" } } } }.ToByteArray();
        Assert.Equal(new byte[] { 0x0A, 0x08, 0x22, 0x06, 0x12, 0x04, 0x22, 0x02, (byte)'/', (byte)'p' }, bytes);
        // denied_response=2 → status=1 → code=1 (403): 0x12 0x05 0x0A 0x03 0x08 0x93 0x03.
        var denied = new CheckResponse { DeniedResponse = new DeniedHttpResponse { Status = new HttpStatus { Code = Tollgate.Edge.ExtAuthz.Wire.StatusCode.Forbidden } } }.ToByteArray();
        Assert.Equal(new byte[] { 0x12, 0x05, 0x0A, 0x03, 0x08, 0x93, 0x03 }, denied);
    }
}
