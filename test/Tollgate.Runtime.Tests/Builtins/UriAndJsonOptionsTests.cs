namespace Tollgate.Runtime.Tests.Builtins;

public sealed class UriAndJsonOptionsTests
{
    [Theory]
    [InlineData("https://example.com:8080/api?q=1#top", "{\"scheme\":\"https\",\"hostname\":\"example.com\",\"port\":\"8080\",\"path\":\"/api\",\"raw_path\":\"/api\",\"raw_query\":\"q=1\",\"fragment\":\"top\"}")]
    [InlineData("http://[::1]:8080/path", "{\"scheme\":\"http\",\"hostname\":\"::1\",\"port\":\"8080\",\"path\":\"/path\",\"raw_path\":\"/path\"}")]
    [InlineData("https://example.com/a%2Fb%C3%A9", "{\"scheme\":\"https\",\"hostname\":\"example.com\",\"path\":\"/a/bé\",\"raw_path\":\"/a%2Fb%C3%A9\"}")]
    [InlineData("https://example.com?q=1#frag", "{\"scheme\":\"https\",\"hostname\":\"example.com\",\"raw_query\":\"q=1\",\"fragment\":\"frag\"}")]
    [InlineData("HTTPS://user:pw@Example.com", "{\"scheme\":\"https\",\"hostname\":\"Example.com\"}")]
    [InlineData("mailto:user@example.com", "{\"scheme\":\"mailto\"}")]
    [InlineData("/relative/path", "{\"path\":\"/relative/path\",\"raw_path\":\"/relative/path\"}")]
    [InlineData("", "{}")]
    public void Parses_urls_as_go_net_url(string url, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json("uri.parse", System.Text.Json.JsonSerializer.Serialize(url)));

    [Theory]
    [InlineData("http://[invalid")]
    [InlineData("http://host:port/")]
    [InlineData("/bad%zzescape")]
    [InlineData(":nothing")]
    public void Rejects_malformed_urls(string url)
    {
        var quoted = System.Text.Json.JsonSerializer.Serialize(url);
        Assert.Equal("false", BuiltinCall.Json("uri.is_valid", quoted));
        Assert.Contains("uri.parse: parse", BuiltinCall.Error("uri.parse", quoted).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://example.com/path?q=1", "true")]
    [InlineData("", "false")]
    public void Is_valid_needs_a_non_empty_url(string url, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json("uri.is_valid", System.Text.Json.JsonSerializer.Serialize(url)));

    [Fact]
    public void Marshal_with_options_prefixes_every_line_including_the_first() =>
        Assert.Equal("JSON => [\nJSON => \t1,\nJSON => \t2\nJSON => ]", BuiltinCall.String("json.marshal_with_options", "[1, 2]", "{\"prefix\": \"JSON => \"}"));

    [Fact]
    public void Marshal_with_options_prefixes_an_empty_array() =>
        Assert.Equal("---[]", BuiltinCall.String("json.marshal_with_options", "[]", "{\"indent\": \"    \", \"prefix\": \"---\"}"));

    [Fact]
    public void Marshal_with_options_reports_unknown_keys_as_type_errors()
    {
        var error = BuiltinCall.Error("json.marshal_with_options", "[]", "{\"indent\": \" \", \"x\": true}");
        Assert.Equal("eval_type_error", error.Code);
        Assert.Contains("object contained unknown key \"x\"", error.Message, StringComparison.Ordinal);
    }
}
