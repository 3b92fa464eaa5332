using System.Text;

namespace Tollgate.Rego.Parsing;

/// <summary>Decodes the JSON escapes Rego strings use (and the <c>\{</c> of template strings).</summary>
internal static class StringLiteral
{
    /// <summary>The decoded value, or null when an escape is malformed.</summary>
    public static string? Decode(ReadOnlySpan<char> content, bool braceEscapes)
    {
        var backslash = content.IndexOf('\\');
        if (backslash < 0)
        {
            return content.ToString();
        }
        var sb = new StringBuilder(content.Length);
        sb.Append(content[..backslash]);
        for (var i = backslash; i < content.Length; i++)
        {
            var c = content[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= content.Length)
            {
                return null;
            }
            switch (content[i])
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '{' when braceEscapes: sb.Append('{'); break;
                case 'u':
                    if (i + 4 >= content.Length)
                    {
                        return null;
                    }
                    if (!TryHex(content.Slice(i + 1, 4), out var code))
                    {
                        return null;
                    }
                    // Pairs such as \ud83d\ude00 combine naturally because .NET strings are UTF-16.
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    return null;
            }
        }
        return sb.ToString();
    }

    /// <summary>Removes the backslash of each <c>\{</c> in raw template text.</summary>
    public static string RemoveBraceEscapes(ReadOnlySpan<char> content)
    {
        var sb = new StringBuilder(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '\\' && i + 1 < content.Length && content[i + 1] == '{')
            {
                continue;
            }
            sb.Append(content[i]);
        }
        return sb.ToString();
    }

    private static bool TryHex(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            int v;
            if (d is >= '0' and <= '9') v = d - '0';
            else if (d is >= 'a' and <= 'f') v = d - 'a' + 10;
            else if (d is >= 'A' and <= 'F') v = d - 'A' + 10;
            else return false;
            value = (value << 4) | v;
        }
        return true;
    }
}
