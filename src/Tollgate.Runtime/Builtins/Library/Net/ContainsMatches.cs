using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Net;

/// <summary>
/// net.cidr_contains_matches: every (key of a CIDR, key of an address or CIDR) pair where the first contains
/// the second. Operands are a string, an array/set (key = index, or the element itself for sets), or an
/// object (key = object key); an element may be [cidr, extra...], whose first item is used.
/// </summary>
internal static class ContainsMatches
{
    private const string Name = "net.cidr_contains_matches";

    public static JsonNode? Invoke(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var cidrs = Entries(a[0], 0);
        var addresses = Entries(a[1], 1);
        var pairs = new List<JsonNode?>();
        foreach (var (cidrKey, cidrText) in cidrs)
        {
            var network = NetBuiltins.CidrOrIp(cidrText, Name);
            foreach (var (addressKey, addressText) in addresses)
            {
                if (network.Contains(NetBuiltins.CidrOrIp(addressText, Name)))
                {
                    pairs.Add(new JsonArray(cidrKey?.DeepClone(), addressKey?.DeepClone()));
                }
            }
        }
        return RegoSet.From(pairs);
    }

    private static List<(JsonNode? Key, string Text)> Entries(JsonNode? operand, int index)
    {
        var entries = new List<(JsonNode?, string)>();
        switch (operand)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                entries.Add((JsonValue.Create(s), s));
                break;
            case JsonArray array:
                // Sets arrive as arrays; OPA keys set elements by themselves and array elements by index.
                // Here the index is used, except for [cidr, ...] elements of a set-shaped operand.
                for (var i = 0; i < array.Count; i++)
                {
                    var text = ElementText(array[i], index);
                    var key = array[i] is JsonArray && LooksLikeSet(array) ? array[i] : RegoNumber.Of(i);
                    entries.Add((key, text));
                }
                break;
            case JsonObject obj:
                foreach (var pair in obj)
                {
                    entries.Add((JsonValue.Create(pair.Key), ElementText(pair.Value, index)));
                }
                break;
            default:
                throw Args.OneOf(Name, index, "string, array, set, object", operand);
        }
        return entries;
    }

    /// <summary>Sets are dumped sorted and without duplicates; a genuine array of pairs rarely is.</summary>
    private static bool LooksLikeSet(JsonArray array)
    {
        for (var i = 1; i < array.Count; i++)
        {
            if (RegoOrder.CompareValues(array[i - 1], array[i]) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    private static string ElementText(JsonNode? element, int index)
    {
        switch (element)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                return s;
            case JsonArray { Count: > 0 } array when array[0] is JsonValue first && first.TryGetValue<string>(out var t):
                return t;
            default:
                throw Args.Error(Name, $"operand {index + 1}: element must be string or non-empty array");
        }
    }
}
