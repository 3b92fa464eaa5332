using Tollgate.Runtime.Builtins;

namespace Tollgate.Runtime.Tests.Builtins;

public sealed class NumberAndCollectionTests
{
    [Theory]
    [InlineData("plus", "18446744073709551617", "1", "18446744073709551618")]
    [InlineData("plus", "0.1", "0.2", "0.3")]
    [InlineData("mul", "2.5", "2", "5")]
    [InlineData("minus", "[3, 2, 1]", "[2]", "[1,3]")]
    [InlineData("div", "1", "4", "0.25")]
    [InlineData("rem", "-7", "3", "-1")]
    [InlineData("bits.and", "12", "10", "8")]
    [InlineData("bits.lsh", "1", "70", "1180591620717411303424")]
    [InlineData("array.concat", "[1]", "[2]", "[1,2]")]
    [InlineData("object.union", "{\"a\": {\"b\": 1, \"c\": 2}}", "{\"a\": {\"b\": 3}}", "{\"a\":{\"b\":3,\"c\":2}}")]
    [InlineData("object.remove", "{\"a\": 1, \"b\": 2}", "[\"a\"]", "{\"b\":2}")]
    [InlineData("object.filter", "{\"a\": 1, \"b\": 2}", "{\"a\": 0}", "{\"a\":1}")]
    [InlineData("object.subset", "{\"a\": {\"b\": 1, \"c\": 2}}", "{\"a\": {\"b\": 1}}", "true")]
    [InlineData("object.subset", "[1, 2, 3]", "[2, 3]", "true")]
    [InlineData("json.filter", "{\"a\": {\"b\": 1, \"c\": 2}, \"d\": 3}", "[\"a/b\", [\"d\"]]", "{\"a\":{\"b\":1},\"d\":3}")]
    [InlineData("json.remove", "{\"a\": {\"b\": 1, \"c\": 2}}", "[\"a/b\"]", "{\"a\":{\"c\":2}}")]
    [InlineData("graph.reachable", "{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [], \"d\": [\"a\"]}", "[\"a\"]", "[\"a\",\"b\",\"c\"]")]
    public void Binary(string builtin, string first, string second, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json(builtin, first, second));

    [Theory]
    [InlineData("round", "-2.5", "-3")]
    [InlineData("ceil", "1.01", "2")]
    [InlineData("floor", "-1.5", "-2")]
    [InlineData("abs", "-123456789012345678901234", "123456789012345678901234")]
    [InlineData("count", "\"héllo\"", "5")]
    [InlineData("sum", "[1, 2.5, 3]", "6.5")]
    [InlineData("product", "[2, 3, 4]", "24")]
    [InlineData("max", "[1, \"a\", null]", "\"a\"")]
    [InlineData("min", "[]", "undefined")]
    [InlineData("sort", "[3, \"a\", null, [1], {\"a\": 1}, false]", "[null,false,3,\"a\",[1],{\"a\":1}]")]
    [InlineData("array.reverse", "[1, 2, 3]", "[3,2,1]")]
    [InlineData("object.keys", "{\"b\": 1, \"a\": 2}", "[\"a\",\"b\"]")]
    [InlineData("walk", "{\"a\": [1]}", "[[[],{\"a\":[1]}],[[\"a\"],[1]],[[\"a\",0],1]]")]
    [InlineData("bits.negate", "5", "-6")]
    [InlineData("is_number", "1", "true")]
    [InlineData("type_name", "{\"a\": 1}", "\"object\"")]
    [InlineData("cast_set", "[2, 1, 2]", "[1,2]")]
    [InlineData("union", "[[1, 2], [2, 3]]", "[1,2,3]")]
    [InlineData("intersection", "[[1, 2], [2, 3]]", "[2]")]
    public void Unary(string builtin, string argument, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json(builtin, argument));

    [Theory]
    [InlineData("numbers.range", "1", "4", "[1,2,3,4]")]
    [InlineData("numbers.range", "2", "-1", "[2,1,0,-1]")]
    [InlineData("array.slice", "[1, 2, 3, 4]", "1", "[2,3]")]
    public void Ranges(string builtin, string first, string second, string expected)
    {
        var result = builtin == "array.slice" ? BuiltinCall.Json(builtin, first, second, "3") : BuiltinCall.Json(builtin, first, second);
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Range_step_needs_a_positive_step() =>
        Assert.Equal("numbers.range_step: step must be a positive integer", BuiltinCall.Error("numbers.range_step", "1", "5", "0").Message);

    [Fact]
    public void Object_get_follows_paths_and_defaults()
    {
        Assert.Equal("1", BuiltinCall.Json("object.get", "{\"a\": {\"b\": [0, 1]}}", "[\"a\", \"b\", 1]", "\"d\""));
        Assert.Equal("\"d\"", BuiltinCall.Json("object.get", "{\"a\": 1}", "\"x\"", "\"d\""));
        Assert.Equal("null", BuiltinCall.Json("object.get", "{\"a\": null}", "\"a\"", "1"));
    }

    [Fact]
    public void Json_patch_applies_rfc6902_operations() =>
        Assert.Equal("{\"a\":[0,1,2],\"c\":{\"x\":1}}", BuiltinCall.Json("json.patch", "{\"a\": [0, 2], \"b\": {\"x\": 1}}",
            "[{\"op\": \"add\", \"path\": \"/a/1\", \"value\": 1}, {\"op\": \"move\", \"from\": \"/b\", \"path\": \"/c\"}, {\"op\": \"test\", \"path\": \"/c/x\", \"value\": 1}]"));

    [Fact]
    public void Division_by_zero_is_an_error() =>
        Assert.Equal("div: divide by zero", BuiltinCall.Error("div", "1", "0").Message);

    [Fact]
    public void Rand_intn_is_stable_within_one_evaluation()
    {
        var context = new BuiltinContext();
        var first = BuiltinCall.Invoke("rand.intn", context, "\"k\"", "1000000")!.ToJsonString();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(first, BuiltinCall.Invoke("rand.intn", context, "\"k\"", "1000000")!.ToJsonString());
        }
    }
}
