using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Builtins.Library.Values;

/// <summary>Values printed as Rego terms (OPA's Term.String): strings quoted Go-style, objects sorted by key.</summary>
internal static class RegoText
{
    public static string Format(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    public static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                return;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    Write(sb, array[i]);
                }
                sb.Append(']');
                return;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var key in RegoOrder.SortedKeys(obj))
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }
                    first = false;
                    Quote(sb, key);
                    sb.Append(": ");
                    Write(sb, obj[key]);
                }
                sb.Append('}');
                return;
            default:
                if (node is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    Quote(sb, s);
                    return;
                }
                sb.Append(node.ToJsonString());
                return;
        }
    }

    /// <summary>Go's strconv.Quote: printable runes kept, the rest escaped.</summary>
    public static void Quote(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                    {
                        sb.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
                    {
                        sb.Append(rune.Value > 0xFFFF ? "\\U" + rune.Value.ToString("x8", CultureInfo.InvariantCulture) : "\\u" + rune.Value.ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(rune.ToString());
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        Quote(sb, text);
        return sb.ToString();
    }
}
