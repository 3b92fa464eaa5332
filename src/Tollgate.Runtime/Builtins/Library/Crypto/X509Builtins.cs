using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Crypto;

/// <summary>crypto.x509.* and crypto.parse_private_keys.</summary>
internal static class X509Builtins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("crypto.x509.parse_certificates", ParseCertificates);
        r.Register("crypto.x509.parse_and_verify_certificates", (a, _) => Verify(Args.String(a, 0, "crypto.x509.parse_and_verify_certificates"), null, "crypto.x509.parse_and_verify_certificates"));
        r.Register("crypto.x509.parse_and_verify_certificates_with_options", (a, _) => Verify(Args.String(a, 0, "crypto.x509.parse_and_verify_certificates_with_options"), Args.Object(a, 1, "crypto.x509.parse_and_verify_certificates_with_options"), "crypto.x509.parse_and_verify_certificates_with_options"));
        r.Register("crypto.x509.parse_certificate_request", ParseCertificateRequest);
        r.Register("crypto.x509.parse_keypair", ParseKeyPair);
        r.Register("crypto.x509.parse_rsa_private_key", ParseRsaPrivateKey);
        r.Register("crypto.parse_private_keys", ParsePrivateKeys);
    }

    internal static List<X509Certificate2> Certificates(string text, string builtin)
    {
        var list = new List<X509Certificate2>();
        foreach (var block in PemInput.Read(text, builtin, "CERTIFICATE"))
        {
            if (block.Type != "CERTIFICATE")
            {
                continue;
            }
            try
            {
                list.Add(X509CertificateLoader.LoadCertificate(block.Der));
            }
            catch (CryptographicException e)
            {
                throw Args.Error(builtin, "x509: malformed certificate: " + e.Message);
            }
        }
        return list;
    }

    private static JsonNode? ParseCertificates(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "crypto.x509.parse_certificates";
        var result = new JsonArray();
        foreach (var cert in Certificates(Args.String(a, 0, Name), Name))
        {
            using (cert)
            {
                result.Add(CertificateJson.From(cert));
            }
        }
        return result;
    }

    /// <summary>
    /// [valid, certs]: the first certificate is the trusted root, the last the leaf, those between are
    /// intermediates; invalid chains give [false, []].
    /// </summary>
    private static JsonNode? Verify(string text, JsonObject? options, string builtin)
    {
        List<X509Certificate2> certs;
        try
        {
            certs = Certificates(text, builtin);
        }
        catch (BuiltinException)
        {
            return new JsonArray(false, new JsonArray());
        }
        try
        {
            if (certs.Count < 2)
            {
                return new JsonArray(false, new JsonArray());
            }
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            // OPA's order: the first certificate is the root CA, the last the leaf, the others intermediates.
            chain.ChainPolicy.CustomTrustStore.Add(certs[0]);
            for (var i = 1; i < certs.Count - 1; i++)
            {
                chain.ChainPolicy.ExtraStore.Add(certs[i]);
            }
            if (options is not null)
            {
                ApplyOptions(chain.ChainPolicy, options, builtin);
            }
            if (!chain.Build(certs[^1]))
            {
                return new JsonArray(false, new JsonArray());
            }
            var result = new JsonArray();
            foreach (var element in chain.ChainElements)
            {
                result.Add(CertificateJson.From(element.Certificate));
            }
            return new JsonArray(true, result);
        }
        finally
        {
            foreach (var cert in certs)
            {
                cert.Dispose();
            }
        }
    }

    private static void ApplyOptions(X509ChainPolicy policy, JsonObject options, string builtin)
    {
        foreach (var pair in options)
        {
            switch (pair.Key)
            {
                case "CurrentTime" when RegoTypes.IsNumber(pair.Value):
                    policy.VerificationTime = DateTime.UnixEpoch.AddTicks((long)(RegoNumber.ToDouble(pair.Value!) / 100));
                    policy.VerificationTimeIgnored = false;
                    break;
                case "DNSName" or "MaxConstraintComparisons":
                    break;
                case "KeyUsages" when pair.Value is JsonArray usages:
                    foreach (var usage in usages)
                    {
                        var oid = usage?.GetValue<string>() switch
                        {
                            "KeyUsageServerAuth" => "1.3.6.1.5.5.7.3.1",
                            "KeyUsageClientAuth" => "1.3.6.1.5.5.7.3.2",
                            "KeyUsageCodeSigning" => "1.3.6.1.5.5.7.3.3",
                            "KeyUsageEmailProtection" => "1.3.6.1.5.5.7.3.4",
                            "KeyUsageTimeStamping" => "1.3.6.1.5.5.7.3.8",
                            "KeyUsageOCSPSigning" => "1.3.6.1.5.5.7.3.9",
                            _ => null,
                        };
                        if (oid is not null)
                        {
                            policy.ApplicationPolicy.Add(new Oid(oid));
                        }
                    }
                    break;
                default:
                    throw Args.Error(builtin, $"invalid option key {pair.Key}");
            }
        }
    }

    private static JsonNode? ParseCertificateRequest(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "crypto.x509.parse_certificate_request";
        var blocks = PemInput.Read(Args.String(a, 0, Name), Name, "CERTIFICATE REQUEST");
        if (blocks.Count == 0)
        {
            throw Args.Error(Name, "failed to parse a PEM certificate request");
        }
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequest(blocks[0].Der, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation);
        }
        catch (CryptographicException e)
        {
            throw Args.Error(Name, "asn1: structure error: " + e.Message);
        }
        var json = new JsonObject
        {
            ["Raw"] = Convert.ToBase64String(blocks[0].Der),
            ["Version"] = 0,
            ["Subject"] = CertificateJson.Name(request.SubjectName),
            ["DNSNames"] = null,
            ["EmailAddresses"] = null,
            ["IPAddresses"] = null,
            ["URIs"] = null,
            ["URIStrings"] = null,
        };
        var extensions = new JsonArray();
        foreach (var extension in request.CertificateExtensions)
        {
            extensions.Add(new JsonObject { ["Id"] = CertificateJson.Oid(extension.Oid!.Value!), ["Critical"] = extension.Critical, ["Value"] = Convert.ToBase64String(extension.RawData) });
            if (extension.Oid.Value == "2.5.29.17")
            {
                CertificateJson.ApplySubjectAltNames(json, extension.RawData);
            }
        }
        json["Extensions"] = extensions.Count > 0 ? extensions : null;
        return json;
    }

    /// <summary>Go's tls.Certificate JSON: Certificate (base64 DER chain) and PrivateKey.</summary>
    private static JsonNode? ParseKeyPair(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "crypto.x509.parse_keypair";
        var certs = PemInput.Read(Args.String(a, 0, Name), Name, "CERTIFICATE");
        var keys = PemInput.Read(Args.String(a, 1, Name), Name, "PRIVATE KEY");
        var chain = new JsonArray();
        foreach (var block in certs)
        {
            if (block.Type == "CERTIFICATE")
            {
                chain.Add(Convert.ToBase64String(block.Der));
            }
        }
        if (chain.Count == 0)
        {
            throw Args.Error(Name, "tls: failed to find any PEM data in certificate input");
        }
        if (keys.Count == 0)
        {
            throw Args.Error(Name, "tls: failed to find any PEM data in key input");
        }
        var key = PrivateKeys.Jwk(keys[0], Name) ?? throw Args.Error(Name, "tls: failed to parse private key");
        using var leaf = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(chain[0]!.GetValue<string>()));
        if (!PrivateKeys.Matches(leaf, keys[0]))
        {
            throw Args.Error(Name, "tls: private key does not match public key");
        }
        return new JsonObject { ["Certificate"] = chain, ["PrivateKey"] = key, ["Leaf"] = null };
    }

    private static JsonNode? ParseRsaPrivateKey(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "crypto.x509.parse_rsa_private_key";
        var blocks = PemInput.Read(Args.String(a, 0, Name), Name, "RSA PRIVATE KEY");
        if (blocks.Count == 0)
        {
            throw Args.Error(Name, "failed to parse PEM block containing the key");
        }
        using var rsa = RSA.Create();
        try
        {
            if (blocks[0].Type == "RSA PRIVATE KEY")
            {
                rsa.ImportRSAPrivateKey(blocks[0].Der, out int _);
            }
            else
            {
                rsa.ImportPkcs8PrivateKey(blocks[0].Der, out int _);
            }
        }
        catch (CryptographicException e)
        {
            throw Args.Error(Name, e.Message);
        }
        return Jwk.FromRsa(rsa.ExportParameters(true), includePrivate: true);
    }

    private static JsonNode? ParsePrivateKeys(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "crypto.parse_private_keys";
        var text = Args.String(a, 0, Name);
        var result = new JsonArray();
        if (text.Length == 0)
        {
            return result;
        }
        foreach (var block in PemInput.Read(text, Name, "PRIVATE KEY"))
        {
            if (PrivateKeys.Jwk(block, Name) is { } jwk)
            {
                result.Add(jwk);
            }
        }
        return result;
    }
}
