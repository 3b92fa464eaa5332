using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.Conformance;

/// <summary>
/// Compares JSON values as Rego values: numbers by numeric value (1 == 1.0, big integers exact),
/// objects regardless of key order, arrays in order. Also gives a canonical text for set comparison.
/// </summary>
public static class JsonValueComparer
{
    public static bool Equal(JsonNode? a, JsonNode? b) => Canonical(a) == Canonical(b);

    /// <summary>A canonical text: object keys sorted, numbers normalized.</summary>
    public static string Canonical(JsonNode? node)
    {
        var sb = new System.Text.StringBuilder();
        Write(sb, node, asDoubles: false);
        return sb.ToString();
    }

    /// <summary>
    /// Canonical text with every number rounded to a double, for comparing with a client that parses JSON
    /// numbers as doubles (JavaScript's JSON.parse loses integers beyond 2^53).
    /// </summary>
    public static string CanonicalAsDoubles(JsonNode? node)
    {
        var sb = new System.Text.StringBuilder();
        Write(sb, node, asDoubles: true);
        return sb.ToString();
    }

    private static void Write(System.Text.StringBuilder sb, JsonNode? node, bool asDoubles)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                var keys = new List<string>();
                foreach (var kv in obj) keys.Add(kv.Key);
                keys.Sort(StringComparer.Ordinal);
                sb.Append('{');
                for (var i = 0; i < keys.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append(JsonSerializer.Serialize(keys[i])).Append(':');
                    Write(sb, obj[keys[i]], asDoubles);
                }
                sb.Append('}');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, arr[i], asDoubles);
                }
                sb.Append(']');
                break;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.Number:
                        sb.Append(asDoubles && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                            ? d.ToString("R", CultureInfo.InvariantCulture)
                            : NormalizeNumber(v.ToJsonString()));
                        break;
                    case JsonValueKind.String:
                        sb.Append(JsonSerializer.Serialize(v.GetValue<string>()));
                        break;
                    default:
                        sb.Append(v.ToJsonString());
                        break;
                }
                break;
        }
    }

    /// <summary>Numbers equal in value get the same text: integers exactly, others via decimal or double.</summary>
    public static string NormalizeNumber(string raw)
    {
        if (BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
        {
            return big.ToString(CultureInfo.InvariantCulture);
        }
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var dec))
        {
            if (dec == decimal.Truncate(dec))
            {
                return new BigInteger(dec).ToString(CultureInfo.InvariantCulture);
            }
            return dec.ToString("G29", CultureInfo.InvariantCulture);
        }
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d))
        {
            return d.ToString("R", CultureInfo.InvariantCulture);
        }
        return raw.ToLowerInvariant();
    }
}
