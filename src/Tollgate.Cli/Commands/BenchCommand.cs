using System.CommandLine;
using System.Text;
using Tollgate.Cli.Inputs;
using Tollgate.Compiler;
using Tollgate.Runtime;
using Tollgate.Runtime.Benchmarking;

namespace Tollgate.Cli.Commands;

/// <summary>
/// <c>tollgate bench [--count N] [--data f…] [--bundle b] [--input f] [--format json] QUERY</c>, like
/// <c>opa bench</c>. <c>--data</c> also takes a lone .wasm module (with data compiled in), as the seed's
/// benchmark script passes it. The JSON output carries the keys the seed's jq filter reads.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "Query to benchmark, e.g. data.tenant.authz.allow" };
        var count = new Option<int>("--count") { Description = "Evaluations to time.", DefaultValueFactory = _ => 10_000 };
        var data = new Option<string[]>("--data", "-d") { Description = "Policy/data files or directories, or a .wasm module." };
        var bundle = new Option<string?>("--bundle", "-b") { Description = "A bundle built by tollgate build." };
        var input = new Option<string?>("--input", "-i") { Description = "Input document (JSON or YAML)." };
        var format = CommonOptions.Format("pretty", "pretty", "json");
        var v0 = CommonOptions.V0Compatible();
        var command = new Command("bench", "Benchmark one query's evaluation in Tollgate's host.") { query, count, data, bundle, input, format, v0 };
        CommandRunner.SetHandler(command, result =>
        {
            var plan = QueryPlan.Create(result.GetValue(query)!, CommonOptions.Version(result, v0));
            var inputBytes = result.GetValue(input) is { } inputPath ? InputFile.Read(inputPath) : [];
            var dataPaths = new List<string>(result.GetValue(data) ?? []);
            byte[]? wasm = null;
            foreach (var p in dataPaths.ToArray())
            {
                if (p.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase))
                {
                    if (wasm is not null) throw new CliException("only one .wasm module may be given");
                    if (!File.Exists(p)) throw new CliException($"{p}: no such file");
                    wasm = File.ReadAllBytes(p);
                    dataPaths.Remove(p);
                }
            }
            var inputs = PolicyInputs.Load(dataPaths);
            if (result.GetValue(bundle) is { } bundlePath)
            {
                var b = BundleFiles.Read(bundlePath);
                wasm ??= b.Wasm;
                BundleFiles.AddTo(b, inputs);
            }

            string entrypoint;
            if (wasm is not null)
            {
                entrypoint = plan.EntrypointPath ?? throw new CliException("with a prebuilt module the query must be a data reference naming one of its entrypoints, e.g. data.tenant.authz.allow");
            }
            else
            {
                var request = new CompileRequest { Version = CommonOptions.Version(result, v0), OptimizationLevel = 2 };
                request.Modules.AddRange(inputs.Modules);
                if (plan.EntrypointPath is { } ep)
                {
                    entrypoint = ep;
                    request.Entrypoints.Add(ep);
                }
                else
                {
                    entrypoint = "tollgate/bench/query";
                    request.Queries.Add(new KeyValuePair<string, string>(entrypoint, plan.OriginalText));
                }
                var compiled = PolicyCompiler.Compile(request);
                if (!compiled.Success || compiled.Wasm is null) throw new CliException(DiagnosticText.Format(compiled.Diagnostics));
                wasm = compiled.Wasm;
            }

            using var engine = new PolicyEngine();
            BenchReport report;
            try
            {
                var module = engine.LoadModule(wasm);
                if (!module.Entrypoints.ContainsKey(entrypoint))
                {
                    throw new CliException($"the module has no entrypoint {entrypoint} (it has: {string.Join(", ", module.Entrypoints.Keys)})");
                }
                using var pool = engine.CreatePool(module, Encoding.UTF8.GetBytes(inputs.Data.Root.ToJsonString()), new PoolOptions { MaxInstances = 1 });
                report = BenchRunner.Run(pool, entrypoint, inputBytes, Math.Max(1, result.GetValue(count)));
            }
            catch (PolicyException ex)
            {
                throw new CliException(ex.Message);
            }
            Console.WriteLine(result.GetValue(format) == "json" ? report.ToJson() : report.ToTable());
            return 0;
        });
        return command;
    }
}
