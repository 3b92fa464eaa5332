using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.GraphQL;

/// <summary>
/// graphql.* builtins: parsing (GraphQL-Parser) into gqlparser's AST shape, schema checks and query
/// validation. Errors read "&lt;message&gt; in GraphQL string at location line:column" as in OPA.
/// Only string operands are accepted (OPA also takes schemas as AST objects).
/// </summary>
internal static class GraphQLBuiltins
{
    private static readonly ParserOptions Options = new() { Ignore = IgnoreOptions.Comments, MaxDepth = 128 };

    public static void Register(BuiltinRegistry r)
    {
        r.Register("graphql.parse_query", (a, _) => GraphQLAst.Query(ParseQuery(Args.String(a, 0, "graphql.parse_query"), "graphql.parse_query")));
        // parse_schema only parses (gqlparser's ParseSchema); schema_is_valid and parse also load and check it.
        r.Register("graphql.parse_schema", (a, _) => GraphQLSchemaAst.Schema(SchemaSyntax(Args.String(a, 0, "graphql.parse_schema"), "graphql.parse_schema")));
        r.Register("graphql.parse", (a, _) => Parse(a, "graphql.parse"));
        r.Register("graphql.parse_and_verify", ParseAndVerify);
        r.Register("graphql.is_valid", IsValid);
        r.Register("graphql.schema_is_valid", SchemaIsValid);
    }

    private static JsonNode? Parse(ReadOnlySpan<JsonNode?> a, string builtin)
    {
        var queryText = Args.String(a, 0, builtin);
        var schemaText = Args.String(a, 1, builtin);
        var schemaDocument = ParseSchema(schemaText, builtin, out var model);
        var queryDocument = ParseQuery(queryText, builtin);
        if (new GraphQLQueryValidator(model, queryDocument).Validate() is { } error)
        {
            throw At(builtin, error.Message, queryText, error.Node);
        }
        return new JsonArray(GraphQLAst.Query(queryDocument), GraphQLSchemaAst.Schema(schemaDocument));
    }

    private static JsonNode? ParseAndVerify(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        try
        {
            var parsed = (JsonArray)Parse(a, "graphql.parse_and_verify")!;
            return new JsonArray(true, parsed[0]!.DeepClone(), parsed[1]!.DeepClone());
        }
        catch (BuiltinException e) when (e.Code == BuiltinException.BuiltinError)
        {
            return new JsonArray(false, new JsonObject(), new JsonObject());
        }
    }

    private static JsonNode? IsValid(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        try
        {
            Parse(a, "graphql.is_valid");
            return JsonValue.Create(true);
        }
        catch (BuiltinException e) when (e.Code == BuiltinException.BuiltinError)
        {
            return JsonValue.Create(false);
        }
    }

    private static JsonNode? SchemaIsValid(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        try
        {
            ParseSchema(Args.String(a, 0, "graphql.schema_is_valid"), "graphql.schema_is_valid", out GraphQLSchemaModel _);
            return JsonValue.Create(true);
        }
        catch (BuiltinException e) when (e.Code == BuiltinException.BuiltinError)
        {
            return JsonValue.Create(false);
        }
    }

    private static GraphQLDocument Syntax(string text, string builtin)
    {
        try
        {
            return Parser.Parse(text, Options);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            var message = AsGqlparser(Describe(e.Description), text, Offset(text, e.Location.Line, e.Location.Column));
            throw new BuiltinException($"{builtin}: {message} in GraphQL string at location {e.Location.Line}:{e.Location.Column}");
        }
        catch (GraphQLMaxDepthExceededException)
        {
            throw new BuiltinException($"{builtin}: document nesting too deep");
        }
    }

    /// <summary>GraphQL-Parser's wording brought to gqlparser's ("found EOF" → "found &lt;EOF&gt;").</summary>
    private static string Describe(string description)
    {
        var more = description.IndexOf("; for more information", StringComparison.Ordinal);
        if (more >= 0)
        {
            description = description[..more];
        }
        return description.Replace("EOF", "<EOF>", StringComparison.Ordinal).TrimEnd('.');
    }

    /// <summary>
    /// GraphQL-Parser's syntax errors in gqlparser's words: a choice among keywords that fails is "Unexpected &lt;token&gt;",
    /// an empty list where one item is required is "expected at least one definition", punctuators are named by
    /// their text, and GraphQL-Parser's explanations after ';' are dropped.
    /// </summary>
    private static string AsGqlparser(string message, string text, int offset)
    {
        var explanation = message.IndexOf("; ", StringComparison.Ordinal);
        if (message.StartsWith("Unexpected ", StringComparison.Ordinal) && explanation > 0)
        {
            message = message[..explanation];
        }
        if (message.Trim() == "Unexpected")
        {
            return "Unexpected " + Punctuator(text, offset);
        }
        var found = message.IndexOf(", found ", StringComparison.Ordinal);
        if (message.StartsWith("Expected \"", StringComparison.Ordinal) && found > 0 && message[..found].Contains('/', StringComparison.Ordinal))
        {
            return "Unexpected " + message[(found + ", found ".Length)..];
        }
        if (found > 0 && message.EndsWith(", found }", StringComparison.Ordinal) && PreviousNonSpace(text, offset) == '{')
        {
            return "expected at least one definition, found }";
        }
        return message;
    }

    private static string Punctuator(string text, int offset)
    {
        if (offset >= text.Length)
        {
            return "<EOF>";
        }
        return text.AsSpan(offset).StartsWith("...") ? "..." : text[offset].ToString();
    }

    private static char PreviousNonSpace(string text, int offset)
    {
        for (var i = Math.Min(offset, text.Length) - 1; i >= 0; i--)
        {
            if (!char.IsWhiteSpace(text[i]) && text[i] != ',')
            {
                return text[i];
            }
        }
        return '\0';
    }

    /// <summary>The character offset of a 1-based line and column.</summary>
    private static int Offset(string text, int line, int column)
    {
        var offset = 0;
        for (var current = 1; current < line && offset < text.Length; offset++)
        {
            if (text[offset] == '\n')
            {
                current++;
            }
        }
        return Math.Min(offset + column - 1, text.Length);
    }

    private static GraphQLDocument ParseQuery(string text, string builtin)
    {
        var document = Syntax(text, builtin);
        foreach (var definition in document.Definitions)
        {
            if (definition is not (GraphQLOperationDefinition or GraphQLFragmentDefinition))
            {
                throw At(builtin, "Unexpected Name \"" + FirstWord(text, definition) + "\"", text, definition);
            }
        }
        return document;
    }

    private static GraphQLDocument ParseSchema(string text, string builtin, out GraphQLSchemaModel model)
    {
        var document = SchemaSyntax(text, builtin);
        model = GraphQLSchemaModel.Build(document, out var error);
        if (error is { } problem)
        {
            throw problem.Node is null ? new BuiltinException($"{builtin}: {problem.Message}") : At(builtin, problem.Message, text, problem.Node);
        }
        return document;
    }

    private static GraphQLDocument SchemaSyntax(string text, string builtin)
    {
        var document = Syntax(text, builtin);
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition or GraphQLFragmentDefinition)
            {
                throw At(builtin, "Unexpected " + (text.AsSpan(definition.Location.Start).TrimStart().StartsWith("{") ? "{" : "Name \"" + FirstWord(text, definition) + "\""), text, definition);
            }
        }
        return document;
    }

    private static string FirstWord(string text, ASTNode node)
    {
        var start = node.Location.Start;
        var end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }
        return text[start..end];
    }

    private static BuiltinException At(string builtin, string message, string text, ASTNode node)
    {
        var offset = Math.Min(node.Location.Start, text.Length);
        var line = 1;
        var column = 1;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return new BuiltinException($"{builtin}: {message} in GraphQL string at location {line}:{column}");
    }
}
