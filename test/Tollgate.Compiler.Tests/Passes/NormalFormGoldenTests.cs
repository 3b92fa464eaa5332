using System.Runtime.CompilerServices;
using Tollgate.Compiler.Passes;

namespace Tollgate.Compiler.Tests.Passes;

/// <summary>
/// Golden tests: each Golden/NAME.rego compiles to exactly Golden/NAME.normal.txt (the normal form as
/// printed by <see cref="NormalFormPrinter"/>, then any diagnostics). Set TOLLGATE_REGEN_GOLDEN=1 to
/// rewrite the expected files.
/// </summary>
public class NormalFormGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(GoldenDirectory(), "*.rego"))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Normal_form_matches_golden_file(string name)
    {
        var dir = GoldenDirectory();
        var source = File.ReadAllText(Path.Combine(dir, name + ".rego"));
        // NAME.v0.rego files are written in Rego v0 syntax.
        var version = name.EndsWith(".v0", StringComparison.Ordinal) ? Rego.Ast.RegoVersion.V0 : Rego.Ast.RegoVersion.V1;
        var program = ProgramCompiler.Compile([PassTestHelper.Parse(source, name + ".rego", version)]);
        var actual = NormalFormPrinter.Print(program);
        foreach (var d in program.Diagnostics) actual += "error: " + d + "\n";

        var expectedPath = Path.Combine(dir, name + ".normal.txt");
        if (Environment.GetEnvironmentVariable("TOLLGATE_REGEN_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"missing {expectedPath}; run with TOLLGATE_REGEN_GOLDEN=1");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    private static string GoldenDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");
}
