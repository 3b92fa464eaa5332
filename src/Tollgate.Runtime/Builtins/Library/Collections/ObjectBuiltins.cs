using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Collections;

/// <summary>
/// object.* builtins. Objects with non-string keys arrive with each key as its JSON text, so a non-string
/// key operand is looked up by its JSON text too.
/// </summary>
internal static class ObjectBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("object.get", Get);
        r.Register("object.keys", Keys);
        r.Register("object.remove", Remove);
        r.Register("object.filter", Filter);
        r.Register("object.union", (a, _) => Union(Args.Object(a, 0, "object.union"), Args.Object(a, 1, "object.union")));
        r.Register("object.union_n", UnionN);
        r.Register("object.subset", Subset);
    }

    /// <summary>The object key a Rego value stands for.</summary>
    internal static string KeyOf(JsonNode? key) =>
        key is JsonValue v && v.TryGetValue<string>(out var s) ? s : key?.ToJsonString() ?? "null";

    private static JsonNode? Get(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var obj = Args.Object(a, 0, "object.get");
        var key = a[1];
        var fallback = a[2];
        if (key is JsonArray path)
        {
            JsonNode? current = obj;
            foreach (var segment in path)
            {
                switch (current)
                {
                    case JsonObject o when o.TryGetPropertyValue(KeyOf(segment), out var child):
                        current = child;
                        break;
                    case JsonArray array when segment is not null && RegoTypes.IsNumber(segment) && RegoNumber.TryInt64(segment, out var index) && index >= 0 && index < array.Count:
                        current = array[(int)index];
                        break;
                    default:
                        return RegoNull.Defined(fallback?.DeepClone());
                }
            }
            return RegoNull.Defined(current?.DeepClone());
        }
        return obj.TryGetPropertyValue(KeyOf(key), out var value) ? RegoNull.Defined(value?.DeepClone()) : RegoNull.Defined(fallback?.DeepClone());
    }

    private static JsonNode? Keys(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var obj = Args.Object(a, 0, "object.keys");
        var keys = new List<JsonNode?>(obj.Count);
        foreach (var pair in obj)
        {
            keys.Add(JsonValue.Create(pair.Key));
        }
        return RegoSet.From(keys);
    }

    /// <summary>Keys named by an object's keys, or an array's or set's elements.</summary>
    private static HashSet<string> KeySet(ReadOnlySpan<JsonNode?> a, string builtin)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        switch (a[1])
        {
            case JsonObject keys:
                foreach (var pair in keys)
                {
                    set.Add(pair.Key);
                }
                break;
            case JsonArray keys:
                foreach (var key in keys)
                {
                    set.Add(KeyOf(key));
                }
                break;
            default:
                throw Args.OneOf(builtin, 1, "object, set, array", a[1]);
        }
        return set;
    }

    private static JsonNode? Remove(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var obj = Args.Object(a, 0, "object.remove");
        var remove = KeySet(a, "object.remove");
        var result = new JsonObject();
        foreach (var pair in obj)
        {
            if (!remove.Contains(pair.Key))
            {
                result[pair.Key] = pair.Value?.DeepClone();
            }
        }
        return result;
    }

    private static JsonNode? Filter(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var obj = Args.Object(a, 0, "object.filter");
        var keep = KeySet(a, "object.filter");
        var result = new JsonObject();
        foreach (var pair in obj)
        {
            if (keep.Contains(pair.Key))
            {
                result[pair.Key] = pair.Value?.DeepClone();
            }
        }
        return result;
    }

    /// <summary>Recursive merge; on conflicts the right-hand value wins unless both are objects.</summary>
    internal static JsonObject Union(JsonObject left, JsonObject right)
    {
        var result = new JsonObject();
        foreach (var pair in left)
        {
            result[pair.Key] = pair.Value?.DeepClone();
        }
        foreach (var pair in right)
        {
            if (result[pair.Key] is JsonObject l && pair.Value is JsonObject r)
            {
                result[pair.Key] = Union(l, r);
            }
            else
            {
                result[pair.Key] = pair.Value?.DeepClone();
            }
        }
        return result;
    }

    private static JsonNode? UnionN(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var objects = Args.Array(a, 0, "object.union_n");
        var result = new JsonObject();
        foreach (var item in objects)
        {
            if (item is not JsonObject obj)
            {
                throw new BuiltinException(BuiltinException.TypeError, $"object.union_n: operand 1 must be array of objects but got array containing {RegoTypes.Name(item)}");
            }
            result = Union(result, obj);
        }
        return result;
    }

    private static JsonNode? Subset(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var super = a[0];
        var sub = a[1];
        if (super is not (JsonObject or JsonArray))
        {
            throw Args.OneOf("object.subset", 0, "object, set, array", super);
        }
        if (sub is not (JsonObject or JsonArray))
        {
            throw Args.OneOf("object.subset", 1, "object, set, array", sub);
        }
        return JsonValue.Create(IsSubset(super, sub));
    }

    private static bool IsSubset(JsonNode? super, JsonNode? sub)
    {
        switch (super, sub)
        {
            case (JsonObject sup, JsonObject sb):
                foreach (var pair in sb)
                {
                    if (!sup.TryGetPropertyValue(pair.Key, out var value) || !IsSubset(value, pair.Value))
                    {
                        return false;
                    }
                }
                return true;
            case (JsonArray sup, JsonArray sb):
                return ContainsRun(sup, sb) || ContainsAll(sup, sb);
            default:
                return RegoOrder.AreEqual(super, sub);
        }
    }

    /// <summary>Arrays: sub appears as a contiguous run of super.</summary>
    private static bool ContainsRun(JsonArray super, JsonArray sub)
    {
        if (sub.Count == 0)
        {
            return true;
        }
        for (var start = 0; start + sub.Count <= super.Count; start++)
        {
            var all = true;
            for (var i = 0; i < sub.Count && all; i++)
            {
                all = RegoOrder.AreEqual(super[start + i], sub[i]);
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Sets arrive as sorted, duplicate-free arrays; when both operands look like that, set inclusion applies
    /// (a genuine array operand that happens to be sorted is indistinguishable from a set here).
    /// </summary>
    private static bool ContainsAll(JsonArray super, JsonArray sub)
    {
        if (!IsSortedSet(super) || !IsSortedSet(sub))
        {
            return false;
        }
        foreach (var e in sub)
        {
            if (!RegoSet.Contains(super, e))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsSortedSet(JsonArray array)
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
}
