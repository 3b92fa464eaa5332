using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tollgate.Runtime.Bundles;

namespace Tollgate.Runtime.Tests.Bundles;

public sealed class BundleSignatureTests
{
    private static Bundle Unsigned() => Bundle.Create(
        new BundleManifest { Revision = "7", Roots = ["acme"] },
        [
            new("/policy.wasm", [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
            new("/acme/data.json", "{\"b\": 1, \"a\": [true, \"<&>\"]}"u8.ToArray()),
        ]);

    private static Bundle RoundTrip(Bundle bundle, BundleVerifier? verifier)
    {
        using var stream = new MemoryStream();
        bundle.Write(stream);
        stream.Position = 0;
        return Bundle.Read(stream, new BundleReadOptions { Verifier = verifier });
    }

    public static TheoryData<string> Algorithms => ["RS256", "ES256", "HS256"];

    private static (BundleSigner Signer, BundleVerifier Verifier) Keys(string algorithm)
    {
        switch (algorithm)
        {
            case "RS256":
                var rsa = RSA.Create(2048);
                var rsaPublic = RSA.Create();
                rsaPublic.ImportFromPem(rsa.ExportSubjectPublicKeyInfoPem());
                return (BundleSigner.Rs256(rsa, "k1"), BundleVerifier.Rs256(rsaPublic, "k1"));
            case "ES256":
                var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return (BundleSigner.FromPem("ES256", ecdsa.ExportPkcs8PrivateKeyPem()),
                    BundleVerifier.FromPem("ES256", ecdsa.ExportSubjectPublicKeyInfoPem()));
            default:
                return (BundleSigner.Hs256("shared-secret"u8), BundleVerifier.FromPem("HS256", "shared-secret"));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_signed_bundle_verifies_after_a_round_trip(string algorithm)
    {
        var (signer, verifier) = Keys(algorithm);

        var read = RoundTrip(signer.Sign(Unsigned()), verifier);

        Assert.True(read.Files.ContainsKey(Bundle.SignaturesPath));
        Assert.Equal("7", read.Manifest.Revision);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_tampered_file_fails_verification(string algorithm)
    {
        var (signer, verifier) = Keys(algorithm);
        var tampered = signer.Sign(Unsigned()).WithFile("/acme/data.json", "{\"a\":[true,\"<&>\"],\"b\":2}"u8.ToArray());

        var error = Assert.Throws<BundleException>(() => RoundTrip(tampered, verifier));

        Assert.Contains("/acme/data.json does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_files_are_hashed_canonically_so_reformatting_keeps_the_signature_valid()
    {
        var (signer, verifier) = Keys("HS256");
        var reformatted = signer.Sign(Unsigned()).WithFile("/acme/data.json", "{\n  \"a\": [true, \"<&>\"],\n  \"b\": 1\n}"u8.ToArray());

        RoundTrip(reformatted, verifier);
    }

    [Fact]
    public void An_added_or_removed_file_fails_verification()
    {
        var (signer, verifier) = Keys("HS256");
        var signed = signer.Sign(Unsigned());

        var added = Assert.Throws<BundleException>(() => RoundTrip(signed.WithFile("/extra.rego", "package x"u8.ToArray()), verifier));
        var files = new List<KeyValuePair<string, byte[]>>();
        foreach (var file in signed.Files)
        {
            if (file.Key != "/policy.wasm" && file.Key != Bundle.ManifestPath)
            {
                files.Add(file);
            }
        }
        var removed = Assert.Throws<BundleException>(() => RoundTrip(Bundle.Create(signed.Manifest, files), verifier));

        Assert.Contains("/extra.rego is not covered", added.Message, StringComparison.Ordinal);
        Assert.Contains("policy.wasm is missing", removed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wrong_key_or_algorithm_fails_verification()
    {
        var signed = Keys("RS256").Signer.Sign(Unsigned());

        var wrongKey = Assert.Throws<BundleException>(() => RoundTrip(signed, Keys("RS256").Verifier));
        var wrongAlgorithm = Assert.Throws<BundleException>(() => RoundTrip(signed, Keys("HS256").Verifier));

        Assert.Contains("does not verify", wrongKey.Message, StringComparison.Ordinal);
        Assert.Contains("expected HS256", wrongAlgorithm.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsigned_bundle_fails_when_a_verifier_is_configured()
    {
        var error = Assert.Throws<BundleException>(() => RoundTrip(Unsigned(), Keys("HS256").Verifier));

        Assert.Contains("not signed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_payload_lists_files_without_the_leading_slash_with_sha256()
    {
        var signed = Keys("HS256").Signer.Sign(Unsigned());
        using var signatures = JsonDocument.Parse(signed.Files[Bundle.SignaturesPath]);
        string token = signatures.RootElement.GetProperty("signatures")[0].GetString()!;
        using var payload = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));
        var names = new List<string>();
        foreach (var file in payload.RootElement.GetProperty("files").EnumerateArray())
        {
            names.Add(file.GetProperty("name").GetString()!);
            Assert.Equal("SHA-256", file.GetProperty("algorithm").GetString());
        }

        Assert.Equal([".manifest", "acme/data.json", "policy.wasm"], names);
        // The data file's digest is over its canonical form (sorted keys, no whitespace, no HTML escaping).
        string expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("{\"a\":[true,\"<&>\"],\"b\":1}")));
        Assert.Equal(expected, payload.RootElement.GetProperty("files")[1].GetProperty("hash").GetString());
    }

    [Theory]
    [InlineData("{\"b\":1,\"a\":2}", "{\"a\":2,\"b\":1}")]
    [InlineData("[1.50, -0, 1e3]", "[1.50,-0,1e3]")]
    [InlineData("\"tab\\there\\u0001\\u2028é\"", "\"tab\\there\\u0001\\u2028é\"")]
    [InlineData("{\"é\":1,\"z\":2,\"\\uE000\":3,\"\\uD83D\\uDE00\":4}", "{\"z\":2,\"é\":1,\"\uE000\":3,\"😀\":4}")]
    public void CanonicalJson_sorts_keys_by_utf8_bytes_and_keeps_numbers(string input, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }
}
