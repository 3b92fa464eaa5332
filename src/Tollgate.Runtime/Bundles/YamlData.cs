using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Runtime.Bundles;

/// <summary>Converts a YAML data file to JSON, resolving plain scalars with the YAML 1.2 core schema.</summary>
internal static class YamlData
{
    public static JsonNode? ToJson(string name, byte[] content)
    {
        try
        {
            var stream = new YamlStream();
            using var reader = new StringReader(Encoding.UTF8.GetString(content));
            stream.Load(reader);
            return stream.Documents.Count == 0 ? new JsonObject() : Convert(stream.Documents[0].RootNode);
        }
        catch (YamlException ex)
        {
            throw new BundleException($"{name} is not valid YAML: {ex.Message}", ex);
        }
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => ConvertSequence(sequence),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new BundleException($"unsupported YAML node {node.NodeType}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            string name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
            obj[name] = Convert(value);
        }
        return obj;
    }

    private static JsonArray ConvertSequence(YamlSequenceNode sequence)
    {
        var array = new JsonArray();
        foreach (var item in sequence.Children)
        {
            array.Add(Convert(item));
        }
        return array;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return JsonValue.Create(integer);
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real)
            && !double.IsInfinity(real) && !double.IsNaN(real) && text.Any(char.IsDigit))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(text);
    }
}
