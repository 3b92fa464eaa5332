using System.Text.Json.Nodes;

namespace Tollgate.Cli.Tests;

/// <summary>The CLI commands with the flags OPA users type, run in-process.</summary>
[Collection("console")]
public sealed class CommandTests
{
    private static string Example => Path.Combine(RepoPaths.Root, "examples", "k8s-admission");

    [Fact]
    public async Task Test_runs_the_v0_policy_library_like_opa_test()
    {
        var (code, stdout, _) = await CliRun.RunAsync("test", "--v0-compatible", Example);
        Assert.Equal(0, code);
        Assert.Contains("PASS: 30/30", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_json_format_lists_every_test_with_its_package()
    {
        var (code, stdout, _) = await CliRun.RunAsync("test", "--v0-compatible", "--format", "json", Example);
        Assert.Equal(0, code);
        var results = JsonNode.Parse(stdout) as JsonArray;
        Assert.NotNull(results);
        Assert.Equal(30, results.Count);
        Assert.All(results, r => Assert.Null(r?["fail"]));
        Assert.Contains(results, r => r?["package"]?.GetValue<string>() == "data.k8s.lib" && r["name"]?.GetValue<string>() == "test_tag_explicit");
        Assert.All(results, r => Assert.True(r?["location"]?["row"]?.GetValue<int>() > 0));
    }

    [Fact]
    public async Task Test_run_filter_and_failures_give_a_non_zero_exit()
    {
        var dir = Directory.CreateTempSubdirectory("tollgate-test-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "t.rego"), """
                package t

                test_ok if { 1 + 1 == 2 }
                test_bad if { 1 + 1 == 3 }
                test_ok if { true }
                """);
            var (code, stdout, _) = await CliRun.RunAsync("test", "-v", dir.FullName);
            Assert.NotEqual(0, code);
            Assert.Contains("data.t.test_ok#01: PASS", stdout, StringComparison.Ordinal);
            Assert.Contains("data.t.test_ok#02: PASS", stdout, StringComparison.Ordinal);
            Assert.Contains("data.t.test_bad: FAIL", stdout, StringComparison.Ordinal);
            Assert.Contains("PASS: 2/3", stdout, StringComparison.Ordinal);
            Assert.Contains("FAIL: 1/3", stdout, StringComparison.Ordinal);

            var (filtered, only, _) = await CliRun.RunAsync("test", "--run", "test_ok", dir.FullName);
            Assert.Equal(0, filtered);
            Assert.Contains("PASS: 2/2", only, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task V0_library_is_rejected_as_v1_with_opa_messages()
    {
        var (code, _, stderr) = await CliRun.RunAsync("check", Example);
        Assert.Equal(1, code);
        Assert.Contains("rego_parse_error: `if` keyword is required before rule body", stderr, StringComparison.Ordinal);
        var (ok, _, _) = await CliRun.RunAsync("check", "--v0-compatible", Example);
        Assert.Equal(0, ok);
    }

    [Fact]
    public async Task Build_then_eval_the_bundle_with_the_seed_flags()
    {
        var dir = Directory.CreateTempSubdirectory("tollgate-build-");
        try
        {
            var policy = Path.Combine(dir.FullName, "policy.rego");
            File.WriteAllText(policy, File.ReadAllText(RepoPaths.SeedTemplate).Replace("{{TENANT_ID}}", "1001", StringComparison.Ordinal));
            var data = Path.Combine(dir.FullName, "data.json");
            File.Copy(RepoPaths.SeedData, data);
            var bundle = Path.Combine(dir.FullName, "dist", "bundle.tar.gz");
            var (code, _, stderr) = await CliRun.RunAsync("build", "-t", "wasm", "-e", "tenant/authz/allow", "-e", "tenant/authz/decision", "-O", "2", "-o", bundle, policy, data);
            Assert.True(code == 0, stderr);

            var b = Runtime.Bundles.Bundle.ReadFile(bundle);
            Assert.NotNull(b.Wasm);
            Assert.True(b.Files.ContainsKey("/data.json"));
            Assert.True(b.Files.ContainsKey("/policy.rego"));
            Assert.Equal(2, b.Manifest.Wasm.Count);
            Assert.Equal("/policy.wasm", b.Manifest.Wasm[0].Module);

            var input = Path.Combine(dir.FullName, "input.json");
            File.WriteAllText(input, """{"tenant_id":"1001","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""");
            var (evalCode, stdout, evalErr) = await CliRun.RunAsync("eval", "--bundle", bundle, "-i", input, "data.tenant.authz.allow");
            Assert.True(evalCode == 0, evalErr);
            var expected = JsonNode.Parse("""{"result": [{"expressions": [{"value": true, "text": "data.tenant.authz.allow", "location": {"row": 1, "col": 1}}]}]}""");
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(stdout)), stdout);

            File.WriteAllText(input, """{"tenant_id":"1002","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""");
            var (_, deny, _) = await CliRun.RunAsync("eval", "-d", policy, "-d", data, "-i", input, "data.tenant.authz.allow");
            Assert.Equal(false, JsonNode.Parse(deny)?["result"]?[0]?["expressions"]?[0]?["value"]?.GetValue<bool>());

            var (_, undefinedOut, _) = await CliRun.RunAsync("eval", "-d", policy, "data.tenant.authz.no_such_rule");
            Assert.Equal("{}", undefinedOut.Trim());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bench_json_has_the_keys_the_seeds_jq_filter_reads()
    {
        var dir = Directory.CreateTempSubdirectory("tollgate-bench-");
        try
        {
            var policy = Path.Combine(dir.FullName, "policy.rego");
            File.WriteAllText(policy, File.ReadAllText(RepoPaths.SeedTemplate).Replace("{{TENANT_ID}}", "1001", StringComparison.Ordinal));
            var data = Path.Combine(dir.FullName, "data.json");
            File.Copy(RepoPaths.SeedData, data);
            var bundle = Path.Combine(dir.FullName, "bundle.tar.gz");
            var (b, _, berr) = await CliRun.RunAsync("build", "-t", "wasm", "--embed-data", "-e", "tenant/authz/allow", "-o", bundle, policy, data);
            Assert.True(b == 0, berr);
            var wasm = Path.Combine(dir.FullName, "tenant-1001.wasm");
            File.WriteAllBytes(wasm, Runtime.Bundles.Bundle.ReadFile(bundle).Wasm!);
            var input = Path.Combine(dir.FullName, "test-input.json");
            File.WriteAllText(input, """{"tenant_id":"1001","user":{"id":"u1","role":"admin"},"action":"write","resource":{"type":"doc","owner":"u9"}}""");
            // The seed's benchmark script passes the lone module (data compiled in) as --data.
            var (code, stdout, stderr) = await CliRun.RunAsync("bench", "--format", "json", "--count", "2000", "--data", wasm, "--input", input, "data.tenant.authz.allow");
            Assert.True(code == 0, stderr);
            var report = JsonNode.Parse(stdout)!;
            Assert.True(report["histogram_timer_opa_rego_query_hz"]?["mean"]?.GetValue<double>() > 0);
            Assert.True(report["histogram_timer_opa_rego_query_ns"]?["p99"]?.GetValue<double>() > 0);
            foreach (var key in new[] { "ops_per_second", "p50_ns", "p90_ns", "p99_ns", "p999_ns" })
            {
                Assert.True(report[key] is not null, key);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Capabilities_lists_native_and_host_builtins_but_not_http_send()
    {
        var (code, stdout, _) = await CliRun.RunAsync("capabilities", "--where");
        Assert.Equal(0, code);
        var builtins = JsonNode.Parse(stdout)?["builtins"] as JsonArray;
        Assert.NotNull(builtins);
        var names = builtins.Select(b => b?["name"]?.GetValue<string>()).ToHashSet();
        Assert.Contains("count", names);
        Assert.Contains("sprintf", names);
        Assert.Contains("time.now_ns", names);
        Assert.DoesNotContain("http.send", names);
        Assert.Contains(builtins, b => b?["name"]?.GetValue<string>() == "plus" && b["tollgate_runs_in"]?.GetValue<string>() == "module");
    }

    [Fact]
    public async Task Build_refuses_builtins_that_do_not_run_at_the_edge()
    {
        var dir = Directory.CreateTempSubdirectory("tollgate-edge-only-");
        try
        {
            var policy = Path.Combine(dir.FullName, "p.rego");
            File.WriteAllText(policy, "package p\n\nallow if http.send({\"method\": \"GET\", \"url\": \"http://x\"}).status_code == 200\n");
            var (code, _, stderr) = await CliRun.RunAsync("build", "-t", "wasm", "-e", "p/allow", "-o", Path.Combine(dir.FullName, "b.tar.gz"), policy);
            Assert.Equal(1, code);
            Assert.Contains("http.send is not available at the edge", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir.FullName, "b.tar.gz")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Malformed_inputs_get_clear_errors()
    {
        var dir = Directory.CreateTempSubdirectory("tollgate-bad-");
        try
        {
            var bad = Path.Combine(dir.FullName, "bad.json");
            File.WriteAllText(bad, "{ not json");
            var policy = Path.Combine(dir.FullName, "p.rego");
            File.WriteAllText(policy, "package p\n\nallow if input.x == 1\n");
            var (code, _, stderr) = await CliRun.RunAsync("eval", "-d", policy, "-i", bad, "data.p.allow");
            Assert.Equal(1, code);
            Assert.Contains("invalid JSON", stderr, StringComparison.Ordinal);

            var notBundle = Path.Combine(dir.FullName, "b.tar.gz");
            File.WriteAllText(notBundle, "garbage");
            (code, _, stderr) = await CliRun.RunAsync("eval", "--bundle", notBundle, "data.p.allow");
            Assert.Equal(1, code);
            Assert.StartsWith("error:", stderr, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
