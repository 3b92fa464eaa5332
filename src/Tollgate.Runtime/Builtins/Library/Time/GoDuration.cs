using System.Globalization;
using System.Numerics;

namespace Tollgate.Runtime.Builtins.Library.Time;

/// <summary>Go's time.ParseDuration: "1h2m3.5s", "-1.5h", "300ms", "2us"; int64 nanoseconds.</summary>
internal static class GoDuration
{
    public static long Parse(string text, string builtin)
    {
        var s = text;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i++;
        }
        if (s[i..] == "0")
        {
            return 0;
        }
        if (i >= s.Length)
        {
            throw Invalid(builtin, text);
        }
        var total = BigInteger.Zero;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
            var whole = s[start..i];
            var fraction = string.Empty;
            if (i < s.Length && s[i] == '.')
            {
                var fstart = ++i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }
                fraction = s[fstart..i];
            }
            if (whole.Length == 0 && fraction.Length == 0)
            {
                throw Invalid(builtin, text);
            }
            var ustart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }
            var unit = s[ustart..i];
            long scale = unit switch
            {
                "ns" => 1,
                "us" or "µs" or "μs" => 1_000,
                "ms" => 1_000_000,
                "s" => 1_000_000_000,
                "m" => 60_000_000_000,
                "h" => 3_600_000_000_000,
                "" => throw new BuiltinException($"{builtin}: time: missing unit in duration {Values.RegoText.Quote(text)}"),
                _ => throw new BuiltinException($"{builtin}: time: unknown unit {Values.RegoText.Quote(unit)} in duration {Values.RegoText.Quote(text)}"),
            };
            var value = (whole.Length == 0 ? BigInteger.Zero : BigInteger.Parse(whole, CultureInfo.InvariantCulture)) * scale;
            if (fraction.Length > 0)
            {
                value += BigInteger.Parse(fraction, CultureInfo.InvariantCulture) * scale / BigInteger.Pow(10, fraction.Length);
            }
            total += value;
        }
        if (negative)
        {
            total = -total;
        }
        if (total > long.MaxValue || total < long.MinValue)
        {
            throw new BuiltinException($"{builtin}: time: invalid duration {Values.RegoText.Quote(text)}");
        }
        return (long)total;
    }

    private static BuiltinException Invalid(string builtin, string text) =>
        new($"{builtin}: time: invalid duration {Values.RegoText.Quote(text)}");
}
