using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Codecs;

/// <summary>json.marshal, json.marshal_with_options, json.unmarshal, json.is_valid.</summary>
internal static class JsonBuiltins
{
    private static readonly JsonDocumentOptions Strict = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 512 };

    public static void Register(BuiltinRegistry r)
    {
        r.Register("json.marshal", (a, _) => JsonValue.Create(GoJson.Write(a[0])));
        r.Register("json.marshal_with_options", MarshalWithOptions);
        r.Register("json.unmarshal", (a, _) => RegoNull.Defined(Parse(Args.String(a, 0, "json.unmarshal"), "json.unmarshal")));
        r.Register("json.is_valid", (a, _) => JsonValue.Create(a[0] is JsonValue v && v.TryGetValue<string>(out var s) && IsValid(s)));
    }

    public static JsonNode? Parse(string text, string builtin)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: Strict);
        }
        catch (JsonException e)
        {
            throw Args.Error(builtin, e.Message);
        }
    }

    private static bool IsValid(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, Strict);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonNode? MarshalWithOptions(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "json.marshal_with_options";
        var options = Args.Object(a, 1, Name);
        var pretty = options.Count > 0;
        string? prefix = null;
        string? indent = null;
        foreach (var pair in options)
        {
            switch (pair.Key)
            {
                case "pretty":
                    if (!RegoTypes.IsBoolean(pair.Value))
                    {
                        throw OptionError($"\"pretty\" option must be a boolean but got {RegoTypes.Name(pair.Value)}");
                    }
                    pretty = pair.Value!.GetValue<bool>();
                    break;
                case "prefix":
                    prefix = pair.Value is JsonValue p && p.TryGetValue<string>(out var ps) ? ps : throw OptionError($"\"prefix\" option must be a string but got {RegoTypes.Name(pair.Value)}");
                    break;
                case "indent":
                    indent = pair.Value is JsonValue i && i.TryGetValue<string>(out var isv) ? isv : throw OptionError($"\"indent\" option must be a string but got {RegoTypes.Name(pair.Value)}");
                    break;
                default:
                    throw OptionError($"object contained unknown key {RegoText.Quote(pair.Key)}");
            }
        }
        if (!pretty)
        {
            return JsonValue.Create(GoJson.Write(a[0]));
        }
        // Go's MarshalIndent starts every line but the first with the prefix; OPA prepends it to the first.
        return JsonValue.Create((prefix ?? string.Empty) + GoJson.Write(a[0], prefix ?? string.Empty, indent ?? "\t"));
    }

    // OPA reports bad options as operand errors (eval_type_error).
    private static BuiltinException OptionError(string message) => new(BuiltinException.TypeError, "json.marshal_with_options: " + message);
}
