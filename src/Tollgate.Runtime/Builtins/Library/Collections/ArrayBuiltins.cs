using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Collections;

/// <summary>array.concat, array.reverse, array.slice (indices clamped as OPA does).</summary>
internal static class ArrayBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("array.concat", Concat);
        r.Register("array.reverse", Reverse);
        r.Register("array.slice", Slice);
    }

    private static JsonNode? Concat(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var left = Args.Array(a, 0, "array.concat");
        var right = Args.Array(a, 1, "array.concat");
        var result = new JsonArray();
        foreach (var e in left)
        {
            result.Add(e?.DeepClone());
        }
        foreach (var e in right)
        {
            result.Add(e?.DeepClone());
        }
        return result;
    }

    private static JsonNode? Reverse(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var array = Args.Array(a, 0, "array.reverse");
        var result = new JsonArray();
        for (var i = array.Count - 1; i >= 0; i--)
        {
            result.Add(array[i]?.DeepClone());
        }
        return result;
    }

    private static JsonNode? Slice(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var array = Args.Array(a, 0, "array.slice");
        var start = Args.Integer(a, 1, "array.slice");
        var stop = Args.Integer(a, 2, "array.slice");
        if (start < 0)
        {
            start = 0;
        }
        if (stop > array.Count)
        {
            stop = array.Count;
        }
        var result = new JsonArray();
        for (var i = start; i < stop; i++)
        {
            result.Add(array[(int)i]?.DeepClone());
        }
        return result;
    }
}
