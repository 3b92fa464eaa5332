using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Compiler;
using Tollgate.Runtime;

namespace Tollgate.Cli.Tests;

/// <summary>
/// The end-to-end slice of the foundation: the seed's RBAC template compiled to wasm, checked by
/// wasm-validate, and answered identically by Tollgate's host and OPA's JS SDK.
/// </summary>
public sealed class SeedSliceTests
{
    private static readonly (string Name, string Input, bool Allow)[] Checks =
    [
        ("admin writes", """{"tenant_id":"1001","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""", true),
        ("member deletes", """{"tenant_id":"1001","user":{"id":"u1","role":"member"},"action":"delete","resource":{"type":"doc","owner":"u9"}}""", false),
        ("viewer reads", """{"tenant_id":"1001","user":{"id":"u2","role":"viewer"},"action":"read","resource":{"type":"doc","owner":"u9"}}""", true),
        ("viewer writes", """{"tenant_id":"1001","user":{"id":"u2","role":"viewer"},"action":"write","resource":{"type":"doc","owner":"u9"}}""", false),
        ("owner reads", """{"tenant_id":"1001","user":{"id":"u3","role":"nobody"},"action":"read","resource":{"type":"doc","owner":"u3"}}""", true),
        ("owner writes", """{"tenant_id":"1001","user":{"id":"u3","role":"nobody"},"action":"write","resource":{"type":"doc","owner":"u3"}}""", false),
        ("admin of another tenant", """{"tenant_id":"1002","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""", false),
        ("owner in another tenant", """{"tenant_id":"1002","user":{"id":"u3","role":"viewer"},"action":"read","resource":{"type":"doc","owner":"u3"}}""", false),
    ];

    internal static byte[] CompileSeed(bool embedData = false)
    {
        var request = new CompileRequest { OptimizationLevel = 2 };
        request.Modules.Add(new SourceFile { Name = "policy.rego", Text = File.ReadAllText(RepoPaths.SeedTemplate).Replace("{{TENANT_ID}}", "1001", StringComparison.Ordinal) });
        request.Entrypoints.Add("tenant/authz/allow");
        request.Entrypoints.Add("tenant/authz/decision");
        if (embedData) request.EmbeddedDataJson = File.ReadAllBytes(RepoPaths.SeedData);
        var result = PolicyCompiler.Compile(request);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Wasm!;
    }

    [Fact]
    public void Seed_module_passes_wasm_validate()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tollgate-seed-{Guid.NewGuid():N}.wasm");
        File.WriteAllBytes(path, CompileSeed());
        try
        {
            var (code, stdout, stderr) = ExternalTool.Run("wasm-validate", path);
            Assert.True(code == 0, $"wasm-validate rejected the module: {stdout}{stderr}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Host_answers_the_seed_checks()
    {
        using var engine = new PolicyEngine();
        var module = engine.LoadModule(CompileSeed());
        using var pool = engine.CreatePool(module, File.ReadAllBytes(RepoPaths.SeedData));
        foreach (var (name, input, allow) in Checks)
        {
            var result = JsonNode.Parse(pool.EvaluateJson("tenant/authz/allow", input));
            Assert.True(result?[0]?["result"]?.GetValue<bool>() == allow, $"{name}: got {result?.ToJsonString()}");
        }
        var decision = JsonNode.Parse(pool.EvaluateJson("tenant/authz/decision", Checks[0].Input))?[0]?["result"];
        Assert.Equal(true, decision?["allowed"]?.GetValue<bool>());
        Assert.Equal("1001", decision?["tenant_id"]?.GetValue<string>());
        Assert.Equal("u1", decision?["user_id"]?.GetValue<string>());
        Assert.Equal("doc", decision?["resource"]?.GetValue<string>());
        Assert.True(decision?["timestamp"]?.GetValue<long>() > 1_700_000_000_000_000_000L);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Js_sdk_agrees_with_the_host(bool embedData)
    {
        var wasm = CompileSeed(embedData);
        var dir = Directory.CreateTempSubdirectory("tollgate-js-");
        try
        {
            var wasmPath = Path.Combine(dir.FullName, "policy.wasm");
            File.WriteAllBytes(wasmPath, wasm);
            var cases = new JsonArray();
            foreach (var (_, input, _) in Checks)
            {
                cases.Add(new JsonObject { ["entrypoint"] = "tenant/authz/allow", ["input"] = JsonNode.Parse(input) });
            }
            var casesPath = Path.Combine(dir.FullName, "cases.json");
            File.WriteAllText(casesPath, cases.ToJsonString());
            // With embedded data the module carries its data: the SDK gets none (its default empty data).
            var dataArg = embedData ? "-" : RepoPaths.SeedData;
            var jsDir = Path.Combine(RepoPaths.Root, "test", "js");
            Assert.True(Directory.Exists(Path.Combine(jsDir, "node_modules", "@open-policy-agent", "opa-wasm")),
                "OPA's JS SDK is not installed: run `npm ci` in test/js (bash .ci/run does)");
            var (code, stdout, stderr) = ExternalTool.Run("node", $"evaluate.mjs \"{wasmPath}\" \"{dataArg}\" \"{casesPath}\"", jsDir);
            Assert.True(code == 0, $"node failed: {stderr}");
            var js = JsonNode.Parse(stdout) as JsonArray;
            Assert.NotNull(js);

            using var engine = new PolicyEngine();
            var module = engine.LoadModule(wasm);
            using var pool = engine.CreatePool(module, embedData ? "{}"u8 : File.ReadAllBytes(RepoPaths.SeedData));
            for (var i = 0; i < Checks.Length; i++)
            {
                var host = JsonNode.Parse(pool.EvaluateJson("tenant/authz/allow", Checks[i].Input));
                Assert.True(JsonNode.DeepEquals(host, js[i]), $"{Checks[i].Name}: host {host?.ToJsonString()} vs JS SDK {js[i]?.ToJsonString()}");
                Assert.Equal(Checks[i].Allow, host?[0]?["result"]?.GetValue<bool>());
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
