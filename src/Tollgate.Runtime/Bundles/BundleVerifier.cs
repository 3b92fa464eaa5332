using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tollgate.Runtime.Bundles;

/// <summary>
/// Verifies <c>/.signatures.json</c>: exactly one JWS, made with this verifier's algorithm and key (no
/// algorithm negotiation: the token's <c>alg</c> must match), listing every file of the bundle with a
/// matching digest and no file that is absent.
/// </summary>
public sealed class BundleVerifier
{
    private readonly JwsAlgorithm _algorithm;
    private readonly string? _keyId;

    private BundleVerifier(JwsAlgorithm algorithm, string? keyId)
    {
        _algorithm = algorithm;
        _keyId = keyId;
    }

    /// <summary>When set, the token's <c>scope</c> claim must equal it.</summary>
    public string? Scope { get; init; }

    public static BundleVerifier Rs256(RSA publicKey, string? keyId = null) => new(JwsAlgorithm.Rs256(publicKey), keyId);

    public static BundleVerifier Es256(ECDsa publicKey, string? keyId = null) => new(JwsAlgorithm.Es256(publicKey), keyId);

    public static BundleVerifier Hs256(ReadOnlySpan<byte> secret, string? keyId = null) => new(JwsAlgorithm.Hs256(secret), keyId);

    /// <summary>From an algorithm name and a PEM public key (RS256, ES256) or the shared secret (HS256).</summary>
    public static BundleVerifier FromPem(string algorithm, string pemOrSecret, string? keyId = null) =>
        new(JwsAlgorithm.FromPem(algorithm, pemOrSecret), keyId);

    /// <summary>Throws <see cref="BundleException"/> unless the bundle's signature is valid and covers exactly its files.</summary>
    public void Verify(Bundle bundle)
    {
        if (!bundle.Files.TryGetValue(Bundle.SignaturesPath, out var signaturesJson))
        {
            throw new BundleException("bundle is not signed (no /.signatures.json)");
        }
        string token = ReadSingleToken(signaturesJson);
        var (header, payload, signature, signingInput) = Jws.Decode(token);
        using (header)
        using (payload)
        {
            CheckHeader(header.RootElement);
            if (!_algorithm.Verify(Encoding.ASCII.GetBytes(signingInput), signature))
            {
                throw new BundleException("bundle signature does not verify with the configured key");
            }
            CheckClaims(payload.RootElement);
            CheckFiles(bundle, payload.RootElement);
        }
    }

    private static string ReadSingleToken(byte[] signaturesJson)
    {
        try
        {
            using var document = JsonDocument.Parse(signaturesJson);
            if (!document.RootElement.TryGetProperty("signatures", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new BundleException("/.signatures.json has no \"signatures\" array");
            }
            if (list.GetArrayLength() != 1 || list[0].ValueKind != JsonValueKind.String)
            {
                throw new BundleException("/.signatures.json must hold exactly one signature string");
            }
            return list[0].GetString()!;
        }
        catch (JsonException ex)
        {
            throw new BundleException($"/.signatures.json is not valid JSON: {ex.Message}", ex);
        }
    }

    private void CheckHeader(JsonElement header)
    {
        string? alg = header.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        if (alg != _algorithm.Name)
        {
            throw new BundleException($"bundle signature uses algorithm {alg ?? "(none)"}, expected {_algorithm.Name}");
        }
        if (_keyId is not null && header.TryGetProperty("kid", out var kid) && kid.GetString() != _keyId)
        {
            throw new BundleException($"bundle signature key id {kid.GetString()} is not the configured {_keyId}");
        }
    }

    private void CheckClaims(JsonElement payload)
    {
        if (_keyId is not null && payload.TryGetProperty("keyid", out var keyId) && keyId.GetString() != _keyId)
        {
            throw new BundleException($"bundle signature keyid {keyId.GetString()} is not the configured {_keyId}");
        }
        if (Scope is not null && (!payload.TryGetProperty("scope", out var scope) || scope.GetString() != Scope))
        {
            throw new BundleException($"bundle signature scope does not match {Scope}");
        }
    }

    private static void CheckFiles(Bundle bundle, JsonElement payload)
    {
        if (!payload.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
        {
            throw new BundleException("bundle signature payload has no \"files\" list");
        }
        var listed = new Dictionary<string, (string Hash, string Algorithm)>(StringComparer.Ordinal);
        foreach (var file in files.EnumerateArray())
        {
            string name = file.GetProperty("name").GetString() ?? "";
            string hash = file.GetProperty("hash").GetString() ?? "";
            string algorithm = file.TryGetProperty("algorithm", out var alg) ? alg.GetString() ?? "" : BundleFileHashes.Sha256;
            listed[Bundle.NormalizePath(name)] = (hash, algorithm);
        }
        foreach (var (path, content) in bundle.Files)
        {
            if (!BundleFileHashes.IsCovered(path))
            {
                continue;
            }
            if (!listed.Remove(path, out var expected))
            {
                throw new BundleException($"bundle file {path} is not covered by the signature");
            }
            string actual = BundleFileHashes.Compute(path, content, expected.Algorithm);
            if (!string.Equals(actual, expected.Hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new BundleException($"bundle file {path} does not match its signed digest");
            }
        }
        foreach (string missing in listed.Keys)
        {
            throw new BundleException($"signed file {missing} is missing from the bundle");
        }
    }
}
