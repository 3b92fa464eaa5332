using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Codecs;

/// <summary>Go's url.QueryEscape / QueryUnescape and url.Values encoding (keys sorted).</summary>
internal static class UrlQuery
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length * 3 / 2);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }

    public static string Unescape(string text, string builtin)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    var bad = text.Substring(i, Math.Min(3, text.Length - i));
                    throw Args.Error(builtin, $"invalid URL escape {RegoText.Quote(bad)}");
                }
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public static JsonNode? EncodeObject(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var obj = Args.Object(a, 0, "urlquery.encode_object");
        var sb = new StringBuilder();
        foreach (var key in RegoOrder.SortedKeys(obj))
        {
            var values = new List<string>();
            switch (obj[key])
            {
                case JsonValue v when v.TryGetValue<string>(out var s):
                    values.Add(s);
                    break;
                case JsonArray array:
                    values.AddRange(Args.Strings(array, "urlquery.encode_object", 0));
                    break;
                default:
                    throw BuiltinException.Type("urlquery.encode_object", 1, "object[string, union[string, array[string], set[string]]]", RegoTypes.Name(obj[key]));
            }
            foreach (var value in values)
            {
                if (sb.Length > 0)
                {
                    sb.Append('&');
                }
                sb.Append(Escape(key)).Append('=').Append(Escape(value));
            }
        }
        return JsonValue.Create(sb.ToString());
    }

    public static JsonNode? DecodeObject(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "urlquery.decode_object");
        var result = new JsonObject();
        foreach (var part in text.Split(['&', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(eq < 0 ? part : part[..eq], "urlquery.decode_object");
            var value = eq < 0 ? string.Empty : Unescape(part[(eq + 1)..], "urlquery.decode_object");
            if (result[key] is not JsonArray list)
            {
                list = new JsonArray();
                result[key] = list;
            }
            list.Add(JsonValue.Create(value));
        }
        return result;
    }
}
