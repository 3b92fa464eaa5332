using System.Diagnostics;
using Tollgate.Runtime;

namespace Tollgate.HostBench;

/// <summary>
/// N tenants resident in one process: one shared module, one pool (one instance) per tenant holding that
/// tenant's own data. Reports RSS after a full GC, bytes per tenant over the baseline and the load time,
/// then evaluates every tenant once so "resident" also means "evaluable".
/// </summary>
internal static class TenantsMode
{
    public static void Run(int count)
    {
        using var engine = new PolicyEngine();
        var module = engine.LoadModule(Seed.CompileShared());
        var datas = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            datas[i] = Seed.TenantData(i);
        }
        long baseline = ResidentBytes();

        var pools = new PolicyInstancePool[count];
        var load = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            pools[i] = engine.CreatePool(module, datas[i], new PoolOptions { MaxInstances = 1, InitialInstances = 1 });
        }
        load.Stop();
        long loaded = ResidentBytes();

        int allowed = 0;
        var evaluate = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            if (pools[i].Evaluate(Seed.Allow, Seed.Input).Length == """[{"result":true}]""".Length)
            {
                allowed++;
            }
        }
        evaluate.Stop();
        if (allowed != count)
        {
            throw new InvalidOperationException($"only {allowed} of {count} tenants allowed the admin write");
        }
        long afterEval = ResidentBytes();
        long hostEstimate = 0;
        foreach (var pool in pools)
        {
            hostEstimate += pool.ApproximateMemoryBytes;
        }

        double perTenant = (afterEval - baseline) / (double)count;
        Console.WriteLine($"tenants {count}: baseline RSS {baseline >> 20} MiB, after load {loaded >> 20} MiB, after one evaluation each {afterEval >> 20} MiB");
        Console.WriteLine($"load {load.Elapsed.TotalMilliseconds:0} ms ({load.Elapsed.TotalMilliseconds * 1000 / count:0} µs per tenant), first evaluation of all {evaluate.Elapsed.TotalMilliseconds:0} ms");
        Console.WriteLine($"pools' own estimate of linear memory: {hostEstimate >> 20} MiB");
        Summary.Line($"RSS with {count} tenants", $"{afterEval >> 20} MiB", "< 1024 MiB", afterEval < (1L << 30));
        Summary.Line("bytes per tenant (RSS growth / tenants)", Summary.Number(perTenant) + " B");
        Summary.Line($"load time, {count} tenants", Summary.Millis(load.Elapsed.TotalMilliseconds * 1e6));
        foreach (var pool in pools)
        {
            pool.Dispose();
        }
    }

    /// <summary>Working set after a full, compacting collection, so managed garbage is not counted.</summary>
    private static long ResidentBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
