using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Codecs;

/// <summary>base64, base64url, hex and urlquery, with Go's strictness and error wording.</summary>
internal static class EncodingBuiltins
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static void Register(BuiltinRegistry r)
    {
        r.Register("base64.encode", (a, _) => JsonValue.Create(Convert.ToBase64String(Utf8.GetBytes(Args.String(a, 0, "base64.encode")))));
        r.Register("base64.decode", (a, _) => JsonValue.Create(Utf8.GetString(Base64.Decode(Args.String(a, 0, "base64.decode"), url: false, padded: true, "base64.decode"))));
        r.Register("base64.is_valid", (a, _) => JsonValue.Create(Base64.TryDecode(Args.String(a, 0, "base64.is_valid"), url: false, padded: true, out byte[] _, out int _)));
        r.Register("base64url.encode", (a, _) => JsonValue.Create(Base64.UrlEncode(Utf8.GetBytes(Args.String(a, 0, "base64url.encode")), pad: true)));
        r.Register("base64url.encode_no_pad", (a, _) => JsonValue.Create(Base64.UrlEncode(Utf8.GetBytes(Args.String(a, 0, "base64url.encode_no_pad")), pad: false)));
        r.Register("base64url.decode", Base64UrlDecode);
        r.Register("hex.encode", (a, _) => JsonValue.Create(Convert.ToHexStringLower(Utf8.GetBytes(Args.String(a, 0, "hex.encode")))));
        r.Register("hex.decode", HexDecode);
        r.Register("urlquery.encode", (a, _) => JsonValue.Create(UrlQuery.Escape(Args.String(a, 0, "urlquery.encode"))));
        r.Register("urlquery.decode", (a, _) => JsonValue.Create(UrlQuery.Unescape(Args.String(a, 0, "urlquery.decode"), "urlquery.decode")));
        r.Register("urlquery.encode_object", UrlQuery.EncodeObject);
        r.Register("urlquery.decode_object", UrlQuery.DecodeObject);
    }

    /// <summary>Accepts padded and unpadded input, as OPA pads before decoding.</summary>
    private static JsonNode? Base64UrlDecode(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "base64url.decode");
        if (text.Length % 4 != 0 && !text.Contains('=', StringComparison.Ordinal))
        {
            text += new string('=', 4 - (text.Length % 4));
        }
        return JsonValue.Create(Utf8.GetString(Base64.Decode(text, url: true, padded: true, "base64url.decode")));
    }

    private static JsonNode? HexDecode(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "hex.decode");
        var bytes = new byte[text.Length / 2];
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                var rune = Rune.GetRuneAt(text, i);
                throw Args.Error("hex.decode", $"encoding/hex: invalid byte: U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)} {GoQuoteRune(rune)}");
            }
        }
        if (text.Length % 2 != 0)
        {
            throw Args.Error("hex.decode", "encoding/hex: odd length hex string");
        }
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(text.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        return JsonValue.Create(Utf8.GetString(bytes));
    }

    private static string GoQuoteRune(Rune rune) => rune.Value == '\'' ? "'\\''" : "'" + rune + "'";
}
