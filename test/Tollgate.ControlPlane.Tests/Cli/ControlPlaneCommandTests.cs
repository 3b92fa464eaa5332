using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Tollgate.ControlPlane.Cli;
using Tollgate.ControlPlane.Tests.Support;

namespace Tollgate.ControlPlane.Tests.Cli;

public sealed class ControlPlaneCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Bad_address_is_exit_code_2()
    {
        var root = new RootCommand();
        foreach (var c in ControlPlaneCommands.Create()) root.Subcommands.Add(c);
        Assert.Equal(2, await root.Parse(["control-plane", "--addr", "not-an-address", "--db", _dir.File("cp.db")]).InvokeAsync());
    }

    [Fact]
    public async Task Runs_the_server_with_its_tokens_until_cancelled()
    {
        var port = FreePort();
        var root = new RootCommand();
        foreach (var c in ControlPlaneCommands.Create()) root.Subcommands.Add(c);
        using var cts = new CancellationTokenSource();
        var run = root.Parse(["control-plane", "--addr", $"127.0.0.1:{port}", "--db", _dir.File("cp.db"), "--artifacts", _dir.File("a"),
            "--operator-token", "op", "--node-token", "n1=nt"]).InvokeAsync(new InvocationConfiguration(), cts.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        HttpStatusCode? status = null;
        for (var i = 0; i < 100 && status is null; i++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/nodes/n1/index");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nt");
                status = (await http.SendAsync(request)).StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        Assert.Equal(HttpStatusCode.OK, status);
        using var forbidden = new HttpRequestMessage(HttpMethod.Get, "/v1/tenants");
        forbidden.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nt");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(forbidden)).StatusCode);
        await cts.CancelAsync();
        Assert.Equal(0, await run);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose() => _dir.Dispose();
}
