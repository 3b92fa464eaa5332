namespace Tollgate.Runtime.Tests.Builtins;

/// <summary>sprintf follows Go's fmt for the operands OPA passes (int, *big.Int, float64, string, Rego text).</summary>
public sealed class SprintfTests
{
    [Theory]
    [InlineData("%d", "[42]", "42")]
    [InlineData("%5d|%-5d|%05d", "[42, 42, 42]", "   42|42   |00042")]
    [InlineData("%+d % d", "[5, 5]", "+5  5")]
    [InlineData("%x %X %o %b", "[255, 255, 8, 5]", "ff FF 10 101")]
    [InlineData("%#x %#o", "[255, 8]", "0xff 010")]
    [InlineData("%02X.%02X", "[127, 1]", "7F.01")]
    [InlineData("%.2f", "[3.14159]", "3.14")]
    [InlineData("%f", "[1.5]", "1.500000")]
    [InlineData("%8.3f|", "[-2.5]", "  -2.500|")]
    [InlineData("%e", "[123456.789]", "1.234568e+05")]
    [InlineData("%E", "[0.000123]", "1.230000E-04")]
    [InlineData("%g %g", "[100000.0, 1000000.5]", "100000 1.0000005e+06")]
    [InlineData("%v", "[3.14]", "3.14")]
    [InlineData("%s", "[\"hi\"]", "hi")]
    [InlineData("%q", "[\"a\\\"b\"]", "\"a\\\"b\"")]
    [InlineData("%.3s", "[\"abcdef\"]", "abc")]
    [InlineData("%x", "[\"hi\"]", "6869")]
    [InlineData("%v", "[[\"there\", 5, 3.14]]", "[\"there\", 5, 3.14]")]
    [InlineData("%v", "[{\"b\": 1, \"a\": [true, null]}]", "{\"a\": [true, null], \"b\": 1}")]
    [InlineData("%s", "[true]", "true")]
    [InlineData("%t", "[true]", "%!t(string=true)")]
    [InlineData("%d", "[\"x\"]", "%!d(string=x)")]
    [InlineData("%s", "[5]", "%!s(int=5)")]
    [InlineData("%d", "[1.5]", "%!d(float64=1.5)")]
    [InlineData("%d %d", "[1]", "1 %!d(MISSING)")]
    [InlineData("%d", "[1, 2]", "1%!(EXTRA int=2)")]
    [InlineData("100%%", "[]", "100%")]
    [InlineData("%s", "[123456789123456789123]", "123456789123456789123")]
    [InlineData("%d", "[123456789123456789123]", "123456789123456789123")]
    [InlineData("%x", "[1208925819614629174706175]", "ffffffffffffffffffff")]
    [InlineData("hi %v", "[2e308]", "hi 2e308")]
    [InlineData("%c%c", "[72, 105]", "Hi")]
    [InlineData("%U", "[9731]", "U+2603")]
    public void Formats_like_go(string format, string args, string expected) =>
        Assert.Equal(expected, BuiltinCall.String("sprintf", $"\"{format.Replace("\"", "\\\"", StringComparison.Ordinal)}\"", args));

    [Fact]
    public void Rejects_a_non_array_operand() =>
        Assert.Equal("sprintf: operand 2 must be array but got number", BuiltinCall.Error("sprintf", "\"%d\"", "1").Message);
}
