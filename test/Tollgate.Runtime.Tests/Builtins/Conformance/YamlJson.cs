using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Runtime.Tests.Builtins.Conformance;

/// <summary>YAML documents of the conformance suite as JSON (plain scalars typed by YAML 1.2 core rules).</summary>
internal static class YamlJson
{
    public static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var pair in map.Children)
                {
                    obj[((YamlScalarNode)pair.Key).Value!] = Convert(pair.Value);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var child in seq.Children)
                {
                    array.Add(Convert(child));
                }
                return array;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? string.Empty;
                if (scalar.Style is ScalarStyle.Plain)
                {
                    switch (text)
                    {
                        case "null" or "~" or "":
                            return null;
                        case "true":
                            return JsonValue.Create(true);
                        case "false":
                            return JsonValue.Create(false);
                    }
                    if (LooksNumeric(text))
                    {
                        try
                        {
                            return JsonNode.Parse(text.StartsWith('+') ? text[1..] : text);
                        }
                        catch (System.Text.Json.JsonException)
                        {
                            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                            {
                                return JsonValue.Create(d);
                            }
                        }
                    }
                }
                return JsonValue.Create(text);
            default:
                return null;
        }
    }

    private static bool LooksNumeric(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E'))
            {
                return false;
            }
        }
        return char.IsAsciiDigit(text[^1]) || text[^1] == '.';
    }
}
