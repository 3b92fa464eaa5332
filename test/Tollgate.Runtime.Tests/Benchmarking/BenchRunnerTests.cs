using System.Text.Json;
using Tollgate.Runtime.Benchmarking;

namespace Tollgate.Runtime.Tests.Benchmarking;

public sealed class BenchRunnerTests
{
    [Fact]
    public void Run_measures_every_call_and_reports_ordered_percentiles()
    {
        using var engine = TestEngines.Create();
        using var pool = engine.CreatePool(engine.LoadModule(WatModules.Policy()), "{}"u8);

        var report = BenchRunner.Run(pool, "test/echo", "{\"a\":1}"u8, count: 2000, warmup: 100, minimumWarmup: TimeSpan.FromMilliseconds(50));

        Assert.Equal(2000, report.Count);
        Assert.True(report.MinNs > 0);
        Assert.True(report.MinNs <= report.P50Ns);
        Assert.True(report.P50Ns <= report.P90Ns && report.P90Ns <= report.P99Ns && report.P99Ns <= report.P999Ns);
        Assert.True(report.P999Ns <= report.MaxNs * 1.001 + 1);
        Assert.InRange(report.OpsPerSecond, 1, 1e9);
        Assert.True(report.TotalNs >= report.MinNs * report.Count);
    }

    [Fact]
    public void ToJson_has_the_opa_bench_shape()
    {
        var report = new BenchReport
        {
            Count = 10, TotalNs = 1000, OpsPerSecond = 1e7, P50Ns = 90, P90Ns = 120, P99Ns = 150, P999Ns = 160,
            MinNs = 80, MaxNs = 160, MeanNs = 100,
        };

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        Assert.Equal(1e7, root.GetProperty("ops_per_second").GetDouble());
        Assert.Equal(90, root.GetProperty("p50_ns").GetInt64());
        Assert.Equal(160, root.GetProperty("p999_ns").GetInt64());
        var ns = root.GetProperty("histogram_timer_opa_rego_query_ns");
        Assert.Equal(120, ns.GetProperty("p90").GetInt64());
        Assert.Equal(100, ns.GetProperty("mean").GetDouble());
        Assert.Equal(80, ns.GetProperty("min").GetInt64());
        Assert.Equal(10, ns.GetProperty("count").GetInt64());
        Assert.Equal(1e7, root.GetProperty("histogram_timer_opa_rego_query_hz").GetProperty("mean").GetDouble());
        Assert.Contains("p99.9", report.ToTable(), StringComparison.Ordinal);
    }
}
