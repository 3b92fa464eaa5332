using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Tollgate.Compiler;
using Tollgate.Edge;
using Tollgate.Edge.Tenants;
using Tollgate.Runtime;
using Tollgate.Runtime.Bundles;

// The server half of the edge load benchmark (the client is benchmarks/load/openloop.c):
//   serve --tenants N --http-port P [--grpc-port G]   compile one template, load N tenants (own data each), serve
//   gcprobe --tenants N                              the same tenants, then gen0 collection pauses while
//                                                    evaluations touch 10 tenants vs all N (no HTTP)
return args.Length > 0 && args[0] == "serve" ? await Serve.RunAsync(Flags.Parse(args), probe: false)
     : args.Length > 0 && args[0] == "gcprobe" ? await Serve.RunAsync(Flags.Parse(args), probe: true)
     : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: EdgeLoad serve --tenants 1000 --http-port 18181 | EdgeLoad gcprobe --tenants 1000");
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

    public static async Task<int> RunAsync(Flags flags, bool probe)
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
            HttpAddress = new IPEndPoint(IPAddress.Loopback, flags.Int("http-port", probe ? 0 : 18181)),
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
        if (probe)
        {
            GcProbe.Run(server.Registry, tenants);
            return 0;
        }
        var gcBefore = GcFigures.Take();
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
        // Garbage collections while serving: their pauses stop every request thread, so they show in the tail.
        var gc = GcFigures.Take();
        Console.WriteLine($"gc while serving: gen0 {gc.Gen0 - gcBefore.Gen0}, gen1 {gc.Gen1 - gcBefore.Gen1}, gen2 {gc.Gen2 - gcBefore.Gen2}, " +
            $"pauses {(gc.Pause - gcBefore.Pause).TotalMilliseconds:F0} ms in total, allocated {(gc.Allocated - gcBefore.Allocated) >> 20} MiB");
        return 0;
    }
}

internal readonly record struct GcFigures(int Gen0, int Gen1, int Gen2, TimeSpan Pause, long Allocated)
{
    public static GcFigures Take() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
}

/// <summary>
/// Gen0 collection pauses while evaluations touch few tenants or all of them, in process (no HTTP, no
/// allocation on the evaluation path): with .NET's default regions GC the pause grows with the tenants touched
/// between collections; run with DOTNET_GCName=libclrgc.so to compare the segments GC.
/// </summary>
internal static class GcProbe
{
    public static void Run(TenantRegistry registry, int tenants)
    {
        var input = Encoding.UTF8.GetBytes("""{"parsed_path":["x"],"attributes":{"request":{"http":{"method":"GET","headers":{"x-user":"user-1"}}}}}""");
        var output = new System.Buffers.ArrayBufferWriter<byte>(1024);
        var revisions = new TenantRevision[tenants];
        for (var i = 0; i < tenants; i++)
        {
            revisions[i] = registry.Peek("t-" + i) ?? throw new InvalidOperationException($"tenant t-{i} is not active");
        }
        var garbage = new List<byte[]>();
        foreach (var spread in new[] { 10, tenants, 10, tenants })
        {
            var before = GcFigures.Take();
            for (var round = 0; round < 30; round++)
            {
                for (var i = 0; i < 10_000; i++)
                {
                    output.ResetWrittenCount();
                    var revision = revisions[i % spread];
                    revision.Policy.Evaluate(revision.DecisionEntrypoint, input, output);
                    if ((i & 7) == 0)
                    {
                        garbage.Add(new byte[256]); // what a request's own allocations would be
                    }
                }
                garbage.Clear();
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            }
            var after = GcFigures.Take();
            var collections = after.Gen0 - before.Gen0;
            Console.WriteLine($"evaluations over {spread} of {tenants} tenants: {collections} gen0 collections, " +
                $"{(after.Pause - before.Pause).TotalMilliseconds / collections:F2} ms pause each");
        }
    }
}
