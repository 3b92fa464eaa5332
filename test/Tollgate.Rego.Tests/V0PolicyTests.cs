using System.Text.RegularExpressions;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Tests.Support;

namespace Tollgate.Rego.Tests;

/// <summary>Kubernetes-admission style v0 policies parse with Version=V0 into the same AST as their v1 rewrites.</summary>
public sealed partial class V0PolicyTests
{
    private static string PolicyDir => Path.Combine(RepoPaths.TestProject, "Policies");

    public static TheoryData<string> Pairs()
    {
        var data = new TheoryData<string>();
        var files = Directory.GetFiles(Path.Combine(PolicyDir, "v0"), "*.rego");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void V0_policy_matches_its_v1_rewrite(string name)
    {
        var v0 = RegoParser.ParseModule(File.ReadAllText(Path.Combine(PolicyDir, "v0", name + ".rego")), name, new ParseOptions { Version = RegoVersion.V0 });
        var v1 = RegoParser.ParseModule(File.ReadAllText(Path.Combine(PolicyDir, "v1", name + ".rego")), name, new ParseOptions { Version = RegoVersion.V1 });
        Assert.True(v0.Success, string.Join("\n", v0.Diagnostics));
        Assert.True(v1.Success, string.Join("\n", v1.Diagnostics));
        Assert.Equal(WithoutLocations(AstJson.Serialize(v1.Value!.Package)), WithoutLocations(AstJson.Serialize(v0.Value!.Package)));
        Assert.Equal(v1.Value.Rules.Count, v0.Value.Rules.Count);
        for (var i = 0; i < v0.Value.Rules.Count; i++)
        {
            Assert.Equal(WithoutLocations(AstJson.Serialize(v1.Value.Rules[i])), WithoutLocations(AstJson.Serialize(v0.Value.Rules[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void V0_policy_is_rejected_as_v1(string name)
    {
        var asV1 = RegoParser.ParseModule(File.ReadAllText(Path.Combine(PolicyDir, "v0", name + ".rego")), name);
        Assert.False(asV1.Success);
        Assert.Contains(asV1.Diagnostics, d => d.Message.Contains("keyword is required", StringComparison.Ordinal));
    }

    private static string WithoutLocations(string json) => LocationLine().Replace(json, "");

    [GeneratedRegex("\"loc\": \"[0-9]+:[0-9]+\",?\\s*")]
    private static partial Regex LocationLine();
}
