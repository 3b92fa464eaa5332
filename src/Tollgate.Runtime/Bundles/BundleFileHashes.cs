using System.Security.Cryptography;
using System.Text.Json;

namespace Tollgate.Runtime.Bundles;

/// <summary>
/// The per-file digests a bundle signature covers. JSON files (<c>*.json</c>, <c>.manifest</c>) are hashed
/// in <see cref="CanonicalJson"/> form so formatting does not matter; all other files as raw bytes. Names are
/// bundle paths without the leading slash, as OPA writes them. The signatures file itself is not covered.
/// </summary>
internal static class BundleFileHashes
{
    public const string Sha256 = "SHA-256";

    public static string SignatureName(string bundlePath) => bundlePath.TrimStart('/');

    public static bool IsCovered(string bundlePath) => bundlePath != Bundle.SignaturesPath;

    public static string Compute(string bundlePath, byte[] content, string algorithm)
    {
        byte[] hashed = content;
        if (bundlePath.EndsWith(".json", StringComparison.Ordinal) || bundlePath.EndsWith("/.manifest", StringComparison.Ordinal))
        {
            try
            {
                hashed = CanonicalJson.Canonicalize(content);
            }
            catch (JsonException ex)
            {
                throw new BundleException($"{bundlePath} is not valid JSON, so it cannot be hashed canonically: {ex.Message}", ex);
            }
        }
        byte[] digest = algorithm switch
        {
            Sha256 => SHA256.HashData(hashed),
            "SHA-384" => SHA384.HashData(hashed),
            "SHA-512" => SHA512.HashData(hashed),
            _ => throw new BundleException($"unsupported bundle file hashing algorithm {algorithm}"),
        };
        return Convert.ToHexStringLower(digest);
    }
}
