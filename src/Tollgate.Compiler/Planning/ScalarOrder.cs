using System.Numerics;
using System.Text;
using Tollgate.Compiler.Ir;

namespace Tollgate.Compiler.Planning;

/// <summary>
/// OPA's order on the scalars the rule index uses (null &lt; booleans &lt; integers &lt; strings, strings by
/// UTF-8 bytes), which must agree with the runtime's tg_value_compare for the binary search.
/// </summary>
public static class ScalarOrder
{
    public static int Compare(IrScalar a, IrScalar b)
    {
        var rank = Rank(a).CompareTo(Rank(b));
        if (rank != 0) return rank;
        return a.Kind switch
        {
            ScalarKind.Null => 0,
            ScalarKind.Boolean => string.CompareOrdinal(a.Text, b.Text),
            ScalarKind.Number => BigInteger.Parse(a.Text, System.Globalization.CultureInfo.InvariantCulture)
                .CompareTo(BigInteger.Parse(b.Text, System.Globalization.CultureInfo.InvariantCulture)),
            _ => CompareUtf8(a.Text, b.Text),
        };
    }

    private static int Rank(IrScalar s) => s.Kind switch
    {
        ScalarKind.Null => 0,
        ScalarKind.Boolean => 1,
        ScalarKind.Number => 2,
        _ => 3,
    };

    private static int CompareUtf8(string a, string b)
    {
        var x = Encoding.UTF8.GetBytes(a);
        var y = Encoding.UTF8.GetBytes(b);
        return x.AsSpan().SequenceCompareTo(y);
    }
}
