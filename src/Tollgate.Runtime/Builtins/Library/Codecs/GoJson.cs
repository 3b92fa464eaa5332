using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Codecs;

/// <summary>
/// JSON text as Go's encoding/json writes it (which OPA's json.marshal uses): object keys sorted, HTML
/// characters escaped, numbers verbatim; optional MarshalIndent layout.
/// </summary>
internal static class GoJson
{
    public static string Write(JsonNode? value, string? prefix = null, string? indent = null)
    {
        var sb = new StringBuilder();
        Write(sb, value, prefix, indent, 0);
        return sb.ToString();
    }

    private static void NewLine(StringBuilder sb, string? prefix, string indent, int depth)
    {
        sb.Append('\n').Append(prefix);
        for (var i = 0; i < depth; i++)
        {
            sb.Append(indent);
        }
    }

    private static void Write(StringBuilder sb, JsonNode? value, string? prefix, string? indent, int depth)
    {
        switch (value)
        {
            case JsonArray array:
                if (array.Count == 0)
                {
                    sb.Append("[]");
                    return;
                }
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    if (indent is not null)
                    {
                        NewLine(sb, prefix, indent, depth + 1);
                    }
                    Write(sb, array[i], prefix, indent, depth + 1);
                }
                if (indent is not null)
                {
                    NewLine(sb, prefix, indent, depth);
                }
                sb.Append(']');
                return;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    sb.Append("{}");
                    return;
                }
                sb.Append('{');
                var first = true;
                foreach (var key in RegoOrder.SortedKeys(obj))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }
                    first = false;
                    if (indent is not null)
                    {
                        NewLine(sb, prefix, indent, depth + 1);
                    }
                    WriteString(sb, key);
                    sb.Append(indent is not null ? ": " : ":");
                    Write(sb, obj[key], prefix, indent, depth + 1);
                }
                if (indent is not null)
                {
                    NewLine(sb, prefix, indent, depth);
                }
                sb.Append('}');
                return;
            case null:
                sb.Append("null");
                return;
            default:
                if (value is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    WriteString(sb, s);
                    return;
                }
                sb.Append(value.ToJsonString());
                return;
        }
    }

    public static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
