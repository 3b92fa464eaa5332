using System.Text;
using System.Text.RegularExpressions;

namespace Tollgate.Runtime.Builtins.Library.Patterns;

/// <summary>
/// Rewrites RE2 syntax (Go's regexp) into .NET syntax with the same meaning: ASCII-only \d \w \s, \pL
/// without braces, (?P&lt;name&gt;), \Q…\E, POSIX classes, and $ that only matches at the very end.
/// Constructs RE2 rejects (backreferences, lookaround, atomic groups) are rejected here too.
/// </summary>
internal static class Re2Translator
{
    public static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        var multiline = false;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new RegexParseFailure("trailing backslash at end of expression");
                }
                var e = pattern[i + 1];
                i += 2;
                switch (e)
                {
                    case 'Q':
                        var end = pattern.IndexOf("\\E", i, StringComparison.Ordinal);
                        var literal = end < 0 ? pattern[i..] : pattern[i..end];
                        sb.Append(inClass ? EscapeInClass(literal) : Regex.Escape(literal));
                        i = end < 0 ? pattern.Length : end + 2;
                        break;
                    case 'd': sb.Append(inClass ? "0-9" : "[0-9]"); break;
                    case 'D': sb.Append(inClass ? "\\P{Nd}" : "[^0-9]"); break;
                    case 'w': sb.Append(inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]"); break;
                    case 'W': sb.Append(inClass ? "\\W" : "[^0-9A-Za-z_]"); break;
                    case 's': sb.Append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]"); break;
                    case 'S': sb.Append(inClass ? "\\S" : "[^\\t\\n\\f\\r ]"); break;
                    case 'p':
                    case 'P':
                        if (i < pattern.Length && pattern[i] != '{')
                        {
                            sb.Append('\\').Append(e).Append('{').Append(pattern[i]).Append('}');
                            i++;
                        }
                        else
                        {
                            sb.Append('\\').Append(e);
                        }
                        break;
                    case 'z': sb.Append("\\z"); break;
                    case 'Z': throw new RegexParseFailure("invalid escape sequence: `\\Z`");
                    case >= '1' and <= '9':
                        throw new RegexParseFailure($"invalid escape sequence: `\\{e}`");
                    default:
                        sb.Append('\\').Append(e);
                        break;
                }
                continue;
            }
            if (inClass)
            {
                if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
                {
                    var close = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (close > 0)
                    {
                        sb.Append(PosixClass(pattern[(i + 2)..close]));
                        i = close + 2;
                        continue;
                    }
                }
                if (c == '[')
                {
                    sb.Append("\\[");
                    i++;
                    continue;
                }
                if (c == ']')
                {
                    inClass = false;
                }
                sb.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    i++;
                    if (i < pattern.Length && pattern[i] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }
                    if (i < pattern.Length && pattern[i] == ']')
                    {
                        // A leading ] is literal in RE2.
                        sb.Append("\\]");
                        i++;
                    }
                    continue;
                case '(' when i + 1 < pattern.Length && pattern[i + 1] == '?':
                    var rest = pattern.AsSpan(i + 2);
                    if (rest.StartsWith("P<"))
                    {
                        sb.Append("(?<");
                        i += 4;
                        continue;
                    }
                    if (rest.StartsWith("=") || rest.StartsWith("!") || rest.StartsWith("<=") || rest.StartsWith("<!") || rest.StartsWith(">"))
                    {
                        throw new RegexParseFailure("invalid or unsupported Perl syntax: `(?" + rest[0] + "`");
                    }
                    if (rest.StartsWith("<"))
                    {
                        // Go 1.22+ accepts (?<name>…) too; .NET spells it the same way.
                        sb.Append("(?<");
                        i += 3;
                        continue;
                    }
                    var flagsEnd = i + 2;
                    while (flagsEnd < pattern.Length && pattern[flagsEnd] is not (')' or ':'))
                    {
                        if (pattern[flagsEnd] == 'm')
                        {
                            multiline = true;
                        }
                        if (pattern[flagsEnd] == 'U')
                        {
                            throw new RegexParseFailure("ungreedy flag (?U) is not supported");
                        }
                        flagsEnd++;
                    }
                    sb.Append("(?");
                    i += 2;
                    continue;
                case '$':
                    sb.Append(multiline ? "(?=\\n|\\z)" : "\\z");
                    i++;
                    continue;
                default:
                    sb.Append(c);
                    i++;
                    continue;
            }
        }
        if (inClass)
        {
            throw new RegexParseFailure("missing closing ]: `" + pattern + "`");
        }
        var result = sb.ToString();
        return multiline ? result.Replace("(?=\\n|\\z)", "$", StringComparison.Ordinal) : result;
    }

    private static string EscapeInClass(string literal)
    {
        var sb = new StringBuilder();
        foreach (var ch in literal)
        {
            if (ch is '\\' or ']' or '[' or '^' or '-')
            {
                sb.Append('\\');
            }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    private static string PosixClass(string name) => name switch
    {
        "alnum" => "0-9A-Za-z",
        "alpha" => "A-Za-z",
        "ascii" => "\\x00-\\x7F",
        "blank" => "\\t ",
        "cntrl" => "\\x00-\\x1F\\x7F",
        "digit" => "0-9",
        "graph" => "!-~",
        "lower" => "a-z",
        "print" => " -~",
        "punct" => "!-/:-@\\[-`{-~",
        "space" => "\\t\\n\\v\\f\\r ",
        "upper" => "A-Z",
        "word" => "0-9A-Za-z_",
        "xdigit" => "0-9A-Fa-f",
        _ => throw new RegexParseFailure("invalid character class range: `[:" + name + ":]`"),
    };
}

/// <summary>A pattern RE2 would reject.</summary>
internal sealed class RegexParseFailure(string message) : Exception(message);
