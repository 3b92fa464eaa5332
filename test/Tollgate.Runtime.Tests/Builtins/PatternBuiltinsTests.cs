namespace Tollgate.Runtime.Tests.Builtins;

public sealed class PatternBuiltinsTests
{
    [Theory]
    [InlineData("regex.match", "\"^\\\\d+$\"", "\"123\"", "true")]
    [InlineData("regex.match", "\"^\\\\d+$\"", "\"١٢٣\"", "false")]
    [InlineData("regex.match", "\"^a$\"", "\"a\\n\"", "false")]
    [InlineData("regex.match", "\"(?P<word>\\\\w+)\"", "\"hi\"", "true")]
    [InlineData("regex.match", "\"^[[:alpha:]]+$\"", "\"abc\"", "true")]
    [InlineData("regex.match", "\"\\\\pL\"", "\"é\"", "true")]
    [InlineData("regex.is_valid", "\"(a\"", null, "false")]
    [InlineData("regex.is_valid", "\"(a)\\\\1\"", null, "false")]
    [InlineData("regex.is_valid", "\"a(?=b)\"", null, "false")]
    [InlineData("regex.split", "\"a*\"", "\"baaac\"", "[\"b\",\"c\"]")]
    [InlineData("regex.split", "\",\"", "\"a,b,c\"", "[\"a\",\"b\",\"c\"]")]
    [InlineData("glob.quote_meta", "\"*.github.com\"", null, "\"\\\\*.github.com\"")]
    public void Matches_like_re2(string builtin, string first, string? second, string expected)
    {
        var result = second is null ? BuiltinCall.Json(builtin, first) : BuiltinCall.Json(builtin, first, second);
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Replace_expands_go_templates() =>
        Assert.Equal("\"[b:a] [d:c]\"", BuiltinCall.Json("regex.replace", "\"a=b c=d\"", "\"(\\\\w)=(?P<v>\\\\w)\"", "\"[${v}:$1]\""));

    [Fact]
    public void Find_all_submatches_reports_groups() =>
        Assert.Equal("[[\"a1\",\"a\",\"1\"],[\"b2\",\"b\",\"2\"]]", BuiltinCall.Json("regex.find_all_string_submatch_n", "\"([a-z])(\\\\d)\"", "\"a1 b2 c3\"", "2"));

    [Fact]
    public void Template_match_mixes_literals_and_patterns() =>
        Assert.Equal("true", BuiltinCall.Json("regex.template_match", "\"urn:foo:{.*}:bar\"", "\"urn:foo:x.y:bar\"", "\"{\"", "\"}\""));

    [Theory]
    [InlineData("\"*.github.com\"", "[\".\"]", "\"api.github.com\"", "true")]
    [InlineData("\"*.github.com\"", "[\".\"]", "\"api.cdn.github.com\"", "false")]
    [InlineData("\"**.github.com\"", "[\".\"]", "\"api.cdn.github.com\"", "true")]
    [InlineData("\"*:github:com\"", "[\":\"]", "\"api:github:com\"", "true")]
    [InlineData("\"{cat,bat}s\"", "[]", "\"bats\"", "true")]
    [InlineData("\"[a-c]at\"", "null", "\"bat\"", "true")]
    [InlineData("\"[!a-c]at\"", "null", "\"bat\"", "false")]
    [InlineData("\"a?c\"", "null", "\"a.c\"", "true")]
    [InlineData("\"a?c\"", "[]", "\"a.c\"", "false")]
    public void Glob_match_uses_delimiters(string pattern, string delimiters, string value, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json("glob.match", pattern, delimiters, value));

    [Theory]
    [InlineData("\"a.*\"", "\"ab*\"", "true")]
    [InlineData("\"a+\"", "\"b+\"", "false")]
    [InlineData("\"[a-c]x\"", "\"[c-e]x\"", "true")]
    [InlineData("\"[a-b]x\"", "\"[c-e]x\"", "false")]
    public void Globs_match_intersects(string first, string second, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json("regex.globs_match", first, second));

    [Fact]
    public void Hostile_patterns_run_in_linear_time()
    {
        var input = new string('a', 20_000) + "!";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal("false", BuiltinCall.Json("regex.match", "\"^(a+)+$\"", "\"" + input + "\""));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
