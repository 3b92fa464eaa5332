using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Tollgate.Compiler;
using Tollgate.Edge;
using Tollgate.Edge.Tenants;
using Tollgate.Runtime;
using Tollgate.Runtime.Bundles;

// Load tool for the edge node.
//   serve --tenants N --http-port P [--grpc-port G]   compile one template, load N tenants (own data each), serve
//   load --url U --rate R --duration S --tenants N [--connections C]
//        open-loop client: sends R checks/s on a fixed schedule and measures each latency from its scheduled
//        send time, so a stalled server shows up in the tail (no coordinated omission)
return args.Length > 0 && args[0] == "serve" ? await Serve.RunAsync(Flags.Parse(args))
     : args.Length > 0 && args[0] == "load" ? await Load.RunAsync(Flags.Parse(args))
     : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: EdgeLoad serve --tenants 1000 --http-port 18181 | EdgeLoad load --url http://127.0.0.1:18181 --rate 10000 --duration 15 --tenants 1000");
    return 2;
}

internal sealed class Flags(Dictionary<string, string> values)
{
    public static Flags Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        return new Flags(values);
    }

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);
}

internal static class Serve
{
    private const string Template = """
        package envoy.authz

        import rego.v1

        default allow := false

        allow if input.parsed_path[0] == "public"

        allow if {
            input.attributes.request.http.method == "GET"
            data.users[input.attributes.request.http.headers["x-user"]].role == "admin"
        }
        """;

    public static async Task<int> RunAsync(Flags flags)
    {
        var tenants = flags.Int("tenants", 1000);
        var request = new CompileRequest();
        request.Modules.Add(new SourceFile { Name = "template.rego", Text = Template });
        request.Entrypoints.Add("envoy/authz/allow");
        var compiled = PolicyCompiler.Compile(request);
        if (!compiled.Success)
        {
            foreach (var d in compiled.Diagnostics)
            {
                Console.Error.WriteLine(d);
            }
            return 1;
        }
        using var engine = new PolicyEngine();
        var loader = new WasmPolicyLoader(engine, maxInstancesPerTenant: 2);
        var options = new EdgeOptions
        {
            HttpAddress = new IPEndPoint(IPAddress.Loopback, flags.Int("http-port", 18181)),
            GrpcAddress = new IPEndPoint(IPAddress.Loopback, flags.Int("grpc-port", 0)),
            QuietLogging = true,
        };
        await using var server = await EdgeServer.StartAsync(options, loader);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < tenants; i++)
        {
            // One shared module, each tenant with its own data: the template-per-tenant deployment.
            var data = "{\"users\":{\"user-" + i + "\":{\"role\":\"admin\"},\"viewer-" + i + "\":{\"role\":\"viewer\"}}}";
            var bundle = Bundle.Create(new BundleManifest { Revision = "r1", Wasm = [new WasmResolver("envoy/authz/allow", "/policy.wasm")] },
                [new("/policy.wasm", compiled.Wasm!), new("/data.json", Encoding.UTF8.GetBytes(data))]);
            using var bytes = new MemoryStream();
            bundle.Write(bytes);
            var outcome = server.Activator.Activate(new TenantArtifact
            {
                TenantId = "t-" + i,
                Revision = "r1",
                Bundle = bytes.ToArray(),
                BundleSha256 = TenantArtifact.HashOf(bytes.ToArray()),
                Smoke = SmokeCase.ParseList(Encoding.UTF8.GetBytes("""[{"input":{"parsed_path":["public"]},"expect":true},{"input":{"parsed_path":["x"],"attributes":{"request":{"http":{"method":"GET","headers":{"x-user":"user-""" + i + "\"}}}}},\"expect\":true}]")),
            });
            if (!outcome.Activated)
            {
                Console.Error.WriteLine($"tenant t-{i}: {outcome.Error}");
                return 1;
            }
        }
        GC.Collect();
        var rss = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"ready: {tenants} tenants loaded in {watch.Elapsed.TotalSeconds:F1} s, modules compiled {engine.CompiledModuleCount}, RSS {rss >> 20} MiB, http {server.HttpUri}");
        using var stop = new CancellationTokenSource();
        // Handle SIGTERM/SIGINT ourselves so the script's kill ends the process promptly.
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}

internal static class Load
{
    private static readonly string[] Paths = ["/public/a", "/private/x", "/public/b", "/private/y"];

    public static async Task<int> RunAsync(Flags flags)
    {
        var url = flags.Text("url", "http://127.0.0.1:18181").TrimEnd('/');
        var rate = flags.Int("rate", 10_000);
        var seconds = flags.Int("duration", 15);
        var tenants = flags.Int("tenants", 1000);
        var connections = flags.Int("connections", 32);
        var warmup = flags.Int("warmup", 3);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };

        // Warm-up at the same rate (JIT, tiered compilation, connection setup), not measured.
        await RunPhaseAsync(http, url, rate, warmup, tenants, connections, record: false);
        var before = await ServerBucketsAsync(http, url);
        var result = await RunPhaseAsync(http, url, rate, seconds, tenants, connections, record: true);
        var after = await ServerBucketsAsync(http, url);
        PrintServerSide(before, after);
        var latencies = result.Latencies;
        Array.Sort(latencies);
        double Pct(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))] / 1000.0;
        var achieved = latencies.Length / (double)seconds;
        Console.WriteLine($"target {rate}/s for {seconds}s over {connections} connections, {tenants} tenants: sent {latencies.Length} ({achieved:F0}/s), errors {result.Errors}, allowed {result.Allowed}, denied {result.Denied}");
        Console.WriteLine($"latency ms (from scheduled send): p50 {Pct(0.50):F3}  p90 {Pct(0.90):F3}  p99 {Pct(0.99):F3}  p99.9 {Pct(0.999):F3}  max {(latencies.Length == 0 ? 0 : latencies[^1] / 1000.0):F3}");
        Console.WriteLine($$"""{"rate_target":{{rate}},"rate_achieved":{{achieved:F0}},"tenants":{{tenants}},"errors":{{result.Errors}},"p50_ms":{{Pct(0.5):F3}},"p90_ms":{{Pct(0.9):F3}},"p99_ms":{{Pct(0.99):F3}},"p999_ms":{{Pct(0.999):F3}}}""");
        return result.Errors == 0 ? 0 : 1;
    }

    /// <summary>The edge's own decision-time histogram (api="http"), cumulative counts by upper bound.</summary>
    private static async Task<SortedDictionary<double, double>> ServerBucketsAsync(HttpClient http, string url)
    {
        var buckets = new SortedDictionary<double, double>();
        var text = await http.GetStringAsync(url + "/metrics");
        const string Prefix = "tollgate_edge_decision_duration_seconds_bucket{api=\"http\",le=\"";
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var end = line.IndexOf('"', Prefix.Length);
            var le = line[Prefix.Length..end];
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            buckets[bound] = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return buckets;
    }

    private static void PrintServerSide(SortedDictionary<double, double> before, SortedDictionary<double, double> after)
    {
        var total = after.GetValueOrDefault(double.PositiveInfinity) - before.GetValueOrDefault(double.PositiveInfinity);
        if (total <= 0)
        {
            return;
        }
        var line = new StringBuilder("server-side decision time (edge histogram, this phase):");
        foreach (var (bound, count) in after)
        {
            if (double.IsPositiveInfinity(bound) || bound > 0.01)
            {
                continue;
            }
            var share = (count - before.GetValueOrDefault(bound)) / total;
            line.Append(CultureInfo.InvariantCulture, $"  <={bound * 1000:0.###}ms {share:P2}");
        }
        Console.WriteLine(line);
    }

    private sealed class PhaseResult
    {
        public long[] Latencies = [];
        public long Errors;
        public long Allowed;
        public long Denied;
    }

    private static async Task<PhaseResult> RunPhaseAsync(HttpClient http, string url, int rate, int seconds, int tenants, int connections, bool record)
    {
        var total = rate * seconds;
        var latencies = new long[record ? total : 0];
        var result = new PhaseResult();
        var next = -1;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        var ticksPerRequest = Stopwatch.Frequency / (double)rate;
        var workers = new Task[connections];
        for (var w = 0; w < connections; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                var random = new Random(w);
                while (true)
                {
                    var n = Interlocked.Increment(ref next);
                    if (n >= total)
                    {
                        return;
                    }
                    var scheduled = start + (long)(n * ticksPerRequest);
                    var wait = scheduled - Stopwatch.GetTimestamp();
                    if (wait > Stopwatch.Frequency / 500)
                    {
                        await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                    }
                    while (Stopwatch.GetTimestamp() < scheduled)
                    {
                        Thread.Yield();
                    }
                    var tenant = random.Next(tenants);
                    using var request = new HttpRequestMessage(HttpMethod.Get, url + "/check" + Paths[random.Next(Paths.Length)]);
                    request.Headers.TryAddWithoutValidation("x-tenant-id", "t-" + tenant);
                    request.Headers.TryAddWithoutValidation("x-user", random.Next(2) == 0 ? "user-" + tenant : "viewer-" + tenant);
                    try
                    {
                        using var response = await http.SendAsync(request);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref result.Allowed);
                        }
                        else if (response.StatusCode == HttpStatusCode.Forbidden && !response.Headers.Contains("x-tollgate-reason"))
                        {
                            Interlocked.Increment(ref result.Denied);
                        }
                        else
                        {
                            Interlocked.Increment(ref result.Errors);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref result.Errors);
                    }
                    if (record)
                    {
                        latencies[n] = (Stopwatch.GetTimestamp() - scheduled) * 1_000_000 / Stopwatch.Frequency;
                    }
                }
            });
        }
        await Task.WhenAll(workers);
        result.Latencies = latencies;
        return result;
    }
}
