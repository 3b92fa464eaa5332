using System.Globalization;
using System.Text;
using Tollgate.Runtime;
using Tollgate.Runtime.Benchmarking;

namespace Tollgate.HostBench;

/// <summary>
/// Where a call's time goes, on both hosts in one run: an almost empty policy (<c>allow := true</c>) gives each
/// host's fixed per-call cost plus the module's fixed work (input parse, result dump, heap reset); the seed
/// policy adds its rules; larger inputs show the per-byte cost of copying and parsing input.
/// </summary>
internal static class BreakdownMode
{
    private const string EmptyPolicy = "package tenant.authz\n\nimport rego.v1\n\nallow := true\n\ndecision := {\"allowed\": true}\n";

    public static void Run(int count, string? script)
    {
        var policies = new (string Name, byte[] Wasm)[]
        {
            ("allow := true", Seed.CompileShared(EmptyPolicy)),
            ("seed rbac", Seed.CompileShared()),
        };
        var inputs = new (string Name, byte[] Bytes)[]
        {
            ("seed input " + Seed.Input.Length + " B", Seed.Input),
            ("1 KiB input", Padded(1024)),
            ("8 KiB input", Padded(8192)),
        };
        Console.WriteLine($"{"policy",-16} {"input",-22} {"JS mean",9} {"JS p50",8} {"TG mean",9} {"TG p50",8} {"ratio",6}");
        foreach (var (policyName, wasm) in policies)
        {
            foreach (var (inputName, input) in inputs)
            {
                var js = JsMode.RunNode(script, wasm, Seed.Data(), input, count);
                using var engine = new PolicyEngine();
                using var pool = engine.CreatePool(engine.LoadModule(wasm), Seed.Data(), new PoolOptions { MaxInstances = 1 });
                var report = BenchRunner.Run(pool, Seed.Allow, input, count);
                double ratio = report.MeanNs / js.MeanNs;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{policyName,-16} {inputName,-22} {js.MeanNs,9:0} {js.P50Ns,8:0} {report.MeanNs,9:0} {report.P50Ns,8:0} {ratio,6:0.00}"));
            }
        }
    }

    /// <summary>The seed input with an extra field of filler strings, <paramref name="size"/> bytes in all.</summary>
    public static byte[] Padded(int size)
    {
        var text = new StringBuilder(Encoding.UTF8.GetString(Seed.Input));
        text.Length--; // drop the closing brace
        text.Append(",\"extra\":[");
        int i = 0;
        while (text.Length < size - 40)
        {
            text.Append(i == 0 ? "" : ",").Append("\"item-").Append(i.ToString(CultureInfo.InvariantCulture)).Append("-abcdefgh\"");
            i++;
        }
        text.Append("]}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
