using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Strings;

/// <summary>
/// sprintf with Go's fmt semantics over the operands OPA hands to Go: integers (int or *big.Int), floats,
/// strings, and every other value as its Rego text (so %v of an array prints it as a Rego term).
/// </summary>
internal static class Sprintf
{
    public static JsonNode? Invoke(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var format = Args.String(a, 0, "sprintf");
        if (a[1] is not JsonArray values)
        {
            throw BuiltinException.Type("sprintf", 2, "array", RegoTypes.Name(a[1]));
        }
        var operands = new GoOperand[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            operands[i] = GoOperand.From(values[i]);
        }
        return JsonValue.Create(Format(format, operands));
    }

    public static string Format(string format, GoOperand[] operands)
    {
        var sb = new StringBuilder(format.Length + 16);
        var next = 0;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                i++;
                continue;
            }
            i++;
            var spec = new GoSpec();
            // Flags.
            while (i < format.Length)
            {
                switch (format[i])
                {
                    case '+': spec.Plus = true; i++; continue;
                    case '-': spec.Minus = true; i++; continue;
                    case '#': spec.Sharp = true; i++; continue;
                    case ' ': spec.Space = true; i++; continue;
                    case '0': spec.Zero = true; i++; continue;
                }
                break;
            }
            spec.Width = ReadNumber(format, ref i, operands, ref next);
            if (i < format.Length && format[i] == '.')
            {
                i++;
                spec.Precision = ReadNumber(format, ref i, operands, ref next);
                if (spec.Precision < 0)
                {
                    spec.Precision = 0;
                }
            }
            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }
            var verbRune = Rune.GetRuneAt(format, i);
            i += verbRune.Utf16SequenceLength;
            var verb = verbRune.Value < 0x10000 ? (char)verbRune.Value : '?';
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }
            if (next >= operands.Length)
            {
                sb.Append("%!").Append(verbRune.ToString()).Append("(MISSING)");
                continue;
            }
            var operand = operands[next++];
            var text = operand.Render(verb, ref spec);
            if (text is null)
            {
                sb.Append("%!").Append(verbRune.ToString()).Append('(').Append(operand.TypeName).Append('=').Append(operand.Plain()).Append(')');
                continue;
            }
            Pad(sb, text, spec, operand.IsNumeric);
        }
        if (next < operands.Length)
        {
            sb.Append("%!(EXTRA ");
            for (var k = next; k < operands.Length; k++)
            {
                if (k > next)
                {
                    sb.Append(", ");
                }
                sb.Append(operands[k].TypeName).Append('=').Append(operands[k].Plain());
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    private static int ReadNumber(string format, ref int i, GoOperand[] operands, ref int next)
    {
        if (i < format.Length && format[i] == '*')
        {
            i++;
            if (next < operands.Length && operands[next].TryInt(out var star))
            {
                next++;
                return (int)star;
            }
            return -1;
        }
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }
        return i == start ? -1 : int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture);
    }

    private static void Pad(StringBuilder sb, string text, GoSpec spec, bool numeric)
    {
        if (spec.Width < 0)
        {
            sb.Append(text);
            return;
        }
        // Go pads to a width counted in runes.
        var length = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            length++;
        }
        if (spec.Width <= length)
        {
            sb.Append(text);
            return;
        }
        var padding = spec.Width - length;
        if (spec.Minus)
        {
            sb.Append(text).Append(' ', padding);
            return;
        }
        if (spec.Zero && !(numeric && spec.Precision >= 0 && spec.IntegerVerb))
        {
            // Zero padding goes after the sign of a number.
            if (numeric && text.Length > 0 && (text[0] is '-' or '+' or ' '))
            {
                sb.Append(text[0]).Append('0', padding).Append(text, 1, text.Length - 1);
                return;
            }
            sb.Append('0', padding).Append(text);
            return;
        }
        sb.Append(' ', padding).Append(text);
    }
}

/// <summary>Flags, width and precision of one verb (-1 = absent).</summary>
internal struct GoSpec
{
    public GoSpec()
    {
    }

    public bool Plus;
    public bool Minus;
    public bool Sharp;
    public bool Space;
    public bool Zero;
    public int Width = -1;
    public int Precision = -1;
    public bool IntegerVerb;
}

/// <summary>One sprintf operand converted as OPA does before calling Go's fmt.</summary>
internal readonly struct GoOperand
{
    private enum Kind { Int, BigInt, Float, String }

    private readonly Kind _kind;
    private readonly BigInteger _integer;
    private readonly double _float;
    private readonly string _string;

    private GoOperand(Kind kind, BigInteger integer, double value, string text)
    {
        _kind = kind;
        _integer = integer;
        _float = value;
        _string = text;
    }

    public static GoOperand From(JsonNode? node)
    {
        if (RegoTypes.IsNumber(node))
        {
            var text = RegoNumber.Text(node!);
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
            {
                return new GoOperand(Kind.Int, small, 0, string.Empty);
            }
            if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
            {
                return new GoOperand(Kind.BigInt, big, 0, string.Empty);
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && !double.IsInfinity(f))
            {
                return new GoOperand(Kind.Float, BigInteger.Zero, f, string.Empty);
            }
            return new GoOperand(Kind.String, BigInteger.Zero, 0, text);
        }
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return new GoOperand(Kind.String, BigInteger.Zero, 0, s);
        }
        return new GoOperand(Kind.String, BigInteger.Zero, 0, RegoText.Format(node));
    }

    public bool IsNumeric => _kind != Kind.String;

    public string TypeName => _kind switch
    {
        Kind.Int => "int",
        Kind.BigInt => "*big.Int",
        Kind.Float => "float64",
        _ => "string",
    };

    public bool TryInt(out long value)
    {
        value = _kind == Kind.Int ? (long)_integer : 0;
        return _kind == Kind.Int;
    }

    /// <summary>The %v text, used inside %!verb(type=value) diagnostics.</summary>
    public string Plain() => _kind switch
    {
        Kind.Int or Kind.BigInt => _integer.ToString(CultureInfo.InvariantCulture),
        Kind.Float => GoFloat.Format(_float, 'g', -1),
        _ => _string,
    };

    /// <summary>The formatted operand before padding, or null for a verb the type does not support.</summary>
    public string? Render(char verb, ref GoSpec spec)
    {
        switch (_kind)
        {
            case Kind.Int:
            case Kind.BigInt:
                return RenderInteger(verb, ref spec);
            case Kind.Float:
                return RenderFloat(verb, spec);
            default:
                return RenderString(verb, spec);
        }
    }

    private string? RenderInteger(char verb, ref GoSpec spec)
    {
        int radix;
        var upper = false;
        string prefix = string.Empty;
        switch (verb)
        {
            case 'd':
            case 'v':
                radix = 10;
                break;
            case 's' when _kind == Kind.BigInt:
                radix = 10;
                break;
            case 'b':
                radix = 2;
                prefix = spec.Sharp ? "0b" : string.Empty;
                break;
            case 'o':
                radix = 8;
                prefix = spec.Sharp ? "0" : string.Empty;
                break;
            case 'O':
                radix = 8;
                prefix = "0o";
                break;
            case 'x':
                radix = 16;
                prefix = spec.Sharp ? "0x" : string.Empty;
                break;
            case 'X':
                radix = 16;
                upper = true;
                prefix = spec.Sharp ? "0X" : string.Empty;
                break;
            case 'c' when _kind == Kind.Int:
                return RuneText(_integer);
            case 'q' when _kind == Kind.Int:
                return "'" + RuneText(_integer) + "'";
            case 'U' when _kind == Kind.Int:
                var hex = ((long)_integer).ToString("X", CultureInfo.InvariantCulture).PadLeft(4, '0');
                return "U+" + hex;
            default:
                return null;
        }
        spec.IntegerVerb = true;
        var digits = IntegerText.Format(BigInteger.Abs(_integer), radix, upper);
        if (spec.Precision >= 0)
        {
            if (spec.Precision == 0 && _integer.IsZero)
            {
                digits = string.Empty;
            }
            else if (digits.Length < spec.Precision)
            {
                digits = digits.PadLeft(spec.Precision, '0');
            }
        }
        var sign = _integer.Sign < 0 ? "-" : spec.Plus ? "+" : spec.Space ? " " : string.Empty;
        if (spec.Zero && !spec.Minus && spec.Precision < 0 && spec.Width > 0)
        {
            var width = spec.Width - sign.Length - prefix.Length;
            if (digits.Length < width)
            {
                digits = digits.PadLeft(width, '0');
            }
        }
        return sign + prefix + digits;
    }

    private static string RuneText(BigInteger value) =>
        value >= 0 && value <= 0x10FFFF && !(value >= 0xD800 && value <= 0xDFFF) ? char.ConvertFromUtf32((int)value) : "\uFFFD";

    private string? RenderFloat(char verb, GoSpec spec)
    {
        string body;
        switch (verb)
        {
            case 'v':
            case 'g':
            case 'G':
                body = GoFloat.Format(_float, verb == 'G' ? 'G' : 'g', spec.Precision);
                break;
            case 'e':
            case 'E':
            case 'f':
            case 'F':
                body = GoFloat.Format(_float, verb, spec.Precision < 0 ? 6 : spec.Precision);
                break;
            default:
                return null;
        }
        if (body[0] != '-')
        {
            if (spec.Plus)
            {
                body = "+" + body;
            }
            else if (spec.Space)
            {
                body = " " + body;
            }
        }
        return body;
    }

    private string? RenderString(char verb, GoSpec spec)
    {
        var text = _string;
        switch (verb)
        {
            case 'v':
            case 's':
                return spec.Precision >= 0 ? Truncate(text, spec.Precision) : text;
            case 'q':
                return RegoText.Quote(spec.Precision >= 0 ? Truncate(text, spec.Precision) : text);
            case 'x':
            case 'X':
                var bytes = Encoding.UTF8.GetBytes(text);
                var sb = new StringBuilder(bytes.Length * 3);
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (spec.Space && i > 0)
                    {
                        sb.Append(' ');
                    }
                    sb.Append(bytes[i].ToString(verb == 'x' ? "x2" : "X2", CultureInfo.InvariantCulture));
                }
                return sb.ToString();
            default:
                return null;
        }
    }

    private static string Truncate(string text, int runes)
    {
        var sb = new StringBuilder();
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count++ >= runes)
            {
                break;
            }
            sb.Append(rune.ToString());
        }
        return sb.ToString();
    }
}
