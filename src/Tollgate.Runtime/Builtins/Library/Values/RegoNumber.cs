using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Builtins.Library.Values;

/// <summary>
/// Numbers as OPA keeps them: arbitrary precision, exact integers. A number node's JSON text is its raw
/// value (big integers survive the dump), so arithmetic works on the text: BigInteger for integers,
/// decimal for short fractions, double only when neither fits.
/// </summary>
internal static class RegoNumber
{
    private static readonly NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private static readonly NumberStyles FloatStyle = NumberStyles.Float;

    public static string Text(JsonNode node) => node.ToJsonString();

    public static bool TryInt64(JsonNode node, out long value)
    {
        if (node is JsonValue v && v.TryGetValue(out value))
        {
            return true;
        }
        if (TryBigInteger(node, out var big) && big >= long.MinValue && big <= long.MaxValue)
        {
            value = (long)big;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Integer text ("12", "-3", also "1e3" or "2.0" when exactly integral).</summary>
    public static bool TryBigInteger(JsonNode node, out BigInteger value)
    {
        var text = Text(node);
        if (BigInteger.TryParse(text, IntegerStyle, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        if (decimal.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out var d) && decimal.Truncate(d) == d)
        {
            value = new BigInteger(d);
            return true;
        }
        return false;
    }

    public static bool IsInteger(JsonNode node) => TryBigInteger(node, out _);

    public static double ToDouble(JsonNode node) =>
        double.Parse(Text(node), FloatStyle, CultureInfo.InvariantCulture);

    public static bool TryDecimal(JsonNode node, out decimal value)
    {
        var text = Text(node);
        if (text.Contains('e', StringComparison.OrdinalIgnoreCase) && !text.Contains('.', StringComparison.Ordinal) && text.Length > 25)
        {
            value = 0;
            return false;
        }
        try
        {
            return decimal.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value);
        }
        catch (OverflowException)
        {
            value = 0;
            return false;
        }
    }

    public static JsonNode Of(long value) => JsonValue.Create(value);

    public static JsonNode Of(int value) => JsonValue.Create(value);

    public static JsonNode Of(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue
            ? JsonValue.Create((long)value)
            : JsonNode.Parse(value.ToString(CultureInfo.InvariantCulture))!;

    /// <summary>A decimal without trailing zeros, as an integer when it is one.</summary>
    public static JsonNode Of(decimal value)
    {
        if (decimal.Truncate(value) == value)
        {
            return Of(new BigInteger(value));
        }
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0');
        }
        return JsonNode.Parse(text)!;
    }

    /// <summary>A float, as an integer when it is integral (OPA prints 4.0 as 4). Non-finite values are undefined.</summary>
    public static JsonNode? Of(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return null;
        }
        if (Math.Floor(value) == value && Math.Abs(value) < 1e18)
        {
            return JsonValue.Create((long)value);
        }
        if (Math.Floor(value) == value)
        {
            return Of(new BigInteger(value));
        }
        return JsonNode.Parse(value.ToString("R", CultureInfo.InvariantCulture))!;
    }

    /// <summary>Numeric comparison that is exact for integers and decimals.</summary>
    public static int Compare(JsonNode a, JsonNode b)
    {
        if (TryBigInteger(a, out var ia) && TryBigInteger(b, out var ib))
        {
            return ia.CompareTo(ib);
        }
        if (TryDecimal(a, out var da) && TryDecimal(b, out var db))
        {
            return da.CompareTo(db);
        }
        return ToDouble(a).CompareTo(ToDouble(b));
    }

    public static JsonNode? Add(JsonNode a, JsonNode b) => Combine(a, b, '+');

    public static JsonNode? Subtract(JsonNode a, JsonNode b) => Combine(a, b, '-');

    public static JsonNode? Multiply(JsonNode a, JsonNode b) => Combine(a, b, '*');

    private static JsonNode? Combine(JsonNode a, JsonNode b, char op)
    {
        if (TryBigInteger(a, out var ia) && TryBigInteger(b, out var ib))
        {
            return Of(op switch { '+' => ia + ib, '-' => ia - ib, _ => ia * ib });
        }
        if (TryDecimal(a, out var da) && TryDecimal(b, out var db))
        {
            try
            {
                return Of(op switch { '+' => da + db, '-' => da - db, _ => da * db });
            }
            catch (OverflowException)
            {
                // Falls through to floating point, as OPA's big.Float would keep going.
            }
        }
        var x = ToDouble(a);
        var y = ToDouble(b);
        return Of(op switch { '+' => x + y, '-' => x - y, _ => x * y });
    }

    public static JsonNode? Divide(JsonNode a, JsonNode b, string builtin)
    {
        if (TryDecimal(b, out var db) && db == 0)
        {
            throw Args.Error(builtin, "divide by zero");
        }
        if (TryDecimal(a, out var da) && TryDecimal(b, out db))
        {
            try
            {
                var q = da / db;
                // decimal keeps 28 digits; a non-terminating quotient is better as a double (OPA rounds too).
                if (q * db == da)
                {
                    return Of(q);
                }
            }
            catch (OverflowException)
            {
            }
        }
        return Of(ToDouble(a) / ToDouble(b));
    }
}
