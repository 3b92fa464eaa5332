using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Tollgate.Runtime.Builtins.Library.Values;

/// <summary>
/// A JSON null that is a real node. System.Text.Json represents null as a null reference, which the builtin
/// contract reserves for "undefined"; results such as json.unmarshal("null") need a defined null.
/// </summary>
internal static class RegoNull
{
    private static readonly JsonTypeInfo<Marker> TypeInfo = JsonMetadataServices.CreateValueInfo<Marker>(
        new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() }, new MarkerConverter());

    private static readonly Marker Instance = new();

    /// <summary>A fresh null node (a node can belong to one parent only).</summary>
    public static JsonNode Create() => JsonValue.Create(Instance, TypeInfo)!;

    /// <summary>The node to return for a value that may be JSON null.</summary>
    public static JsonNode Defined(JsonNode? value) => value ?? Create();

    // The attribute keeps the null encoding when a caller writes the node with its own serializer options.
    [JsonConverter(typeof(MarkerConverter))]
    private sealed class Marker;

    private sealed class MarkerConverter : JsonConverter<Marker>
    {
        public override Marker Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Instance;

        public override void Write(Utf8JsonWriter writer, Marker value, JsonSerializerOptions options) => writer.WriteNullValue();
    }
}
