using System.Globalization;
using System.Text.Json.Nodes;

namespace Tollgate.Benchmarks.Fanout;

/// <summary>Figures of one measured publish: per-pair and per-node serve latencies, probes, memory, load.</summary>
public sealed class RoundReport
{
    public required string Round { get; init; }
    public required string Mode { get; init; }
    public required int Edges { get; init; }
    public required int Tenants { get; init; }
    public required DateTimeOffset PublishStarted { get; init; }
    public required DateTimeOffset PublishReturned { get; init; }
    public required List<ServedPair> Served { get; init; }
    public required List<FailedPair> Failed { get; init; }
    public required int ProbesOk { get; init; }
    public required int ProbesRun { get; init; }
    public required double ControlPlaneRssMb { get; init; }
    public required double[] EdgeRssMb { get; init; }
    public required double[] EdgePeakRssMb { get; init; }
    public required string LoadBefore { get; init; }
    public required string LoadAfter { get; init; }
    public required int PollMilliseconds { get; init; }

    /// <summary>CPU seconds the edges (all together) and the control plane used from publish start until every node served.</summary>
    public required double EdgeCpuSeconds { get; init; }
    public required double ControlPlaneCpuSeconds { get; init; }

    /// <summary>CPU seconds per second all edges use while idle (measured for 2 s just before the publish).</summary>
    public required double EdgeIdleCpuPerSecond { get; init; }

    /// <summary>Edge CPU beyond the idle rate during the round: the work the publish caused.</summary>
    private double EdgeWorkCpuSeconds => Math.Max(0, EdgeCpuSeconds - EdgeIdleCpuPerSecond * WatchedSeconds);

    private double WatchedSeconds => Served.Count == 0 ? 0 : (Served.Max(p => p.ObservedAt) - PublishStarted).TotalSeconds;
    public required bool SharedCache { get; init; }

    private double PublishMs => (PublishReturned - PublishStarted).TotalMilliseconds;

    private Percentiles FromReturn() => new(Served.Select(p => (p.ServedAt - PublishReturned).TotalMilliseconds));

    private Percentiles FromStart() => new(Served.Select(p => (p.ServedAt - PublishStarted).TotalMilliseconds));

    /// <summary>Per node: when its last tenant served (from the publish call's start).</summary>
    private Percentiles NodeDone() => new(Served.GroupBy(p => p.Node).Select(g => g.Max(p => (p.ServedAt - PublishStarted).TotalMilliseconds)));

    public bool Complete => Failed.Count == 0 && Served.Count == Edges * Tenants;

    public void Print(TextWriter w)
    {
        var ret = FromReturn();
        var start = FromStart();
        var nodes = NodeDone();
        w.WriteLine(Invariant($"round '{Round}' ({Mode} mode, {Edges} edges × {Tenants} tenants): publish call took {PublishMs:0} ms"));
        w.WriteLine(Invariant($"  served {Served.Count}/{Edges * Tenants} pairs, {Failed.Count} rejected; probe decisions right {ProbesOk}/{ProbesRun}"));
        w.WriteLine(Invariant($"  per pair, from publish RETURN: p50 {ret.At(50):0} ms  p99 {ret.At(99):0} ms  max {ret.Max:0} ms  (min {ret.Min:0} ms)"));
        w.WriteLine(Invariant($"  per pair, from publish START:  p50 {start.At(50):0} ms  p99 {start.At(99):0} ms  max {start.Max:0} ms"));
        w.WriteLine(Invariant($"  per node, all its tenants served (from start): p50 {nodes.At(50):0} ms  max {nodes.Max:0} ms"));
        w.WriteLine(Invariant($"  every node serves every tenant: {ret.Max:0} ms after the publish returned, {start.Max:0} ms after it started"));
        w.WriteLine(Invariant($"  RSS: control plane {ControlPlaneRssMb:0} MB; edges avg {Avg(EdgeRssMb):0} MB, max {EdgeRssMb.DefaultIfEmpty().Max():0} MB, total {EdgeRssMb.Sum():0} MB (peak per edge max {EdgePeakRssMb.DefaultIfEmpty().Max():0} MB)"));
        w.WriteLine(Invariant($"  CPU meanwhile: edges {EdgeCpuSeconds:0.00} s, of which {EdgeWorkCpuSeconds:0.00} s above their idle rate of {EdgeIdleCpuPerSecond:0.00} CPU-s/s ({EdgeWorkCpuSeconds * 1000 / Math.Max(1, Served.Count):0.00} ms per pair); control plane {ControlPlaneCpuSeconds:0.00} s"));
        w.WriteLine($"  load average before: {LoadBefore}  after: {LoadAfter}");
        foreach (var f in Failed.Take(5)) w.WriteLine($"  REJECTED edge-{f.Node + 1} tenant {f.TenantId}: {f.Error}");
    }

    public string JsonLine()
    {
        var ret = FromReturn();
        var start = FromStart();
        var nodes = NodeDone();
        var o = new JsonObject
        {
            ["bench"] = "distribution",
            ["round"] = Round,
            ["mode"] = Mode,
            ["edges"] = Edges,
            ["tenants"] = Tenants,
            ["pairs_served"] = Served.Count,
            ["pairs_rejected"] = Failed.Count,
            ["probes_ok"] = ProbesOk,
            ["probes_run"] = ProbesRun,
            ["publish_ms"] = Round1(PublishMs),
            ["from_return_ms"] = new JsonObject { ["p50"] = Round1(ret.At(50)), ["p99"] = Round1(ret.At(99)), ["max"] = Round1(ret.Max) },
            ["from_start_ms"] = new JsonObject { ["p50"] = Round1(start.At(50)), ["p99"] = Round1(start.At(99)), ["max"] = Round1(start.Max) },
            ["node_done_from_start_ms"] = new JsonObject { ["p50"] = Round1(nodes.At(50)), ["max"] = Round1(nodes.Max) },
            ["all_served_from_return_ms"] = Round1(ret.Max),
            ["all_served_from_start_ms"] = Round1(start.Max),
            ["cp_rss_mb"] = Round1(ControlPlaneRssMb),
            ["edge_rss_mb"] = new JsonObject { ["avg"] = Round1(Avg(EdgeRssMb)), ["max"] = Round1(EdgeRssMb.DefaultIfEmpty().Max()), ["total"] = Round1(EdgeRssMb.Sum()) },
            ["edge_peak_rss_mb_max"] = Round1(EdgePeakRssMb.DefaultIfEmpty().Max()),
            ["edge_cpu_s"] = Math.Round(EdgeCpuSeconds, 2),
            ["edge_work_cpu_s"] = Math.Round(EdgeWorkCpuSeconds, 2),
            ["edge_idle_cpu_per_s"] = Math.Round(EdgeIdleCpuPerSecond, 3),
            ["cp_cpu_s"] = Math.Round(ControlPlaneCpuSeconds, 2),
            ["shared_module_cache"] = SharedCache,
            ["poll_ms"] = PollMilliseconds,
            ["load_before"] = LoadBefore,
            ["load_after"] = LoadAfter,
            ["cores"] = Environment.ProcessorCount,
        };
        return o.ToJsonString();
    }

    private static double Avg(double[] values) => values.Length == 0 ? 0 : values.Average();

    private static double Round1(double v) => double.IsNaN(v) ? -1 : Math.Round(v, 1);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
