using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Tollgate.Benchmarks.Fanout;

/// <summary>
/// The processes under test: one <c>tollgate control-plane</c> (SQLite + local artifacts in the work directory)
/// and N <c>tollgate edge</c> nodes, each with its own state directory and HTTP port (gRPC off: the benchmark
/// only needs /status and /v1/data). Optionally every edge gets the same <c>--cache-dir</c>, so a module one
/// process compiled is deserialized by the others.
/// </summary>
public sealed class Cluster : IDisposable
{
    private readonly List<ChildProcess> _edges = [];

    private Cluster(ChildProcess controlPlane, Uri controlPlaneUri, string operatorToken, string nodeToken)
    {
        ControlPlane = controlPlane;
        ControlPlaneUri = controlPlaneUri;
        OperatorToken = operatorToken;
        NodeToken = nodeToken;
    }

    public ChildProcess ControlPlane { get; }
    public Uri ControlPlaneUri { get; }
    public string OperatorToken { get; }
    public string NodeToken { get; }
    public IReadOnlyList<ChildProcess> Edges => _edges;
    public List<Uri> EdgeUris { get; } = [];

    public static async Task<Cluster> StartControlPlaneAsync(string dll, string root)
    {
        var nodeToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var operatorToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var process = ChildProcess.Start("control-plane", dll,
        [
            "control-plane", "--addr", "127.0.0.1:0", "--db", Path.Combine(root, "control-plane.db"),
            "--artifacts", Path.Combine(root, "artifacts"), "--operator-token", operatorToken, "--node-token", "*=" + nodeToken,
        ], Path.Combine(root, "control-plane.log"), watchPrefix: "listening on ");
        string line;
        try
        {
            line = await process.WatchedLine.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            process.Dispose();
            throw;
        }
        var uri = new Uri(line.Split(' ')[0]);
        return new Cluster(process, uri, operatorToken, nodeToken);
    }

    /// <summary>Starts the edges and waits until each answers /health; returns how long that took.</summary>
    public async Task<TimeSpan> StartEdgesAsync(string dll, string root, int count, string? sharedCacheDirectory, IReadOnlyList<string> extraArguments)
    {
        var sw = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            var (edge, uri) = StartEdge(dll, root, i, sharedCacheDirectory, extraArguments);
            _edges.Add(edge);
            EdgeUris.Add(uri);
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < _edges.Count; i++)
        {
            var restarts = 0;
            while (true)
            {
                if (_edges[i].HasExited)
                {
                    // Most likely its port was taken between FreePort() and the bind (busy shared machine): retry once or twice.
                    if (++restarts > 2) throw new InvalidOperationException($"{_edges[i].Name} exited during start; see {root}/{_edges[i].Name}.log");
                    _edges[i].Dispose();
                    (_edges[i], EdgeUris[i]) = StartEdge(dll, root, i + 1, sharedCacheDirectory, extraArguments);
                }
                try
                {
                    using var response = await http.GetAsync(new Uri(EdgeUris[i], "/health"));
                    if (response.IsSuccessStatusCode) break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
                if (sw.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"{_edges[i].Name} did not answer /health within 3 minutes");
                await Task.Delay(100);
            }
        }
        return sw.Elapsed;
    }

    private (ChildProcess Edge, Uri Uri) StartEdge(string dll, string root, int number, string? sharedCacheDirectory, IReadOnlyList<string> extraArguments)
    {
        var port = FreePort();
        var args = new List<string>
        {
            "edge", "--control-plane", ControlPlaneUri.ToString(), "--node-id", $"edge-{number}", "--token", NodeToken,
            "--state-dir", Path.Combine(root, $"edge-{number}"), "--http-addr", $"127.0.0.1:{port}", "--grpc-addr", "off", "--quiet",
        };
        if (sharedCacheDirectory is not null)
        {
            args.Add("--cache-dir");
            args.Add(sharedCacheDirectory);
        }
        args.AddRange(extraArguments);
        var log = Path.Combine(root, $"edge-{number}.log");
        if (File.Exists(log)) File.Move(log, log + ".failed", overwrite: true);
        return (ChildProcess.Start($"edge-{number}", dll, args, log), new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>A port that was free a moment ago (the edge binds it right after).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var e in _edges) e.Dispose();
        ControlPlane.Dispose();
    }
}
