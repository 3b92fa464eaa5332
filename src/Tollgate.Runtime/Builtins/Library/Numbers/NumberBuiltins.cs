using System.Numerics;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Numbers;

/// <summary>Rounding, ranges and rand.intn. Integers stay exact (BigInteger) whatever their size.</summary>
internal static class NumberBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("abs", (a, _) => Round(a, "abs", MidpointRounding.ToZero, abs: true));
        r.Register("ceil", (a, _) => Round(a, "ceil", MidpointRounding.ToPositiveInfinity, abs: false));
        r.Register("floor", (a, _) => Round(a, "floor", MidpointRounding.ToNegativeInfinity, abs: false));
        r.Register("round", (a, _) => Round(a, "round", MidpointRounding.AwayFromZero, abs: false));
        r.Register("numbers.range", Range);
        r.Register("numbers.range_step", RangeStep);
        r.Register("rand.intn", RandIntN);
    }

    private static JsonNode? Round(ReadOnlySpan<JsonNode?> a, string builtin, MidpointRounding mode, bool abs)
    {
        var number = Args.Number(a, 0, builtin);
        if (RegoNumber.TryBigInteger(number, out var integer))
        {
            return RegoNumber.Of(abs ? BigInteger.Abs(integer) : integer);
        }
        if (RegoNumber.TryDecimal(number, out var d))
        {
            if (abs)
            {
                return RegoNumber.Of(Math.Abs(d));
            }
            return RegoNumber.Of(mode switch
            {
                MidpointRounding.ToPositiveInfinity => Math.Ceiling(d),
                MidpointRounding.ToNegativeInfinity => Math.Floor(d),
                _ => Math.Round(d, MidpointRounding.AwayFromZero),
            });
        }
        var x = RegoNumber.ToDouble(number);
        return RegoNumber.Of(abs ? Math.Abs(x) : mode switch
        {
            MidpointRounding.ToPositiveInfinity => Math.Ceiling(x),
            MidpointRounding.ToNegativeInfinity => Math.Floor(x),
            _ => Math.Round(x, MidpointRounding.AwayFromZero),
        });
    }

    private static BigInteger IntegerOperand(ReadOnlySpan<JsonNode?> a, int index, string builtin)
    {
        var number = Args.Number(a, index, builtin);
        if (!RegoNumber.TryBigInteger(number, out var value))
        {
            throw Args.Error(builtin, $"operand {index + 1} must be integer number but got floating-point number");
        }
        return value;
    }

    private static JsonNode? Range(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var from = IntegerOperand(a, 0, "numbers.range");
        var to = IntegerOperand(a, 1, "numbers.range");
        return Sequence(from, to, BigInteger.One);
    }

    private static JsonNode? RangeStep(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var from = IntegerOperand(a, 0, "numbers.range_step");
        var to = IntegerOperand(a, 1, "numbers.range_step");
        var step = IntegerOperand(a, 2, "numbers.range_step");
        if (step <= 0)
        {
            throw Args.Error("numbers.range_step", "step must be a positive integer");
        }
        return Sequence(from, to, step);
    }

    private static JsonArray Sequence(BigInteger from, BigInteger to, BigInteger step)
    {
        var result = new JsonArray();
        if (from <= to)
        {
            for (var i = from; i <= to; i += step)
            {
                result.Add(RegoNumber.Of(i));
            }
        }
        else
        {
            for (var i = from; i >= to; i -= step)
            {
                result.Add(RegoNumber.Of(i));
            }
        }
        return result;
    }

    /// <summary>The same (string, n) pair yields the same number for the whole evaluation.</summary>
    private static JsonNode? RandIntN(ReadOnlySpan<JsonNode?> a, BuiltinContext context)
    {
        var key = Args.String(a, 0, "rand.intn");
        var n = Args.Integer(a, 1, "rand.intn");
        if (n == 0)
        {
            return RegoNumber.Of(0);
        }
        if (n < 0)
        {
            n = -n;
        }
        var cacheKey = "rand.intn\u0000" + key + "\u0000" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.Cache.TryGetValue(cacheKey, out var cached) && cached is long value)
        {
            return RegoNumber.Of(value);
        }
        value = Random.Shared.NextInt64(n);
        context.Cache[cacheKey] = value;
        return RegoNumber.Of(value);
    }
}
