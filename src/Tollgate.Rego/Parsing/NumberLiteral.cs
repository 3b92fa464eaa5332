namespace Tollgate.Rego.Parsing;

/// <summary>Checks on number literals that OPA makes at parse time.</summary>
internal static class NumberLiteral
{
    /// <summary>Roughly OPA's limit (binary exponent beyond ±1e5, i.e. about ±30103 decimal digits).</summary>
    private const long MaxDecimalExponent = 30103;

    /// <summary>
    /// True when the literal's magnitude is absurd (e.g. <c>1e999999</c>): OPA rejects these with
    /// "number too big" so later stages never format or convert them at a huge cost.
    /// </summary>
    public static bool ExponentTooLarge(ReadOnlySpan<char> digits)
    {
        var e = digits.IndexOfAny('e', 'E');
        if (e < 0)
        {
            return digits.Length > MaxDecimalExponent;
        }
        long exponent = 0;
        var i = e + 1;
        var negative = false;
        if (i < digits.Length && (digits[i] == '+' || digits[i] == '-'))
        {
            negative = digits[i] == '-';
            i++;
        }
        for (; i < digits.Length; i++)
        {
            exponent = exponent * 10 + (digits[i] - '0');
            if (exponent > 10 * MaxDecimalExponent)
            {
                break;
            }
        }
        var integerDigits = digits[..e].IndexOf('.');
        long magnitude = (integerDigits < 0 ? e : integerDigits) + (negative ? -exponent : exponent);
        return magnitude > MaxDecimalExponent || magnitude < -MaxDecimalExponent;
    }
}
