using System.Text;
using Tollgate.Edge.Decisions;

namespace Tollgate.Edge.Tests.Decisions;

public class DecisionResultParserTests
{
    private static (Decision Decision, string? Error, string? Kind) Parse(string resultSet)
    {
        var decision = new Decision();
        var error = DecisionResultParser.Parse(Encoding.UTF8.GetBytes(resultSet), decision, out var kind);
        return (decision, error, kind);
    }

    [Theory]
    [InlineData("""[{"result":true}]""", true)]
    [InlineData("""[{"result":false}]""", false)]
    [InlineData("""[ { "result" : true } ]""", true)]
    public void Booleans(string resultSet, bool allowed)
    {
        var (decision, error, _) = Parse(resultSet);
        Assert.Null(error);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void Object_results_carry_headers_status_body_and_metadata()
    {
        var (decision, error, _) = Parse("""
            [{"result":{"allowed":false,"http_status":401,"body":"who are you?",
              "headers":{"www-authenticate":"Bearer","x-multi":["1","2"]},
              "response_headers_to_add":[{"x-a":"1"}],"request_headers_to_remove":["cookie"],
              "dynamic_metadata":{"k":{"n":1}}}}]
            """);
        Assert.Null(error);
        Assert.False(decision.Allowed);
        Assert.Equal(401, decision.DeniedStatusOrDefault);
        Assert.Equal("who are you?", decision.Body);
        Assert.Equal([new("www-authenticate", "Bearer"), new("x-multi", "1"), new("x-multi", "2")], decision.Headers!);
        Assert.Equal([new KeyValuePair<string, string>("x-a", "1")], decision.ResponseHeadersToAdd!);
        Assert.Equal(["cookie"], decision.RequestHeadersToRemove!);
        Assert.Equal("""{"k":{"n":1}}""", decision.DynamicMetadataJson);
    }

    [Theory]
    [InlineData("[]", "undefined")]
    [InlineData("""[{"result":"yes"}]""", "bad_result")]
    [InlineData("""[{"result":{"headers":{}}}]""", "bad_result")]
    [InlineData("""[{"result":{"allowed":true,"http_status":42}}]""", "bad_result")]
    [InlineData("""[{"result":{"allowed":true,"headers":{"x":1}}}]""", "bad_result")]
    [InlineData("""{"result":true}""", "bad_result")]
    [InlineData("""[{"result":tru""", "bad_result")]
    public void Malformed_or_undefined_results_are_errors(string resultSet, string kind)
    {
        var (_, error, actualKind) = Parse(resultSet);
        Assert.NotNull(error);
        Assert.Equal(kind, actualKind);
    }
}
