using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Conformance;

/// <summary>Public entry to the YAML → JSON conversion used for conformance files and YAML data files.</summary>
public static class YamlDocuments
{
    public static JsonNode? ToJson(YamlNode node) => YamlJson.ToJson(node);
}
