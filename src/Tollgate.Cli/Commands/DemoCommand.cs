using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Cli.Demo;
using Tollgate.ControlPlane;
using Tollgate.Edge;
using Tollgate.Edge.Tenants;
using Tollgate.Runtime;

namespace Tollgate.Cli.Commands;

/// <summary>
/// <c>tollgate demo</c>: the seed's story end to end on embedded defaults. A control plane (SQLite, local
/// artifact directory) and an edge node start in this process on loopback; tenants are created from the
/// seed's RBAC template, published, and answer checks through the edge; then a hot update and a rollback.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var tenants = new Option<int>("--tenants") { Description = "How many tenants to create.", DefaultValueFactory = _ => 3 };
        var keep = new Option<string?>("--state-dir") { Description = "Keep the control plane's database, artifacts and the edge's state here (default: a temporary directory, removed at the end)." };
        var command = new Command("demo", "Run the demo: control plane + edge node, tenants from the seed template, publish, checks, hot update, rollback.") { tenants, keep };
        CommandRunner.SetHandler(command, (result, ct) => RunAsync(Math.Max(2, result.GetValue(tenants)), result.GetValue(keep), ct));
        return command;
    }

    private static async Task<int> RunAsync(int tenantCount, string? stateDir, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var temporary = stateDir is null;
        var root = stateDir ?? Directory.CreateTempSubdirectory("tollgate-demo-").FullName;
        var operatorToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var nodeToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var failures = 0;
        try
        {
            Step("starting a control plane (SQLite + local artifact directory) and an edge node on loopback");
            var cpOptions = new ControlPlaneOptions
            {
                Address = new IPEndPoint(IPAddress.Loopback, 0),
                DatabasePath = Path.Combine(root, "control-plane.db"),
                ArtifactDirectory = Path.Combine(root, "artifacts"),
                OperatorTokens = new HashSet<string> { operatorToken },
                NodeTokens = new Dictionary<string, string> { [nodeToken] = "edge-1" },
            };
            await using var cp = await ControlPlaneServer.StartAsync(cpOptions, ct: ct);
            var edgeOptions = new EdgeOptions
            {
                HttpAddress = new IPEndPoint(IPAddress.Loopback, 0),
                GrpcAddress = new IPEndPoint(IPAddress.Loopback, 0),
                ControlPlane = cp.Address,
                NodeId = "edge-1",
                Token = nodeToken,
                StateDirectory = Path.Combine(root, "edge-state"),
                LongPollWait = TimeSpan.FromSeconds(20),
                QuietLogging = true,
            };
            await using var edge = await EdgeServer.StartAsync(edgeOptions, WasmPolicyLoader.Create(edgeOptions), ownsLoader: true, ct: ct);
            Console.WriteLine($"  control plane {cp.Address}   edge HTTP {edge.HttpUri}   edge gRPC (ext_authz) {edge.GrpcUri}");
            using var client = new DemoClient(cp.Address, operatorToken, edge.HttpUri);

            Step("pushing the seed template templates/basic-rbac.rego and creating tenants (substitution mode, as the seed's scripts)");
            await client.ControlPlaneAsync(HttpMethod.Post, "/v1/templates", new JsonObject { ["name"] = "basic-rbac", ["source"] = DemoAssets.Template });
            var ids = new List<string>();
            for (var i = 0; i < tenantCount; i++)
            {
                var id = (1001 + i).ToString(CultureInfo.InvariantCulture);
                ids.Add(id);
                var checks = DemoAssets.SampleChecks(id, "9999");
                var smoke = new JsonArray();
                foreach (var (_, input, expected) in checks)
                {
                    smoke.Add(new JsonObject { ["entrypoint"] = "tenant/authz/allow", ["input"] = JsonNode.Parse(input), ["expect"] = expected });
                }
                await client.ControlPlaneAsync(HttpMethod.Post, "/v1/tenants", new JsonObject
                {
                    ["id"] = id, ["template"] = "basic-rbac", ["mode"] = "substitution", ["data"] = JsonNode.Parse(DemoAssets.TenantData), ["smoke"] = smoke,
                });
            }
            Console.WriteLine($"  tenants {string.Join(", ", ids)}, each with {DemoAssets.SampleChecks("x", "y").Count} smoke cases the edge verifies before serving");

            Step("publishing every tenant: build → bundle → content-addressed artifact → one atomic assignment");
            var publish = Stopwatch.StartNew();
            var published = await client.ControlPlaneAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["all"] = true });
            var buildMs = publish.Elapsed.TotalMilliseconds;
            var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var r in published?["revisions"] as JsonArray ?? [])
            {
                wanted[r!["tenant_id"]!.GetValue<string>()] = r["revision"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);
                Console.WriteLine($"  tenant {r["tenant_id"]}: revision {r["revision"]}, bundle {r["size_bytes"]!.GetValue<long>() / 1024.0:0.0} KB, sha256 {r["sha256"]!.GetValue<string>()[..12]}…");
            }
            foreach (var f in published?["failures"] as JsonArray ?? [])
            {
                Console.WriteLine($"  tenant {f!["tenant_id"]}: build FAILED: {f["error"]} {f["diagnostics"]?.ToJsonString()}");
                failures++;
            }
            var distribution = await client.WaitForRevisionsAsync(wanted, TimeSpan.FromSeconds(60));
            Console.WriteLine($"  built and published in {buildMs:0} ms; the edge verified and served all {wanted.Count} tenants {distribution.TotalMilliseconds:0} ms later");

            Step("sample checks through the edge (POST /v1/data/tenant/authz/allow, tenant from x-tenant-id)");
            for (var t = 0; t < ids.Count; t++)
            {
                foreach (var (description, input, expected) in DemoAssets.SampleChecks(ids[t], ids[(t + 1) % ids.Count]))
                {
                    var (allowed, latency) = await client.CheckAsync(ids[t], input);
                    failures += Report(ids[t], description, allowed, expected, latency);
                }
            }

            Step($"hot update: tenant {ids[0]} lets viewers write; publish only that tenant");
            var data = JsonNode.Parse(DemoAssets.TenantData)!;
            data["tenant_roles"]!["viewer"]!["permissions"] = new JsonArray("read", "write");
            var viewerWrites = DemoAssets.SampleChecks(ids[0], ids[1])[1];
            await client.ControlPlaneAsync(HttpMethod.Post, "/v1/tenants", new JsonObject { ["id"] = ids[0], ["data"] = data, ["smoke"] = new JsonArray() });
            publish.Restart();
            var update = await client.ControlPlaneAsync(HttpMethod.Post, "/v1/publish", new JsonObject { ["tenants"] = new JsonArray(ids[0]) });
            var newRevision = update!["revisions"]![0]!["revision"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);
            var swap = await client.WaitForRevisionsAsync(new Dictionary<string, string> { [ids[0]] = newRevision }, TimeSpan.FromSeconds(60));
            Console.WriteLine($"  revision {newRevision} published and swapped in at the edge in {publish.Elapsed.TotalMilliseconds:0} ms (edge side {swap.TotalMilliseconds:0} ms after publish returned)");
            var (nowAllowed, l1) = await client.CheckAsync(ids[0], viewerWrites.Input);
            failures += Report(ids[0], viewerWrites.Description, nowAllowed, true, l1);

            Step($"rollback: tenant {ids[0]} back to revision 1");
            publish.Restart();
            await client.ControlPlaneAsync(HttpMethod.Post, $"/v1/tenants/{ids[0]}/rollback", new JsonObject { ["to"] = 1 });
            await client.WaitForRevisionsAsync(new Dictionary<string, string> { [ids[0]] = "1" }, TimeSpan.FromSeconds(60));
            Console.WriteLine($"  rolled back and served at the edge in {publish.Elapsed.TotalMilliseconds:0} ms");
            var (afterRollback, l2) = await client.CheckAsync(ids[0], viewerWrites.Input);
            failures += Report(ids[0], viewerWrites.Description, afterRollback, false, l2);

            Step("throughput of one tenant's module in-process (no HTTP), one core");
            failures += Throughput();

            Step("control plane status");
            var status = await client.ControlPlaneAsync(HttpMethod.Get, "/v1/status");
            foreach (var node in status?["nodes"] as JsonArray ?? [])
            {
                Console.WriteLine($"  node {node!["node_id"]}: {node["assigned_tenants"]} tenants assigned, {node["tenants_behind"]} behind, {node["tenants_failed"]} failed");
            }
        }
        finally
        {
            if (temporary)
            {
                try { Directory.Delete(root, recursive: true); } catch (IOException) { }
            }
        }
        Console.WriteLine();
        Console.WriteLine(failures == 0
            ? $"demo finished in {total.Elapsed.TotalSeconds:0.0} s: every decision as expected"
            : $"demo finished with {failures} unexpected decision(s)");
        return failures == 0 ? 0 : 1;
    }

    private static void Step(string text)
    {
        Console.WriteLine();
        Console.WriteLine("== " + text);
    }

    private static int Report(string tenant, string description, bool allowed, bool expected, TimeSpan latency)
    {
        var ok = allowed == expected;
        Console.WriteLine($"  tenant {tenant}  {description,-26} → {(allowed ? "allow" : "deny "),-5}  {latency.TotalMilliseconds,7:0.000} ms over HTTP{(ok ? "" : "   UNEXPECTED")}");
        return ok ? 0 : 1;
    }

    private static int Throughput()
    {
        var request = new Compiler.CompileRequest { OptimizationLevel = 2 };
        request.Modules.Add(new Compiler.SourceFile { Name = "policy.rego", Text = DemoAssets.PolicyFor("1001") });
        request.Entrypoints.Add("tenant/authz/allow");
        var compiled = Compiler.PolicyCompiler.Compile(request);
        if (compiled.Wasm is null) throw new CliException(DiagnosticText.Format(compiled.Diagnostics));
        using var engine = new PolicyEngine();
        using var pool = engine.CreatePool(engine.LoadModule(compiled.Wasm), Encoding.UTF8.GetBytes(DemoAssets.TenantData), new PoolOptions { MaxInstances = 1 });
        var report = Runtime.Benchmarking.BenchRunner.Run(pool, "tenant/authz/allow", Encoding.UTF8.GetBytes(DemoAssets.SampleChecks("1001", "1002")[0].Input), 50_000);
        Console.WriteLine($"  {report.Count} evaluations: {report.OpsPerSecond:0} per second, p50 {report.P50Ns / 1000.0:0.0} µs, p99 {report.P99Ns / 1000.0:0.0} µs (module {compiled.Wasm.Length / 1024.0:0.0} KB, compiled in {compiled.Elapsed.TotalMilliseconds:0.0} ms)");
        return 0;
    }
}
