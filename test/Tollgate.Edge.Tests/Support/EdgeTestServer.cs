using System.Net;
using Tollgate.Edge.Tenants;

namespace Tollgate.Edge.Tests.Support;

/// <summary>Starts an in-process edge on free loopback ports with the fake loader.</summary>
public static class EdgeTestServer
{
    public static EdgeOptions Options(Func<EdgeOptions, EdgeOptions>? configure = null)
    {
        var options = new EdgeOptions
        {
            HttpAddress = new IPEndPoint(IPAddress.Loopback, 0),
            GrpcAddress = new IPEndPoint(IPAddress.Loopback, 0),
            QuietLogging = true,
        };
        return configure is null ? options : configure(options);
    }

    public static Task<EdgeServer> StartAsync(Func<EdgeOptions, EdgeOptions>? configure = null, IPolicyLoader? loader = null) =>
        EdgeServer.StartAsync(Options(configure), loader ?? new FakeLoader());

    /// <summary>Activates a fake revision and fails the test if it is rejected.</summary>
    public static void Activate(this EdgeServer server, string tenant, string revision, byte[] spec, IReadOnlyList<SmokeCase>? smoke = null)
    {
        var outcome = server.Activator.Activate(FakeLoader.Artifact(tenant, revision, spec, smoke));
        Assert.True(outcome.Succeeded, outcome.Error);
    }

    public static HttpClient HttpClient(this EdgeServer server) => new() { BaseAddress = server.HttpUri, Timeout = TimeSpan.FromSeconds(10) };

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tollgate-edge-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutMs = 20_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail("timed out waiting for " + what);
            }
            await Task.Delay(20);
        }
    }
}
