using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Codecs;

namespace Tollgate.Runtime.Builtins.Library.Crypto;

/// <summary>Keys as JSON Web Keys (RFC 7517/7518): the output of parse_rsa_private_key and parse_private_keys.</summary>
internal static class Jwk
{
    private static string B64(byte[]? bytes) => bytes is null ? string.Empty : Base64.UrlEncode(bytes, pad: false);

    public static JsonObject FromRsa(RSAParameters p, bool includePrivate)
    {
        var jwk = new JsonObject { ["kty"] = "RSA", ["n"] = B64(p.Modulus), ["e"] = B64(p.Exponent) };
        if (includePrivate && p.D is not null)
        {
            jwk["d"] = B64(p.D);
            jwk["p"] = B64(p.P);
            jwk["q"] = B64(p.Q);
            jwk["dp"] = B64(p.DP);
            jwk["dq"] = B64(p.DQ);
            jwk["qi"] = B64(p.InverseQ);
        }
        return jwk;
    }

    public static JsonObject FromEc(ECParameters p, bool includePrivate)
    {
        var curve = p.Curve.Oid.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" => "P-256",
            "nistP384" or "ECDSA_P384" => "P-384",
            "nistP521" or "ECDSA_P521" => "P-521",
            var other => other ?? "unknown",
        };
        var jwk = new JsonObject { ["kty"] = "EC", ["crv"] = curve, ["x"] = B64(p.Q.X), ["y"] = B64(p.Q.Y) };
        if (includePrivate && p.D is not null)
        {
            jwk["d"] = B64(p.D);
        }
        return jwk;
    }
}
