namespace Tollgate.Runtime.Tests.Builtins;

/// <summary>GraphQL syntax errors worded as gqlparser words them (what OPA reports).</summary>
public sealed class GraphQLErrorTextTests
{
    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    [Theory]
    [InlineData("notanoperation Foo", "graphql.parse_query: Unexpected Name \"notanoperation\" in GraphQL string at location 1:1")]
    [InlineData("...", "graphql.parse_query: Unexpected ... in GraphQL string at location 1:1")]
    [InlineData("fragment on on on { on }", "graphql.parse_query: Unexpected Name \"on\" in GraphQL string at location 1:10")]
    [InlineData("{ ...MissingOn }\nfragment MissingOn Type", "graphql.parse_query: Expected \"on\", found Name \"Type\" in GraphQL string at location 2:20")]
    [InlineData("query Foo { field { } }", "graphql.parse_query: expected at least one definition, found } in GraphQL string at location 1:21")]
    public void Query_syntax_errors(string query, string expected) =>
        Assert.Equal(expected, BuiltinCall.Error("graphql.parse_query", Quote(query)).Message);

    [Theory]
    [InlineData("type Hello { }", "graphql.parse_schema: expected at least one definition, found } in GraphQL string at location 1:14")]
    [InlineData("directive @foo on INCORRECT_LOCATION", "graphql.parse_schema: Unexpected Name \"INCORRECT_LOCATION\" in GraphQL string at location 1:19")]
    public void Schema_syntax_errors(string schema, string expected) =>
        Assert.Equal(expected, BuiltinCall.Error("graphql.parse_schema", Quote(schema)).Message);

    [Fact]
    public void Directives_keep_an_empty_location() =>
        Assert.Contains("\"Directives\":[{\"Name\":\"skip\",\"Location\":\"\"}]", BuiltinCall.Json("graphql.parse_query", Quote("{ a @skip }")), StringComparison.Ordinal);

    [Fact]
    public void Block_strings_have_their_own_kind()
    {
        var ast = BuiltinCall.Json("graphql.parse_query", Quote("{ f(long: \"\"\"long\"\"\", short: \"short\", empty: \"\") }"));
        Assert.Contains("\"Raw\":\"long\",\"Kind\":4", ast, StringComparison.Ordinal);
        Assert.Contains("\"Raw\":\"short\",\"Kind\":3", ast, StringComparison.Ordinal);
        Assert.Contains("\"Raw\":\"\",\"Kind\":3", ast, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_fragments_without_a_type_keep_an_empty_condition() =>
        Assert.Contains("{\"TypeCondition\":\"\",\"SelectionSet\":[{\"Alias\":\"a\",\"Name\":\"a\"}]}", BuiltinCall.Json("graphql.parse_query", Quote("{ ... { a } }")), StringComparison.Ordinal);

    [Fact]
    public void Schema_extensions_and_interface_inheritance_are_in_the_ast()
    {
        var ast = BuiltinCall.Json("graphql.parse_schema", Quote("extend schema @d { mutation: M }\ninterface IA { a: Int }\ninterface IB implements IA { a: Int }"));
        Assert.Contains("\"SchemaExtension\":[{\"Description\":\"\",\"Directives\":[{\"Name\":\"d\",\"Location\":\"\"}],\"OperationTypes\":[{\"Operation\":\"mutation\",\"Type\":\"M\"}]}]", ast, StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"IB\",\"Interfaces\":[\"IA\"]", ast, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schema { query: Query }", "false")]
    [InlineData("extend schema { mutation: Mutation }", "false")]
    [InlineData("type Query { a: Int }\nschema { query: Query }", "true")]
    [InlineData("extend type Query { a: Int }", "true")]
    [InlineData("extend scalar Foo @deprecated\nextend type Foo @deprecated", "false")]
    public void Schema_roots_and_extensions_are_checked_on_load(string schema, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json("graphql.schema_is_valid", Quote(schema)));
}
