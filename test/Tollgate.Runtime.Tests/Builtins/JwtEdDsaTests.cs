namespace Tollgate.Runtime.Tests.Builtins;

/// <summary>EdDSA (Ed25519) JWS: the host's own RFC 8032 implementation, checked against RFC and OPA vectors.</summary>
public sealed class JwtEdDsaTests
{
    // RFC 8032 section 7.1, TEST 1: secret key and the public key it must derive, base64url without padding.
    private const string Rfc8032Test1Secret = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private const string Rfc8032Test1Public = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    // OPA's conformance key pair (jwtencodesign/EdDSA).
    private const string OpaJwk = "{\"kty\":\"OKP\",\"alg\":\"EdDSA\",\"crv\":\"Ed25519\",\"x\":\"wEZFfoAj1rFKTLOOmjJjVZlCHwksuvMb2I5y_hg70E8\",\"d\":\"9XI34uQzYUJfWhDZf_0nYsLMBRVu8a6dFsy60P8uugk\"}";

    private const string CertToken = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.JkKWCY39IdWEQttmdqR7VdsvT-_QxheW_eb0S5wr_j83ltux_JDUIXs7a3Dtn3xuqzuhetiuJrWIvy5TzimeCg";
    private const string CertPem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAwmK6SSAu2E9V7uynkCKEaj5nZJyTvNG4x0KohsRzLpg=\n-----END PUBLIC KEY-----";

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    [Fact]
    public void Verifies_a_token_against_a_pem_public_key() =>
        Assert.Equal("true", BuiltinCall.Json("io.jwt.verify_eddsa", Quote(CertToken), Quote(CertPem)));

    [Fact]
    public void Rejects_a_token_with_a_changed_payload()
    {
        var parts = CertToken.Split('.');
        var tampered = parts[0] + ".eyJzdWIiOiIxMjM0NTY3ODkxIn0." + parts[2];
        Assert.Equal("false", BuiltinCall.Json("io.jwt.verify_eddsa", Quote(tampered), Quote(CertPem)));
    }

    [Fact]
    public void Rejects_a_signature_with_a_flipped_bit()
    {
        var parts = CertToken.Split('.');
        var signature = parts[2].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';
        var tampered = parts[0] + "." + parts[1] + "." + new string(signature);
        Assert.Equal("false", BuiltinCall.Json("io.jwt.verify_eddsa", Quote(tampered), Quote(CertPem)));
    }

    [Fact]
    public void Signs_deterministically_as_opa_does() =>
        Assert.Equal(
            "\"eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJqb2UiLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.jS1so-rsTaC8DdA8_ZnFXYbi9xOrMVXOviMFrahQ7ez0UKKzjU-2vxrM0ON-Vu3GXKhtBkkO3SUtNMoeYw3zDQ\"",
            BuiltinCall.Json("io.jwt.encode_sign_raw", Quote("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}"), Quote("{\"iss\":\"joe\",\"exp\":1300819380,\"http://example.com/is_root\":true}"), Quote(OpaJwk)));

    [Fact]
    public void Derives_the_rfc8032_public_key_from_the_secret()
    {
        // Signing uses only d; the signature verifies under the RFC's public key only if the derivation is right.
        var signer = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + Rfc8032Test1Secret + "\"}";
        var token = BuiltinCall.String("io.jwt.encode_sign_raw", Quote("{\"alg\":\"EdDSA\"}"), Quote("{\"sub\":\"x\"}"), Quote(signer));
        var verifier = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Rfc8032Test1Public + "\"}";
        Assert.Equal("true", BuiltinCall.Json("io.jwt.verify_eddsa", Quote(token), Quote(verifier)));
        var other = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"wEZFfoAj1rFKTLOOmjJjVZlCHwksuvMb2I5y_hg70E8\"}";
        Assert.Equal("false", BuiltinCall.Json("io.jwt.verify_eddsa", Quote(token), Quote(other)));
    }

    [Fact]
    public void Decode_verify_accepts_eddsa_tokens()
    {
        var result = BuiltinCall.Json("io.jwt.decode_verify", Quote(CertToken), "{\"cert\": " + Quote(CertPem) + "}");
        Assert.StartsWith("[true,", result, StringComparison.Ordinal);
    }
}
