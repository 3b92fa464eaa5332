namespace Tollgate.Runtime.Tests.Builtins;

public sealed class CodecTests
{
    [Theory]
    [InlineData("base64.encode", "\"hello\"", "\"aGVsbG8=\"")]
    [InlineData("base64.decode", "\"aGVsbG8=\"", "\"hello\"")]
    [InlineData("base64.is_valid", "\"aGVsbG8\"", "false")]
    [InlineData("base64url.encode", "\"\\u00ff\\u00fe\"", "\"w7_Dvg==\"")]
    [InlineData("base64url.encode_no_pad", "\"\\u00ff\\u00fe\"", "\"w7_Dvg\"")]
    [InlineData("base64url.decode", "\"w7_Dvg\"", "\"ÿþ\"")]
    [InlineData("hex.encode", "\"hi\"", "\"6869\"")]
    [InlineData("hex.decode", "\"6869\"", "\"hi\"")]
    [InlineData("urlquery.encode", "\"a b&c=d/é\"", "\"a+b%26c%3Dd%2F%C3%A9\"")]
    [InlineData("urlquery.decode", "\"a+b%26c\"", "\"a b&c\"")]
    [InlineData("urlquery.encode_object", "{\"b\": [\"1\", \"2\"], \"a\": \"x y\"}", "\"a=x+y&b=1&b=2\"")]
    [InlineData("urlquery.decode_object", "\"a=1&b=2&a=3\"", "{\"a\":[\"1\",\"3\"],\"b\":[\"2\"]}")]
    [InlineData("json.marshal", "{\"b\": [1, \"<x>\"], \"a\": null}", "\"{\\\"a\\\":null,\\\"b\\\":[1,\\\"\\\\u003cx\\\\u003e\\\"]}\"")]
    [InlineData("json.unmarshal", "\"{\\\"a\\\": [1, 2.5]}\"", "{\"a\":[1,2.5]}")]
    [InlineData("json.unmarshal", "\"null\"", "null")]
    [InlineData("json.is_valid", "\"{\"", "false")]
    [InlineData("yaml.unmarshal", "\"a: yes\\nb: [1, 2]\\nc: ~\\n\"", "{\"a\":true,\"b\":[1,2],\"c\":null}")]
    [InlineData("yaml.is_valid", "\"a: [\"", "false")]
    public void Round_trips(string builtin, string argument, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json(builtin, argument));

    [Fact]
    public void Yaml_marshal_writes_block_style_with_sorted_keys() =>
        Assert.Equal("a:\n- 1\n- x: \"true\"\nb: hello\n", BuiltinCall.String("yaml.marshal", "{\"b\": \"hello\", \"a\": [1, {\"x\": \"true\"}]}"));

    [Fact]
    public void Json_marshal_with_options_indents() =>
        Assert.Equal("[\n  1,\n  2\n]", BuiltinCall.String("json.marshal_with_options", "[1, 2]", "{\"indent\": \"  \"}"));

    [Fact]
    public void Bad_base64_reports_the_offset() =>
        Assert.Equal("base64.decode: illegal base64 data at input byte 4", BuiltinCall.Error("base64.decode", "\"aGVs!G8=\"").Message);

    [Fact]
    public void Bad_hex_names_the_byte() =>
        Assert.Contains("invalid byte: U+0067 'g'", BuiltinCall.Error("hex.decode", "\"6g\"").Message, StringComparison.Ordinal);

    [Fact]
    public void Json_schema_reports_gojsonschema_errors()
    {
        var result = BuiltinCall.Json("json.match_schema", "{\"age\": \"x\"}",
            "{\"type\": \"object\", \"required\": [\"name\"], \"properties\": {\"age\": {\"type\": \"integer\"}}}");
        Assert.Contains("\"desc\":\"name is required\"", result, StringComparison.Ordinal);
        Assert.Contains("\"field\":\"age\"", result, StringComparison.Ordinal);
        Assert.Contains("Invalid type. Expected: integer, given: string", result, StringComparison.Ordinal);
        Assert.StartsWith("[false,", result, StringComparison.Ordinal);
        Assert.Equal("[true,[]]", BuiltinCall.Json("json.match_schema", "{\"n\": 3}", "{\"properties\": {\"n\": {\"minimum\": 1, \"maximum\": 5}}}"));
    }

    [Fact]
    public void Verify_schema_rejects_unknown_types()
    {
        Assert.Equal("[true,null]", BuiltinCall.Json("json.verify_schema", "{\"type\": \"boolean\"}"));
        Assert.Equal("[false,\"jsonschema: has a primitive type that is NOT VALID -- given: /unknown_type/ Expected valid values are:[array boolean integer number null object string]\"]",
            BuiltinCall.Json("json.verify_schema", "\"{\\\"type\\\": \\\"unknown_type\\\"}\""));
    }
}
