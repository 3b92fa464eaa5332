using System.Buffers.Text;
using System.Text.Json;

namespace Tollgate.Runtime.Bundles;

/// <summary>JWS compact serialization pieces (RFC 7515).</summary>
internal static class Jws
{
    public static string Encode(byte[] json) => Base64Url.EncodeToString(json);

    /// <summary>Splits a compact JWS into its decoded header, payload and signature, and the signing input.</summary>
    public static (JsonDocument Header, JsonDocument Payload, byte[] Signature, string SigningInput) Decode(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new BundleException("bundle signature is not a compact JWS (three dot-separated parts)");
        }
        try
        {
            var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            byte[] signature = Base64Url.DecodeFromChars(parts[2]);
            return (header, payload, signature, parts[0] + "." + parts[1]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new BundleException($"bundle signature is malformed: {ex.Message}", ex);
        }
    }
}
