using System.Formats.Asn1;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Crypto;

/// <summary>
/// An X.509 certificate as the JSON of Go's x509.Certificate (the shape OPA returns): Subject/Issuer as
/// pkix.Name, SANs, key usages as Go's enum values, byte fields base64, empty lists as null.
/// </summary>
internal static class CertificateJson
{
    public static JsonObject From(X509Certificate2 cert)
    {
        var json = new JsonObject
        {
            ["Raw"] = Convert.ToBase64String(cert.RawData),
            ["Signature"] = Convert.ToBase64String(SignatureBytes(cert.RawData)),
            ["SignatureAlgorithm"] = SignatureAlgorithm(cert.SignatureAlgorithm.Value),
            ["PublicKeyAlgorithm"] = PublicKeyAlgorithm(cert.PublicKey.Oid.Value),
            ["PublicKey"] = PublicKey(cert),
            ["Version"] = cert.Version,
            ["SerialNumber"] = RegoNumber.Of(new BigInteger(cert.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true)),
            ["Issuer"] = Name(cert.IssuerName),
            ["Subject"] = Name(cert.SubjectName),
            ["NotBefore"] = cert.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["NotAfter"] = cert.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["KeyUsage"] = 0,
            ["Extensions"] = null,
            ["ExtKeyUsage"] = null,
            ["BasicConstraintsValid"] = false,
            ["IsCA"] = false,
            ["MaxPathLen"] = -1,
            ["MaxPathLenZero"] = false,
            ["SubjectKeyId"] = null,
            ["AuthorityKeyId"] = null,
            ["DNSNames"] = null,
            ["EmailAddresses"] = null,
            ["IPAddresses"] = null,
            ["URIs"] = null,
            ["URIStrings"] = null,
        };
        var extensions = new JsonArray();
        foreach (var extension in cert.Extensions)
        {
            extensions.Add(new JsonObject
            {
                ["Id"] = Oid(extension.Oid!.Value!),
                ["Critical"] = extension.Critical,
                ["Value"] = Convert.ToBase64String(extension.RawData),
            });
            ApplyExtension(json, extension);
        }
        json["Extensions"] = extensions.Count > 0 ? extensions : null;
        return json;
    }

    private static void ApplyExtension(JsonObject json, X509Extension extension)
    {
        switch (extension.Oid!.Value)
        {
            case "2.5.29.15" when extension is X509KeyUsageExtension usage:
                json["KeyUsage"] = GoKeyUsage(usage.KeyUsages);
                break;
            case "2.5.29.19" when extension is X509BasicConstraintsExtension basic:
                json["BasicConstraintsValid"] = true;
                json["IsCA"] = basic.CertificateAuthority;
                json["MaxPathLen"] = basic.HasPathLengthConstraint ? basic.PathLengthConstraint : -1;
                json["MaxPathLenZero"] = basic.HasPathLengthConstraint && basic.PathLengthConstraint == 0;
                break;
            case "2.5.29.14" when extension is X509SubjectKeyIdentifierExtension ski:
                json["SubjectKeyId"] = Convert.ToBase64String(ski.SubjectKeyIdentifierBytes.Span);
                break;
            case "2.5.29.35" when extension is X509AuthorityKeyIdentifierExtension aki && aki.KeyIdentifier is { } keyId:
                json["AuthorityKeyId"] = Convert.ToBase64String(keyId.Span);
                break;
            case "2.5.29.37" when extension is X509EnhancedKeyUsageExtension eku:
                var usages = new JsonArray();
                foreach (var oid in eku.EnhancedKeyUsages)
                {
                    usages.Add(ExtKeyUsage(oid.Value));
                }
                json["ExtKeyUsage"] = usages.Count > 0 ? usages : null;
                break;
            case "2.5.29.17":
                ApplySubjectAltNames(json, extension.RawData);
                break;
        }
    }

    /// <summary>GeneralNames: [1] rfc822Name, [2] dNSName, [6] URI, [7] iPAddress.</summary>
    internal static void ApplySubjectAltNames(JsonObject json, byte[] der)
    {
        var dns = new JsonArray();
        var emails = new JsonArray();
        var ips = new JsonArray();
        var uris = new JsonArray();
        var uriObjects = new JsonArray();
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            while (sequence.HasData)
            {
                var tag = sequence.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    sequence.ReadEncodedValue();
                    continue;
                }
                switch (tag.TagValue)
                {
                    case 1:
                        emails.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    case 2:
                        dns.Add(sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    case 6:
                        var uri = sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                        uris.Add(uri);
                        uriObjects.Add(UriJson(uri));
                        break;
                    case 7:
                        ips.Add(new IPAddress(sequence.ReadOctetString(tag)).ToString());
                        break;
                    default:
                        sequence.ReadEncodedValue();
                        break;
                }
            }
        }
        catch (AsnContentException)
        {
            return;
        }
        json["DNSNames"] = dns.Count > 0 ? dns : null;
        json["EmailAddresses"] = emails.Count > 0 ? emails : null;
        json["IPAddresses"] = ips.Count > 0 ? ips : null;
        json["URIs"] = uriObjects.Count > 0 ? uriObjects : null;
        json["URIStrings"] = uris.Count > 0 ? uris : null;
    }

    /// <summary>Go's url.URL fields for a parsed URI.</summary>
    private static JsonObject UriJson(string text)
    {
        var json = new JsonObject { ["Scheme"] = string.Empty, ["Opaque"] = string.Empty, ["User"] = null, ["Host"] = string.Empty, ["Path"] = string.Empty, ["RawPath"] = string.Empty, ["OmitHost"] = false, ["ForceQuery"] = false, ["RawQuery"] = string.Empty, ["Fragment"] = string.Empty, ["RawFragment"] = string.Empty };
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            json["Scheme"] = uri.Scheme;
            json["Host"] = uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
            json["Path"] = uri.AbsolutePath == "/" && !text.EndsWith('/') ? string.Empty : Uri.UnescapeDataString(uri.AbsolutePath);
            json["RawQuery"] = uri.Query.TrimStart('?');
            json["Fragment"] = Uri.UnescapeDataString(uri.Fragment.TrimStart('#'));
        }
        return json;
    }

    /// <summary>pkix.Name: attribute lists in RDN order plus Names with every attribute.</summary>
    internal static JsonObject Name(X500DistinguishedName name)
    {
        var lists = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        var names = new JsonArray();
        var json = new JsonObject { ["SerialNumber"] = string.Empty, ["CommonName"] = string.Empty };
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }
            var oid = rdn.GetSingleElementType().Value!;
            var value = rdn.GetSingleElementValue() ?? string.Empty;
            names.Add(new JsonObject { ["Type"] = Oid(oid), ["Value"] = value });
            var field = oid switch
            {
                "2.5.4.6" => "Country",
                "2.5.4.10" => "Organization",
                "2.5.4.11" => "OrganizationalUnit",
                "2.5.4.7" => "Locality",
                "2.5.4.8" => "Province",
                "2.5.4.9" => "StreetAddress",
                "2.5.4.17" => "PostalCode",
                _ => null,
            };
            if (field is not null)
            {
                if (!lists.TryGetValue(field, out var list))
                {
                    list = new JsonArray();
                    lists[field] = list;
                }
                list.Add(value);
            }
            else if (oid == "2.5.4.3")
            {
                json["CommonName"] = value;
            }
            else if (oid == "2.5.4.5")
            {
                json["SerialNumber"] = value;
            }
        }
        foreach (var field in new[] { "Country", "Organization", "OrganizationalUnit", "Locality", "Province", "StreetAddress", "PostalCode" })
        {
            json[field] = lists.TryGetValue(field, out var list) ? list : null;
        }
        json["Names"] = names.Count > 0 ? names : null;
        json["ExtraNames"] = null;
        return json;
    }

    internal static JsonArray Oid(string dotted)
    {
        var array = new JsonArray();
        foreach (var part in dotted.Split('.'))
        {
            array.Add(RegoNumber.Of(BigInteger.Parse(part, CultureInfo.InvariantCulture)));
        }
        return array;
    }

    private static byte[] SignatureBytes(byte[] certificate)
    {
        try
        {
            var reader = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence();
            reader.ReadEncodedValue();
            reader.ReadEncodedValue();
            return reader.ReadBitString(out _);
        }
        catch (AsnContentException)
        {
            return [];
        }
    }

    private static int GoKeyUsage(X509KeyUsageFlags flags)
    {
        var usage = 0;
        if (flags.HasFlag(X509KeyUsageFlags.DigitalSignature)) usage |= 1;
        if (flags.HasFlag(X509KeyUsageFlags.NonRepudiation)) usage |= 2;
        if (flags.HasFlag(X509KeyUsageFlags.KeyEncipherment)) usage |= 4;
        if (flags.HasFlag(X509KeyUsageFlags.DataEncipherment)) usage |= 8;
        if (flags.HasFlag(X509KeyUsageFlags.KeyAgreement)) usage |= 16;
        if (flags.HasFlag(X509KeyUsageFlags.KeyCertSign)) usage |= 32;
        if (flags.HasFlag(X509KeyUsageFlags.CrlSign)) usage |= 64;
        if (flags.HasFlag(X509KeyUsageFlags.EncipherOnly)) usage |= 128;
        if (flags.HasFlag(X509KeyUsageFlags.DecipherOnly)) usage |= 256;
        return usage;
    }

    private static int ExtKeyUsage(string? oid) => oid switch
    {
        "2.5.29.37.0" => 0,
        "1.3.6.1.5.5.7.3.1" => 1,
        "1.3.6.1.5.5.7.3.2" => 2,
        "1.3.6.1.5.5.7.3.3" => 3,
        "1.3.6.1.5.5.7.3.4" => 4,
        "1.3.6.1.5.5.7.3.5" => 5,
        "1.3.6.1.5.5.7.3.6" => 6,
        "1.3.6.1.5.5.7.3.7" => 7,
        "1.3.6.1.5.5.7.3.8" => 8,
        "1.3.6.1.5.5.7.3.9" => 9,
        _ => -1,
    };

    private static int SignatureAlgorithm(string? oid) => oid switch
    {
        "1.2.840.113549.1.1.4" => 2,
        "1.2.840.113549.1.1.5" => 3,
        "1.2.840.113549.1.1.11" => 4,
        "1.2.840.113549.1.1.12" => 5,
        "1.2.840.113549.1.1.13" => 6,
        "1.2.840.10040.4.3" => 7,
        "2.16.840.1.101.3.4.3.2" => 8,
        "1.2.840.10045.4.1" => 9,
        "1.2.840.10045.4.3.2" => 10,
        "1.2.840.10045.4.3.3" => 11,
        "1.2.840.10045.4.3.4" => 12,
        "1.2.840.113549.1.1.10" => 13,
        "1.3.101.112" => 16,
        _ => 0,
    };

    private static int PublicKeyAlgorithm(string? oid) => oid switch
    {
        "1.2.840.113549.1.1.1" => 1,
        "1.2.840.10040.4.1" => 2,
        "1.2.840.10045.2.1" => 3,
        "1.3.101.112" => 4,
        _ => 0,
    };

    private static JsonNode? PublicKey(X509Certificate2 cert)
    {
        using var rsa = cert.GetRSAPublicKey();
        if (rsa is not null)
        {
            var p = rsa.ExportParameters(false);
            return new JsonObject
            {
                ["N"] = RegoNumber.Of(new BigInteger(p.Modulus, isUnsigned: true, isBigEndian: true)),
                ["E"] = RegoNumber.Of(new BigInteger(p.Exponent, isUnsigned: true, isBigEndian: true)),
            };
        }
        using var ec = cert.GetECDsaPublicKey();
        if (ec is not null)
        {
            var p = ec.ExportParameters(false);
            return new JsonObject
            {
                ["Curve"] = new JsonObject { ["Name"] = Jwk.FromEc(p, false)["crv"]!.DeepClone(), ["BitSize"] = ec.KeySize },
                ["X"] = RegoNumber.Of(new BigInteger(p.Q.X, isUnsigned: true, isBigEndian: true)),
                ["Y"] = RegoNumber.Of(new BigInteger(p.Q.Y, isUnsigned: true, isBigEndian: true)),
            };
        }
        return null;
    }
}
