using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Patterns;

/// <summary>The regex.* builtins with Go's regexp semantics (RE2 syntax, FindAll's empty-match rule).</summary>
internal static class RegexBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("regex.match", (a, _) => Match(a, "regex.match"));
        r.Register("re_match", (a, _) => Match(a, "re_match"));
        r.Register("regex.is_valid", (a, _) => JsonValue.Create(a[0] is JsonValue v && v.TryGetValue<string>(out var p) && RegexCache.IsValid(p)));
        r.Register("regex.split", Split);
        r.Register("regex.find_n", FindN);
        r.Register("regex.find_all_string_submatch_n", FindAllSubmatch);
        r.Register("regex.replace", Replace);
        r.Register("regex.template_match", TemplateMatch.Invoke);
        r.Register("regex.globs_match", GlobIntersection.Invoke);
    }

    private static JsonNode? Match(ReadOnlySpan<JsonNode?> a, string builtin)
    {
        var pattern = Args.String(a, 0, builtin);
        var value = Args.String(a, 1, builtin);
        return JsonValue.Create(RegexCache.Get(pattern, builtin).IsMatch(value));
    }

    /// <summary>Matches as Go's FindAll reports them: an empty match right after the previous match is dropped.</summary>
    internal static List<Match> FindAll(Regex regex, string value, long limit)
    {
        var list = new List<Match>();
        if (limit == 0)
        {
            return list;
        }
        var previousEnd = -1;
        for (var m = regex.Match(value); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0 && m.Index == previousEnd)
            {
                continue;
            }
            list.Add(m);
            previousEnd = m.Index + m.Length;
            if (limit > 0 && list.Count >= limit)
            {
                break;
            }
        }
        return list;
    }

    private static JsonNode? Split(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var pattern = Args.String(a, 0, "regex.split");
        var value = Args.String(a, 1, "regex.split");
        var regex = RegexCache.Get(pattern, "regex.split");
        var result = new JsonArray();
        if (pattern.Length > 0 && value.Length == 0)
        {
            result.Add(JsonValue.Create(string.Empty));
            return result;
        }
        var begin = 0;
        var end = 0;
        foreach (var m in FindAll(regex, value, -1))
        {
            end = m.Index;
            if (m.Index + m.Length != 0)
            {
                result.Add(JsonValue.Create(value[begin..end]));
            }
            begin = m.Index + m.Length;
        }
        if (end != value.Length)
        {
            result.Add(JsonValue.Create(value[begin..]));
        }
        return result;
    }

    private static JsonNode? FindN(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var pattern = Args.String(a, 0, "regex.find_n");
        var value = Args.String(a, 1, "regex.find_n");
        var n = Args.Integer(a, 2, "regex.find_n");
        var result = new JsonArray();
        foreach (var m in FindAll(RegexCache.Get(pattern, "regex.find_n"), value, n))
        {
            result.Add(JsonValue.Create(m.Value));
        }
        return result;
    }

    private static JsonNode? FindAllSubmatch(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "regex.find_all_string_submatch_n";
        var pattern = Args.String(a, 0, Name);
        var value = Args.String(a, 1, Name);
        var n = Args.Integer(a, 2, Name);
        var regex = RegexCache.Get(pattern, Name);
        var numbers = regex.GetGroupNumbers();
        var result = new JsonArray();
        foreach (var m in FindAll(regex, value, n))
        {
            var groups = new JsonArray();
            foreach (var number in numbers)
            {
                var g = m.Groups[number];
                groups.Add(JsonValue.Create(g.Success ? g.Value : string.Empty));
            }
            result.Add(groups);
        }
        return result;
    }

    private static JsonNode? Replace(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var value = Args.String(a, 0, "regex.replace");
        var pattern = Args.String(a, 1, "regex.replace");
        var template = Args.String(a, 2, "regex.replace");
        var regex = RegexCache.Get(pattern, "regex.replace");
        var sb = new StringBuilder(value.Length);
        var last = 0;
        foreach (var m in FindAll(regex, value, -1))
        {
            sb.Append(value, last, m.Index - last);
            Expand(sb, template, regex, m);
            last = m.Index + m.Length;
        }
        sb.Append(value, last, value.Length - last);
        return JsonValue.Create(sb.ToString());
    }

    /// <summary>Go's Regexp.Expand: $name or ${name} takes the longest run of word characters; unknown groups are empty.</summary>
    private static void Expand(StringBuilder sb, string template, Regex regex, Match m)
    {
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (template[i + 1] == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }
            string name;
            if (template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close < 0)
                {
                    sb.Append(c);
                    i++;
                    continue;
                }
                name = template[(i + 2)..close];
                i = close + 1;
            }
            else
            {
                var start = i + 1;
                var end = start;
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
                {
                    end++;
                }
                if (end == start)
                {
                    sb.Append(c);
                    i++;
                    continue;
                }
                name = template[start..end];
                i = end;
            }
            // Unknown group names and numbers expand to nothing, as in Go.
            var number = regex.GroupNumberFromName(name);
            if (number >= 0 && m.Groups[number].Success)
            {
                sb.Append(m.Groups[number].Value);
            }
        }
    }
}
