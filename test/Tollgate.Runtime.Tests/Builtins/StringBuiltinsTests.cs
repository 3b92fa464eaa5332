namespace Tollgate.Runtime.Tests.Builtins;

public sealed class StringBuiltinsTests
{
    [Theory]
    [InlineData("concat", "[\"/\", [\"a\", \"b\"]]", "\"a/b\"")]
    [InlineData("indexof", "[\"héllo\", \"l\"]", "2")]
    [InlineData("indexof_n", "[\"aaa\", \"aa\"]", "[0,1]")]
    [InlineData("substring", "[\"héllo\", 1, 3]", "\"éll\"")]
    [InlineData("substring", "[\"abc\", 1, -1]", "\"bc\"")]
    [InlineData("substring", "[\"abc\", 5, 1]", "\"\"")]
    [InlineData("replace", "[\"ab\", \"\", \"-\"]", "\"-a-b-\"")]
    [InlineData("strings.replace_n", "[{\"a\": \"1\", \"ab\": \"2\"}, \"abc\"]", "\"1bc\"")]
    [InlineData("split", "[\"a,b,,c\", \",\"]", "[\"a\",\"b\",\"\",\"c\"]")]
    [InlineData("split", "[\"añb\", \"\"]", "[\"a\",\"ñ\",\"b\"]")]
    [InlineData("strings.reverse", "[\"añb\"]", "\"bña\"")]
    [InlineData("strings.count", "[\"cheese\", \"e\"]", "3")]
    [InlineData("strings.count", "[\"five\", \"\"]", "5")]
    [InlineData("trim", "[\"xxhixx\", \"x\"]", "\"hi\"")]
    [InlineData("trim_left", "[\"xxhixx\", \"x\"]", "\"hixx\"")]
    [InlineData("trim_right", "[\"xxhixx\", \"x\"]", "\"xxhi\"")]
    [InlineData("trim_prefix", "[\"prefix-x\", \"prefix-\"]", "\"x\"")]
    [InlineData("trim_suffix", "[\"x.rego\", \".rego\"]", "\"x\"")]
    [InlineData("trim_space", "[\" \\t hi \\n\"]", "\"hi\"")]
    [InlineData("upper", "[\"abc\"]", "\"ABC\"")]
    [InlineData("lower", "[\"ABC\"]", "\"abc\"")]
    [InlineData("format_int", "[-255, 16]", "\"-ff\"")]
    [InlineData("format_int", "[15.9, 2]", "\"1111\"")]
    [InlineData("to_number", "[\"-12.50\"]", "-12.50")]
    [InlineData("to_number", "[true]", "1")]
    [InlineData("to_number", "[\"123456789012345678901234567890\"]", "123456789012345678901234567890")]
    [InlineData("strings.any_prefix_match", "[[\"a/b\", \"c/d\"], \"c/\"]", "true")]
    [InlineData("strings.any_suffix_match", "[\"a.rego\", [\".json\", \".yaml\"]]", "false")]
    [InlineData("contains", "[\"abc\", \"b\"]", "true")]
    [InlineData("startswith", "[\"abc\", \"ab\"]", "true")]
    [InlineData("endswith", "[\"abc\", \"ab\"]", "false")]
    public void Computes(string builtin, string args, string expected)
    {
        var operands = System.Text.Json.Nodes.JsonNode.Parse(args)!.AsArray();
        var texts = new string[operands.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = operands[i]!.ToJsonString();
        }
        Assert.Equal(expected, BuiltinCall.Json(builtin, texts));
    }

    [Fact]
    public void Render_template_supports_fields_ranges_and_conditions()
    {
        var result = BuiltinCall.String("strings.render_template",
            "\"Hi {{.name}}!{{range $i, $x := .items}} [{{$i}}:{{$x}}]{{end}}{{if .admin}} admin{{else}} user{{end}}\"",
            "{\"name\": \"Ana\", \"items\": [\"a\", \"b\"], \"admin\": false}");
        Assert.Equal("Hi Ana! [0:a] [1:b] user", result);
    }

    [Fact]
    public void Render_template_fails_on_missing_keys() =>
        Assert.Contains("map has no entry for key \"missing\"", BuiltinCall.Error("strings.render_template", "\"{{.missing}}\"", "{}").Message, StringComparison.Ordinal);

    [Fact]
    public void Type_errors_use_opa_wording() =>
        Assert.Equal("upper: operand 1 must be string but got number", BuiltinCall.Error("upper", "1").Message);

    [Fact]
    public void Substring_rejects_negative_offsets() =>
        Assert.Equal("substring: negative offset", BuiltinCall.Error("substring", "\"abc\"", "-1", "1").Message);
}
