using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Benchmarks.Fanout;

// Distribution benchmark (issue 8): one control plane + N edge processes on loopback; after a warm-up publish,
// each measured round publishes a new revision of every tenant once and measures, for every (node, tenant)
// pair, when that node serves it. Prints a summary and one JSON line per round ("JSON " prefix).
FanoutOptions options;
try
{
    options = FanoutOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var dll = Path.Combine(options.BinDirectory, "tollgate.dll");
if (!File.Exists(dll))
{
    Console.Error.WriteLine($"{dll} not found (build src/Tollgate.Cli in Release first)");
    return 2;
}
var root = options.WorkDirectory ?? Directory.CreateTempSubdirectory("tollgate-fanout-").FullName;
Directory.CreateDirectory(root);
var exit = 0;
var completed = false; // an exception keeps the work directory and its logs
Console.WriteLine($"work dir {root}; {Environment.ProcessorCount} cores; load {Load()}");
try
{
    using var cluster = await Cluster.StartControlPlaneAsync(dll, root);
    Console.WriteLine($"control plane {cluster.ControlPlaneUri} (pid {cluster.ControlPlane.Id})");
    using var api = new ControlPlaneApi(cluster.ControlPlaneUri, cluster.OperatorToken);
    var seed = new SeedTenants(options.RepoDirectory, options.Mode, options.Tenants);
    await api.PushTemplateAsync("basic-rbac", seed.TemplateSource);
    foreach (var id in seed.Ids) await api.PutTenantAsync(seed.Tenant(id, viewerExtra: null));
    Console.WriteLine($"{seed.Ids.Count} tenants registered from the seed template ({options.Mode} mode)");

    var cache = options.SharedModuleCache ? Path.Combine(root, "module-cache") : null;
    var startup = await cluster.StartEdgesAsync(dll, root, options.Edges, cache, options.EdgeArguments);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.Edges} edges answer /health after {startup.TotalSeconds:0.0} s (shared module cache: {(cache is null ? "off" : "on")})"));

    var watcher = new ServeWatcher(cluster.EdgeUris, options.PollMilliseconds);
    var revision = 0;
    var probeNumber = 0;
    for (var w = 0; w < options.WarmupPublishes; w++)
    {
        // The first publish makes revision 1; later warm-ups alternate data and template changes like the rounds.
        var kind = w == 0 ? "initial" : w % 2 == 1 ? "data" : "template";
        if (w > 0) await PrepareAsync(api, seed, kind, $"probe-{++probeNumber}");
        revision++;
        var warm = await PublishAndWaitAsync(api, watcher, seed, revision, options.Timeout);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up publish {w + 1}/{options.WarmupPublishes} ({kind}, revision {revision}): {warm.Served.Count}/{options.Edges * options.Tenants} pairs served, every node serves every tenant {(warm.Served.Count == 0 ? double.NaN : warm.Served.Max(p => (p.ServedAt - warm.Started).TotalMilliseconds)):0} ms after the publish started"));
        if (warm.Failed.Count > 0 || warm.Served.Count != options.Edges * options.Tenants)
        {
            Console.Error.WriteLine($"warm-up incomplete: {warm.Failed.Count} rejected, first: {warm.Failed.FirstOrDefault()?.Error}");
            return 1;
        }
    }

    foreach (var round in options.Rounds)
    {
        var probe = $"probe-{++probeNumber}";
        await PrepareAsync(api, seed, round, probe);
        revision++;
        // Wait until the nodes are back at their idle CPU rate (epoch tickers, timers): background tier-up JIT
        // and the previous round's status reports are not this publish's work.
        var (settledAfter, idleRate) = await SettleAsync(cluster, options.SettleLimit);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"edges at their idle rate ({idleRate:0.000} CPU-s/s for {options.Edges}) after {settledAfter.TotalSeconds:0} s{(settledAfter >= options.SettleLimit ? " (limit reached: still busy)" : "")}"));
        var loadBefore = Load();
        var edgeCpu = cluster.Edges.Sum(e => e.CpuSeconds());
        var cpCpu = cluster.ControlPlane.CpuSeconds();
        var result = await PublishAndWaitAsync(api, watcher, seed, revision, options.Timeout);
        edgeCpu = cluster.Edges.Sum(e => e.CpuSeconds()) - edgeCpu;
        cpCpu = cluster.ControlPlane.CpuSeconds() - cpCpu;
        var loadAfter = Load();
        var (ok, run) = await ProbeAsync(cluster.EdgeUris, seed.Ids, probe);
        var edgeMem = cluster.Edges.Select(e => e.Memory()).ToArray();
        var report = new RoundReport
        {
            Round = round,
            Mode = options.Mode,
            Edges = options.Edges,
            Tenants = options.Tenants,
            PublishStarted = result.Started,
            PublishReturned = result.Returned,
            Served = result.Served,
            Failed = result.Failed,
            ProbesOk = ok,
            ProbesRun = run,
            ControlPlaneRssMb = cluster.ControlPlane.Memory().RssMb,
            EdgeRssMb = edgeMem.Select(m => m.RssMb).ToArray(),
            EdgePeakRssMb = edgeMem.Select(m => m.PeakMb).ToArray(),
            LoadBefore = loadBefore,
            LoadAfter = loadAfter,
            PollMilliseconds = options.PollMilliseconds,
            EdgeCpuSeconds = edgeCpu,
            EdgeIdleCpuPerSecond = idleRate,
            ControlPlaneCpuSeconds = cpCpu,
            SharedCache = cache is not null,
        };
        report.Print(Console.Out);
        Console.WriteLine("JSON " + report.JsonLine());
        if (!report.Complete || ok != run) exit = 1;
        await Task.Delay(1000);
    }
    completed = true;
}
finally
{
    if (!options.Keep && options.WorkDirectory is null && completed && exit == 0)
    {
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }
    else
    {
        Console.WriteLine($"kept {root} (logs: control-plane.log, edge-N.log)");
    }
}
return exit;

// Changes what the next publish builds: "data" gives every tenant a new permission (the probe action) for its
// viewers, "template" pushes a new template version that allows the probe action.
static async Task PrepareAsync(ControlPlaneApi api, SeedTenants seed, string kind, string probe)
{
    if (kind == "data")
    {
        foreach (var id in seed.Ids) await api.PutTenantAsync(seed.Tenant(id, viewerExtra: probe));
    }
    else
    {
        // Tenants keep the data of the previous round (data rounds add permissions, never remove).
        await api.PushTemplateAsync("basic-rbac", seed.TemplateWithProbe(probe));
    }
}

// Samples the edges' CPU once a second until a 2-second window is no busier than 1.2x the quietest window seen
// (at least three windows) and below 40 ms of CPU per second per edge (an idle edge: its epoch ticker and timers),
// or the limit passes. Returns the wait and the last window's rate.
static async Task<(TimeSpan Waited, double Rate)> SettleAsync(Cluster cluster, TimeSpan limit)
{
    var watch = Stopwatch.StartNew();
    var samples = new List<(double Seconds, double Cpu)>();
    var quietest = double.MaxValue;
    var rate = double.NaN;
    while (true)
    {
        samples.Add((watch.Elapsed.TotalSeconds, cluster.Edges.Sum(e => e.CpuSeconds())));
        if (samples.Count >= 3)
        {
            var (t0, c0) = samples[^3];
            var (t1, c1) = samples[^1];
            rate = (c1 - c0) / (t1 - t0);
            quietest = Math.Min(quietest, rate);
            if (samples.Count >= 5 && rate <= quietest * 1.2 && rate < 0.04 * cluster.Edges.Count) return (watch.Elapsed, rate);
        }
        if (watch.Elapsed >= limit) return (watch.Elapsed, rate);
        await Task.Delay(1000);
    }
}

// Publishes every tenant once (the watcher starts first, so no serve can be missed) and waits until every node
// serves the new revision or reports it rejected.
static async Task<PublishOutcome> PublishAndWaitAsync(ControlPlaneApi api, ServeWatcher watcher, SeedTenants seed, int revision, TimeSpan timeout)
{
    var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var id in seed.Ids) wanted[id] = revision.ToString(CultureInfo.InvariantCulture);
    var waiting = watcher.WaitAsync(wanted, timeout);
    var started = DateTimeOffset.UtcNow;
    var published = await api.PublishAllAsync();
    var returned = DateTimeOffset.UtcNow;
    foreach (var (id, rev) in wanted)
    {
        if (!published.TryGetValue(id, out var got) || got != rev)
        {
            throw new InvalidOperationException($"publish made revision {got ?? "none"} of tenant {id}, the benchmark expected {rev}");
        }
    }
    var (served, failed) = await waiting;
    return new PublishOutcome(started, returned, served, failed);
}

// Asks every node, for every tenant, the decision only the new revision allows.
static async Task<(int Ok, int Run)> ProbeAsync(IReadOnlyList<Uri> edges, IReadOnlyList<string> tenants, string action)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    var ok = 0;
    var run = 0;
    foreach (var edge in edges)
    {
        foreach (var id in tenants)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(edge, "/v1/data/tenant/authz/allow"));
            request.Headers.Add("x-tenant-id", id);
            request.Content = new StringContent($"{{\"input\":{SeedTenants.ProbeInput(id, action)}}}", Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            run++;
            if (response.IsSuccessStatusCode && JsonNode.Parse(body)?["result"] is JsonValue v && v.TryGetValue<bool>(out var allowed) && allowed) ok++;
        }
    }
    return (ok, run);
}

static string Load()
{
    try
    {
        var parts = File.ReadAllText("/proc/loadavg").Split(' ');
        return $"{parts[0]} {parts[1]} {parts[2]}";
    }
    catch (IOException)
    {
        return "?";
    }
}

internal sealed record PublishOutcome(DateTimeOffset Started, DateTimeOffset Returned, List<ServedPair> Served, List<FailedPair> Failed);
