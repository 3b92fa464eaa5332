using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tollgate.Runtime;
using Tollgate.Runtime.Benchmarking;

namespace Tollgate.HostBench;

/// <summary>
/// The same module, data and input on OPA's JS SDK (benchmarks/js/bench-opa-wasm.mjs under node) and on
/// Tollgate's host, in alternating rounds (node, then Tollgate, <c>rounds</c> times, count/rounds calls each), so
/// that a burst of load from other processes on the shared machine lands in one round of one side rather than in
/// a whole side; prints every round and reports the median over rounds of each round's ratio (mean and p50).
/// </summary>
internal static class JsMode
{
    public static void Run(int count, string? script, int rounds)
    {
        script ??= Path.Combine(Seed.Root, "benchmarks", "js", "bench-opa-wasm.mjs");
        rounds = Math.Max(1, rounds);
        int perRound = Math.Max(1000, count / rounds);
        byte[] wasm = Seed.CompileShared();
        var work = Directory.CreateTempSubdirectory("tollgate-hostbench-js-");
        try
        {
            string wasmPath = Path.Combine(work.FullName, "policy.wasm");
            string dataPath = Path.Combine(work.FullName, "data.json");
            string inputPath = Path.Combine(work.FullName, "input.json");
            File.WriteAllBytes(wasmPath, wasm);
            File.WriteAllBytes(dataPath, Seed.Data());
            File.WriteAllBytes(inputPath, Seed.Input);

            using var engine = new PolicyEngine();
            using var pool = engine.CreatePool(engine.LoadModule(wasm), Seed.Data(), new PoolOptions { MaxInstances = 1 });
            var meanRatios = new double[rounds];
            var p50Ratios = new double[rounds];
            double jsMeanSum = 0, tgMeanSum = 0;
            for (int r = 0; r < rounds; r++)
            {
                // Each round is a fresh node process: it warms up with as many calls as it then measures, so its
                // JIT is as settled as in one long run.
                using var js = RunNode(script, wasmPath, dataPath, inputPath, perRound, warmup: perRound);
                var jsHist = js.RootElement.GetProperty("histogram_timer_opa_rego_query_ns");
                double jsMean = jsHist.GetProperty("mean").GetDouble();
                double jsP99 = jsHist.GetProperty("p99").GetDouble();
                double jsP50 = jsHist.GetProperty("p50").GetDouble();
                if (r == 0)
                {
                    Console.WriteLine($"OPA JS SDK result {js.RootElement.GetProperty("result").GetRawText()}");
                }
                var report = BenchRunner.Run(pool, Seed.Allow, Seed.Input, perRound);
                meanRatios[r] = report.MeanNs / jsMean;
                p50Ratios[r] = report.P50Ns / jsP50;
                jsMeanSum += jsMean;
                tgMeanSum += report.MeanNs;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {r + 1}/{rounds} ({perRound} calls each): OPA JS SDK mean {jsMean:0} ns, p50 {jsP50:0} ns, p99 {jsP99:0} ns | Tollgate mean {report.MeanNs:0} ns, p50 {report.P50Ns} ns, p99 {report.P99Ns} ns | ratio mean {meanRatios[r]:0.00}x, p50 {p50Ratios[r]:0.00}x"));
            }
            double ratio = Median(meanRatios);
            double medianRatio = Median(p50Ratios);
            Summary.Line("JS SDK mean per eval (same module, average of rounds)", Summary.Micros(jsMeanSum / rounds));
            Summary.Line("Tollgate mean per eval (same module, average of rounds)", Summary.Micros(tgMeanSum / rounds));
            Summary.Line("Tollgate / JS SDK time per eval (mean; median of rounds)", Summary.Number(ratio, "0.00") + "x", "<= 0.5x", ratio <= 0.5);
            Summary.Line("Tollgate / JS SDK time per eval (p50; median of rounds)", Summary.Number(medianRatio, "0.00") + "x", "<= 0.5x", medianRatio <= 0.5);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>Runs the JS SDK benchmark on in-memory module, data and input; returns its mean and p50 (ns).</summary>
    public static (double MeanNs, double P50Ns) RunNode(string? script, byte[] wasm, byte[] data, byte[] input, int count)
    {
        script ??= Path.Combine(Seed.Root, "benchmarks", "js", "bench-opa-wasm.mjs");
        var work = Directory.CreateTempSubdirectory("tollgate-hostbench-js-");
        try
        {
            string wasmPath = Path.Combine(work.FullName, "policy.wasm");
            string dataPath = Path.Combine(work.FullName, "data.json");
            string inputPath = Path.Combine(work.FullName, "input.json");
            File.WriteAllBytes(wasmPath, wasm);
            File.WriteAllBytes(dataPath, data);
            File.WriteAllBytes(inputPath, input);
            using var js = RunNode(script, wasmPath, dataPath, inputPath, count);
            var hist = js.RootElement.GetProperty("histogram_timer_opa_rego_query_ns");
            return (hist.GetProperty("mean").GetDouble(), hist.GetProperty("p50").GetDouble());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static JsonDocument RunNode(string script, string wasm, string data, string input, int count, int warmup = 1000)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { script, "--wasm", wasm, "--entrypoint", Seed.Allow, "--data", data, "--input", input,
                     "--count", count.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        using var node = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stderr = node.StandardError.ReadToEndAsync();
        string stdout = node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"node exited {node.ExitCode}: {stderr.Result}");
        }
        return JsonDocument.Parse(stdout);
    }
}
