using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Units;

/// <summary>
/// units.parse (SI and binary suffixes, case-sensitive: m = milli, M = mega) and units.parse_bytes
/// (case-insensitive, integer bytes). Arithmetic is exact: amounts are rationals until the result.
/// </summary>
internal static class UnitBuiltins
{
    private const int MaxExponent = 1000;

    public static void Register(BuiltinRegistry r)
    {
        r.Register("units.parse", Parse);
        r.Register("units.parse_bytes", ParseBytes);
    }

    private static JsonNode? Parse(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "units.parse";
        var (numerator, denominator, unit) = Split(Args.String(a, 0, Name), Name, "amount");
        if (unit.Length > 1)
        {
            // Only the first letter is case-sensitive: "m" is milli, "M" mega; "KI" means "Ki".
            unit = unit[..1] + unit[1..].ToLowerInvariant();
        }
        switch (unit)
        {
            case "": break;
            case "m": denominator *= 1000; break;
            case "k" or "K": numerator *= BigInteger.Pow(1000, 1); break;
            case "M": numerator *= BigInteger.Pow(1000, 2); break;
            case "G" or "g": numerator *= BigInteger.Pow(1000, 3); break;
            case "T" or "t": numerator *= BigInteger.Pow(1000, 4); break;
            case "P" or "p": numerator *= BigInteger.Pow(1000, 5); break;
            case "E" or "e": numerator *= BigInteger.Pow(1000, 6); break;
            case "Ki" or "ki": numerator *= BigInteger.Pow(1024, 1); break;
            case "Mi" or "mi": numerator *= BigInteger.Pow(1024, 2); break;
            case "Gi" or "gi": numerator *= BigInteger.Pow(1024, 3); break;
            case "Ti" or "ti": numerator *= BigInteger.Pow(1024, 4); break;
            case "Pi" or "pi": numerator *= BigInteger.Pow(1024, 5); break;
            case "Ei" or "ei": numerator *= BigInteger.Pow(1024, 6); break;
            default: throw Args.Error(Name, $"unit {unit} not recognized");
        }
        if (BigInteger.Remainder(numerator, denominator).IsZero)
        {
            return RegoNumber.Of(numerator / denominator);
        }
        return Fraction(numerator, denominator);
    }

    private static JsonNode? ParseBytes(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "units.parse_bytes";
        var (numerator, denominator, unit) = Split(Args.String(a, 0, Name).ToLowerInvariant(), Name, "byte amount");
        var power = unit switch
        {
            "" or "b" => (1, 0),
            "k" or "kb" => (1000, 1),
            "ki" or "kib" => (1024, 1),
            "m" or "mb" => (1000, 2),
            "mi" or "mib" => (1024, 2),
            "g" or "gb" => (1000, 3),
            "gi" or "gib" => (1024, 3),
            "t" or "tb" => (1000, 4),
            "ti" or "tib" => (1024, 4),
            "p" or "pb" => (1000, 5),
            "pi" or "pib" => (1024, 5),
            "e" or "eb" => (1000, 6),
            "ei" or "eib" => (1024, 6),
            _ => throw Args.Error(Name, $"byte unit {unit} not recognized"),
        };
        numerator *= BigInteger.Pow(power.Item1, power.Item2);
        return RegoNumber.Of(numerator / denominator);
    }

    /// <summary>Splits "1.5e3Ki" into the rational 1500/1 and the unit "Ki" (quotes are ignored, spaces are not).</summary>
    private static (BigInteger Numerator, BigInteger Denominator, string Unit) Split(string raw, string builtin, string what)
    {
        var text = raw.Replace("\"", string.Empty, StringComparison.Ordinal);
        if (text.Contains(' ', StringComparison.Ordinal))
        {
            throw Args.Error(builtin, "spaces not allowed in resource strings");
        }
        var negative = text.StartsWith('-');
        var i = negative || text.StartsWith('+') ? 1 : 0;
        var numberStart = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }
        var mantissa = text[numberStart..i];
        var exponent = 0;
        if (i + 1 < text.Length && text[i] is 'e' or 'E' && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] is '+' or '-' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))))
        {
            var start = ++i;
            if (text[i] is '+' or '-')
            {
                i++;
            }
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (!int.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > MaxExponent)
            {
                throw Args.Error(builtin, "exponent too large");
            }
        }
        if (mantissa.Length == 0)
        {
            throw Args.Error(builtin, $"no {what} provided");
        }
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (mantissa == "." || (dot >= 0 && mantissa.IndexOf('.', dot + 1) >= 0))
        {
            throw Args.Error(builtin, $"could not parse {what} to a number");
        }
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var numerator = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        var denominator = dot < 0 ? BigInteger.One : BigInteger.Pow(10, mantissa.Length - dot - 1);
        if (exponent > 0)
        {
            numerator *= BigInteger.Pow(10, exponent);
        }
        else if (exponent < 0)
        {
            denominator *= BigInteger.Pow(10, -exponent);
        }
        return (negative ? -numerator : numerator, denominator, text[i..]);
    }

    private static JsonNode? Fraction(BigInteger numerator, BigInteger denominator)
    {
        var sign = numerator.Sign < 0 ? "-" : string.Empty;
        var whole = BigInteger.DivRem(BigInteger.Abs(numerator), denominator, out var remainder);
        // Up to 30 fractional digits: enough for every unit, and exact whenever the value terminates.
        var digits = new System.Text.StringBuilder();
        for (var k = 0; k < 30 && !remainder.IsZero; k++)
        {
            remainder *= 10;
            digits.Append((char)('0' + (int)(remainder / denominator)));
            remainder %= denominator;
        }
        return JsonNode.Parse(sign + whole.ToString(CultureInfo.InvariantCulture) + "." + digits.ToString().TrimEnd('0'));
    }
}
