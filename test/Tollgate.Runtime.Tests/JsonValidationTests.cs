using System.Text;
using System.Text.Json;
using Tollgate.Runtime.Instances;

namespace Tollgate.Runtime.Tests;

/// <summary>
/// The host's input validator against System.Text.Json's reader (the reference it replaced on the hot path):
/// both must accept and reject the same texts.
/// </summary>
public sealed class JsonValidationTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData(" [ ] ")]
    [InlineData("{\"a\":[1,2.5,-3e10,0.0,1E+2,true,false,null,\"x\"]}")]
    [InlineData("\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9\"")]
    [InlineData("\"ünïcødé 🎉\"")]
    [InlineData("-0")]
    [InlineData("{\"a\":{\"b\":{\"c\":[[[]]]}}}")]
    [InlineData("\t\r\n1\n")]
    [InlineData("{\"tenant_id\":\"1001\",\"user\":{\"id\":\"u1\",\"role\":\"admin\"},\"action\":\"write\"}")]
    public void Valid_json_is_accepted(string text) => Check(text, expected: true);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{a:1}")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1 2]")]
    [InlineData("{} {}")]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e")]
    [InlineData("+1")]
    [InlineData("-")]
    [InlineData("tru")]
    [InlineData("nul")]
    [InlineData("\"unterminated")]
    [InlineData("\"bad \\x escape\"")]
    [InlineData("\"\\u12G4\"")]
    [InlineData("\"raw \t tab\"")]
    [InlineData("{1, 2}")]
    [InlineData("// c\n1")]
    [InlineData("\"\\")]
    public void Invalid_json_is_rejected(string text) => Check(text, expected: false);

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        // Stricter than the reader, which skips string bodies without decoding them: JSON text must be UTF-8.
        byte[] text = [(byte)'"', 0xC3, 0x28, (byte)'"'];
        Assert.False(JsonValidation.IsValid(text));
    }

    [Fact]
    public void Nesting_is_capped_like_the_reference()
    {
        string ok = new string('[', JsonValidation.MaxDepth) + new string(']', JsonValidation.MaxDepth);
        string deep = new string('[', JsonValidation.MaxDepth + 1) + new string(']', JsonValidation.MaxDepth + 1);
        Check(ok, expected: true);
        Check(deep, expected: false);
    }

    private static void Check(string text, bool expected)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(expected, ReferenceAccepts(bytes));
        Assert.Equal(expected, JsonValidation.IsValid(bytes));
    }

    private static bool ReferenceAccepts(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = JsonValidation.MaxDepth });
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
