using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Schemas;

/// <summary>Checks that a schema is itself well formed, with gojsonschema's wording for the common mistakes.</summary>
internal static class SchemaChecker
{
    private static readonly string[] Types = ["array", "boolean", "integer", "number", "null", "object", "string"];

    public static string? Check(JsonNode? schema)
    {
        switch (schema)
        {
            case null:
                return "schema must be an object or a boolean";
            case JsonObject obj:
                return CheckObject(obj);
            default:
                return RegoTypes.IsBoolean(schema) ? null : "schema must be an object or a boolean";
        }
    }

    private static string? CheckObject(JsonObject schema)
    {
        if (schema["type"] is { } type)
        {
            var names = type is JsonArray list ? RegoSet.Elements(list) : [type];
            foreach (var name in names)
            {
                if (name is not JsonValue v || !v.TryGetValue<string>(out var s))
                {
                    return "type must be of a string or an array of strings";
                }
                if (Array.IndexOf(Types, s) < 0)
                {
                    return $"has a primitive type that is NOT VALID -- given: /{s}/ Expected valid values are:[array boolean integer number null object string]";
                }
            }
        }
        if (schema["required"] is { } required && required is not JsonArray)
        {
            return "required must be of an array";
        }
        foreach (var key in new[] { "minimum", "maximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties" })
        {
            if (schema[key] is { } n && !RegoTypes.IsNumber(n))
            {
                return $"{key} must be of a number";
            }
        }
        if (schema["pattern"] is { } pattern && (!RegoTypes.IsString(pattern) || !Patterns.RegexCache.IsValid(pattern.GetValue<string>())))
        {
            return "pattern must be a valid regex";
        }
        if (schema["enum"] is { } e && e is not JsonArray)
        {
            return "enum must be of an array";
        }
        foreach (var key in new[] { "properties", "patternProperties", "definitions", "$defs" })
        {
            if (schema[key] is JsonObject children)
            {
                foreach (var child in children)
                {
                    if (Check(child.Value) is { } problem)
                    {
                        return problem;
                    }
                }
            }
        }
        foreach (var key in new[] { "items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains", "propertyNames" })
        {
            if (schema[key] is JsonObject child && CheckObject(child) is { } problem)
            {
                return problem;
            }
            if (key == "items" && schema[key] is JsonArray tuple)
            {
                foreach (var item in tuple)
                {
                    if (Check(item) is { } itemProblem)
                    {
                        return itemProblem;
                    }
                }
            }
        }
        foreach (var key in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (schema[key] is { } list)
            {
                if (list is not JsonArray array || array.Count == 0)
                {
                    return $"{key} must be of an array";
                }
                foreach (var item in array)
                {
                    if (Check(item) is { } problem)
                    {
                        return problem;
                    }
                }
            }
        }
        return null;
    }
}
