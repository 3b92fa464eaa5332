using System.Numerics;
using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Builtins.Library.Values;

/// <summary>Operand accessors that raise OPA's type errors ("name: operand N must be T but got U").</summary>
internal static class Args
{
    public static string String(ReadOnlySpan<JsonNode?> args, int index, string builtin)
    {
        var node = args[index];
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }
        throw BuiltinException.Type(builtin, index + 1, "string", RegoTypes.Name(node));
    }

    public static JsonNode Number(ReadOnlySpan<JsonNode?> args, int index, string builtin)
    {
        var node = args[index];
        if (RegoTypes.IsNumber(node))
        {
            return node!;
        }
        throw BuiltinException.Type(builtin, index + 1, "number", RegoTypes.Name(node));
    }

    public static double Double(ReadOnlySpan<JsonNode?> args, int index, string builtin) =>
        RegoNumber.ToDouble(Number(args, index, builtin));

    /// <summary>An integer operand; OPA rejects fractional values with its own wording.</summary>
    public static long Integer(ReadOnlySpan<JsonNode?> args, int index, string builtin)
    {
        var node = Number(args, index, builtin);
        if (RegoNumber.TryInt64(node, out var value))
        {
            return value;
        }
        throw new BuiltinException(BuiltinException.TypeError, $"{builtin}: operand {index + 1} must be integer number but got floating-point number");
    }

    public static BigInteger BigInteger(ReadOnlySpan<JsonNode?> args, int index, string builtin)
    {
        var node = Number(args, index, builtin);
        if (RegoNumber.TryBigInteger(node, out var value))
        {
            return value;
        }
        throw new BuiltinException(BuiltinException.TypeError, $"{builtin}: operand {index + 1} must be integer number but got floating-point number");
    }

    public static bool Boolean(ReadOnlySpan<JsonNode?> args, int index, string builtin)
    {
        var node = args[index];
        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
        {
            return flag;
        }
        throw BuiltinException.Type(builtin, index + 1, "boolean", RegoTypes.Name(node));
    }

    public static JsonArray Array(ReadOnlySpan<JsonNode?> args, int index, string builtin)
    {
        if (args[index] is JsonArray array)
        {
            return array;
        }
        throw BuiltinException.Type(builtin, index + 1, "array", RegoTypes.Name(args[index]));
    }

    /// <summary>A set operand: sets are dumped as JSON arrays, so any array is accepted.</summary>
    public static JsonArray Set(ReadOnlySpan<JsonNode?> args, int index, string builtin)
    {
        if (args[index] is JsonArray array)
        {
            return array;
        }
        throw BuiltinException.Type(builtin, index + 1, "set", RegoTypes.Name(args[index]));
    }

    public static JsonObject Object(ReadOnlySpan<JsonNode?> args, int index, string builtin)
    {
        if (args[index] is JsonObject obj)
        {
            return obj;
        }
        throw BuiltinException.Type(builtin, index + 1, "object", RegoTypes.Name(args[index]));
    }

    /// <summary>The "one of {…}" form OPA uses for operands that accept several types.</summary>
    public static BuiltinException OneOf(string builtin, int index, string types, JsonNode? got) =>
        new(BuiltinException.TypeError, $"{builtin}: operand {index + 1} must be one of {{{types}}} but got {RegoTypes.Name(got)}");

    /// <summary>Strings of an array (or set) operand; OPA words non-string elements its own way.</summary>
    public static List<string> Strings(JsonArray array, string builtin, int index)
    {
        var list = new List<string>(array.Count);
        foreach (var element in array)
        {
            if (element is JsonValue value && value.TryGetValue<string>(out var text))
            {
                list.Add(text);
                continue;
            }
            throw new BuiltinException(BuiltinException.TypeError, $"{builtin}: operand {index + 1} must be array of strings but got array containing {RegoTypes.Name(element)}");
        }
        return list;
    }

    public static BuiltinException Error(string builtin, string message) => new(BuiltinException.BuiltinError, $"{builtin}: {message}");
}
