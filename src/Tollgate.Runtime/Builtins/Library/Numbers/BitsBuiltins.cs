using System.Numerics;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Numbers;

/// <summary>bits.*: two's-complement operations on arbitrary-size integers, as Go's big.Int does them.</summary>
internal static class BitsBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("bits.and", (a, _) => RegoNumber.Of(Args.BigInteger(a, 0, "bits.and") & Args.BigInteger(a, 1, "bits.and")));
        r.Register("bits.or", (a, _) => RegoNumber.Of(Args.BigInteger(a, 0, "bits.or") | Args.BigInteger(a, 1, "bits.or")));
        r.Register("bits.xor", (a, _) => RegoNumber.Of(Args.BigInteger(a, 0, "bits.xor") ^ Args.BigInteger(a, 1, "bits.xor")));
        r.Register("bits.negate", (a, _) => RegoNumber.Of(-Args.BigInteger(a, 0, "bits.negate") - BigInteger.One));
        r.Register("bits.lsh", (a, _) => RegoNumber.Of(Args.BigInteger(a, 0, "bits.lsh") << Shift(a, "bits.lsh")));
        r.Register("bits.rsh", (a, _) => RegoNumber.Of(Args.BigInteger(a, 0, "bits.rsh") >> Shift(a, "bits.rsh")));
    }

    private static int Shift(ReadOnlySpan<JsonNode?> a, string builtin)
    {
        var amount = Args.BigInteger(a, 1, builtin);
        if (amount < 0)
        {
            throw new BuiltinException(BuiltinException.TypeError, $"{builtin}: operand 2 must be an unsigned integer number but got a negative integer");
        }
        if (amount > 1 << 20)
        {
            throw Args.Error(builtin, "shift amount too large");
        }
        return (int)amount;
    }
}
