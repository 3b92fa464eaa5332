using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Tests.Compiled;

/// <summary>
/// benchmarks/js/bench-opa-wasm.mjs (OPA's JS SDK) and this host must give the same answer for the same module,
/// data and input, or the benchmark comparison is meaningless. Needs node and
/// `npm ci --prefix benchmarks/js`; fails loudly without them.
/// </summary>
public sealed class JsBenchAgreementTests
{
    private const string Policy = """
        package tenant.authz
        import rego.v1
        default allow := false
        allow if input.action in data.roles[input.role]
        decision := {"allowed": allow, "role": input.role, "perms": [p | some p in data.roles[input.role]]}
        """;

    private const string Data = """{"roles":{"admin":["read","write"],"viewer":["read"]}}""";

    [Theory]
    [InlineData("tenant/authz/allow", """{"role":"admin","action":"write"}""")]
    [InlineData("tenant/authz/allow", """{"role":"viewer","action":"write"}""")]
    [InlineData("tenant/authz/decision", """{"role":"viewer","action":"read"}""")]
    [InlineData("tenant/authz/decision", """{"role":"nobody","action":"read"}""")]
    public void The_js_sdk_script_and_the_host_agree(string entrypoint, string input)
    {
        var wasm = RegoModules.Compile(Policy, entrypoint);
        using var engine = new PolicyEngine();
        using var pool = engine.CreatePool(engine.LoadModule(wasm), Encoding.UTF8.GetBytes(Data));
        var host = JsonNode.Parse(pool.EvaluateJson(entrypoint, input));

        var js = RunScript(wasm, entrypoint, input);

        Assert.True(JsonNode.DeepEquals(host, js["result"]), $"host {host?.ToJsonString()} vs JS SDK {js["result"]?.ToJsonString()}");
        Assert.Equal(3, js["histogram_timer_opa_rego_query_ns"]?["count"]?.GetValue<int>());
    }

    private static JsonNode RunScript(byte[] wasm, string entrypoint, string input)
    {
        string root = RepoRoot();
        string script = Path.Combine(root, "benchmarks", "js", "bench-opa-wasm.mjs");
        Assert.True(Directory.Exists(Path.Combine(root, "benchmarks", "js", "node_modules", "@open-policy-agent", "opa-wasm")),
            "run `npm ci --prefix benchmarks/js` first: the JS SDK is not installed");
        var dir = Directory.CreateTempSubdirectory("tollgate-js-agree-");
        try
        {
            string wasmPath = Path.Combine(dir.FullName, "policy.wasm");
            File.WriteAllBytes(wasmPath, wasm);
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { script, "--wasm", wasmPath, "--entrypoint", entrypoint, "--data-json", Data,
                         "--input-json", input, "--count", "3", "--warmup", "0" })
            {
                start.ArgumentList.Add(arg);
            }
            using var node = Process.Start(start)!;
            var stderr = node.StandardError.ReadToEndAsync();
            string stdout = node.StandardOutput.ReadToEnd();
            node.WaitForExit();
            Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {stderr.Result}");
            return JsonNode.Parse(stdout, documentOptions: new JsonDocumentOptions())!;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tollgate.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Tollgate.slnx not found above " + AppContext.BaseDirectory);
    }
}
