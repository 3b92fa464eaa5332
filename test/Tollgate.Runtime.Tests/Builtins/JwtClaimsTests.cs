namespace Tollgate.Runtime.Tests.Builtins;

public sealed class JwtClaimsTests
{
    private const string Secret = "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}";

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private static string HsToken(string header, string payload) =>
        BuiltinCall.String("io.jwt.encode_sign_raw", Quote(header), Quote(payload), Quote(Secret));

    [Fact]
    public void A_token_with_a_critical_extension_does_not_verify()
    {
        var token = HsToken("{\"alg\":\"HS256\",\"crit\":[\"junk\"],\"junk\":\"x\"}", "{\"sub\":\"a\"}");
        Assert.Equal("[false,{},{}]", BuiltinCall.Json("io.jwt.decode_verify", Quote(token), "{\"secret\":\"secret\"}"));
        var plain = HsToken("{\"alg\":\"HS256\"}", "{\"sub\":\"a\"}");
        Assert.StartsWith("[true,", BuiltinCall.Json("io.jwt.decode_verify", Quote(plain), "{\"secret\":\"secret\"}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("nbf")]
    public void A_null_time_claim_is_an_error(string claim)
    {
        var token = HsToken("{\"alg\":\"HS256\"}", "{\"" + claim + "\":null}");
        var error = BuiltinCall.Error("io.jwt.decode_verify", Quote(token), "{\"secret\":\"secret\"}");
        Assert.Contains(claim + " value must be a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decodes_a_nested_token_whose_payload_is_a_json_string()
    {
        var inner = HsToken("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"iss\":\"opa\"}");
        var outer = HsToken("{\"alg\":\"HS256\",\"cty\":\"JWT\"}", Quote(inner));
        var decoded = BuiltinCall.Json("io.jwt.decode", Quote(outer));
        Assert.StartsWith("[{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"iss\":\"opa\"},", decoded, StringComparison.Ordinal);
    }
}
