using System.Text.Json;

namespace Tollgate.Edge.Decisions;

/// <summary>
/// Reads a decision entrypoint's ABI result set (<c>[{"result": …}]</c>) as opa-envoy-plugin does: a boolean,
/// or an object with allowed, headers, response_headers_to_add, request_headers_to_remove, body,
/// http_status and dynamic_metadata.
/// </summary>
public static class DecisionResultParser
{
    private static readonly byte[] TrueResult = """[{"result":true}]"""u8.ToArray();
    private static readonly byte[] FalseResult = """[{"result":false}]"""u8.ToArray();

    /// <summary>Fills <paramref name="decision"/>; returns null or an error message (kind "undefined" or "bad_result").</summary>
    public static string? Parse(ReadOnlySpan<byte> resultSet, Decision decision, out string? errorKind)
    {
        errorKind = null;
        // The overwhelmingly common shapes, without building a document.
        if (resultSet.SequenceEqual(TrueResult))
        {
            decision.Allowed = true;
            return null;
        }
        if (resultSet.SequenceEqual(FalseResult))
        {
            decision.Allowed = false;
            return null;
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(resultSet.ToArray());
        }
        catch (JsonException e)
        {
            errorKind = "bad_result";
            return "the module returned invalid JSON: " + e.Message;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                errorKind = "bad_result";
                return "the module returned a value that is not a result set";
            }
            if (root.GetArrayLength() == 0)
            {
                errorKind = "undefined";
                return "the decision is undefined";
            }
            if (root[0].ValueKind != JsonValueKind.Object || !root[0].TryGetProperty("result", out var result))
            {
                errorKind = "bad_result";
                return "the result set has no \"result\"";
            }
            var error = ParseResult(result, decision);
            if (error is not null)
            {
                errorKind = "bad_result";
            }
            return error;
        }
    }

    private static string? ParseResult(JsonElement result, Decision decision)
    {
        switch (result.ValueKind)
        {
            case JsonValueKind.True:
                decision.Allowed = true;
                return null;
            case JsonValueKind.False:
                decision.Allowed = false;
                return null;
            case JsonValueKind.Object:
                break;
            default:
                return $"the decision must be a boolean or an object, got {result.ValueKind.ToString().ToLowerInvariant()}";
        }
        if (!result.TryGetProperty("allowed", out var allowed) || (allowed.ValueKind != JsonValueKind.True && allowed.ValueKind != JsonValueKind.False))
        {
            return "the decision object needs a boolean \"allowed\"";
        }
        decision.Allowed = allowed.ValueKind == JsonValueKind.True;
        foreach (var property in result.EnumerateObject())
        {
            string? error = null;
            switch (property.Name)
            {
                case "headers":
                    decision.Headers = ReadHeaders(property.Value, "headers", out error);
                    break;
                case "response_headers_to_add":
                    decision.ResponseHeadersToAdd = ReadHeaders(property.Value, "response_headers_to_add", out error);
                    break;
                case "request_headers_to_remove":
                    decision.RequestHeadersToRemove = ReadStrings(property.Value, out error);
                    break;
                case "body":
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        error = "\"body\" must be a string";
                    }
                    else
                    {
                        decision.Body = property.Value.GetString();
                    }
                    break;
                case "http_status":
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var status) || status < 100 || status > 599)
                    {
                        error = "\"http_status\" must be an HTTP status code";
                    }
                    else
                    {
                        decision.HttpStatus = status;
                    }
                    break;
                case "dynamic_metadata":
                    if (property.Value.ValueKind != JsonValueKind.Object)
                    {
                        error = "\"dynamic_metadata\" must be an object";
                    }
                    else
                    {
                        decision.DynamicMetadataJson = property.Value.GetRawText();
                    }
                    break;
            }
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }

    /// <summary>An object of name → string | [string], or an array of such objects.</summary>
    private static List<KeyValuePair<string, string>>? ReadHeaders(JsonElement value, string field, out string? error)
    {
        error = null;
        var list = new List<KeyValuePair<string, string>>();
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (!AddHeaderObject(item, list))
                {
                    error = $"\"{field}\" must map header names to strings or arrays of strings";
                    return null;
                }
            }
            return list;
        }
        if (!AddHeaderObject(value, list))
        {
            error = $"\"{field}\" must map header names to strings or arrays of strings";
            return null;
        }
        return list;
    }

    private static bool AddHeaderObject(JsonElement value, List<KeyValuePair<string, string>> list)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        foreach (var header in value.EnumerateObject())
        {
            if (header.Value.ValueKind == JsonValueKind.String)
            {
                list.Add(new(header.Name, header.Value.GetString()!));
            }
            else if (header.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in header.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return false;
                    }
                    list.Add(new(header.Name, item.GetString()!));
                }
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    private static List<string>? ReadStrings(JsonElement value, out string? error)
    {
        error = null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            error = "\"request_headers_to_remove\" must be an array of strings";
            return null;
        }
        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                error = "\"request_headers_to_remove\" must be an array of strings";
                return null;
            }
            list.Add(item.GetString()!);
        }
        return list;
    }
}
