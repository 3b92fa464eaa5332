using Tollgate.Runtime;

namespace Tollgate.HostBench;

/// <summary>
/// Cold start = tenant not resident → first decision: load the module (unless another tenant already holds
/// it), create the tenant's pool with its data, evaluate once. Three cases: module resident (shared mode,
/// the usual one), module evicted but its precompiled artifact on disk (warm cache), and no artifact at
/// all (cold cache: Wasmtime compiles the module again).
/// </summary>
internal static class ColdStartMode
{
    public static void Run(int count, int coldCount)
    {
        byte[] wasm = Seed.CompileShared();
        var cacheDirectory = Directory.CreateTempSubdirectory("tollgate-hostbench-cache-");
        try
        {
            using var engine = new PolicyEngine(new PolicyEngineOptions { CacheDirectory = cacheDirectory.FullName });
            var module = engine.LoadModule(wasm);
            // Warm the host code paths once so the first sample does not time the JIT.
            FirstDecision(engine, wasm, 0);

            var resident = new LatencySamples(count);
            for (int i = 0; i < count; i++)
            {
                long start = Clock.Now();
                FirstDecision(engine, wasm, i);
                resident.Add(Clock.NanosSince(start));
            }

            var warmDisk = new LatencySamples(count);
            for (int i = 0; i < count; i++)
            {
                engine.EvictModule(module.Sha256);
                long start = Clock.Now();
                FirstDecision(engine, wasm, i);
                warmDisk.Add(Clock.NanosSince(start));
            }

            var coldDisk = new LatencySamples(coldCount);
            for (int i = 0; i < coldCount; i++)
            {
                engine.EvictModule(module.Sha256);
                foreach (var file in cacheDirectory.GetFiles())
                {
                    file.Delete();
                }
                long start = Clock.Now();
                FirstDecision(engine, wasm, i);
                coldDisk.Add(Clock.NanosSince(start));
            }

            Report("module resident (shared mode)", resident, hasTarget: true);
            Report("module evicted, artifact cache warm", warmDisk, hasTarget: true);
            // Issue 6 asks for this time to be reported, not held to 5 ms: an optimising compile of the module.
            Report("module evicted, artifact cache cold", coldDisk, hasTarget: false);
        }
        finally
        {
            cacheDirectory.Delete(recursive: true);
        }
    }

    private static void FirstDecision(PolicyEngine engine, byte[] wasm, int tenant)
    {
        var module = engine.LoadModule(wasm);
        using var pool = engine.CreatePool(module, Seed.TenantData(tenant), new PoolOptions { MaxInstances = 1 });
        pool.Evaluate(Seed.Allow, Seed.Input);
    }

    private static void Report(string name, LatencySamples samples, bool hasTarget)
    {
        Console.WriteLine($"cold start, {name}: n={samples.Count} p50 {Summary.Millis(samples.Percentile(50))} p99 {Summary.Millis(samples.Percentile(99))} max {Summary.Millis(samples.Percentile(100))}");
        Summary.Line($"cold start p50, {name}", Summary.Millis(samples.Percentile(50)));
        if (hasTarget)
        {
            Summary.Line($"cold start p99, {name}", Summary.Millis(samples.Percentile(99)), "< 5 ms", samples.Percentile(99) < 5e6);
        }
        else
        {
            Summary.Line($"cold start p99, {name} (reported)", Summary.Millis(samples.Percentile(99)));
        }
    }
}
