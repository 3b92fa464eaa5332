using System.Buffers;
using System.Text.Json;

namespace Tollgate.Edge.Decisions;

/// <summary>
/// Writes the Rego input exactly as opa-envoy-plugin shapes it: <c>input.attributes</c> (protojson names:
/// request.http.{id,method,headers,path,host,scheme,protocol,body,size}, source/destination
/// address.socketAddress, contextExtensions, metadataContext), plus <c>input.parsed_path</c>,
/// <c>input.parsed_query</c>, <c>input.parsed_body</c>, <c>input.truncated_body</c> and <c>input.version</c>.
/// </summary>
public static class DecisionInputWriter
{
    public static void Write(DecisionRequest request, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartObject("attributes");
        WritePeer(json, "source", request.SourceAddress, request.SourcePort);
        WritePeer(json, "destination", request.DestinationAddress, request.DestinationPort);
        json.WriteStartObject("request");
        json.WriteStartObject("http");
        if (request.Id is not null)
        {
            json.WriteString("id", request.Id);
        }
        json.WriteString("method", request.Method);
        json.WriteStartObject("headers");
        WriteHeaders(json, request.Headers);
        json.WriteEndObject();
        json.WriteString("path", request.Path);
        json.WriteString("host", request.Host);
        if (request.Scheme is not null)
        {
            json.WriteString("scheme", request.Scheme);
        }
        if (request.Fragment is not null)
        {
            json.WriteString("fragment", request.Fragment);
        }
        if (request.Protocol is not null)
        {
            json.WriteString("protocol", request.Protocol);
        }
        if (request.Size != 0)
        {
            // protojson writes int64 as a string
            json.WriteString("size", request.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (request.Body is not null)
        {
            json.WriteString("body", request.Body);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        if (request.ContextExtensions is { Count: > 0 } extensions)
        {
            json.WriteStartObject("contextExtensions");
            foreach (var pair in extensions)
            {
                json.WriteString(pair.Key, pair.Value);
            }
            json.WriteEndObject();
        }
        if (request.MetadataContextJson is { Count: > 0 } metadata)
        {
            json.WriteStartObject("metadataContext");
            json.WriteStartObject("filterMetadata");
            foreach (var pair in metadata)
            {
                json.WritePropertyName(pair.Key);
                json.WriteRawValue(pair.Value, skipInputValidation: true);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndObject();

        var path = request.Path;
        var queryStart = path.IndexOf('?');
        var pathOnly = queryStart < 0 ? path.AsSpan() : path.AsSpan(0, queryStart);
        var hash = pathOnly.IndexOf('#');
        if (hash >= 0)
        {
            pathOnly = pathOnly[..hash];
        }
        json.WriteStartArray("parsed_path");
        WritePathSegments(json, pathOnly);
        json.WriteEndArray();
        json.WriteStartObject("parsed_query");
        if (queryStart >= 0)
        {
            var query = path.AsSpan(queryStart + 1);
            var fragment = query.IndexOf('#');
            WriteFormFields(json, fragment >= 0 ? query[..fragment] : query);
        }
        json.WriteEndObject();
        if (request.Body is { Length: > 0 } body)
        {
            WriteParsedBody(json, body, request.Header("content-type"));
        }
        json.WriteBoolean("truncated_body", false);
        json.WriteStartObject("version");
        json.WriteString("encoding", "protojson");
        json.WriteString("ext_authz", "v3");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePeer(Utf8JsonWriter json, string name, string? address, uint port)
    {
        if (address is null)
        {
            return;
        }
        json.WriteStartObject(name);
        json.WriteStartObject("address");
        json.WriteStartObject("socketAddress");
        json.WriteString("address", address);
        json.WriteNumber("portValue", port);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Repeated headers are joined with ", " as Envoy does in the headers map.</summary>
    private static void WriteHeaders(Utf8JsonWriter json, List<KeyValuePair<string, string>> headers)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Key;
            var seenBefore = false;
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(headers[j].Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    seenBefore = true;
                    break;
                }
            }
            if (seenBefore)
            {
                continue;
            }
            string? joined = null;
            for (var j = i + 1; j < headers.Count; j++)
            {
                if (string.Equals(headers[j].Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    joined = (joined ?? headers[i].Value) + ", " + headers[j].Value;
                }
            }
            json.WriteString(name.ToLowerInvariant(), joined ?? headers[i].Value);
        }
    }

    /// <summary>"/a/b%20c" → ["a", "b c"]; "/" → [""] (as strings.Split of the trimmed path).</summary>
    private static void WritePathSegments(Utf8JsonWriter json, ReadOnlySpan<char> path)
    {
        var rest = path.TrimStart('/');
        while (true)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            json.WriteStringValue(segment.Contains('%') ? Uri.UnescapeDataString(segment.ToString()) : segment);
            if (slash < 0)
            {
                return;
            }
            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>application/x-www-form-urlencoded fields → {"k": ["v1", "v2"]} in first-seen key order.</summary>
    private static void WriteFormFields(Utf8JsonWriter json, ReadOnlySpan<char> query)
    {
        if (query.IsEmpty)
        {
            return;
        }
        var fields = new List<KeyValuePair<string, List<string>>>();
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (pair.IsEmpty)
            {
                continue;
            }
            var eq = pair.IndexOf('=');
            var key = Unescape(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Unescape(pair[(eq + 1)..]);
            var found = false;
            foreach (var field in fields)
            {
                if (field.Key == key)
                {
                    field.Value.Add(value);
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                fields.Add(new(key, [value]));
            }
        }
        foreach (var field in fields)
        {
            json.WriteStartArray(field.Key);
            foreach (var value in field.Value)
            {
                json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
    }

    private static string Unescape(ReadOnlySpan<char> text)
    {
        var s = text.ToString();
        if (s.Contains('+', StringComparison.Ordinal))
        {
            s = s.Replace('+', ' ');
        }
        return s.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(s) : s;
    }

    /// <summary>JSON bodies become values, form bodies become field maps; anything else is left out.</summary>
    private static void WriteParsedBody(Utf8JsonWriter json, string body, string? contentType)
    {
        if (contentType is null)
        {
            return;
        }
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            if (IsValidJson(bytes))
            {
                json.WritePropertyName("parsed_body");
                json.WriteRawValue(bytes, skipInputValidation: true);
            }
        }
        else if (contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            json.WriteStartObject("parsed_body");
            WriteFormFields(json, body);
            json.WriteEndObject();
        }
    }

    private static bool IsValidJson(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 128 });
        try
        {
            while (reader.Read())
            {
            }
            return reader.BytesConsumed == bytes.Length || bytes[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
