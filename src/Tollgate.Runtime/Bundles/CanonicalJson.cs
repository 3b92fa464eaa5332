using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tollgate.Runtime.Bundles;

/// <summary>
/// The canonical JSON form OPA hashes bundle files in: object keys sorted by their UTF-8 bytes, no
/// whitespace, numbers as written, strings escaped as Go's encoder does with HTML escaping off.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Canonical bytes of <paramref name="json"/>; throws <see cref="JsonException"/> when not JSON.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var output = new ArrayBufferWriter<byte>(json.Length);
        Write(document.RootElement, output);
        return output.WrittenSpan.ToArray();
    }

    private static void Write(JsonElement element, ArrayBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                bool first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Write(","u8);
                    }
                    first = false;
                    Write(item, output);
                }
                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            default:
                // Numbers keep their text (OPA decodes with UseNumber); true/false/null are literal.
                output.Write(Encoding.UTF8.GetBytes(element.GetRawText()));
                break;
        }
    }

    private static void WriteObject(JsonElement element, ArrayBufferWriter<byte> output)
    {
        // Later duplicates win, as when Go decodes into a map.
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            members[property.Name] = property.Value;
        }
        var keys = new List<(byte[] Utf8, string Key)>(members.Count);
        foreach (string key in members.Keys)
        {
            keys.Add((Encoding.UTF8.GetBytes(key), key));
        }
        keys.Sort(static (a, b) => a.Utf8.AsSpan().SequenceCompareTo(b.Utf8));
        output.Write("{"u8);
        for (int i = 0; i < keys.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }
            WriteString(keys[i].Key, output);
            output.Write(":"u8);
            Write(members[keys[i].Key], output);
        }
        output.Write("}"u8);
    }

    private static void WriteString(string value, ArrayBufferWriter<byte> output)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\u2028': text.Append("\\u2028"); break;
                case '\u2029': text.Append("\\u2029"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u00").Append(((int)c).ToString("x2"));
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
        output.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
