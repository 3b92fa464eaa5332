using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tollgate.Runtime.Bundles;

/// <summary>
/// Signs bundles the way OPA does: <c>/.signatures.json</c> = <c>{"signatures":["&lt;JWS compact&gt;"]}</c>, whose
/// payload lists every file with its SHA-256 (see <see cref="CanonicalJson"/> for JSON files).
/// </summary>
public sealed class BundleSigner
{
    private readonly JwsAlgorithm _algorithm;
    private readonly string? _keyId;

    private BundleSigner(JwsAlgorithm algorithm, string? keyId)
    {
        _algorithm = algorithm;
        _keyId = keyId;
    }

    /// <summary>Optional <c>scope</c> claim.</summary>
    public string? Scope { get; init; }

    public static BundleSigner Rs256(RSA privateKey, string? keyId = null) => new(JwsAlgorithm.Rs256(privateKey), keyId);

    public static BundleSigner Es256(ECDsa privateKey, string? keyId = null) => new(JwsAlgorithm.Es256(privateKey), keyId);

    public static BundleSigner Hs256(ReadOnlySpan<byte> secret, string? keyId = null) => new(JwsAlgorithm.Hs256(secret), keyId);

    /// <summary>From an algorithm name and a PEM private key (RS256, ES256) or a secret (HS256).</summary>
    public static BundleSigner FromPem(string algorithm, string pemOrSecret, string? keyId = null) =>
        new(JwsAlgorithm.FromPem(algorithm, pemOrSecret), keyId);

    /// <summary>A copy of <paramref name="bundle"/> with <c>/.signatures.json</c> added (replacing any old one).</summary>
    public Bundle Sign(Bundle bundle) => bundle.WithFile(Bundle.SignaturesPath, CreateSignaturesJson(bundle));

    /// <summary>The <c>/.signatures.json</c> content for the bundle's current files.</summary>
    public byte[] CreateSignaturesJson(Bundle bundle)
    {
        string header = Jws.Encode(WriteHeader());
        string payload = Jws.Encode(WritePayload(bundle));
        string signingInput = header + "." + payload;
        byte[] signature = _algorithm.Sign(Encoding.ASCII.GetBytes(signingInput));
        string token = signingInput + "." + Base64Url.EncodeToString(signature);

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("signatures");
            writer.WriteStringValue(token);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private byte[] WriteHeader()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", _algorithm.Name);
            if (_keyId is not null)
            {
                writer.WriteString("kid", _keyId);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private byte[] WritePayload(Bundle bundle)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("files");
            foreach (var (path, content) in bundle.Files)
            {
                if (!BundleFileHashes.IsCovered(path))
                {
                    continue;
                }
                writer.WriteStartObject();
                writer.WriteString("name", BundleFileHashes.SignatureName(path));
                writer.WriteString("hash", BundleFileHashes.Compute(path, content, BundleFileHashes.Sha256));
                writer.WriteString("algorithm", BundleFileHashes.Sha256);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            if (_keyId is not null)
            {
                writer.WriteString("keyid", _keyId);
            }
            if (Scope is not null)
            {
                writer.WriteString("scope", Scope);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
