using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Codecs;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Tokens;

/// <summary>A compact JWS split into its parts, with OPA's decoding errors.</summary>
internal sealed class JwtToken
{
    private JwtToken(JsonObject header, JsonNode? payload, byte[] signature, string signingInput)
    {
        Header = header;
        Payload = payload;
        Signature = signature;
        SigningInput = signingInput;
    }

    public JsonObject Header { get; }
    public JsonNode? Payload { get; }
    public byte[] Signature { get; }

    /// <summary>"header.payload" as sent: the bytes the signature covers.</summary>
    public string SigningInput { get; }

    public string? Algorithm => Header["alg"] is JsonValue v && v.TryGetValue<string>(out var alg) ? alg : null;

    public static JwtToken Parse(string token, string builtin)
    {
        if (!token.Contains('.', StringComparison.Ordinal))
        {
            throw Args.Error(builtin, "encoded JWT had no period separators");
        }
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw Args.Error(builtin, $"encoded JWT must have 3 sections, found {parts.Length}");
        }
        var headerBytes = Decode(parts[0], builtin, "header");
        var payloadBytes = Decode(parts[1], builtin, "payload");
        var signature = Decode(parts[2], builtin, "signature");
        if (JsonObjectOrNull(headerBytes) is not JsonObject header)
        {
            throw Args.Error(builtin, "JWT header had invalid encoding: not a JSON object");
        }
        JsonNode? payload;
        if (header["cty"] is JsonValue cty && cty.TryGetValue<string>(out var contentType) && contentType.Equals("JWT", StringComparison.OrdinalIgnoreCase))
        {
            // A nested token: the payload is itself a JWT, decoded in turn.
            return Parse(NestedToken(payloadBytes), builtin);
        }
        try
        {
            payload = JsonNode.Parse(payloadBytes);
        }
        catch (System.Text.Json.JsonException)
        {
            throw Args.Error(builtin, "JWT payload had invalid encoding: not valid JSON");
        }
        return new JwtToken(header, payload, signature, parts[0] + "." + parts[1]);
    }

    /// <summary>The inner token of a nested JWT: raw compact text, or (as OPA also accepts) a JSON string holding it.</summary>
    private static string NestedToken(byte[] payloadBytes)
    {
        var text = Encoding.UTF8.GetString(payloadBytes);
        if (text.StartsWith('"'))
        {
            try
            {
                if (JsonNode.Parse(text) is JsonValue v && v.TryGetValue<string>(out var inner))
                {
                    return inner;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not a JSON string after all: decode the text as it is.
            }
        }
        return text;
    }

    private static JsonObject? JsonObjectOrNull(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Base64url with or without padding (Go's RawURLEncoding after stripping '=').</summary>
    private static byte[] Decode(string part, string builtin, string what)
    {
        var text = part.TrimEnd('=');
        var padded = text.Length % 4 == 0 ? text : text + new string('=', 4 - (text.Length % 4));
        if (Base64.TryDecode(padded, url: true, padded: true, out var bytes, out var bad))
        {
            return bytes;
        }
        throw Args.Error(builtin, $"JWT {what} had invalid encoding: illegal base64 data at input byte {Math.Min(bad, text.Length)}");
    }
}
