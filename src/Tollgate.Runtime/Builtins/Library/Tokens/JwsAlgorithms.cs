using System.Security.Cryptography;
using System.Text;
using Tollgate.Runtime.Builtins.Library.Crypto;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Tokens;

/// <summary>JWS algorithms (RFC 7518): HS*, RS*, PS*, ES*. EdDSA (Ed25519, RFC 8037) by our own RFC 8032 implementation, since .NET has none.</summary>
internal static class JwsAlgorithms
{
    public static bool IsKnown(string alg) => alg is "HS256" or "HS384" or "HS512" or "RS256" or "RS384" or "RS512" or "PS256" or "PS384" or "PS512" or "ES256" or "ES384" or "ES512" or "EdDSA";

    private static HashAlgorithmName Hash(string alg) => alg[2..] switch
    {
        "256" => HashAlgorithmName.SHA256,
        "384" => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    public static bool Verify(string alg, JwtKeys.Key key, string signingInput, byte[] signature)
    {
        var data = Encoding.ASCII.GetBytes(signingInput);
        try
        {
            switch (alg[..2])
            {
                case "Ed" when key.EdPublic is not null:
                    return Ed25519.Verify(key.EdPublic, data, signature);
                case "HS" when key.Secret is not null:
                    return CryptographicOperations.FixedTimeEquals(Hmac(alg, key.Secret, data), signature);
                case "RS" when key.Rsa is not null:
                    return key.Rsa.VerifyData(data, signature, Hash(alg), RSASignaturePadding.Pkcs1);
                case "PS" when key.Rsa is not null:
                    return key.Rsa.VerifyData(data, signature, Hash(alg), RSASignaturePadding.Pss);
                case "ES" when key.Ec is not null:
                    return key.Ec.VerifyData(data, signature, Hash(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static byte[] Sign(string alg, JwtKeys.Key key, string signingInput, string builtin)
    {
        var data = Encoding.ASCII.GetBytes(signingInput);
        try
        {
            return alg[..2] switch
            {
                "Ed" when key.EdSeed is not null => Ed25519.Sign(key.EdSeed, data),
                "HS" when key.Secret is not null => Hmac(alg, key.Secret, data),
                "RS" when key.Rsa is not null => key.Rsa.SignData(data, Hash(alg), RSASignaturePadding.Pkcs1),
                "PS" when key.Rsa is not null => key.Rsa.SignData(data, Hash(alg), RSASignaturePadding.Pss),
                "ES" when key.Ec is not null => key.Ec.SignData(data, Hash(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                _ => throw Args.Error(builtin, $"key does not match algorithm {alg}"),
            };
        }
        catch (CryptographicException e)
        {
            throw Args.Error(builtin, e.Message);
        }
    }

    private static byte[] Hmac(string alg, byte[] key, byte[] data) => alg switch
    {
        "HS256" => HMACSHA256.HashData(key, data),
        "HS384" => HMACSHA384.HashData(key, data),
        _ => HMACSHA512.HashData(key, data),
    };
}
