using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Tests.Support;

namespace Tollgate.Rego.Tests;

/// <summary>
/// Golden files: each <c>Golden/&lt;name&gt;.rego</c> is parsed and compared with <c>&lt;name&gt;.json</c>
/// (the AST, or the diagnostics when parsing fails). A first line <c># version: v0</c> parses as v0.
/// Set <c>TOLLGATE_REGEN_GOLDEN=1</c> to rewrite the .json files.
/// </summary>
public sealed class GoldenTests
{
    private static string GoldenDir => Path.Combine(RepoPaths.TestProject, "Golden");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var files = Directory.GetFiles(GoldenDir, "*.rego");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses_as_recorded(string name)
    {
        var regoPath = Path.Combine(GoldenDir, name + ".rego");
        var jsonPath = Path.Combine(GoldenDir, name + ".json");
        var source = File.ReadAllText(regoPath).ReplaceLineEndings("\n");
        var version = source.StartsWith("# version: v0", StringComparison.Ordinal) ? RegoVersion.V0 : RegoVersion.V1;
        var result = RegoParser.ParseModule(source, name + ".rego", new ParseOptions { Version = version });
        var actual = Render(result) + "\n";

        if (Environment.GetEnvironmentVariable("TOLLGATE_REGEN_GOLDEN") == "1")
        {
            File.WriteAllText(jsonPath, actual);
            return;
        }
        Assert.True(File.Exists(jsonPath), $"missing {jsonPath}; run with TOLLGATE_REGEN_GOLDEN=1");
        var expected = File.ReadAllText(jsonPath).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    private static string Render(ParseResult<Module> result)
    {
        if (result.Success)
        {
            return AstJson.Serialize(result.Value!);
        }
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("diagnostics");
            foreach (var d in result.Diagnostics)
            {
                writer.WriteStartObject();
                writer.WriteString("code", d.Code);
                writer.WriteString("message", d.Message);
                writer.WriteString("loc", $"{d.Location.Line}:{d.Location.Column}");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
