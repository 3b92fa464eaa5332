using Tollgate.Runtime.Builtins;

namespace Tollgate.Runtime.Tests.Builtins;

/// <summary>units, semver, uuid, net, hashes, JWT, runtime and print.</summary>
public sealed class IdentityBuiltinsTests
{
    [Theory]
    [InlineData("units.parse", "\"1.5Ki\"", "1536")]
    [InlineData("units.parse", "\"250m\"", "0.25")]
    [InlineData("units.parse_bytes", "\"1.5GiB\"", "1610612736")]
    [InlineData("semver.is_valid", "\"1.2.3-rc.1+build\"", "true")]
    [InlineData("semver.is_valid", "\"v1.2.3\"", "false")]
    [InlineData("net.cidr_is_valid", "\"10.0.0.0/8\"", "true")]
    [InlineData("net.cidr_expand", "\"192.168.1.1/31\"", "[\"192.168.1.0\",\"192.168.1.1\"]")]
    [InlineData("net.cidr_merge", "[\"192.0.2.112/30\", \"192.0.2.116/31\", \"192.0.2.118/31\"]", "[\"192.0.2.112/29\"]")]
    [InlineData("crypto.md5", "\"abc\"", "\"900150983cd24fb0d6963f7d28e17f72\"")]
    [InlineData("crypto.sha256", "\"abc\"", "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"")]
    public void Computes(string builtin, string argument, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json(builtin, argument));

    [Theory]
    [InlineData("semver.compare", "\"1.0.0-alpha\"", "\"1.0.0\"", "-1")]
    [InlineData("semver.compare", "\"1.0.0-alpha.10\"", "\"1.0.0-alpha.9\"", "1")]
    [InlineData("net.cidr_contains", "\"10.0.0.0/8\"", "\"10.1.2.3\"", "true")]
    [InlineData("net.cidr_contains", "\"2001:db8::/32\"", "\"2001:db8:1::/48\"", "true")]
    [InlineData("net.cidr_intersects", "\"10.0.0.0/8\"", "\"11.0.0.0/8\"", "false")]
    [InlineData("crypto.hmac.sha256", "\"msg\"", "\"key\"", "\"2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628\"")]
    [InlineData("crypto.hmac.equal", "\"abc\"", "\"abc\"", "true")]
    public void Compares(string builtin, string first, string second, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json(builtin, first, second));

    [Fact]
    public void Uuid_is_stable_per_key_within_an_evaluation()
    {
        var context = new BuiltinContext();
        var a = BuiltinCall.Invoke("uuid.rfc4122", context, "\"a\"")!.GetValue<string>();
        Assert.Equal(a, BuiltinCall.Invoke("uuid.rfc4122", context, "\"a\"")!.GetValue<string>());
        Assert.NotEqual(a, BuiltinCall.Invoke("uuid.rfc4122", context, "\"b\"")!.GetValue<string>());
        Assert.Equal("{\"variant\":\"RFC4122\",\"version\":4}", BuiltinCall.Invoke("uuid.parse", context, "\"" + a + "\"")!.ToJsonString());
    }

    [Fact]
    public void Jwt_signs_verifies_and_decodes()
    {
        const string Key = "{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}";
        var token = BuiltinCall.String("io.jwt.encode_sign", "{\"alg\": \"HS256\", \"typ\": \"JWT\"}", "{\"sub\": \"alice\", \"exp\": 4102444800}", Key);
        Assert.Equal("true", BuiltinCall.Json("io.jwt.verify_hs256", "\"" + token + "\"", "\"secret\""));
        Assert.Equal("false", BuiltinCall.Json("io.jwt.verify_hs256", "\"" + token + "\"", "\"wrong\""));
        Assert.StartsWith("[{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"exp\":4102444800,\"sub\":\"alice\"},", BuiltinCall.Json("io.jwt.decode", "\"" + token + "\""), StringComparison.Ordinal);
        Assert.StartsWith("[true,", BuiltinCall.Json("io.jwt.decode_verify", "\"" + token + "\"", "{\"secret\": \"secret\", \"time\": 1700000000000000000}"), StringComparison.Ordinal);
        Assert.Equal("[false,{},{}]", BuiltinCall.Json("io.jwt.decode_verify", "\"" + token + "\"", "{\"secret\": \"secret\", \"time\": 4102444801000000000}"));
    }

    [Fact]
    public void Jwt_verifies_rsa_and_ecdsa_with_jwks()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        foreach (var (alg, jwk) in new[] { ("RS256", RsaJwk(rsa)), ("PS384", RsaJwk(rsa)), ("ES256", EcJwk(ec)) })
        {
            var token = BuiltinCall.String("io.jwt.encode_sign", $"{{\"alg\": \"{alg}\"}}", "{\"sub\": \"x\"}", jwk.ToJsonString());
            var publicSet = new System.Text.Json.Nodes.JsonObject { ["keys"] = new System.Text.Json.Nodes.JsonArray(Public(jwk)) };
            Assert.Equal("true", BuiltinCall.Json("io.jwt.verify_" + alg.ToLowerInvariant(), "\"" + token + "\"", System.Text.Json.JsonSerializer.Serialize(publicSet.ToJsonString())));
        }
    }

    private static System.Text.Json.Nodes.JsonObject RsaJwk(System.Security.Cryptography.RSA rsa)
    {
        var p = rsa.ExportParameters(true);
        static string B(byte[]? b) => Convert.ToBase64String(b!).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new() { ["kty"] = "RSA", ["n"] = B(p.Modulus), ["e"] = B(p.Exponent), ["d"] = B(p.D), ["p"] = B(p.P), ["q"] = B(p.Q), ["dp"] = B(p.DP), ["dq"] = B(p.DQ), ["qi"] = B(p.InverseQ) };
    }

    private static System.Text.Json.Nodes.JsonObject EcJwk(System.Security.Cryptography.ECDsa ec)
    {
        var p = ec.ExportParameters(true);
        static string B(byte[]? b) => Convert.ToBase64String(b!).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new() { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B(p.Q.X), ["y"] = B(p.Q.Y), ["d"] = B(p.D) };
    }

    private static System.Text.Json.Nodes.JsonObject Public(System.Text.Json.Nodes.JsonObject jwk)
    {
        var copy = (System.Text.Json.Nodes.JsonObject)jwk.DeepClone();
        foreach (var secret in new[] { "d", "p", "q", "dp", "dq", "qi" })
        {
            copy.Remove(secret);
        }
        return copy;
    }

    [Fact]
    public void Print_writes_to_the_sink()
    {
        var lines = new List<string>();
        var context = new BuiltinContext { PrintSink = lines.Add };
        BuiltinCall.Invoke("internal.print", context, "[[\"hello\"], [1, 2], []]");
        Assert.Equal(["hello 1 2 <undefined>"], lines);
    }

    [Fact]
    public void Runtime_reports_static_facts_only()
    {
        var runtime = BuiltinCall.Invoke("opa.runtime")!.AsObject();
        Assert.Empty(runtime["env"]!.AsObject());
        Assert.Equal("true", BuiltinCall.Json("trace", "\"note\""));
    }

    [Fact]
    public void Graphql_parses_and_validates()
    {
        const string Schema = "\"type Query { hero(episode: Int!): Hero } type Hero { name: String }\"";
        Assert.Equal("{\"Operations\":[{\"Operation\":\"query\",\"Name\":\"\",\"SelectionSet\":[{\"Alias\":\"hero\",\"Name\":\"hero\",\"SelectionSet\":[{\"Alias\":\"name\",\"Name\":\"name\"}]}]}]}",
            BuiltinCall.Json("graphql.parse_query", "\"{hero {name}}\""));
        Assert.Equal("true", BuiltinCall.Json("graphql.is_valid", "\"{ hero(episode: 1) { name } }\"", Schema));
        Assert.Equal("false", BuiltinCall.Json("graphql.is_valid", "\"{ hero(episode: 1) { age } }\"", Schema));
        Assert.Contains("argument \"episode\" of type \"Int!\" is required", BuiltinCall.Error("graphql.parse", "\"{ hero { name } }\"", Schema).Message, StringComparison.Ordinal);
        Assert.Equal("true", BuiltinCall.Json("graphql.schema_is_valid", Schema));
    }
}
