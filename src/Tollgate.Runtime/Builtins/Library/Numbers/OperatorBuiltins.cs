using System.Numerics;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Numbers;

/// <summary>
/// Operators under their builtin names (plus, minus, …, and/or on sets). Modules normally do these
/// natively; the host versions serve modules built against a runtime without them, and custom hosts.
/// </summary>
internal static class OperatorBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("plus", (a, _) => RegoNumber.Add(Args.Number(a, 0, "plus"), Args.Number(a, 1, "plus")));
        r.Register("minus", Minus);
        r.Register("mul", (a, _) => RegoNumber.Multiply(Args.Number(a, 0, "mul"), Args.Number(a, 1, "mul")));
        r.Register("div", (a, _) => RegoNumber.Divide(Args.Number(a, 0, "div"), Args.Number(a, 1, "div"), "div"));
        r.Register("rem", Remainder);
        r.Register("and", (a, _) => SetOperation(a, "and", keepShared: true));
        r.Register("or", Union);
        r.Register("equal", (a, _) => JsonValue.Create(RegoOrder.CompareValues(a[0], a[1]) == 0));
        r.Register("eq", (a, _) => JsonValue.Create(RegoOrder.CompareValues(a[0], a[1]) == 0));
        r.Register("neq", (a, _) => JsonValue.Create(RegoOrder.CompareValues(a[0], a[1]) != 0));
        r.Register("lt", (a, _) => JsonValue.Create(RegoOrder.CompareValues(a[0], a[1]) < 0));
        r.Register("lte", (a, _) => JsonValue.Create(RegoOrder.CompareValues(a[0], a[1]) <= 0));
        r.Register("gt", (a, _) => JsonValue.Create(RegoOrder.CompareValues(a[0], a[1]) > 0));
        r.Register("gte", (a, _) => JsonValue.Create(RegoOrder.CompareValues(a[0], a[1]) >= 0));
        r.Register("intersection", Intersection);
        r.Register("union", UnionOfSets);
        r.Register("set_diff", (a, _) => SetOperation(a, "set_diff", keepShared: false));
    }

    private static JsonNode? Minus(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        if (a[0] is JsonArray && a[1] is JsonArray)
        {
            return SetOperation(a, "minus", keepShared: false);
        }
        if (RegoTypes.IsNumber(a[0]) && RegoTypes.IsNumber(a[1]))
        {
            return RegoNumber.Subtract(a[0]!, a[1]!);
        }
        var bad = RegoTypes.IsNumber(a[0]) || a[0] is JsonArray ? 1 : 0;
        throw Args.OneOf("minus", bad, "number, set", a[bad]);
    }

    private static JsonNode? Remainder(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var x = Args.Number(a, 0, "rem");
        var y = Args.Number(a, 1, "rem");
        if (!RegoNumber.TryBigInteger(x, out var ix) || !RegoNumber.TryBigInteger(y, out var iy))
        {
            throw Args.Error("rem", "modulo on floating-point number");
        }
        if (iy.IsZero)
        {
            throw Args.Error("rem", "modulo by zero");
        }
        return RegoNumber.Of(BigInteger.Remainder(ix, iy));
    }

    private static JsonNode? SetOperation(ReadOnlySpan<JsonNode?> a, string builtin, bool keepShared)
    {
        var left = Args.Set(a, 0, builtin);
        var right = Args.Set(a, 1, builtin);
        var kept = new List<JsonNode?>();
        foreach (var element in left)
        {
            if (RegoSet.Contains(right, element) == keepShared)
            {
                kept.Add(element);
            }
        }
        return RegoSet.From(kept);
    }

    private static JsonNode? Union(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var all = RegoSet.Elements(Args.Set(a, 0, "or"));
        all.AddRange(RegoSet.Elements(Args.Set(a, 1, "or")));
        return RegoSet.From(all);
    }

    private static JsonNode? Intersection(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var sets = Args.Set(a, 0, "intersection");
        if (sets.Count == 0)
        {
            return new JsonArray();
        }
        var kept = new List<JsonNode?>();
        var first = sets[0] as JsonArray ?? throw BuiltinException.Type("intersection", 1, "set of sets", RegoTypes.Name(sets[0]));
        foreach (var element in first)
        {
            var everywhere = true;
            for (var i = 1; i < sets.Count && everywhere; i++)
            {
                var other = sets[i] as JsonArray ?? throw BuiltinException.Type("intersection", 1, "set of sets", RegoTypes.Name(sets[i]));
                everywhere = RegoSet.Contains(other, element);
            }
            if (everywhere)
            {
                kept.Add(element);
            }
        }
        return RegoSet.From(kept);
    }

    private static JsonNode? UnionOfSets(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var sets = Args.Set(a, 0, "union");
        var all = new List<JsonNode?>();
        foreach (var set in sets)
        {
            var members = set as JsonArray ?? throw BuiltinException.Type("union", 1, "set of sets", RegoTypes.Name(set));
            all.AddRange(RegoSet.Elements(members));
        }
        return RegoSet.From(all);
    }
}
