using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tollgate.Runtime.Builtins.Library.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Runtime.Builtins.Library.Codecs;

/// <summary>
/// yaml.marshal / unmarshal / is_valid as OPA does them through sigs.k8s.io/yaml (go-yaml v2): YAML 1.1
/// scalar resolution on input (yes/no/on/off are booleans), block style with sorted keys on output.
/// </summary>
internal static partial class YamlBuiltins
{
    public static void Register(BuiltinRegistry r)
    {
        r.Register("yaml.marshal", (a, _) => JsonValue.Create(Marshal(a[0])));
        r.Register("yaml.unmarshal", (a, _) => RegoNull.Defined(Unmarshal(Args.String(a, 0, "yaml.unmarshal"), "yaml.unmarshal")));
        r.Register("yaml.is_valid", IsValid);
    }

    private static JsonNode? IsValid(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        if (a[0] is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return JsonValue.Create(false);
        }
        try
        {
            Unmarshal(text, "yaml.is_valid");
            return JsonValue.Create(true);
        }
        catch (BuiltinException)
        {
            return JsonValue.Create(false);
        }
    }

    public static JsonNode? Unmarshal(string text, string builtin)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var comma = message.IndexOf(", ", StringComparison.Ordinal);
            if (message.StartsWith("While ", StringComparison.Ordinal) && comma > 0)
            {
                message = message[(comma + 2)..];
            }
            throw Args.Error(builtin, $"yaml: line {Math.Max(1, e.Start.Line - (e.Start.Column <= 1 ? 1 : 0))}: {message.TrimEnd('.')}");
        }
        if (stream.Documents.Count == 0)
        {
            return null;
        }
        return Convert(stream.Documents[0].RootNode, builtin);
    }

    private static JsonNode? Convert(YamlNode node, string builtin)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var pair in map.Children)
                {
                    var key = Convert(pair.Key, builtin);
                    var name = key is JsonValue kv && kv.TryGetValue<string>(out var s) ? s : key?.ToJsonString() ?? "null";
                    if (pair.Key is YamlScalarNode { Value: "<<" } && pair.Value is YamlMappingNode merge)
                    {
                        foreach (var merged in (JsonObject)Convert(merge, builtin)!)
                        {
                            obj[merged.Key] ??= merged.Value?.DeepClone();
                        }
                        continue;
                    }
                    obj[name] = Convert(pair.Value, builtin);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var child in sequence.Children)
                {
                    array.Add(Convert(child, builtin));
                }
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw Args.Error(builtin, "yaml: unsupported node");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain || (scalar.Tag.IsEmpty == false && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return JsonValue.Create(text);
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return RegoNull.Create();
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return JsonValue.Create(false);
        }
        if (IntegerPattern().IsMatch(text))
        {
            var clean = text.Replace("_", string.Empty, StringComparison.Ordinal);
            if (clean.StartsWith("0x", StringComparison.Ordinal) || clean.StartsWith("-0x", StringComparison.Ordinal) || clean.StartsWith("+0x", StringComparison.Ordinal))
            {
                var negative = clean.StartsWith('-');
                var value = System.Numerics.BigInteger.Parse("0" + clean[(clean.IndexOf('x', StringComparison.Ordinal) + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return RegoNumber.Of(negative ? -value : value);
            }
            return JsonNode.Parse(clean.TrimStart('+'));
        }
        if (FloatPattern().IsMatch(text))
        {
            var clean = text.Replace("_", string.Empty, StringComparison.Ordinal).TrimStart('+');
            if (clean.StartsWith('.') || clean.StartsWith("-.", StringComparison.Ordinal) || clean.EndsWith('.'))
            {
                return RegoNumber.Of(double.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture));
            }
            return JsonNode.Parse(clean);
        }
        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?(0x[0-9a-fA-F_]+|0|[1-9][0-9_]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.?[0-9]*([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    public static string Marshal(JsonNode? value)
    {
        var sb = new StringBuilder();
        WriteBlock(sb, value, 0, inSequence: false);
        return sb.ToString();
    }

    private static void WriteBlock(StringBuilder sb, JsonNode? value, int indent, bool inSequence)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0:
                var first = true;
                foreach (var key in RegoOrder.SortedKeys(obj))
                {
                    if (!(first && inSequence))
                    {
                        sb.Append(' ', indent);
                    }
                    first = false;
                    sb.Append(ScalarText(key)).Append(':');
                    WriteValueAfterKey(sb, obj[key], indent);
                }
                return;
            case JsonArray array when array.Count > 0:
                var firstItem = true;
                foreach (var item in array)
                {
                    if (!(firstItem && inSequence))
                    {
                        sb.Append(' ', indent);
                    }
                    firstItem = false;
                    sb.Append("- ");
                    if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                    {
                        WriteBlock(sb, item, indent + 2, inSequence: true);
                    }
                    else
                    {
                        sb.Append(Inline(item)).Append('\n');
                    }
                }
                return;
            default:
                sb.Append(' ', inSequence ? 0 : indent).Append(Inline(value)).Append('\n');
                return;
        }
    }

    private static void WriteValueAfterKey(StringBuilder sb, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 }:
                sb.Append('\n');
                WriteBlock(sb, value, indent + 2, inSequence: false);
                return;
            case JsonArray { Count: > 0 }:
                // go-yaml v2 does not indent a sequence under its key.
                sb.Append('\n');
                WriteBlock(sb, value, indent, inSequence: false);
                return;
            default:
                sb.Append(' ').Append(Inline(value)).Append('\n');
                return;
        }
    }

    private static string Inline(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.TryGetValue<string>(out var s) => ScalarText(s),
        _ => value.ToJsonString(),
    };

    /// <summary>A string plain when it would read back as the same string, double-quoted otherwise.</summary>
    private static string ScalarText(string text)
    {
        var needsQuotes = text.Length == 0 || text != text.Trim() || Scalar(new YamlScalarNode(text) { Style = ScalarStyle.Plain }) is not JsonValue sv || !sv.TryGetValue<string>(out _)
            || text.IndexOfAny([':', '#', '\n', '\t', '"', '\'', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`']) >= 0
            || text.StartsWith('-') || text.StartsWith('?');
        if (!needsQuotes)
        {
            return text;
        }
        var sb = new StringBuilder();
        GoJson.WriteString(sb, text);
        return sb.ToString();
    }
}
