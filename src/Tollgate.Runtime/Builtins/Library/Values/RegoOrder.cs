using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Builtins.Library.Values;

/// <summary>
/// OPA's total order over values: null &lt; boolean &lt; number &lt; string &lt; array &lt; object
/// (sets arrive as arrays). Arrays compare element-wise, objects by sorted keys then values.
/// </summary>
internal sealed class RegoOrder : IComparer<JsonNode?>, IEqualityComparer<JsonNode?>
{
    public static readonly RegoOrder Instance = new();

    public int Compare(JsonNode? x, JsonNode? y) => CompareValues(x, y);

    public bool Equals(JsonNode? x, JsonNode? y) => CompareValues(x, y) == 0;

    public int GetHashCode(JsonNode? obj) => Hash(obj);

    public static bool AreEqual(JsonNode? x, JsonNode? y) => CompareValues(x, y) == 0;

    private static int Rank(JsonNode? node) => RegoTypes.Kind(node) switch
    {
        JsonValueKind.Null => 0,
        JsonValueKind.False or JsonValueKind.True => 1,
        JsonValueKind.Number => 2,
        JsonValueKind.String => 3,
        JsonValueKind.Array => 4,
        _ => 5,
    };

    public static int CompareValues(JsonNode? x, JsonNode? y)
    {
        var rx = Rank(x);
        var ry = Rank(y);
        if (rx != ry)
        {
            return rx.CompareTo(ry);
        }
        switch (rx)
        {
            case 0:
                return 0;
            case 1:
                return x!.GetValue<bool>().CompareTo(y!.GetValue<bool>());
            case 2:
                return RegoNumber.Compare(x!, y!);
            case 3:
                return string.CompareOrdinal(x!.GetValue<string>(), y!.GetValue<string>());
            case 4:
                return CompareArrays((JsonArray)x!, (JsonArray)y!);
            default:
                return CompareObjects((JsonObject)x!, (JsonObject)y!);
        }
    }

    private static int CompareArrays(JsonArray a, JsonArray b)
    {
        var n = Math.Min(a.Count, b.Count);
        for (var i = 0; i < n; i++)
        {
            var c = CompareValues(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return a.Count.CompareTo(b.Count);
    }

    private static int CompareObjects(JsonObject a, JsonObject b)
    {
        var ka = SortedKeys(a);
        var kb = SortedKeys(b);
        var n = Math.Min(ka.Count, kb.Count);
        for (var i = 0; i < n; i++)
        {
            var c = string.CompareOrdinal(ka[i], kb[i]);
            if (c != 0)
            {
                return c;
            }
            c = CompareValues(a[ka[i]], b[kb[i]]);
            if (c != 0)
            {
                return c;
            }
        }
        return ka.Count.CompareTo(kb.Count);
    }

    public static List<string> SortedKeys(JsonObject obj)
    {
        var keys = new List<string>(obj.Count);
        foreach (var pair in obj)
        {
            keys.Add(pair.Key);
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static int Hash(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return 0;
            case JsonArray array:
                var h = 17;
                foreach (var e in array)
                {
                    h = (h * 31) + Hash(e);
                }
                return h;
            case JsonObject obj:
                var o = 19;
                foreach (var pair in obj)
                {
                    o ^= StringComparer.Ordinal.GetHashCode(pair.Key) + Hash(pair.Value);
                }
                return o;
            default:
                if (RegoTypes.IsNumber(node))
                {
                    return RegoNumber.ToDouble(node).GetHashCode();
                }
                return node.ToJsonString().GetHashCode(StringComparison.Ordinal);
        }
    }
}
