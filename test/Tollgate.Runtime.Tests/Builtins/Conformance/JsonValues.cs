using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Tests.Builtins.Conformance;

/// <summary>Test-side value helpers: OPA's order (to build sets and compare results) and YAML scalars.</summary>
internal static class JsonValues
{
    public static JsonArray Set(List<JsonNode?> elements)
    {
        elements.Sort(Compare);
        var result = new JsonArray();
        for (var i = 0; i < elements.Count; i++)
        {
            if (i > 0 && Compare(elements[i - 1], elements[i]) == 0)
            {
                continue;
            }
            result.Add(elements[i]?.DeepClone());
        }
        return result;
    }

    private static int Rank(JsonNode? n) => n is null ? 0 : n.GetValueKind() switch
    {
        JsonValueKind.Null => 0,
        JsonValueKind.True or JsonValueKind.False => 1,
        JsonValueKind.Number => 2,
        JsonValueKind.String => 3,
        JsonValueKind.Array => 4,
        _ => 5,
    };

    public static int Compare(JsonNode? a, JsonNode? b)
    {
        var ra = Rank(a);
        var rb = Rank(b);
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }
        switch (ra)
        {
            case 0:
                return 0;
            case 1:
                return a!.GetValue<bool>().CompareTo(b!.GetValue<bool>());
            case 2:
                var ta = a!.ToJsonString();
                var tb = b!.ToJsonString();
                if (System.Numerics.BigInteger.TryParse(ta, out var ia) && System.Numerics.BigInteger.TryParse(tb, out var ib))
                {
                    return ia.CompareTo(ib);
                }
                if (decimal.TryParse(ta, NumberStyles.Float, CultureInfo.InvariantCulture, out var da) && decimal.TryParse(tb, NumberStyles.Float, CultureInfo.InvariantCulture, out var db))
                {
                    return da.CompareTo(db);
                }
                return double.Parse(ta, CultureInfo.InvariantCulture).CompareTo(double.Parse(tb, CultureInfo.InvariantCulture));
            case 3:
                return string.CompareOrdinal(a!.GetValue<string>(), b!.GetValue<string>());
            case 4:
                var xa = (JsonArray)a!;
                var xb = (JsonArray)b!;
                for (var i = 0; i < Math.Min(xa.Count, xb.Count); i++)
                {
                    var c = Compare(xa[i], xb[i]);
                    if (c != 0)
                    {
                        return c;
                    }
                }
                return xa.Count.CompareTo(xb.Count);
            default:
                var oa = (JsonObject)a!;
                var ob = (JsonObject)b!;
                var ka = oa.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                var kb = ob.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                for (var i = 0; i < Math.Min(ka.Count, kb.Count); i++)
                {
                    var c = string.CompareOrdinal(ka[i], kb[i]);
                    if (c != 0)
                    {
                        return c;
                    }
                    c = Compare(oa[ka[i]], ob[kb[i]]);
                    if (c != 0)
                    {
                        return c;
                    }
                }
                return ka.Count.CompareTo(kb.Count);
        }
    }

    /// <summary>Sorts every array recursively (the harness's sort_bindings and set-vs-array leniency).</summary>
    public static JsonNode? SortDeep(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                var items = array.Select(e => SortDeep(e?.DeepClone())).ToList();
                items.Sort(Compare);
                var result = new JsonArray();
                foreach (var item in items)
                {
                    result.Add(item);
                }
                return result;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var pair in obj)
                {
                    copy[pair.Key] = SortDeep(pair.Value?.DeepClone());
                }
                return copy;
            default:
                return node?.DeepClone();
        }
    }
}
