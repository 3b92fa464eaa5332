using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Compiler;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Cli.Inputs;

/// <summary>
/// The policy files and data named on a command line, loaded as OPA does: .rego files anywhere; a .json
/// or .yaml file named directly is data at the root; inside a directory, only data.json / data.yaml files
/// count, mounted at their directory's path below the directory named.
/// </summary>
internal sealed class PolicyInputs
{
    public List<SourceFile> Modules { get; } = [];
    public DataDocument Data { get; } = new();
    public bool HasData { get; private set; }

    public static PolicyInputs Load(IEnumerable<string> paths)
    {
        var inputs = new PolicyInputs();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                inputs.LoadDirectory(path);
            }
            else if (File.Exists(path))
            {
                inputs.LoadFile(path, Path.GetFileName(path), [], direct: true);
            }
            else
            {
                throw new CliException($"{path}: no such file or directory");
            }
        }
        return inputs;
    }

    private void LoadDirectory(string root)
    {
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var dir = Path.GetDirectoryName(relative)?.Replace('\\', '/') ?? "";
            var mount = dir.Length == 0 ? [] : dir.Split('/');
            LoadFile(file, relative, mount, direct: false);
        }
    }

    private void LoadFile(string file, string name, string[] mount, bool direct)
    {
        var fileName = Path.GetFileName(file);
        var ext = Path.GetExtension(file).ToLowerInvariant();
        if (ext == ".rego")
        {
            Modules.Add(new SourceFile { Name = name, Text = File.ReadAllText(file) });
            return;
        }
        var isData = direct ? ext is ".json" or ".yaml" or ".yml" : fileName is "data.json" or "data.yaml" or "data.yml";
        if (!isData) return;
        JsonNode? value = ext == ".json" ? ParseJson(file) : ParseYaml(file);
        Data.Mount(mount, value, file);
        HasData = true;
    }

    private static JsonNode? ParseJson(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(file), documentOptions: new JsonDocumentOptions { MaxDepth = 512 });
        }
        catch (JsonException ex)
        {
            throw new CliException($"{file}: invalid JSON: {ex.Message}");
        }
    }

    private static JsonNode? ParseYaml(string file)
    {
        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            return stream.Documents.Count == 0 ? null : Tollgate.Conformance.YamlDocuments.ToJson(stream.Documents[0].RootNode);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new CliException($"{file}: invalid YAML: {ex.Message}");
        }
    }
}
