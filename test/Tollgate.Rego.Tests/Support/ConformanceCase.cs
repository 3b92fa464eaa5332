using YamlDotNet.RepresentationModel;

namespace Tollgate.Rego.Tests.Support;

/// <summary>The parts of one conformance case the front end cares about.</summary>
internal sealed record ConformanceCase(
    string File,
    string Note,
    IReadOnlyList<string> Modules,
    string? Query,
    string? InputTerm,
    string? WantErrorCode,
    bool ExperimentalKeywords)
{
    /// <summary>Every case of every YAML file under the suite, in a stable order.</summary>
    public static IReadOnlyList<ConformanceCase> LoadAll()
    {
        var root = RepoPaths.ConformanceSuite;
        var files = Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        var cases = new List<ConformanceCase>();
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode doc)
            {
                continue;
            }
            if (!doc.Children.TryGetValue(new YamlScalarNode("cases"), out var list) || list is not YamlSequenceNode sequence)
            {
                continue;
            }
            var relative = Path.GetRelativePath(root, file);
            foreach (var node in sequence.Children)
            {
                if (node is YamlMappingNode c)
                {
                    cases.Add(FromNode(relative, c));
                }
            }
        }
        return cases;
    }

    private static ConformanceCase FromNode(string file, YamlMappingNode node)
    {
        var modules = new List<string>();
        if (Child(node, "modules") is YamlSequenceNode seq)
        {
            foreach (var m in seq.Children)
            {
                if (m is YamlScalarNode s && s.Value is not null)
                {
                    modules.Add(s.Value);
                }
            }
        }
        return new ConformanceCase(
            file,
            Scalar(node, "note") ?? "",
            modules,
            Scalar(node, "query"),
            Scalar(node, "input_term"),
            Scalar(node, "want_error_code"),
            Scalar(node, "experimental_keywords") == "true");
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
