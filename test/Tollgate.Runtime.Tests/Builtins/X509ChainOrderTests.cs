using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tollgate.Runtime.Tests.Builtins;

/// <summary>crypto.x509.parse_and_verify_certificates takes OPA's order: root CA first, leaf last.</summary>
public sealed class X509ChainOrderTests
{
    private static (string Root, string Leaf) Chain()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=leaf.example", leafKey, HashAlgorithmName.SHA256);
        using var leaf = leafRequest.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4]);
        return (root.ExportCertificatePem(), leaf.ExportCertificatePem());
    }

    [Fact]
    public void Root_first_leaf_last_verifies_and_lists_leaf_to_root()
    {
        var (root, leaf) = Chain();
        var result = BuiltinCall.Invoke("crypto.x509.parse_and_verify_certificates", System.Text.Json.JsonSerializer.Serialize(root + "\n" + leaf))!;
        Assert.True(result[0]!.GetValue<bool>());
        Assert.Equal("leaf.example", result[1]![0]!["Subject"]!["CommonName"]!.GetValue<string>());
        Assert.Equal("Test Root", result[1]![1]!["Subject"]!["CommonName"]!.GetValue<string>());
    }

    [Fact]
    public void Leaf_first_does_not_verify()
    {
        var (root, leaf) = Chain();
        Assert.Equal("[false,[]]", BuiltinCall.Json("crypto.x509.parse_and_verify_certificates", System.Text.Json.JsonSerializer.Serialize(leaf + "\n" + root)));
    }
}
