using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Strings;

/// <summary>The trim family: cutsets are sets of code points, as in Go's strings.Trim.</summary>
internal static class TrimBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("trim", (a, _) => Cut(a, "trim", left: true, right: true));
        r.Register("trim_left", (a, _) => Cut(a, "trim_left", left: true, right: false));
        r.Register("trim_right", (a, _) => Cut(a, "trim_right", left: false, right: true));
        r.Register("trim_prefix", TrimPrefix);
        r.Register("trim_suffix", TrimSuffix);
        r.Register("trim_space", (a, _) => JsonValue.Create(TrimSpace(Args.String(a, 0, "trim_space"))));
    }

    private static JsonNode? Cut(ReadOnlySpan<JsonNode?> a, string builtin, bool left, bool right)
    {
        var text = Args.String(a, 0, builtin);
        var cutset = new HashSet<int>();
        foreach (var rune in Args.String(a, 1, builtin).EnumerateRunes())
        {
            cutset.Add(rune.Value);
        }
        var runes = new List<Rune>();
        foreach (var rune in text.EnumerateRunes())
        {
            runes.Add(rune);
        }
        var start = 0;
        var end = runes.Count;
        while (left && start < end && cutset.Contains(runes[start].Value))
        {
            start++;
        }
        while (right && end > start && cutset.Contains(runes[end - 1].Value))
        {
            end--;
        }
        var sb = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            sb.Append(runes[i].ToString());
        }
        return JsonValue.Create(sb.ToString());
    }

    private static JsonNode? TrimPrefix(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "trim_prefix");
        var prefix = Args.String(a, 1, "trim_prefix");
        return JsonValue.Create(text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text);
    }

    private static JsonNode? TrimSuffix(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "trim_suffix");
        var suffix = Args.String(a, 1, "trim_suffix");
        return JsonValue.Create(text.EndsWith(suffix, StringComparison.Ordinal) ? text[..^suffix.Length] : text);
    }

    /// <summary>Go's unicode.IsSpace set: ASCII whitespace, U+0085, U+00A0 and Unicode space separators.</summary>
    internal static string TrimSpace(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }
        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }
        return text[start..end];
    }

    private static bool IsSpace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' || (c > 0xff && char.IsWhiteSpace(c));
}
