using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Patterns;

/// <summary>
/// glob.match and glob.quote_meta with the gobwas/glob syntax OPA uses: * (within a segment), ** (across
/// delimiters), ?, [abc], [!abc], [a-z], {alt1,alt2} and backslash escapes. Globs compile to linear-time
/// regular expressions.
/// </summary>
internal static class GlobBuiltins
{
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    public static void Register(BuiltinRegistry r)
    {
        r.Register("glob.match", Match);
        r.Register("glob.quote_meta", QuoteMeta);
    }

    private static JsonNode? Match(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var pattern = Args.String(a, 0, "glob.match");
        string delimiters;
        switch (RegoTypes.Kind(a[1]) == System.Text.Json.JsonValueKind.Null ? null : a[1])
        {
            case null:
                delimiters = string.Empty;
                break;
            case JsonArray array:
                delimiters = string.Concat(Args.Strings(array, "glob.match", 1));
                if (array.Count == 0)
                {
                    delimiters = ".";
                }
                break;
            default:
                throw Args.OneOf("glob.match", 1, "array, null", a[1]);
        }
        var value = Args.String(a, 2, "glob.match");
        var key = delimiters + "\u0000" + pattern;
        if (!Compiled.TryGetValue(key, out var regex))
        {
            regex = RegexCache.CompileDotNet("^(?s:" + Translate(pattern, delimiters) + ")\\z");
            if (Compiled.Count > 4096)
            {
                Compiled.Clear();
            }
            Compiled[key] = regex;
        }
        return JsonValue.Create(regex.IsMatch(value));
    }

    private static string Translate(string pattern, string delimiters)
    {
        var notDelimiter = delimiters.Length == 0 ? "." : "[^" + EscapeClass(delimiters) + "]";
        var sb = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                    {
                        sb.Append(".*");
                        i++;
                    }
                    else
                    {
                        sb.Append(notDelimiter).Append('*');
                    }
                    break;
                case '?':
                    sb.Append(notDelimiter);
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        throw Args.Error("glob.match", "unexpected end of input");
                    }
                    var body = pattern[(i + 1)..close];
                    var negated = body.StartsWith('!');
                    if (negated)
                    {
                        body = body[1..];
                    }
                    sb.Append(negated ? "[^" : "[").Append(EscapeClassKeepRanges(body)).Append(']');
                    i = close;
                    break;
                case '{':
                    depth++;
                    sb.Append("(?:");
                    break;
                case '}' when depth > 0:
                    depth--;
                    sb.Append(')');
                    break;
                case ',' when depth > 0:
                    sb.Append('|');
                    break;
                case '\\':
                    if (i + 1 < pattern.Length)
                    {
                        i++;
                        sb.Append(Regex.Escape(pattern[i].ToString()));
                    }
                    else
                    {
                        throw Args.Error("glob.match", "unexpected end of input");
                    }
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (depth != 0)
        {
            throw Args.Error("glob.match", "unexpected end of input");
        }
        return sb.ToString();
    }

    private static string EscapeClass(string chars)
    {
        var sb = new StringBuilder();
        foreach (var c in chars)
        {
            if (c is '\\' or ']' or '[' or '^' or '-')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string EscapeClassKeepRanges(string body)
    {
        var sb = new StringBuilder();
        foreach (var c in body)
        {
            if (c is '\\' or '[' or '^')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>gobwas QuoteMeta: escapes the glob metacharacters so the text matches itself.</summary>
    private static JsonNode? QuoteMeta(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "glob.quote_meta");
        var sb = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '\\' or '[' or ']' or '{' or '}' or '!' or '-' or ',')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return JsonValue.Create(sb.ToString());
    }
}
