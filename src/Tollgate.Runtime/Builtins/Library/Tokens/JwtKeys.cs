using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Codecs;
using Tollgate.Runtime.Builtins.Library.Crypto;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Tokens;

/// <summary>Verification keys from a PEM certificate, a PEM public key, a JWK or a JWK set; signing keys from a JWK.</summary>
internal static class JwtKeys
{
    /// <summary>A key usable with one family of algorithms.</summary>
    public sealed class Key : IDisposable
    {
        public RSA? Rsa { get; init; }
        public ECDsa? Ec { get; init; }
        public byte[]? Secret { get; init; }

        /// <summary>An Ed25519 public key (32 bytes), for EdDSA.</summary>
        public byte[]? EdPublic { get; init; }

        /// <summary>An Ed25519 private key seed (32 bytes), for signing with EdDSA.</summary>
        public byte[]? EdSeed { get; init; }

        public void Dispose()
        {
            Rsa?.Dispose();
            Ec?.Dispose();
        }
    }

    public static List<Key> VerificationKeys(string text, string builtin)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            var blocks = PemInput.ParsePem(text, builtin);
            if (blocks.Count == 0)
            {
                throw Args.Error(builtin, "failed to parse a PEM certificate");
            }
            var end = text.LastIndexOf("-----", StringComparison.Ordinal);
            if (text[(end + 5)..].Trim().Length > 0)
            {
                throw Args.Error(builtin, "extra data after a PEM certificate block");
            }
            var block = blocks[0];
            if (block.Type == "CERTIFICATE")
            {
                using var cert = LoadCertificate(block.Der, builtin);
                if (cert.PublicKey.Oid.Value == Ed25519Oid)
                {
                    return [new Key { EdPublic = cert.PublicKey.EncodedKeyValue.RawData }];
                }
                var rsa = cert.GetRSAPublicKey();
                if (rsa is not null)
                {
                    return [new Key { Rsa = rsa }];
                }
                var ec = cert.GetECDsaPublicKey();
                if (ec is not null)
                {
                    return [new Key { Ec = ec }];
                }
                throw Args.Error(builtin, "failed to extract a Key from the PEM certificate");
            }
            return [PublicKey(block.Der, builtin)];
        }
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            throw Args.Error(builtin, "failed to parse a JWK key (set)");
        }
        var keys = new List<Key>();
        if (json is JsonObject { } set && set["keys"] is JsonArray array)
        {
            foreach (var jwk in array)
            {
                if (jwk is JsonObject o)
                {
                    keys.Add(FromJwk(o, builtin));
                }
            }
        }
        else if (json is JsonObject single)
        {
            keys.Add(FromJwk(single, builtin));
        }
        else
        {
            throw Args.Error(builtin, "failed to parse a JWK key (set)");
        }
        return keys;
    }

    private static X509Certificate2 LoadCertificate(byte[] der, string builtin)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            throw Args.Error(builtin, "failed to parse a PEM certificate");
        }
    }

    private const string Ed25519Oid = "1.3.101.112";

    // SubjectPublicKeyInfo of an Ed25519 key (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (32 bytes) }.
    private static readonly byte[] Ed25519SpkiPrefix = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    private static Key PublicKey(byte[] der, string builtin)
    {
        if (der.Length == Ed25519SpkiPrefix.Length + Ed25519.KeySize && der.AsSpan().StartsWith(Ed25519SpkiPrefix))
        {
            return new Key { EdPublic = der[Ed25519SpkiPrefix.Length..] };
        }
        try
        {
            var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(der, out _);
            return new Key { Rsa = rsa };
        }
        catch (CryptographicException)
        {
            try
            {
                var ec = ECDsa.Create();
                ec.ImportSubjectPublicKeyInfo(der, out _);
                return new Key { Ec = ec };
            }
            catch (CryptographicException)
            {
                throw Args.Error(builtin, "failed to extract a Key from the PEM certificate");
            }
        }
    }

    private static byte[]? Field(JsonObject jwk, string name)
    {
        if (jwk[name] is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return null;
        }
        var padded = text.Length % 4 == 0 ? text : text + new string('=', 4 - (text.Length % 4));
        return Base64.TryDecode(padded, url: true, padded: true, out var bytes, out _) ? bytes : null;
    }

    public static Key FromJwk(JsonObject jwk, string builtin)
    {
        var kty = jwk["kty"] is JsonValue k && k.TryGetValue<string>(out var t) ? t : string.Empty;
        try
        {
            switch (kty)
            {
                case "oct":
                    return new Key { Secret = Field(jwk, "k") ?? throw Args.Error(builtin, "failed to parse a JWK key (set)") };
                case "RSA":
                    var rsa = RSA.Create();
                    rsa.ImportParameters(new RSAParameters
                    {
                        Modulus = Field(jwk, "n"),
                        Exponent = Field(jwk, "e"),
                        D = Field(jwk, "d"),
                        P = Field(jwk, "p"),
                        Q = Field(jwk, "q"),
                        DP = Field(jwk, "dp"),
                        DQ = Field(jwk, "dq"),
                        InverseQ = Field(jwk, "qi"),
                    });
                    return new Key { Rsa = rsa };
                case "EC":
                    var curve = (jwk["crv"] as JsonValue)?.GetValue<string>() switch
                    {
                        "P-256" => ECCurve.NamedCurves.nistP256,
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        "P-521" => ECCurve.NamedCurves.nistP521,
                        _ => throw Args.Error(builtin, "failed to parse a JWK key (set)"),
                    };
                    var ec = ECDsa.Create();
                    ec.ImportParameters(new ECParameters { Curve = curve, Q = new ECPoint { X = Field(jwk, "x"), Y = Field(jwk, "y") }, D = Field(jwk, "d") });
                    return new Key { Ec = ec };
                case "OKP" when jwk["crv"] is JsonValue crv && crv.TryGetValue<string>(out var c) && c == "Ed25519":
                    var x = Field(jwk, "x");
                    var seed = Field(jwk, "d");
                    if ((x is not null && x.Length != Ed25519.KeySize) || (seed is not null && seed.Length != Ed25519.KeySize) || (x is null && seed is null))
                    {
                        throw Args.Error(builtin, "failed to parse a JWK key (set)");
                    }
                    return new Key { EdPublic = x ?? Ed25519.PublicKey(seed!), EdSeed = seed };
                default:
                    throw Args.Error(builtin, "failed to parse a JWK key (set)");
            }
        }
        catch (CryptographicException)
        {
            throw Args.Error(builtin, "failed to parse a JWK key (set)");
        }
    }

    public static Key Secret(string secret) => new() { Secret = Encoding.UTF8.GetBytes(secret) };
}
