using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tollgate.Runtime;
using Tollgate.Runtime.Benchmarking;

namespace Tollgate.HostBench;

/// <summary>
/// The same module, data and input on OPA's JS SDK (benchmarks/js/bench-opa-wasm.mjs under node) and on
/// Tollgate's host, one after the other in this process; prints both and the ratio of mean time per call.
/// </summary>
internal static class JsMode
{
    public static void Run(int count, string? script)
    {
        script ??= Path.Combine(Seed.Root, "benchmarks", "js", "bench-opa-wasm.mjs");
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

            using var js = RunNode(script, wasmPath, dataPath, inputPath, count);
            var jsHist = js.RootElement.GetProperty("histogram_timer_opa_rego_query_ns");
            double jsMean = jsHist.GetProperty("mean").GetDouble();
            double jsP99 = jsHist.GetProperty("p99").GetDouble();
            double jsP50 = jsHist.GetProperty("p50").GetDouble();
            string jsResult = js.RootElement.GetProperty("result").GetRawText();

            using var engine = new PolicyEngine();
            using var pool = engine.CreatePool(engine.LoadModule(wasm), Seed.Data(), new PoolOptions { MaxInstances = 1 });
            var report = BenchRunner.Run(pool, Seed.Allow, Seed.Input, count);

            double ratio = report.MeanNs / jsMean;
            double medianRatio = report.P50Ns / jsP50;
            Console.WriteLine($"OPA JS SDK: mean {jsMean:0} ns, p50 {jsP50:0} ns, p99 {jsP99:0} ns, result {jsResult}");
            Console.WriteLine($"Tollgate:   mean {report.MeanNs:0} ns, p50 {report.P50Ns} ns, p99 {report.P99Ns} ns");
            Summary.Line("JS SDK mean per eval (same module)", Summary.Micros(jsMean));
            Summary.Line("Tollgate mean per eval (same module)", Summary.Micros(report.MeanNs));
            Summary.Line("Tollgate / JS SDK time per eval (mean)", Summary.Number(ratio, "0.00") + "x", "<= 0.5x", ratio <= 0.5);
            Summary.Line("Tollgate / JS SDK time per eval (p50)", Summary.Number(medianRatio, "0.00") + "x", "<= 0.5x", medianRatio <= 0.5);
        }
        finally
        {
            work.Delete(recursive: true);
        }
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

    private static JsonDocument RunNode(string script, string wasm, string data, string input, int count)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { script, "--wasm", wasm, "--entrypoint", Seed.Allow, "--data", data, "--input", input,
                     "--count", count.ToString(CultureInfo.InvariantCulture) })
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
