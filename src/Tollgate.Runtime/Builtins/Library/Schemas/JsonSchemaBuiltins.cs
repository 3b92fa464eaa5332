using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Codecs;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Schemas;

/// <summary>json.verify_schema and json.match_schema (JSON Schema drafts 4, 6 and 7, gojsonschema's messages).</summary>
internal static class JsonSchemaBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("json.verify_schema", Verify);
        r.Register("json.match_schema", Match);
    }

    private static JsonNode? Schema(ReadOnlySpan<JsonNode?> a, int index, string builtin)
    {
        switch (a[index])
        {
            case JsonValue v when v.TryGetValue<string>(out var text):
                return JsonBuiltins.Parse(text, builtin);
            case JsonObject or JsonArray:
                return a[index];
            case var other when RegoTypes.IsBoolean(other):
                return other;
            default:
                throw Args.OneOf(builtin, index, "string, object", a[index]);
        }
    }

    private static JsonNode? Verify(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        JsonNode? schema;
        try
        {
            schema = Schema(a, 0, "json.verify_schema");
        }
        catch (BuiltinException e) when (e.Code == BuiltinException.BuiltinError)
        {
            return new JsonArray(false, e.Message);
        }
        var error = SchemaChecker.Check(schema);
        return new JsonArray(error is null, error is null ? RegoNull.Create() : JsonValue.Create("jsonschema: " + error));
    }

    private static JsonNode? Match(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "json.match_schema";
        var document = a[0] is JsonValue v && v.TryGetValue<string>(out var text) ? JsonBuiltins.Parse(text, Name) : a[0];
        var schema = Schema(a, 1, Name);
        var problem = SchemaChecker.Check(schema);
        if (problem is not null)
        {
            throw Args.Error(Name, "jsonschema: " + problem);
        }
        var errors = new JsonArray();
        new SchemaValidator(schema).Validate(document, errors);
        return new JsonArray(errors.Count == 0, errors);
    }
}
