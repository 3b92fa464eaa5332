using System.Text;
using Tollgate.Runtime;
using Tollgate.Runtime.Benchmarking;

namespace Tollgate.HostBench;

/// <summary>`tollgate bench`-style: one pool, one thread, the seed module's allow entrypoint.</summary>
internal static class EvalMode
{
    public static void Run(int count)
    {
        using var engine = new PolicyEngine();
        var module = engine.LoadModule(Seed.CompileShared());
        using var pool = engine.CreatePool(module, Seed.Data(), new PoolOptions { MaxInstances = 1 });
        string answer = Encoding.UTF8.GetString(pool.Evaluate(Seed.Allow, Seed.Input));
        if (answer != """[{"result":true}]""")
        {
            throw new InvalidOperationException("seed module gave " + answer);
        }
        var report = BenchRunner.Run(pool, Seed.Allow, Seed.Input, count);
        Console.WriteLine(report.ToTable());
        Summary.Line("eval p99 (seed, 1 thread)", Summary.Micros(report.P99Ns), "< 20 µs", report.P99Ns < 20_000);
        Summary.Line("eval throughput (seed, 1 thread)", Summary.Number(report.OpsPerSecond) + " /s", ">= 200,000 /s", report.OpsPerSecond >= 200_000);
    }
}
