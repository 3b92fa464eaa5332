using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Compiler;
using Tollgate.Runtime;
using Xunit.Abstractions;

namespace Tollgate.Conformance.Tests;

/// <summary>
/// Runs conformance cases' modules through OPA's JS wasm SDK (an independent ABI client) and through
/// Tollgate's host, and requires the same result sets. Cases are taken in suite order among those whose
/// module needs no host builtin (the SDK ships only a few) and whose input is plain JSON.
/// </summary>
public sealed class JsSdkCrossCheckTests(ITestOutputHelper output)
{
    private const string Entrypoint = "conformance/query";
    private const int Wanted = 300;

    [Fact]
    public async Task Js_sdk_and_host_agree_on_conformance_modules()
    {
        var jsDir = Path.Combine(RepoPaths.Root, "test", "js");
        Assert.True(Directory.Exists(Path.Combine(jsDir, "node_modules", "@open-policy-agent", "opa-wasm")),
            "OPA's JS SDK is not installed: run `npm ci` in test/js (bash .ci/run does)");
        var work = Directory.CreateTempSubdirectory("tollgate-xcheck-");
        try
        {
            using var engine = new PolicyEngine();
            var jobs = new JsonArray();
            var hostResults = new List<(ConformanceCase Case, JsonNode? Result)>();
            foreach (var file in CaseLoader.FindFiles(RepoPaths.ConformanceSuite))
            {
                foreach (var c in CaseLoader.Load(RepoPaths.ConformanceSuite, file))
                {
                    if (hostResults.Count >= Wanted) break;
                    if (c.WantResult is null || c.InputTerm is not null || c.StrictError) continue;
                    var request = new CompileRequest();
                    for (var i = 0; i < c.Modules.Count; i++) request.Modules.Add(new SourceFile { Name = $"test-{i}.rego", Text = c.Modules[i] });
                    request.Queries.Add(new KeyValuePair<string, string>(Entrypoint, c.Query));
                    var compiled = PolicyCompiler.Compile(request);
                    if (!compiled.Success || compiled.Wasm is null || compiled.HostBuiltins.Count > 0) continue;
                    byte[] hostOut;
                    try
                    {
                        using var pool = engine.CreatePool(engine.LoadModule(compiled.Wasm), Encoding.UTF8.GetBytes(c.Data?.ToJsonString() ?? "{}"));
                        hostOut = pool.Evaluate(Entrypoint, c.Input is null ? [] : Encoding.UTF8.GetBytes(c.Input.ToJsonString()));
                    }
                    catch (PolicyException)
                    {
                        continue;
                    }
                    var wasmPath = Path.Combine(work.FullName, $"case-{hostResults.Count}.wasm");
                    File.WriteAllBytes(wasmPath, compiled.Wasm);
                    jobs.Add(new JsonObject
                    {
                        ["wasm"] = wasmPath,
                        ["data"] = c.Data?.DeepClone(),
                        ["input"] = c.Input?.DeepClone(),
                        ["has_input"] = c.Input is not null,
                        ["entrypoint"] = Entrypoint,
                    });
                    hostResults.Add((c, JsonNode.Parse(hostOut)));
                }
            }
            Assert.True(hostResults.Count >= 200, $"only {hostResults.Count} eligible cases");

            var jobsPath = Path.Combine(work.FullName, "jobs.json");
            File.WriteAllText(jobsPath, jobs.ToJsonString());
            var psi = new ProcessStartInfo("node", $"batch.mjs \"{jobsPath}\"") { WorkingDirectory = jsDir, RedirectStandardOutput = true, RedirectStandardError = true };
            using var node = Process.Start(psi)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            {
                await node.WaitForExitAsync(timeout.Token);
            }
            Assert.True(node.ExitCode == 0, await stderr);
            var js = JsonNode.Parse(await stdout) as JsonArray;
            Assert.NotNull(js);
            Assert.Equal(hostResults.Count, js.Count);

            var mismatches = new List<string>();
            var precisionOnly = 0;
            for (var i = 0; i < hostResults.Count; i++)
            {
                var host = JsonValueComparer.Canonical(hostResults[i].Result);
                var sdk = JsonValueComparer.Canonical(js[i]);
                if (host != sdk && JsonValueComparer.CanonicalAsDoubles(hostResults[i].Result) == JsonValueComparer.CanonicalAsDoubles(js[i]))
                {
                    // The module's text was exact; JSON.parse in the SDK rounded a big integer to a double.
                    precisionOnly++;
                    output.WriteLine($"equal up to JavaScript number precision: {hostResults[i].Case.Note}");
                    continue;
                }
                if (host != sdk) mismatches.Add($"{hostResults[i].Case.File} {hostResults[i].Case.Note}: host {Cut(host)} vs JS SDK {Cut(sdk)}");
            }
            output.WriteLine($"{hostResults.Count} conformance modules evaluated by both; {mismatches.Count} disagree; {precisionOnly} equal only up to JavaScript number precision");
            foreach (var m in mismatches) output.WriteLine(m);
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(10)));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Cut(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
