using BenchmarkDotNet.Attributes;
using Tollgate.Compiler.Passes;
using Tollgate.Rego;
using Tollgate.Rego.Ast;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Benchmarks;

/// <summary>
/// Compile passes over real inputs: every module set of OPA's conformance suite (one set per case), parsed
/// and compiled together. The passes rewrite the AST in place, so each run parses again; the parse-only
/// baseline shows how much of the time is the passes'.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private List<string[]> _moduleSets = [];

    [GlobalSetup]
    public void Setup()
    {
        _moduleSets = LoadModuleSets();
        Console.WriteLine($"// corpus: {_moduleSets.Count} module sets");
    }

    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        var rules = 0;
        foreach (var set in _moduleSets)
        {
            foreach (var source in set)
            {
                rules += RegoParser.ParseModule(source).Value?.Rules.Count ?? 0;
            }
        }
        return rules;
    }

    [Benchmark]
    public int ParseAndCompile()
    {
        var compiled = 0;
        var modules = new List<Module>();
        foreach (var set in _moduleSets)
        {
            modules.Clear();
            foreach (var source in set)
            {
                var parsed = RegoParser.ParseModule(source);
                if (parsed.Value != null && parsed.Diagnostics.Count == 0) modules.Add(parsed.Value);
            }
            if (ProgramCompiler.Compile(modules).Success) compiled++;
        }
        return compiled;
    }

    /// <summary>The modules of every conformance case, in file order.</summary>
    public static List<string[]> LoadModuleSets()
    {
        var root = FindSuite();
        var files = Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        var sets = new List<string[]>();
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file)) stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode doc) continue;
            if (!doc.Children.TryGetValue(new YamlScalarNode("cases"), out var cases) || cases is not YamlSequenceNode list) continue;
            foreach (var c in list.Children)
            {
                if (c is not YamlMappingNode caseNode) continue;
                if (!caseNode.Children.TryGetValue(new YamlScalarNode("modules"), out var mods) || mods is not YamlSequenceNode modList) continue;
                var sources = new List<string>();
                foreach (var m in modList.Children)
                {
                    if (m is YamlScalarNode s && s.Value != null) sources.Add(s.Value);
                }
                sets.Add(sources.ToArray());
            }
        }
        return sets;
    }

    private static string FindSuite()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "opa-v1");
            if (Directory.Exists(candidate)) return candidate;
        }
        return "/work/shared/conformance/opa-v1";
    }
}
