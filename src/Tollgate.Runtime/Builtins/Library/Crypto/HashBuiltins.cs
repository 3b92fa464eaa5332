using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Crypto;

/// <summary>crypto.md5/sha1/sha256 and crypto.hmac.* over the UTF-8 bytes of strings, hex results.</summary>
internal static class HashBuiltins
{
    // MD5 and SHA-1 are part of OPA's catalogue (checksums and legacy HMACs), not used for our own security.
#pragma warning disable CA5350, CA5351
    public static void Register(BuiltinRegistry r)
    {
        r.Register("crypto.md5", (a, _) => Hex(MD5.HashData(Bytes(a, 0, "crypto.md5"))));
        r.Register("crypto.sha1", (a, _) => Hex(SHA1.HashData(Bytes(a, 0, "crypto.sha1"))));
        r.Register("crypto.sha256", (a, _) => Hex(SHA256.HashData(Bytes(a, 0, "crypto.sha256"))));
        r.Register("crypto.hmac.md5", (a, _) => Hex(HMACMD5.HashData(Bytes(a, 1, "crypto.hmac.md5"), Bytes(a, 0, "crypto.hmac.md5"))));
        r.Register("crypto.hmac.sha1", (a, _) => Hex(HMACSHA1.HashData(Bytes(a, 1, "crypto.hmac.sha1"), Bytes(a, 0, "crypto.hmac.sha1"))));
        r.Register("crypto.hmac.sha256", (a, _) => Hex(HMACSHA256.HashData(Bytes(a, 1, "crypto.hmac.sha256"), Bytes(a, 0, "crypto.hmac.sha256"))));
        r.Register("crypto.hmac.sha512", (a, _) => Hex(HMACSHA512.HashData(Bytes(a, 1, "crypto.hmac.sha512"), Bytes(a, 0, "crypto.hmac.sha512"))));
#pragma warning restore CA5350, CA5351
        r.Register("crypto.hmac.equal", (a, _) => JsonValue.Create(CryptographicOperations.FixedTimeEquals(Bytes(a, 0, "crypto.hmac.equal"), Bytes(a, 1, "crypto.hmac.equal"))));
    }

    private static byte[] Bytes(ReadOnlySpan<JsonNode?> a, int index, string builtin) => Encoding.UTF8.GetBytes(Args.String(a, index, builtin));

    private static JsonNode Hex(byte[] hash) => JsonValue.Create(Convert.ToHexStringLower(hash));
}
