using System.Security.Cryptography;
using System.Text;

namespace Tollgate.Runtime.Bundles;

/// <summary>
/// One JWS signing algorithm bound to a key. RS256 (RSA PKCS#1 v1.5, SHA-256), ES256 (ECDSA P-256, SHA-256,
/// r||s signature) and HS256 (HMAC-SHA-256). EdDSA is not offered: .NET 10 has no Ed25519 in
/// System.Security.Cryptography.
/// </summary>
internal sealed class JwsAlgorithm
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;
    private readonly byte[]? _secret;

    private JwsAlgorithm(string name, RSA? rsa, ECDsa? ecdsa, byte[]? secret)
    {
        Name = name;
        _rsa = rsa;
        _ecdsa = ecdsa;
        _secret = secret;
    }

    public string Name { get; }

    public static JwsAlgorithm Rs256(RSA key) => new("RS256", key, null, null);

    public static JwsAlgorithm Es256(ECDsa key) =>
        key.KeySize == 256 ? new("ES256", null, key, null) : throw new ArgumentException("ES256 needs a P-256 key", nameof(key));

    public static JwsAlgorithm Hs256(ReadOnlySpan<byte> secret) =>
        secret.Length > 0 ? new("HS256", null, null, secret.ToArray()) : throw new ArgumentException("HS256 needs a non-empty secret", nameof(secret));

    /// <summary>Builds from a name and a PEM key (RS256/ES256) or a UTF-8 secret (HS256).</summary>
    public static JwsAlgorithm FromPem(string algorithm, string pemOrSecret)
    {
        switch (algorithm)
        {
            case "RS256":
                var rsa = RSA.Create();
                rsa.ImportFromPem(pemOrSecret);
                return Rs256(rsa);
            case "ES256":
                var ecdsa = ECDsa.Create();
                ecdsa.ImportFromPem(pemOrSecret);
                return Es256(ecdsa);
            case "HS256":
                return Hs256(Encoding.UTF8.GetBytes(pemOrSecret));
            default:
                throw new NotSupportedException($"bundle signing algorithm {algorithm} is not supported (RS256, ES256, HS256)");
        }
    }

    public byte[] Sign(byte[] signingInput) => Name switch
    {
        "RS256" => _rsa!.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        "ES256" => _ecdsa!.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        _ => HMACSHA256.HashData(_secret!, signingInput),
    };

    public bool Verify(byte[] signingInput, byte[] signature) => Name switch
    {
        "RS256" => _rsa!.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        "ES256" => _ecdsa!.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        _ => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_secret!, signingInput), signature),
    };
}
