using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Builtins.Library.Values;

/// <summary>
/// Sets travel as JSON arrays; a set result is built here sorted and without duplicates, the order OPA
/// dumps sets in, so results compare equal to OPA's.
/// </summary>
internal static class RegoSet
{
    public static JsonArray From(List<JsonNode?> elements)
    {
        elements.Sort(RegoOrder.Instance);
        var result = new JsonArray();
        JsonNode? previous = null;
        var first = true;
        foreach (var element in elements)
        {
            if (!first && RegoOrder.AreEqual(previous, element))
            {
                continue;
            }
            first = false;
            previous = element;
            result.Add(Clone(element));
        }
        return result;
    }

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static bool Contains(JsonArray set, JsonNode? value)
    {
        foreach (var element in set)
        {
            if (RegoOrder.AreEqual(element, value))
            {
                return true;
            }
        }
        return false;
    }

    public static List<JsonNode?> Elements(JsonArray array)
    {
        var list = new List<JsonNode?>(array.Count);
        foreach (var element in array)
        {
            list.Add(element);
        }
        return list;
    }
}
