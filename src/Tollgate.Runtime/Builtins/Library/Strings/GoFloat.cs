using System.Globalization;
using System.Text;

namespace Tollgate.Runtime.Builtins.Library.Strings;

/// <summary>
/// Go's strconv float formatting (verbs e, E, f, F, g, G; precision -1 = shortest round-trip digits),
/// which sprintf and OPA's number printing follow.
/// </summary>
internal static class GoFloat
{
    public static string Format(double value, char verb, int precision)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var magnitude = Math.Abs(value);
        string body;
        switch (verb)
        {
            case 'e':
            case 'E':
                body = precision < 0 ? Exponent(Shortest(magnitude), -1, verb) : Exponent(Rounded(magnitude, precision + 1), precision, verb);
                break;
            case 'f':
            case 'F':
                body = precision < 0 ? Fixed(Shortest(magnitude), -1) : magnitude.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                break;
            default:
                body = General(magnitude, precision, verb == 'G' ? 'E' : 'e');
                break;
        }
        return negative ? "-" + body : body;
    }

    /// <summary>Decimal digits (no leading zeros) and the position of the decimal point.</summary>
    private readonly record struct Digits(string Mantissa, int Point);

    private static Digits Shortest(double magnitude)
    {
        if (magnitude == 0)
        {
            return new Digits("0", 1);
        }
        return Parse(magnitude.ToString("R", CultureInfo.InvariantCulture));
    }

    private static Digits Rounded(double magnitude, int significant)
    {
        if (magnitude == 0)
        {
            return new Digits(new string('0', significant), 1);
        }
        return Parse(magnitude.ToString("E" + (significant - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static Digits Parse(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? text : text[..dot];
        var fracPart = dot < 0 ? string.Empty : text[(dot + 1)..];
        var digits = intPart + fracPart;
        var point = intPart.Length + exponent;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
            point--;
        }
        return new Digits(digits[lead..], point);
    }

    private static string Exponent(Digits d, int precision, char e)
    {
        var sb = new StringBuilder();
        sb.Append(d.Mantissa[0]);
        var fraction = d.Mantissa[1..];
        if (precision < 0)
        {
            fraction = fraction.TrimEnd('0');
        }
        else if (fraction.Length < precision)
        {
            fraction = fraction.PadRight(precision, '0');
        }
        if (fraction.Length > 0)
        {
            sb.Append('.').Append(fraction);
        }
        var exp = d.Mantissa == "0" ? 0 : d.Point - 1;
        sb.Append(e).Append(exp < 0 ? '-' : '+');
        var abs = Math.Abs(exp);
        sb.Append(abs < 10 ? "0" + abs.ToString(CultureInfo.InvariantCulture) : abs.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string Fixed(Digits d, int fractionDigits)
    {
        var sb = new StringBuilder();
        if (d.Point <= 0)
        {
            sb.Append('0');
        }
        else
        {
            for (var i = 0; i < d.Point; i++)
            {
                sb.Append(i < d.Mantissa.Length ? d.Mantissa[i] : '0');
            }
        }
        var fraction = new StringBuilder();
        for (var i = d.Point; i < d.Mantissa.Length; i++)
        {
            fraction.Append(i < 0 ? '0' : d.Mantissa[i]);
        }
        var f = fraction.ToString();
        if (fractionDigits >= 0)
        {
            f = f.Length > fractionDigits ? f[..fractionDigits] : f.PadRight(fractionDigits, '0');
        }
        if (f.Length > 0)
        {
            sb.Append('.').Append(f);
        }
        return sb.ToString();
    }

    private static string General(double magnitude, int precision, char e)
    {
        var shortest = precision < 0;
        var digits = shortest ? Shortest(magnitude) : Rounded(magnitude, precision == 0 ? 1 : precision);
        if (!shortest)
        {
            // %g drops trailing zeros of the rounded digits.
            var trimmed = digits.Mantissa.TrimEnd('0');
            digits = new Digits(trimmed.Length == 0 ? "0" : trimmed, digits.Point);
        }
        var eprec = shortest ? 6 : (precision == 0 ? 1 : precision);
        if (!shortest && eprec > digits.Mantissa.Length && digits.Mantissa.Length >= digits.Point)
        {
            eprec = digits.Mantissa.Length;
        }
        var exp = digits.Point - 1;
        if (magnitude != 0 && (exp < -4 || exp >= eprec))
        {
            return Exponent(digits, -1, e);
        }
        return Fixed(digits, -1);
    }
}
