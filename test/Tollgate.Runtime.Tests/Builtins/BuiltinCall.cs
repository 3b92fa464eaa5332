using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins;

namespace Tollgate.Runtime.Tests.Builtins;

/// <summary>Calls a standard host builtin with arguments written as JSON text.</summary>
internal static class BuiltinCall
{
    private static readonly BuiltinRegistry Registry = BuiltinRegistry.CreateDefault();

    public static JsonNode? Invoke(string name, BuiltinContext context, params string[] jsonArgs)
    {
        Assert.True(Registry.TryGet(name, out var function), name);
        var args = new JsonNode?[jsonArgs.Length];
        for (var i = 0; i < jsonArgs.Length; i++)
        {
            args[i] = JsonNode.Parse(jsonArgs[i]);
        }
        return function(args, context);
    }

    public static JsonNode? Invoke(string name, params string[] jsonArgs) => Invoke(name, new BuiltinContext(), jsonArgs);

    /// <summary>The result as compact JSON text ("undefined" when the builtin is undefined).</summary>
    public static string Json(string name, params string[] jsonArgs) => Invoke(name, jsonArgs)?.ToJsonString(Readable) ?? "undefined";

    // A TypeInfoResolver is required to write defined-null result nodes with custom options.
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    public static string String(string name, params string[] jsonArgs) => Invoke(name, jsonArgs)!.GetValue<string>();

    public static BuiltinException Error(string name, params string[] jsonArgs) =>
        Assert.Throws<BuiltinException>(() => Invoke(name, jsonArgs));
}
