using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Tollgate.Cli.Demo;
using Tollgate.Compiler;
using Tollgate.Runtime;

namespace Tollgate.Cli.Commands;

/// <summary>
/// <c>tollgate demo</c>: the seed's story end to end on embedded defaults — tenants from the seed's RBAC
/// template are compiled to wasm, loaded into one host and asked sample checks, with timings.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var tenants = new Option<int>("--tenants") { Description = "How many tenants to create.", DefaultValueFactory = _ => 3 };
        var command = new Command("demo", "Run the demo: build the seed template for several tenants and answer sample checks.") { tenants };
        CommandRunner.SetHandler(command, result => Run(Math.Max(2, result.GetValue(tenants))));
        return command;
    }

    private static int Run(int tenantCount)
    {
        Console.WriteLine("Tollgate demo — seed template templates/basic-rbac.rego, one module per tenant (substitution mode)");
        Console.WriteLine();
        var ids = new List<string>();
        for (var i = 0; i < tenantCount; i++) ids.Add((1001 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var engine = new PolicyEngine();
        var pools = new List<PolicyInstancePool>();
        var failures = 0;
        try
        {
            foreach (var id in ids)
            {
                var request = new CompileRequest { OptimizationLevel = 2 };
                request.Modules.Add(new SourceFile { Name = "policy.rego", Text = DemoAssets.PolicyFor(id) });
                request.Entrypoints.Add("tenant/authz/allow");
                request.Entrypoints.Add("tenant/authz/decision");
                var compiled = PolicyCompiler.Compile(request);
                if (!compiled.Success || compiled.Wasm is null)
                {
                    throw new CliException($"tenant {id}: " + DiagnosticText.Format(compiled.Diagnostics));
                }
                var load = Stopwatch.StartNew();
                var module = engine.LoadModule(compiled.Wasm);
                var pool = engine.CreatePool(module, Encoding.UTF8.GetBytes(DemoAssets.TenantData));
                load.Stop();
                pools.Add(pool);
                Console.WriteLine($"tenant {id}: compiled in {compiled.Elapsed.TotalMilliseconds,6:0.0} ms, module {compiled.Wasm.Length / 1024.0,6:0.0} KB, sha256 {module.Sha256[..12]}…, loaded in {load.Elapsed.TotalMilliseconds,6:0.0} ms");
            }
            Console.WriteLine();

            for (var t = 0; t < ids.Count; t++)
            {
                var other = ids[(t + 1) % ids.Count];
                foreach (var (description, input, expected) in DemoAssets.SampleChecks(ids[t], other))
                {
                    var sw = Stopwatch.StartNew();
                    var answer = pools[t].EvaluateJson("tenant/authz/allow", input);
                    sw.Stop();
                    var allowed = answer.Contains("\"result\":true", StringComparison.Ordinal);
                    var ok = allowed == expected;
                    if (!ok) failures++;
                    Console.WriteLine($"tenant {ids[t]}  {description,-26} → {(allowed ? "allow" : "deny "),-5}  {sw.Elapsed.TotalMicroseconds,8:0.0} µs  {(ok ? "" : "UNEXPECTED")}");
                }
            }
            Console.WriteLine();
            var decision = pools[0].EvaluateJson("tenant/authz/decision", DemoAssets.SampleChecks(ids[0], ids[1])[0].Input);
            Console.WriteLine($"tenant {ids[0]} decision document: {decision}");
            Console.WriteLine();

            const int n = 20_000;
            var sample = Encoding.UTF8.GetBytes(DemoAssets.SampleChecks(ids[0], ids[1])[0].Input);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
            var ep = pools[0].Module.Entrypoints["tenant/authz/allow"];
            var timer = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                buffer.ResetWrittenCount();
                pools[0].Evaluate(ep, sample, buffer);
            }
            timer.Stop();
            Console.WriteLine($"{n} checks on one core: {timer.Elapsed.TotalMilliseconds:0} ms, {n / timer.Elapsed.TotalSeconds:0} checks/s, {timer.Elapsed.TotalMicroseconds / n:0.00} µs per check");
        }
        finally
        {
            foreach (var p in pools) p.Dispose();
        }
        Console.WriteLine(failures == 0 ? "demo finished: every decision as expected" : $"demo finished with {failures} unexpected decisions");
        return failures == 0 ? 0 : 1;
    }
}
