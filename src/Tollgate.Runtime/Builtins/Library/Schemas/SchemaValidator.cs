using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Codecs;
using Tollgate.Runtime.Builtins.Library.Patterns;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Schemas;

/// <summary>
/// Validates a document against a JSON Schema (draft 4/6/7 keywords, local $ref) and reports errors as
/// OPA's json.match_schema does: {error, type, field, desc} with gojsonschema's descriptions.
/// </summary>
internal sealed class SchemaValidator(JsonNode? root)
{
    private const int MaxDepth = 64;

    public void Validate(JsonNode? document, JsonArray errors) => Check(root, document, "(root)", errors, 0);

    private static void Report(JsonArray errors, string type, string field, string desc)
    {
        var shown = field.StartsWith("(root).", StringComparison.Ordinal) ? field[7..] : field;
        errors.Add(new JsonObject
        {
            ["error"] = $"{shown}: {desc}",
            ["type"] = type,
            ["field"] = shown,
            ["desc"] = desc,
        });
    }

    private bool Valid(JsonNode? schema, JsonNode? value, string field, int depth)
    {
        var scratch = new JsonArray();
        Check(schema, value, field, scratch, depth);
        return scratch.Count == 0;
    }

    private static string GivenType(JsonNode? value) => RegoTypes.Kind(value) switch
    {
        JsonValueKind.Number => RegoNumber.IsInteger(value!) ? "integer" : "number",
        _ => RegoTypes.Name(value),
    };

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "integer" => RegoTypes.IsNumber(value) && RegoNumber.IsInteger(value!),
        "number" => RegoTypes.IsNumber(value),
        _ => RegoTypes.Name(value) == type,
    };

    private JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw Args.Error("json.match_schema", $"remote $ref {reference} is not supported");
        }
        JsonNode? current = root;
        foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject o when o.TryGetPropertyValue(part, out var child) => child,
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => throw Args.Error("json.match_schema", $"$ref {reference} does not resolve"),
            };
        }
        return current;
    }

    private void Check(JsonNode? schema, JsonNode? value, string field, JsonArray errors, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Args.Error("json.match_schema", "schema nesting too deep");
        }
        if (RegoTypes.IsBoolean(schema))
        {
            if (!schema!.GetValue<bool>())
            {
                Report(errors, "false", field, "False always fails validation");
            }
            return;
        }
        if (schema is not JsonObject s)
        {
            return;
        }
        if (s["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference))
        {
            // Drafts 4-7: $ref replaces every sibling keyword.
            Check(Resolve(reference), value, field, errors, depth + 1);
            return;
        }
        if (s["type"] is { } type)
        {
            var allowed = type is JsonArray list ? RegoSet.Elements(list) : [type];
            var ok = false;
            var names = new List<string>();
            foreach (var t in allowed)
            {
                var name = t!.GetValue<string>();
                names.Add(name);
                ok |= HasType(value, name);
            }
            if (!ok)
            {
                Report(errors, "invalid_type", field, $"Invalid type. Expected: {string.Join(", ", names)}, given: {GivenType(value)}");
                return;
            }
        }
        if (s["enum"] is JsonArray options && !RegoSet.Contains(options, value))
        {
            var texts = new List<string>();
            foreach (var option in options)
            {
                texts.Add(GoJson.Write(option));
            }
            Report(errors, "enum", field, $"{Shown(field)} must be one of the following: {string.Join(", ", texts)}");
        }
        if (s.TryGetPropertyValue("const", out var constant) && !RegoOrder.AreEqual(constant, value))
        {
            Report(errors, "const", field, $"{Shown(field)} does not match: {GoJson.Write(constant)}");
        }
        CheckCombinators(s, value, field, errors, depth);
        switch (value)
        {
            case JsonObject obj:
                CheckObject(s, obj, field, errors, depth);
                break;
            case JsonArray array:
                CheckArray(s, array, field, errors, depth);
                break;
            default:
                if (RegoTypes.IsNumber(value))
                {
                    CheckNumber(s, value!, field, errors);
                }
                else if (value is JsonValue sv && sv.TryGetValue<string>(out var text))
                {
                    CheckString(s, text, field, errors);
                }
                break;
        }
    }

    private static string Shown(string field) => field.StartsWith("(root).", StringComparison.Ordinal) ? field[7..] : field;

    private void CheckCombinators(JsonObject s, JsonNode? value, string field, JsonArray errors, int depth)
    {
        if (s["allOf"] is JsonArray all)
        {
            var before = errors.Count;
            foreach (var sub in all)
            {
                Check(sub, value, field, errors, depth + 1);
            }
            if (errors.Count > before)
            {
                Report(errors, "number_all_of", field, "Must validate all the schemas (allOf)");
            }
        }
        if (s["anyOf"] is JsonArray any)
        {
            var ok = false;
            foreach (var sub in any)
            {
                ok |= Valid(sub, value, field, depth + 1);
            }
            if (!ok)
            {
                Report(errors, "number_any_of", field, "Must validate at least one schema (anyOf)");
            }
        }
        if (s["oneOf"] is JsonArray one)
        {
            var matches = 0;
            foreach (var sub in one)
            {
                matches += Valid(sub, value, field, depth + 1) ? 1 : 0;
            }
            if (matches != 1)
            {
                Report(errors, "number_one_of", field, "Must validate one and only one schema (oneOf)");
            }
        }
        if (s["not"] is { } not && Valid(not, value, field, depth + 1))
        {
            Report(errors, "number_not", field, "Must not validate the schema (not)");
        }
        if (s["if"] is { } condition)
        {
            if (Valid(condition, value, field, depth + 1))
            {
                if (s["then"] is { } then && !Valid(then, value, field, depth + 1))
                {
                    Check(then, value, field, errors, depth + 1);
                    Report(errors, "condition_then", field, "Must validate \"then\" as \"if\" was valid");
                }
            }
            else if (s["else"] is { } otherwise && !Valid(otherwise, value, field, depth + 1))
            {
                Check(otherwise, value, field, errors, depth + 1);
                Report(errors, "condition_else", field, "Must validate \"else\" as \"if\" was not valid");
            }
        }
    }

    private void CheckObject(JsonObject s, JsonObject obj, string field, JsonArray errors, int depth)
    {
        if (s["required"] is JsonArray required)
        {
            foreach (var name in required)
            {
                var key = name!.GetValue<string>();
                if (!obj.ContainsKey(key))
                {
                    Report(errors, "required", field, $"{key} is required");
                }
            }
        }
        if (s["minProperties"] is { } min && obj.Count < RegoNumber.ToDouble(min))
        {
            Report(errors, "array_min_properties", field, $"Must have at least {min.ToJsonString()} properties");
        }
        if (s["maxProperties"] is { } max && obj.Count > RegoNumber.ToDouble(max))
        {
            Report(errors, "array_max_properties", field, $"Must have at most {max.ToJsonString()} properties");
        }
        var properties = s["properties"] as JsonObject;
        var patterns = s["patternProperties"] as JsonObject;
        foreach (var key in RegoOrder.SortedKeys(obj))
        {
            var child = obj[key];
            var childField = field + "." + key;
            var matched = false;
            if (properties is not null && properties.TryGetPropertyValue(key, out var propertySchema))
            {
                matched = true;
                Check(propertySchema, child, childField, errors, depth + 1);
            }
            if (patterns is not null)
            {
                foreach (var pattern in patterns)
                {
                    if (RegexCache.Get(pattern.Key, "json.match_schema").IsMatch(key))
                    {
                        matched = true;
                        Check(pattern.Value, child, childField, errors, depth + 1);
                    }
                }
            }
            if (!matched && s.TryGetPropertyValue("additionalProperties", out var additional))
            {
                if (RegoTypes.IsBoolean(additional) && !additional!.GetValue<bool>())
                {
                    Report(errors, "additional_property_not_allowed", field, $"Additional property {key} is not allowed");
                }
                else if (additional is JsonObject)
                {
                    Check(additional, child, childField, errors, depth + 1);
                }
            }
            if (s["propertyNames"] is { } names && !Valid(names, JsonValue.Create(key), childField, depth + 1))
            {
                Report(errors, "invalid_property_name", field, $"Property name of \"{key}\" does not match");
            }
        }
        if (s["dependencies"] is JsonObject dependencies)
        {
            foreach (var dependency in dependencies)
            {
                if (!obj.ContainsKey(dependency.Key))
                {
                    continue;
                }
                if (dependency.Value is JsonArray needed)
                {
                    foreach (var name in needed)
                    {
                        if (!obj.ContainsKey(name!.GetValue<string>()))
                        {
                            Report(errors, "missing_dependency", field, $"Has a dependency on {name.GetValue<string>()}");
                        }
                    }
                }
                else
                {
                    Check(dependency.Value, obj, field, errors, depth + 1);
                }
            }
        }
    }

    private void CheckArray(JsonObject s, JsonArray array, string field, JsonArray errors, int depth)
    {
        if (s["minItems"] is { } min && array.Count < RegoNumber.ToDouble(min))
        {
            Report(errors, "array_min_items", field, $"Array must have at least {min.ToJsonString()} items");
        }
        if (s["maxItems"] is { } max && array.Count > RegoNumber.ToDouble(max))
        {
            Report(errors, "array_max_items", field, $"Array must have at most {max.ToJsonString()} items");
        }
        if (s["uniqueItems"] is { } unique && RegoTypes.Kind(unique) == JsonValueKind.True)
        {
            for (var i = 0; i < array.Count; i++)
            {
                for (var j = i + 1; j < array.Count; j++)
                {
                    if (RegoOrder.AreEqual(array[i], array[j]))
                    {
                        Report(errors, "unique", field, $"array items[{i},{j}] must be unique");
                        i = array.Count;
                        break;
                    }
                }
            }
        }
        switch (s["items"])
        {
            case JsonArray tuple:
                for (var i = 0; i < array.Count; i++)
                {
                    if (i < tuple.Count)
                    {
                        Check(tuple[i], array[i], field + "." + i.ToString(CultureInfo.InvariantCulture), errors, depth + 1);
                    }
                    else if (s.TryGetPropertyValue("additionalItems", out var additional))
                    {
                        if (RegoTypes.IsBoolean(additional) && !additional!.GetValue<bool>())
                        {
                            Report(errors, "array_no_additional_items", field, "No additional items allowed on array");
                            break;
                        }
                        Check(additional, array[i], field + "." + i.ToString(CultureInfo.InvariantCulture), errors, depth + 1);
                    }
                }
                break;
            case { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(items, array[i], field + "." + i.ToString(CultureInfo.InvariantCulture), errors, depth + 1);
                }
                break;
        }
        if (s["contains"] is { } contains)
        {
            var any = false;
            foreach (var item in array)
            {
                any |= Valid(contains, item, field, depth + 1);
            }
            if (!any)
            {
                Report(errors, "contains", field, "At least one of the items must match");
            }
        }
    }

    private static void CheckNumber(JsonObject s, JsonNode value, string field, JsonArray errors)
    {
        // Draft 4 spells exclusive bounds as booleans next to minimum/maximum; drafts 6+ as numbers.
        var exclusiveMinimumFlag = s["exclusiveMinimum"] is { } emf && RegoTypes.Kind(emf) == JsonValueKind.True;
        var exclusiveMaximumFlag = s["exclusiveMaximum"] is { } exf && RegoTypes.Kind(exf) == JsonValueKind.True;
        if (s["minimum"] is { } min)
        {
            var c = RegoNumber.Compare(value, min);
            if (exclusiveMinimumFlag ? c <= 0 : c < 0)
            {
                Report(errors, exclusiveMinimumFlag ? "number_gt" : "number_gte", field, $"Must be greater than {(exclusiveMinimumFlag ? string.Empty : "or equal to ")}{min.ToJsonString()}");
            }
        }
        if (s["maximum"] is { } max)
        {
            var c = RegoNumber.Compare(value, max);
            if (exclusiveMaximumFlag ? c >= 0 : c > 0)
            {
                Report(errors, exclusiveMaximumFlag ? "number_lt" : "number_lte", field, $"Must be less than {(exclusiveMaximumFlag ? string.Empty : "or equal to ")}{max.ToJsonString()}");
            }
        }
        if (s["exclusiveMinimum"] is { } emin && RegoTypes.IsNumber(emin) && RegoNumber.Compare(value, emin) <= 0)
        {
            Report(errors, "number_gt", field, $"Must be greater than {emin.ToJsonString()}");
        }
        if (s["exclusiveMaximum"] is { } emax && RegoTypes.IsNumber(emax) && RegoNumber.Compare(value, emax) >= 0)
        {
            Report(errors, "number_lt", field, $"Must be less than {emax.ToJsonString()}");
        }
        if (s["multipleOf"] is { } multiple)
        {
            var ok = RegoNumber.TryDecimal(value, out var dv) && RegoNumber.TryDecimal(multiple, out var dm) && dm != 0
                ? dv % dm == 0
                : Math.Abs(Math.IEEERemainder(RegoNumber.ToDouble(value), RegoNumber.ToDouble(multiple))) < 1e-9;
            if (!ok)
            {
                Report(errors, "multiple_of", field, $"Must be a multiple of {multiple.ToJsonString()}");
            }
        }
    }

    private static void CheckString(JsonObject s, string text, string field, JsonArray errors)
    {
        var length = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            length++;
        }
        if (s["minLength"] is { } min && length < RegoNumber.ToDouble(min))
        {
            Report(errors, "string_gte", field, $"String length must be greater than or equal to {min.ToJsonString()}");
        }
        if (s["maxLength"] is { } max && length > RegoNumber.ToDouble(max))
        {
            Report(errors, "string_lte", field, $"String length must be less than or equal to {max.ToJsonString()}");
        }
        if (s["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) && !RegexCache.Get(pattern, "json.match_schema").IsMatch(text))
        {
            Report(errors, "pattern", field, $"Does not match pattern '{pattern}'");
        }
        if (s["format"] is JsonValue f && f.TryGetValue<string>(out var format) && !FormatMatches(format, text))
        {
            Report(errors, "format", field, $"Does not match format '{format}'");
        }
    }

    private static bool FormatMatches(string format, string text) => format switch
    {
        "date-time" => DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date" => DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "time" => DateTimeOffset.TryParseExact(text, ["HH:mm:ssK", "HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "email" => text.IndexOf('@', StringComparison.Ordinal) > 0 && text.IndexOf('@', StringComparison.Ordinal) < text.Length - 1,
        "ipv4" => IPAddress.TryParse(text, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Split('.').Length == 4,
        "ipv6" => IPAddress.TryParse(text, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out _),
        "uuid" => Guid.TryParseExact(text, "D", out _),
        "hostname" => text.Length is > 0 and <= 253 && Uri.CheckHostName(text) == UriHostNameType.Dns,
        "regex" => RegexCache.IsValid(text),
        _ => true,
    };
}
