using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Codecs;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Tokens;

/// <summary>io.jwt.*: decode, verify_* per algorithm, decode_verify with constraints, encode_sign(_raw).</summary>
internal static class JwtBuiltins
{
    private static readonly string[] VerifyAlgorithms = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

    public static void Register(BuiltinRegistry r)
    {
        r.Register("io.jwt.decode", Decode);
        foreach (var alg in VerifyAlgorithms)
        {
            var name = "io.jwt.verify_" + alg.ToLowerInvariant();
            r.Register(name, (a, _) => VerifyWith(a, alg, name));
        }
        r.Register("io.jwt.decode_verify", DecodeVerify);
        r.Register("io.jwt.encode_sign", EncodeSign);
        r.Register("io.jwt.encode_sign_raw", EncodeSignRaw);
    }

    private static JsonNode? Decode(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var token = JwtToken.Parse(Args.String(a, 0, "io.jwt.decode"), "io.jwt.decode");
        return new JsonArray(token.Header.DeepClone(), RegoNull.Defined(token.Payload?.DeepClone()), Convert.ToHexStringLower(token.Signature));
    }

    private static JsonNode? VerifyWith(ReadOnlySpan<JsonNode?> a, string alg, string builtin)
    {
        var text = Args.String(a, 0, builtin);
        var keyText = Args.String(a, 1, builtin);
        var token = JwtToken.Parse(text, builtin);
        var keys = alg.StartsWith("HS", StringComparison.Ordinal) ? [JwtKeys.Secret(keyText)] : JwtKeys.VerificationKeys(keyText, builtin);
        try
        {
            foreach (var key in keys)
            {
                if (JwsAlgorithms.Verify(alg, key, token.SigningInput, token.Signature))
                {
                    return JsonValue.Create(true);
                }
            }
            return JsonValue.Create(false);
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    private static JsonArray Invalid() => new(false, new JsonObject(), new JsonObject());

    private static JsonNode? DecodeVerify(ReadOnlySpan<JsonNode?> a, BuiltinContext context)
    {
        const string Name = "io.jwt.decode_verify";
        var text = Args.String(a, 0, Name);
        var constraints = Args.Object(a, 1, Name);
        string? cert = null, secret = null, alg = null, iss = null, aud = null;
        double? timeNs = null;
        foreach (var pair in constraints)
        {
            switch (pair.Key)
            {
                case "cert": cert = StringConstraint(pair, Name); break;
                case "secret": secret = StringConstraint(pair, Name); break;
                case "alg": alg = StringConstraint(pair, Name); break;
                case "iss": iss = StringConstraint(pair, Name); break;
                case "aud": aud = StringConstraint(pair, Name); break;
                case "time":
                    timeNs = RegoTypes.IsNumber(pair.Value) ? RegoNumber.ToDouble(pair.Value!) : throw Args.Error(Name, "time constraint: must be a number");
                    break;
                default:
                    throw Args.Error(Name, $"unknown token validation constraint: {pair.Key}");
            }
        }
        if (cert is null && secret is null)
        {
            throw Args.Error(Name, "no key or secret supplied to verify the token");
        }
        JwtToken token;
        try
        {
            token = JwtToken.Parse(text, Name);
        }
        catch (BuiltinException)
        {
            return Invalid();
        }
        var tokenAlg = token.Algorithm;
        // RFC 7515 4.1.11: a receiver that does not understand a critical extension must reject the token;
        // no extensions are understood here.
        if (token.Header.ContainsKey("crit"))
        {
            return Invalid();
        }
        if (tokenAlg is null || !JwsAlgorithms.IsKnown(tokenAlg) || (alg is not null && alg != tokenAlg))
        {
            return Invalid();
        }
        var keys = tokenAlg.StartsWith("HS", StringComparison.Ordinal)
            ? secret is null ? [] : [JwtKeys.Secret(secret)]
            : cert is null ? [] : JwtKeys.VerificationKeys(cert, Name);
        var verified = false;
        foreach (var key in keys)
        {
            verified |= JwsAlgorithms.Verify(tokenAlg, key, token.SigningInput, token.Signature);
            key.Dispose();
        }
        if (!verified || token.Payload is not JsonObject claims)
        {
            return Invalid();
        }
        var now = (timeNs ?? context.NowNs) / 1e9;
        // A present but null claim is an error, not an absent one.
        if (claims.TryGetPropertyValue("exp", out var exp))
        {
            if (!RegoTypes.IsNumber(exp))
            {
                throw Args.Error(Name, "exp value must be a number");
            }
            if (now >= RegoNumber.ToDouble(exp!))
            {
                return Invalid();
            }
        }
        if (claims.TryGetPropertyValue("nbf", out var nbf))
        {
            if (!RegoTypes.IsNumber(nbf))
            {
                throw Args.Error(Name, "nbf value must be a number");
            }
            if (now < RegoNumber.ToDouble(nbf!))
            {
                return Invalid();
            }
        }
        if (iss is not null && !(claims["iss"] is JsonValue i && i.TryGetValue<string>(out var issuer) && issuer == iss))
        {
            return Invalid();
        }
        if (!AudienceMatches(claims["aud"], aud))
        {
            return Invalid();
        }
        return new JsonArray(true, token.Header.DeepClone(), claims.DeepClone());
    }

    private static string StringConstraint(KeyValuePair<string, JsonNode?> pair, string builtin) =>
        pair.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Args.Error(builtin, $"{pair.Key} constraint: must be a string");

    /// <summary>A token with an audience needs a matching "aud" constraint; one without must not get one.</summary>
    private static bool AudienceMatches(JsonNode? claim, string? expected)
    {
        if (claim is null)
        {
            return expected is null;
        }
        if (expected is null)
        {
            return false;
        }
        if (claim is JsonValue v && v.TryGetValue<string>(out var single))
        {
            return single == expected;
        }
        if (claim is JsonArray list)
        {
            foreach (var item in list)
            {
                if (item is JsonValue iv && iv.TryGetValue<string>(out var s) && s == expected)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode? EncodeSign(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "io.jwt.encode_sign";
        var header = Args.Object(a, 0, Name);
        var payload = Args.Object(a, 1, Name);
        var key = Args.Object(a, 2, Name);
        return Sign(GoJson.Write(header), GoJson.Write(payload), key, Name);
    }

    private static JsonNode? EncodeSignRaw(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "io.jwt.encode_sign_raw";
        var header = Args.String(a, 0, Name);
        var payload = Args.String(a, 1, Name);
        var keyText = Args.String(a, 2, Name);
        JsonObject key;
        try
        {
            key = JsonNode.Parse(keyText) as JsonObject ?? throw Args.Error(Name, "failed to parse a JWK key (set)");
        }
        catch (System.Text.Json.JsonException)
        {
            throw Args.Error(Name, "failed to parse a JWK key (set)");
        }
        return Sign(header, payload, key, Name);
    }

    private static JsonNode? Sign(string headerText, string payloadText, JsonObject jwk, string builtin)
    {
        JsonObject header;
        if (headerText.Length == 0)
        {
            throw Args.Error(builtin, "missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string");
        }
        try
        {
            header = JsonNode.Parse(headerText) as JsonObject ?? throw Args.Error(builtin, "missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
        }
        catch (System.Text.Json.JsonException)
        {
            throw Args.Error(builtin, headerText.TrimStart().StartsWith('{')
                ? "missing or invalid 'alg' header: cannot parse JSON"
                : "missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
        }
        if (header["alg"] is not JsonValue algValue || !algValue.TryGetValue<string>(out var alg))
        {
            throw Args.Error(builtin, "missing or invalid 'alg' header: jwsbb: header \"alg\" not found");
        }
        if (!JwsAlgorithms.IsKnown(alg))
        {
            throw Args.Error(builtin, $"unknown JWS algorithm: {alg}");
        }
        if (header["typ"] is JsonValue typ && typ.TryGetValue<string>(out var type) && type == "JWT")
        {
            try
            {
                if (JsonNode.Parse(payloadText) is not JsonObject)
                {
                    throw Args.Error(builtin, "type is JWT but payload is not JSON");
                }
            }
            catch (System.Text.Json.JsonException)
            {
                throw Args.Error(builtin, "type is JWT but payload is not JSON");
            }
        }
        using var key = JwtKeys.FromJwk(jwk, builtin);
        var signingInput = Base64.UrlEncode(Encoding.UTF8.GetBytes(headerText), pad: false) + "." + Base64.UrlEncode(Encoding.UTF8.GetBytes(payloadText), pad: false);
        var signature = JwsAlgorithms.Sign(alg, key, signingInput, builtin);
        return JsonValue.Create(signingInput + "." + Base64.UrlEncode(signature, pad: false));
    }
}
