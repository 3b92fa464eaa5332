using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Collections;

/// <summary>
/// Type tests, type_name and the cast_* builtins. Sets are dumped as arrays before they reach the host,
/// so here a set reads as an array (is_set is false, type_name says "array"); modules answer these
/// natively with the real types.
/// </summary>
internal static class TypeBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("is_array", (a, _) => JsonValue.Create(a[0] is JsonArray));
        r.Register("is_set", (a, _) => JsonValue.Create(false));
        r.Register("is_object", (a, _) => JsonValue.Create(a[0] is JsonObject));
        r.Register("is_string", (a, _) => JsonValue.Create(RegoTypes.IsString(a[0])));
        r.Register("is_number", (a, _) => JsonValue.Create(RegoTypes.IsNumber(a[0])));
        r.Register("is_boolean", (a, _) => JsonValue.Create(RegoTypes.IsBoolean(a[0])));
        r.Register("is_null", (a, _) => JsonValue.Create(RegoTypes.Kind(a[0]) == System.Text.Json.JsonValueKind.Null));
        r.Register("type_name", (a, _) => JsonValue.Create(RegoTypes.Name(a[0])));
        r.Register("cast_array", (a, _) => a[0] is JsonArray array ? array.DeepClone() : throw BuiltinException.Type("cast_array", 1, "array", RegoTypes.Name(a[0])));
        r.Register("cast_set", (a, _) => a[0] is JsonArray array ? RegoSet.From(RegoSet.Elements(array)) : throw BuiltinException.Type("cast_set", 1, "set", RegoTypes.Name(a[0])));
        r.Register("cast_object", (a, _) => a[0] is JsonObject obj ? obj.DeepClone() : throw BuiltinException.Type("cast_object", 1, "object", RegoTypes.Name(a[0])));
        r.Register("cast_string", (a, _) => RegoTypes.IsString(a[0]) ? a[0]!.DeepClone() : throw BuiltinException.Type("cast_string", 1, "string", RegoTypes.Name(a[0])));
        r.Register("cast_boolean", (a, _) => RegoTypes.IsBoolean(a[0]) ? a[0]!.DeepClone() : throw BuiltinException.Type("cast_boolean", 1, "boolean", RegoTypes.Name(a[0])));
        r.Register("cast_null", (a, _) => RegoTypes.Kind(a[0]) == System.Text.Json.JsonValueKind.Null ? RegoNull.Create() : throw BuiltinException.Type("cast_null", 1, "null", RegoTypes.Name(a[0])));
    }
}
