using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Crypto;

/// <summary>Private keys from PEM blocks (PKCS#1, SEC1, PKCS#8) as JWKs.</summary>
internal static class PrivateKeys
{
    public static JsonObject? Jwk(PemInput.Block block, string builtin)
    {
        try
        {
            switch (block.Type)
            {
                case "RSA PRIVATE KEY":
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportRSAPrivateKey(block.Der, out _);
                        return Crypto.Jwk.FromRsa(rsa.ExportParameters(true), includePrivate: true);
                    }
                case "EC PRIVATE KEY":
                    using (var ec = ECDsa.Create())
                    {
                        ec.ImportECPrivateKey(block.Der, out _);
                        return Crypto.Jwk.FromEc(ec.ExportParameters(true), includePrivate: true);
                    }
                case "PRIVATE KEY":
                    return Pkcs8(block.Der);
                default:
                    return null;
            }
        }
        catch (CryptographicException e)
        {
            throw Args.Error(builtin, e.Message);
        }
    }

    private static JsonObject? Pkcs8(byte[] der)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(der, out _);
            return Crypto.Jwk.FromRsa(rsa.ExportParameters(true), includePrivate: true);
        }
        catch (CryptographicException)
        {
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(der, out _);
            return Crypto.Jwk.FromEc(ec.ExportParameters(true), includePrivate: true);
        }
    }

    /// <summary>Whether the key is the private half of the certificate's public key.</summary>
    public static bool Matches(X509Certificate2 certificate, PemInput.Block key)
    {
        var jwk = Jwk(key, "crypto.x509.parse_keypair");
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            var n = Crypto.Jwk.FromRsa(rsa.ExportParameters(false), includePrivate: false)["n"]!.GetValue<string>();
            return jwk?["n"]?.GetValue<string>() == n;
        }
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            var x = Crypto.Jwk.FromEc(ec.ExportParameters(false), includePrivate: false)["x"]!.GetValue<string>();
            return jwk?["x"]?.GetValue<string>() == x;
        }
        return false;
    }
}
