using System.Numerics;
using System.Text;

namespace Tollgate.Runtime.Builtins.Library.Strings;

/// <summary>Integers in base 2, 8, 10 or 16 with a leading minus, as Go's big.Int.Text prints them.</summary>
internal static class IntegerText
{
    public static string Format(BigInteger value, int radix, bool upper)
    {
        if (radix == 10)
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var negative = value.Sign < 0;
        var magnitude = BigInteger.Abs(value);
        if (magnitude.IsZero)
        {
            return "0";
        }
        var digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        var sb = new StringBuilder();
        while (!magnitude.IsZero)
        {
            sb.Insert(0, digits[(int)(magnitude % radix)]);
            magnitude /= radix;
        }
        if (negative)
        {
            sb.Insert(0, '-');
        }
        return sb.ToString();
    }
}
