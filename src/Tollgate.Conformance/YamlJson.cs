using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Conformance;

/// <summary>Converts YAML nodes to JSON with YAML 1.2 core-schema scalar resolution (as Go's yaml does for these files).</summary>
internal static partial class YamlJson
{
    public static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    obj[((YamlScalarNode)k).Value ?? ""] = ToJson(v);
                }
                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                foreach (var item in seq.Children)
                {
                    arr.Add(ToJson(item));
                }
                return arr;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new InvalidDataException($"unsupported YAML node at {node.Start}");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
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
        if (IntegerPattern().IsMatch(text) || FloatPattern().IsMatch(text))
        {
            // Keep the number's text exactly (big integers must survive).
            return JsonNode.Parse(NormalizeNumber(text));
        }
        return JsonValue.Create(text);
    }

    private static string NormalizeNumber(string text)
    {
        var t = text.StartsWith('+') ? text[1..] : text;
        if (t.StartsWith('.')) t = "0" + t;
        if (t.StartsWith("-.", StringComparison.Ordinal)) t = "-0" + t[1..];
        if (t.EndsWith('.')) t += "0";
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? t : text;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
