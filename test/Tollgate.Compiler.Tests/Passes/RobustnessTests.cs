using Tollgate.Compiler.Passes;
using Tollgate.Rego;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Tests.Passes;

/// <summary>
/// A bad policy yields diagnostics, never an exception: conformance modules compiled alone (their
/// neighbours missing) and with single lines deleted (mostly-broken but parseable variants).
/// </summary>
public class RobustnessTests
{
    [Fact]
    public void Mutilated_conformance_modules_never_throw()
    {
        var sources = ConformanceModules();
        Assert.NotEmpty(sources);
        int compiled = 0, withErrors = 0;
        // Every 20th module keeps the run to a few seconds while covering every construct family.
        for (var i = 0; i < sources.Count; i += 20)
        {
            var lines = sources[i].Split('\n');
            for (var drop = -1; drop < lines.Length; drop++)
            {
                var text = drop < 0 ? sources[i] : string.Join('\n', lines.Where((_, j) => j != drop));
                var parsed = RegoParser.ParseModule(text, "fuzz.rego");
                if (!parsed.Success) continue;
                var program = ProgramCompiler.Compile([parsed.Value!], new CompileOptions { Strict = drop % 2 == 0 });
                compiled++;
                if (!program.Success) withErrors++;
                foreach (var d in program.Diagnostics)
                {
                    Assert.False(string.IsNullOrEmpty(d.Code));
                    Assert.False(string.IsNullOrEmpty(d.Message));
                }
            }
        }
        Assert.True(compiled > 200, $"only {compiled} variants compiled");
        Assert.True(withErrors > 0, "no variant produced a diagnostic");
    }

    private static List<string> ConformanceModules()
    {
        var list = new List<string>();
        var root = "/work/shared/conformance/opa-v1";
        var env = Environment.GetEnvironmentVariable("TOLLGATE_SHARED");
        if (!string.IsNullOrEmpty(env)) root = Path.Combine(env, "conformance", "opa-v1");
        var files = Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var yaml = new YamlDotNet.RepresentationModel.YamlStream();
            using (var reader = new StringReader(File.ReadAllText(file))) yaml.Load(reader);
            foreach (var node in yaml.Documents[0].AllNodes)
            {
                if (node is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } v } && v.StartsWith("package ", StringComparison.Ordinal)) list.Add(v);
            }
        }
        return list;
    }
}
