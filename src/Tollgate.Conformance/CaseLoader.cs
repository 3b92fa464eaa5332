using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Tollgate.Conformance;

/// <summary>Reads conformance YAML files into <see cref="ConformanceCase"/>s.</summary>
public static class CaseLoader
{
    /// <summary>Every *.yaml/*.yml file under <paramref name="root"/>, sorted by path for a stable order.</summary>
    public static IReadOnlyList<string> FindFiles(string root)
    {
        var files = new List<string>();
        foreach (var pattern in new[] { "*.yaml", "*.yml" })
        {
            files.AddRange(Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories));
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public static IReadOnlyList<ConformanceCase> Load(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        var category = slash > 0 ? relative[..slash] : ".";
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }
        var cases = new List<ConformanceCase>();
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is not YamlMappingNode top) continue;
            if (!top.Children.TryGetValue(new YamlScalarNode("cases"), out var casesNode) || casesNode is not YamlSequenceNode seq) continue;
            foreach (var item in seq.Children)
            {
                if (YamlJson.ToJson(item) is JsonObject c)
                {
                    cases.Add(FromJson(relative, category, c));
                }
            }
        }
        return cases;
    }

    private static ConformanceCase FromJson(string file, string category, JsonObject c)
    {
        var modules = new List<string>();
        if (c["modules"] is JsonArray mods)
        {
            foreach (var m in mods)
            {
                modules.Add(m?.GetValue<string>() ?? "");
            }
        }
        return new ConformanceCase
        {
            File = file,
            Category = category,
            Note = c["note"]?.ToString() ?? "",
            Query = c["query"]?.ToString() ?? "",
            Modules = modules,
            Data = c["data"]?.DeepClone(),
            Input = c.ContainsKey("input") ? c["input"]?.DeepClone() ?? JsonValue.Create((string?)null) : null,
            InputTerm = c["input_term"]?.ToString(),
            WantResult = c["want_result"] as JsonArray is { } wr ? (JsonArray)wr.DeepClone() : null,
            SortBindings = Flag(c, "sort_bindings"),
            WantErrorCode = c["want_error_code"]?.ToString(),
            WantError = c.ContainsKey("want_error") ? c["want_error"]?.ToString() ?? "" : null,
            StrictError = Flag(c, "strict_error"),
            ExperimentalKeywords = Flag(c, "experimental_keywords"),
            IgnoreGeneratedVars = Flag(c, "ignore_generated_vars"),
        };
    }

    private static bool Flag(JsonObject c, string name) =>
        c[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
