using Tollgate.HostBench;

// Measurements of the runtime host on the seed RBAC template (issue 6). Each mode prints human-readable
// detail plus SUMMARY lines that benchmarks/host/run-all.sh gathers into one table.
string mode = args.Length > 0 ? args[0] : "help";
var options = new Args(args);
switch (mode)
{
    case "eval":
        EvalMode.Run(options.Int("count", 200_000));
        break;
    case "tenants":
        TenantsMode.Run(options.Int("count", 5000));
        break;
    case "coldstart":
        ColdStartMode.Run(options.Int("count", 200), options.Int("cold-count", 20));
        break;
    case "isolation":
        IsolationMode.Run(options.Int("count", 100_000), options.Int("deadline-ms", 20));
        break;
    case "js":
        JsMode.Run(options.Int("count", 100_000), options.Text("script"), options.Int("rounds", 5));
        break;
    case "breakdown":
        BreakdownMode.Run(options.Int("count", 50_000), options.Text("script"));
        break;
    case "crossing":
        CrossingMode.Run(options.Int("count", 200_000), options.Int("input-bytes", 0), options.Text("wasm"), options.Flag("eval-only"),
            options.Text("input"));
        break;
    case "wasm":
        string? regoSource = options.Text("rego") is { } rego ? File.ReadAllText(rego) : null;
        File.WriteAllBytes(options.Text("out") ?? "seed.wasm",
            options.Flag("names") ? Seed.CompileSharedWithNames(regoSource) : Seed.CompileShared(regoSource));
        break;
    case "ir":
        Console.Write(Seed.PlanShared(options.Text("rego") is { } regoText ? File.ReadAllText(regoText) : null));
        break;
    default:
        Console.Error.WriteLine("usage: Tollgate.HostBench eval|tenants|coldstart|isolation|js|breakdown|crossing|wasm|ir [--count N] ...");
        return 2;
}
return 0;
