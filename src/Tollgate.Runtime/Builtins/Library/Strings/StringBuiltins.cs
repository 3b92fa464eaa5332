using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Strings;

/// <summary>OPA's string builtins. Positions and lengths count Unicode code points, as Go's []rune does.</summary>
internal static class StringBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("concat", Concat);
        r.Register("contains", (a, _) => JsonValue.Create(Args.String(a, 0, "contains").Contains(Args.String(a, 1, "contains"), StringComparison.Ordinal)));
        r.Register("startswith", (a, _) => JsonValue.Create(Args.String(a, 0, "startswith").StartsWith(Args.String(a, 1, "startswith"), StringComparison.Ordinal)));
        r.Register("endswith", (a, _) => JsonValue.Create(Args.String(a, 0, "endswith").EndsWith(Args.String(a, 1, "endswith"), StringComparison.Ordinal)));
        r.Register("format_int", FormatInt);
        r.Register("indexof", IndexOf);
        r.Register("indexof_n", IndexOfN);
        r.Register("lower", (a, _) => JsonValue.Create(Args.String(a, 0, "lower").ToLowerInvariant()));
        r.Register("upper", (a, _) => JsonValue.Create(Args.String(a, 0, "upper").ToUpperInvariant()));
        r.Register("replace", Replace);
        r.Register("split", Split);
        r.Register("strings.replace_n", ReplaceN);
        r.Register("strings.reverse", Reverse);
        r.Register("strings.count", Count);
        r.Register("strings.any_prefix_match", (a, _) => AnyMatch(a, "strings.any_prefix_match", prefix: true));
        r.Register("strings.any_suffix_match", (a, _) => AnyMatch(a, "strings.any_suffix_match", prefix: false));
        r.Register("substring", Substring);
        r.Register("to_number", ToNumber);
        r.Register("sprintf", Sprintf.Invoke);
        r.Register("strings.render_template", TemplateRenderer.Invoke);
        TrimBuiltins.Register(r);
    }

    private static JsonNode? Concat(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var delimiter = Args.String(a, 0, "concat");
        if (a[1] is not JsonArray items)
        {
            throw Args.OneOf("concat", 1, "set, array", a[1]);
        }
        var parts = Args.Strings(items, "concat", 1);
        return JsonValue.Create(string.Join(delimiter, parts));
    }

    private static JsonNode? FormatInt(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var number = Args.Number(a, 0, "format_int");
        var baseNode = Args.Number(a, 1, "format_int");
        if (!RegoNumber.TryInt64(baseNode, out var radix) || radix is not (2 or 8 or 10 or 16))
        {
            throw new BuiltinException(BuiltinException.TypeError, "format_int: operand 2 must be one of {2, 8, 10, 16}");
        }
        BigInteger value;
        if (!RegoNumber.TryBigInteger(number, out value))
        {
            value = RegoNumber.TryDecimal(number, out var d) ? new BigInteger(decimal.Truncate(d)) : new BigInteger(Math.Truncate(RegoNumber.ToDouble(number)));
        }
        return JsonValue.Create(IntegerText.Format(value, (int)radix, upper: false));
    }

    private static JsonNode? IndexOf(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "indexof");
        var search = Args.String(a, 1, "indexof");
        if (search.Length == 0)
        {
            throw Args.Error("indexof", "empty search character");
        }
        var index = text.IndexOf(search, StringComparison.Ordinal);
        return RegoNumber.Of(index < 0 ? -1 : RuneCount(text, index));
    }

    private static JsonNode? IndexOfN(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "indexof_n");
        var search = Args.String(a, 1, "indexof_n");
        if (search.Length == 0)
        {
            throw Args.Error("indexof_n", "empty search character");
        }
        var result = new JsonArray();
        var from = 0;
        while (from <= text.Length)
        {
            var index = text.IndexOf(search, from, StringComparison.Ordinal);
            if (index < 0)
            {
                break;
            }
            result.Add(RegoNumber.Of(RuneCount(text, index)));
            from = index + (char.IsHighSurrogate(text[index]) ? 2 : 1);
        }
        return result;
    }

    private static int RuneCount(string text, int utf16Index)
    {
        var count = 0;
        for (var i = 0; i < utf16Index; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                count++;
            }
        }
        return count;
    }

    private static JsonNode? Replace(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "replace");
        var old = Args.String(a, 1, "replace");
        var replacement = Args.String(a, 2, "replace");
        return JsonValue.Create(ReplaceAll(text, old, replacement));
    }

    /// <summary>Go's strings.ReplaceAll: an empty pattern matches before every rune and at the end.</summary>
    internal static string ReplaceAll(string text, string old, string replacement)
    {
        if (old.Length > 0)
        {
            return text.Replace(old, replacement, StringComparison.Ordinal);
        }
        var sb = new StringBuilder();
        sb.Append(replacement);
        foreach (var rune in text.EnumerateRunes())
        {
            sb.Append(rune.ToString()).Append(replacement);
        }
        return sb.ToString();
    }

    private static JsonNode? Split(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "split");
        var delimiter = Args.String(a, 1, "split");
        var result = new JsonArray();
        if (delimiter.Length == 0)
        {
            foreach (var rune in text.EnumerateRunes())
            {
                result.Add(JsonValue.Create(rune.ToString()));
            }
            return result;
        }
        foreach (var part in text.Split(delimiter))
        {
            result.Add(JsonValue.Create(part));
        }
        return result;
    }

    private static JsonNode? ReplaceN(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var patterns = Args.Object(a, 0, "strings.replace_n");
        var text = Args.String(a, 1, "strings.replace_n");
        var keys = RegoOrder.SortedKeys(patterns);
        var values = new string[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            if (patterns[keys[i]] is not JsonValue v || !v.TryGetValue<string>(out var s))
            {
                throw new BuiltinException(BuiltinException.TypeError, "strings.replace_n: operand 1 non-string value found in pattern object");
            }
            values[i] = s;
        }
        // Go's strings.Replacer: at each position the first pattern (in argument order) that matches wins.
        var sb = new StringBuilder(text.Length);
        var pos = 0;
        while (pos <= text.Length)
        {
            var matched = -1;
            for (var k = 0; k < keys.Count; k++)
            {
                if (text.AsSpan(pos).StartsWith(keys[k], StringComparison.Ordinal))
                {
                    matched = k;
                    break;
                }
            }
            if (matched >= 0)
            {
                sb.Append(values[matched]);
                if (keys[matched].Length > 0)
                {
                    pos += keys[matched].Length;
                    continue;
                }
            }
            if (pos < text.Length)
            {
                sb.Append(text[pos]);
            }
            pos++;
        }
        return JsonValue.Create(sb.ToString());
    }

    private static JsonNode? Reverse(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "reverse");
        var runes = new List<Rune>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            runes.Add(rune);
        }
        var sb = new StringBuilder(text.Length);
        for (var i = runes.Count - 1; i >= 0; i--)
        {
            sb.Append(runes[i].ToString());
        }
        return JsonValue.Create(sb.ToString());
    }

    private static JsonNode? Count(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "strings.count");
        var search = Args.String(a, 1, "strings.count");
        if (search.Length == 0)
        {
            return RegoNumber.Of(RuneCount(text, text.Length) + 1);
        }
        var count = 0;
        var from = 0;
        while (true)
        {
            var index = text.IndexOf(search, from, StringComparison.Ordinal);
            if (index < 0)
            {
                break;
            }
            count++;
            from = index + search.Length;
        }
        return RegoNumber.Of(count);
    }

    private static JsonNode? AnyMatch(ReadOnlySpan<JsonNode?> a, string builtin, bool prefix)
    {
        var search = StringsOperand(a, 0, builtin);
        var bases = StringsOperand(a, 1, builtin);
        foreach (var s in search)
        {
            foreach (var b in bases)
            {
                if (prefix ? s.StartsWith(b, StringComparison.Ordinal) : s.EndsWith(b, StringComparison.Ordinal))
                {
                    return JsonValue.Create(true);
                }
            }
        }
        return JsonValue.Create(false);
    }

    private static List<string> StringsOperand(ReadOnlySpan<JsonNode?> a, int index, string builtin)
    {
        if (a[index] is JsonArray array)
        {
            return Args.Strings(array, builtin, index);
        }
        if (a[index] is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return [s];
        }
        throw Args.OneOf(builtin, index, "string, set, array", a[index]);
    }

    private static JsonNode? Substring(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var text = Args.String(a, 0, "substring");
        var start = Args.Integer(a, 1, "substring");
        var length = Args.Integer(a, 2, "substring");
        if (start < 0)
        {
            throw Args.Error("substring", "negative offset");
        }
        var runes = new List<Rune>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            runes.Add(rune);
        }
        if (start >= runes.Count)
        {
            return JsonValue.Create(string.Empty);
        }
        var end = length < 0 || start + length > runes.Count ? runes.Count : start + length;
        var sb = new StringBuilder();
        for (var i = (int)start; i < end; i++)
        {
            sb.Append(runes[i].ToString());
        }
        return JsonValue.Create(sb.ToString());
    }

    private static JsonNode? ToNumber(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var node = a[0];
        switch (RegoTypes.Kind(node))
        {
            case System.Text.Json.JsonValueKind.Null:
                return RegoNumber.Of(0);
            case System.Text.Json.JsonValueKind.True:
                return RegoNumber.Of(1);
            case System.Text.Json.JsonValueKind.False:
                return RegoNumber.Of(0);
            case System.Text.Json.JsonValueKind.Number:
                return node!.DeepClone();
            case System.Text.Json.JsonValueKind.String:
                return ParseNumber(node!.GetValue<string>());
            default:
                throw Args.OneOf("to_number", 0, "null, boolean, number, string", node);
        }
    }

    private static JsonNode ParseNumber(string text)
    {
        var lower = text.ToLowerInvariant();
        var invalid = text.Length == 0 || lower.Contains("inf", StringComparison.Ordinal) || lower.Contains("nan", StringComparison.Ordinal)
            || lower.StartsWith("0x", StringComparison.Ordinal) || lower.StartsWith("-0x", StringComparison.Ordinal)
            || !double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);
        if (invalid)
        {
            throw Args.Error("to_number", $"strconv.ParseFloat: parsing {RegoText.Quote(text)}: invalid syntax");
        }
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return RegoNumber.Of(integer);
        }
        var normalized = text.StartsWith('+') ? text[1..] : text;
        if (normalized.StartsWith('.') || normalized.StartsWith("-.", StringComparison.Ordinal) || normalized.EndsWith('.'))
        {
            return RegoNumber.Of(double.Parse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture))!;
        }
        try
        {
            return JsonNode.Parse(normalized)!;
        }
        catch (System.Text.Json.JsonException)
        {
            return RegoNumber.Of(double.Parse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture))!;
        }
    }
}
