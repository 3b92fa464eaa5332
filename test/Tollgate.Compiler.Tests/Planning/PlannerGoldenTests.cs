using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Passes;
using Tollgate.Rego;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Tests.Planning;

/// <summary>
/// Planner output as IR text, compared with Planning/Golden/NAME.ir. Set TOLLGATE_REGEN_GOLDEN=1 to
/// rewrite the golden files from the current planner (then review the diff).
/// </summary>
public class PlannerGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(GoldenDir(), "*.rego")) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    private static string GoldenDir([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Golden");

    internal static IrProgram Plan(string source, string entrypoint, bool indexing = true)
    {
        var parsed = RegoParser.ParseModule(source, "golden.rego");
        Assert.Empty(parsed.Diagnostics);
        var compiled = ProgramCompiler.Compile([parsed.Value!]);
        Assert.True(compiled.Success, string.Join("; ", compiled.Diagnostics));
        return PolicyCompiler.Plan(compiled, [entrypoint], indexing);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ir_matches_golden(string name)
    {
        var source = File.ReadAllText(Path.Combine(GoldenDir(), name + ".rego"));
        // The first line names the entrypoint: "# entrypoint: t/allow".
        var entrypoint = source.Split('\n')[0].Replace("# entrypoint:", "", StringComparison.Ordinal).Trim();
        var actual = IrPrinter.Print(Plan(source, entrypoint));
        var goldenPath = Path.Combine(GoldenDir(), name + ".ir");
        if (Environment.GetEnvironmentVariable("TOLLGATE_REGEN_GOLDEN") == "1") File.WriteAllText(goldenPath, actual);
        Assert.True(File.Exists(goldenPath), "missing golden file " + goldenPath + " (run with TOLLGATE_REGEN_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(goldenPath), actual);
    }

    [Fact]
    public void Indexed_rule_set_looks_the_input_up_once()
    {
        var source = IndexedPolicy(50);
        var indexed = IrPrinter.Print(Plan(source, "t/allow", indexing: true));
        var plain = IrPrinter.Print(Plan(source, "t/allow", indexing: false));
        Assert.Contains("switch", indexed, StringComparison.Ordinal);
        Assert.DoesNotContain("switch", plain, StringComparison.Ordinal);
        // One dot of input.path for the whole rule set instead of one per rule.
        Assert.Equal(1, Count(indexed, "\"path\""));
        Assert.Equal(50, Count(plain, "\"path\""));
    }

    internal static string IndexedPolicy(int rules)
    {
        var sb = new System.Text.StringBuilder("package t\n\ndefault allow := false\n\n");
        for (var i = 0; i < rules; i++)
        {
            sb.Append("allow if input.path == \"/x/").Append(i).Append("\"\n");
        }
        sb.Append("allow if input.user == \"root\"\n");
        return sb.ToString();
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
