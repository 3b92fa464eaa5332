using System.Runtime.CompilerServices;
using Tollgate.Compiler.Passes;
using Tollgate.Rego;
using Tollgate.Rego.Ast;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Compiler.Tests.Passes;

/// <summary>
/// Runs every module set and query of OPA's conformance cases (shared/conformance/opa-v1) through the
/// passes: none may throw, and a case that expects a result must compile without diagnostics.
/// </summary>
public class ConformanceSweepTests
{
    [Fact]
    public void Every_conformance_case_compiles_without_exceptions()
    {
        var root = ConformanceRoot();
        Assert.True(Directory.Exists(root), "conformance cases not found at " + root);
        int cases = 0, compiled = 0, parseFailures = 0;
        var unexpected = new List<string>();
        foreach (var file in Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories))
        {
            var yaml = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(file))) yaml.Load(reader);
            if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode doc) continue;
            if (!doc.Children.TryGetValue(new YamlScalarNode("cases"), out var casesNode) || casesNode is not YamlSequenceNode list) continue;
            foreach (var caseNode in list.Children.OfType<YamlMappingNode>())
            {
                cases++;
                var outcome = CompileCase(caseNode, out var wantsResult, out var detail);
                if (outcome == null)
                {
                    parseFailures++;
                    continue;
                }
                if (outcome.Success) compiled++;
                else if (wantsResult) unexpected.Add($"{Path.GetFileName(file)} {Scalar(caseNode, "note")}: {detail}");
            }
        }
        var report = $"{cases} cases, {compiled} compiled, {parseFailures} not parsed, {unexpected.Count} unexpected diagnostics";
        Console.WriteLine(report);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "tollgate-conformance-sweep.txt"), report + "\n" + string.Join("\n", unexpected));
        Assert.True(cases > 1000, report);
        Assert.True(unexpected.Count <= MaxUnexpected, report + "\n" + string.Join("\n", unexpected.Take(40)));
    }

    /// <summary>Cases whose expected result the passes still reject; lower it as the gaps close.</summary>
    private const int MaxUnexpected = 0;

    private static CompiledProgram? CompileCase(YamlMappingNode node, out bool wantsResult, out string detail)
    {
        wantsResult = node.Children.ContainsKey(new YamlScalarNode("want_result"));
        detail = "";
        var modules = new List<Module>();
        if (node.Children.TryGetValue(new YamlScalarNode("modules"), out var mods) && mods is YamlSequenceNode modList)
        {
            var i = 0;
            foreach (var m in modList.Children.OfType<YamlScalarNode>())
            {
                var parsed = RegoParser.ParseModule(m.Value ?? "", $"test-{i++}.rego");
                if (!parsed.Success) return null;
                modules.Add(parsed.Value!);
            }
        }
        var queryText = Scalar(node, "query");
        CompiledProgram program;
        if (queryText.Length > 0)
        {
            var query = RegoParser.ParseQuery(queryText, "query.rego");
            if (!query.Success) return null;
            program = ProgramCompiler.CompileWithQuery(modules, query.Value!);
        }
        else
        {
            program = ProgramCompiler.Compile(modules);
        }
        detail = string.Join(" | ", program.Diagnostics);
        return program;
    }

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value ?? "" : "";

    private static string ConformanceRoot([CallerFilePath] string thisFile = "")
    {
        var env = Environment.GetEnvironmentVariable("TOLLGATE_SHARED");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, "conformance", "opa-v1");
        // test/Tollgate.Compiler.Tests/Passes/ → repo root → ../shared
        var repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
        var shared = Path.Combine(repo, "..", "shared", "conformance", "opa-v1");
        return Directory.Exists(shared) ? shared : "/work/shared/conformance/opa-v1";
    }
}
