using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Versions;

/// <summary>semver.is_valid and semver.compare under Semantic Versioning 2.0.0 precedence rules.</summary>
internal static partial class SemverBuiltins
{
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Pattern();

    public static void Register(BuiltinRegistry r)
    {
        r.Register("semver.is_valid", (a, _) => JsonValue.Create(a[0] is JsonValue v && v.TryGetValue<string>(out var s) && Pattern().IsMatch(s)));
        r.Register("semver.compare", Compare);
    }

    private static JsonNode? Compare(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var x = Version(a, 0);
        var y = Version(a, 1);
        for (var i = 1; i <= 3; i++)
        {
            var c = BigInteger.Parse(x.Groups[i].Value, CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(y.Groups[i].Value, CultureInfo.InvariantCulture));
            if (c != 0)
            {
                return RegoNumber.Of(Math.Sign(c));
            }
        }
        return RegoNumber.Of(ComparePrerelease(x.Groups[4].Value, y.Groups[4].Value));
    }

    private static Match Version(ReadOnlySpan<JsonNode?> a, int index)
    {
        var text = Args.String(a, index, "semver.compare");
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            throw Args.Error("semver.compare", $"operand {index + 1}: string {RegoText.Quote(text)} is not a valid SemVer");
        }
        return match;
    }

    /// <summary>A version without pre-release ranks higher; identifiers compare numerically or lexically.</summary>
    private static int ComparePrerelease(string x, string y)
    {
        if (x.Length == 0 || y.Length == 0)
        {
            return x.Length == y.Length ? 0 : x.Length == 0 ? 1 : -1;
        }
        var xs = x.Split('.');
        var ys = y.Split('.');
        for (var i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            var xNumeric = BigInteger.TryParse(xs[i], NumberStyles.None, CultureInfo.InvariantCulture, out var xn);
            var yNumeric = BigInteger.TryParse(ys[i], NumberStyles.None, CultureInfo.InvariantCulture, out var yn);
            int c;
            if (xNumeric && yNumeric)
            {
                c = xn.CompareTo(yn);
            }
            else if (xNumeric != yNumeric)
            {
                c = xNumeric ? -1 : 1;
            }
            else
            {
                c = string.CompareOrdinal(xs[i], ys[i]);
            }
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }
        return Math.Sign(xs.Length.CompareTo(ys.Length));
    }
}
