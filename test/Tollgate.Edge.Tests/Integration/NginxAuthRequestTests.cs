using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tollgate.Edge.Tenants;
using Tollgate.Edge.Tests.Support;
using Tollgate.Runtime;

namespace Tollgate.Edge.Tests.Integration;

/// <summary>
/// Real nginx (Debian nginx-light) in front of the edge with <c>auth_request</c>: allow and deny for two
/// tenants, one routed by header and one by host name. Fails loudly when nginx is not installed.
/// </summary>
public sealed class NginxAuthRequestTests : IAsyncLifetime
{
    private readonly PolicyEngine _engine = new();
    private EdgeServer _edge = null!;
    private Process? _nginx;
    private int _port;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        var nginx = FindNginx() ?? throw new InvalidOperationException("nginx is not installed: the auth_request integration test needs it (apt-get install nginx-light)");
        _edge = await EdgeServer.StartAsync(EdgeTestServer.Options(), new WasmPolicyLoader(_engine));
        Activate("alpha", """{"users":{"ann":{"role":"admin"}}}""");
        Activate("beta", """{"users":{"bob":{"role":"admin"}}}""");

        _dir = EdgeTestServer.TempDirectory();
        _port = FreePort();
        var config = Path.Combine(_dir, "nginx.conf");
        File.WriteAllText(config, $$"""
            worker_processes 1;
            daemon off;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{_dir}}/client_body;
                proxy_temp_path {{_dir}}/proxy;
                fastcgi_temp_path {{_dir}}/fastcgi;
                uwsgi_temp_path {{_dir}}/uwsgi;
                scgi_temp_path {{_dir}}/scgi;
                server {
                    listen 127.0.0.1:{{_port}};
                    location / {
                        auth_request /_tollgate;
                        # the protected "upstream": the edge's own health endpoint
                        rewrite ^ /health break;
                        proxy_pass http://127.0.0.1:{{_edge.HttpPort}};
                    }
                    location = /_tollgate {
                        internal;
                        proxy_pass http://127.0.0.1:{{_edge.HttpPort}}/check;
                        proxy_pass_request_body off;
                        proxy_set_header Content-Length "";
                        proxy_set_header X-Original-URI $request_uri;
                        proxy_set_header X-Original-Method $request_method;
                        proxy_set_header Host $host;
                    }
                }
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(nginx, ["-p", _dir, "-c", config, "-e", Path.Combine(_dir, "error.log")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        await WaitForPortAsync(_port);
    }

    private void Activate(string tenant, string data)
    {
        var bundle = RegoBundles.Build(RealModuleTests.EnvoyPolicy, data, "r1", "envoy/authz/allow");
        var outcome = _edge.Activator.Activate(new TenantArtifact { TenantId = tenant, Revision = "r1", Bundle = bundle, BundleSha256 = TenantArtifact.HashOf(bundle) });
        Assert.True(outcome.Activated, outcome.Error);
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }
        _nginx?.Dispose();
        await _edge.DisposeAsync();
        _engine.Dispose();
    }

    private async Task<HttpStatusCode> GetAsync(string path, string host, string? tenantHeader = null, string? user = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_port}{path}");
        request.Headers.Host = host;
        if (tenantHeader is not null)
        {
            request.Headers.Add("x-tenant-id", tenantHeader);
        }
        if (user is not null)
        {
            request.Headers.Add("x-user", user);
        }
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Tenant_by_header_allow_and_deny()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/public/page?x=1", "shop.local", tenantHeader: "alpha"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/private", "shop.local", tenantHeader: "alpha", user: "ann"));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("/private", "shop.local", tenantHeader: "alpha", user: "bob"));
    }

    [Fact]
    public async Task Tenant_by_host_allow_and_deny()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/private", "beta", user: "bob"));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("/private", "beta", user: "ann"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/public", "beta:8080"));
    }

    [Fact]
    public async Task Unknown_tenant_is_forbidden()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("/public", "gamma"));
    }

    private static string? FindNginx()
    {
        foreach (var candidate in new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (Environment.TickCount64 < deadline)
        {
            if (_nginx!.HasExited)
            {
                throw new InvalidOperationException("nginx exited: " + await _nginx.StandardError.ReadToEndAsync() + ReadLog());
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException("nginx did not open its port: " + ReadLog());
    }

    private string ReadLog()
    {
        var log = Path.Combine(_dir, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }
}
