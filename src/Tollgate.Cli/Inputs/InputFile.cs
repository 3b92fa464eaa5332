using System.Text;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Cli.Inputs;

/// <summary>Reads an input document (-i): JSON as is, YAML converted to JSON.</summary>
internal static class InputFile
{
    public static byte[] Read(string path)
    {
        if (!File.Exists(path)) throw new CliException($"{path}: no such file");
        var bytes = File.ReadAllBytes(path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".yaml" or ".yml")
        {
            try
            {
                var stream = new YamlStream();
                using var reader = new StreamReader(new MemoryStream(bytes));
                stream.Load(reader);
                var node = stream.Documents.Count == 0 ? null : Tollgate.Conformance.YamlDocuments.ToJson(stream.Documents[0].RootNode);
                return Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
            }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw new CliException($"{path}: invalid YAML: {ex.Message}");
            }
        }
        try
        {
            using var _ = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 512 });
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path}: invalid JSON: {ex.Message}");
        }
        return bytes;
    }
}
