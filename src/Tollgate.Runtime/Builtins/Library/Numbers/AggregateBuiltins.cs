using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Numbers;

/// <summary>count, sum, product, max, min, sort, all, any over arrays and sets (sets arrive as arrays).</summary>
internal static class AggregateBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("count", Count);
        r.Register("sum", (a, _) => Fold(a, "sum", product: false));
        r.Register("product", (a, _) => Fold(a, "product", product: true));
        r.Register("max", (a, _) => Extreme(a, "max", sign: 1));
        r.Register("min", (a, _) => Extreme(a, "min", sign: -1));
        r.Register("sort", Sort);
        r.Register("all", (a, _) => Quantify(a, "all", every: true));
        r.Register("any", (a, _) => Quantify(a, "any", every: false));
    }

    private static JsonNode? Count(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        switch (a[0])
        {
            case JsonArray array:
                return RegoNumber.Of(array.Count);
            case JsonObject obj:
                return RegoNumber.Of(obj.Count);
            case JsonValue v when v.TryGetValue<string>(out var s):
                return RegoNumber.Of(RuneCount(s));
            default:
                throw Args.OneOf("count", 0, "array, object, set, string", a[0]);
        }
    }

    private static int RuneCount(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            n++;
        }
        return n;
    }

    private static JsonArray Collection(ReadOnlySpan<JsonNode?> a, string builtin) =>
        a[0] as JsonArray ?? throw Args.OneOf(builtin, 0, "set, array", a[0]);

    private static JsonNode? Fold(ReadOnlySpan<JsonNode?> a, string builtin, bool product)
    {
        var items = Collection(a, builtin);
        JsonNode? total = RegoNumber.Of(product ? 1 : 0);
        foreach (var item in items)
        {
            if (!RegoTypes.IsNumber(item))
            {
                throw new BuiltinException(BuiltinException.TypeError, $"{builtin}: operand 1 must be one of {{set, array}} containing numbers but got {RegoTypes.Name(item)}");
            }
            total = product ? RegoNumber.Multiply(total!, item!) : RegoNumber.Add(total!, item!);
            if (total is null)
            {
                return null;
            }
        }
        return total;
    }

    private static JsonNode? Extreme(ReadOnlySpan<JsonNode?> a, string builtin, int sign)
    {
        var items = Collection(a, builtin);
        if (items.Count == 0)
        {
            return null;
        }
        var best = items[0];
        for (var i = 1; i < items.Count; i++)
        {
            if (RegoOrder.CompareValues(items[i], best) * sign > 0)
            {
                best = items[i];
            }
        }
        return best?.DeepClone();
    }

    private static JsonNode? Sort(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var items = Collection(a, "sort");
        var list = RegoSet.Elements(items);
        list.Sort(RegoOrder.Instance);
        var result = new JsonArray();
        foreach (var item in list)
        {
            result.Add(item?.DeepClone());
        }
        return result;
    }

    private static JsonNode? Quantify(ReadOnlySpan<JsonNode?> a, string builtin, bool every)
    {
        var items = Collection(a, builtin);
        foreach (var item in items)
        {
            var isTrue = RegoTypes.Kind(item) == JsonValueKind.True;
            if (every && !isTrue)
            {
                return JsonValue.Create(false);
            }
            if (!every && isTrue)
            {
                return JsonValue.Create(true);
            }
        }
        return JsonValue.Create(every);
    }
}
