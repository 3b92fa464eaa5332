using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Compiler;
using Tollgate.Runtime;
using Tollgate.Runtime.Bundles;

namespace Tollgate.Cli.Inputs;

/// <summary>Reads a bundle for commands that evaluate it, with errors a user can act on.</summary>
internal static class BundleFiles
{
    public static Bundle Read(string path)
    {
        if (!File.Exists(path)) throw new CliException($"{path}: no such bundle");
        try
        {
            return Bundle.ReadFile(path);
        }
        catch (Exception ex) when (ex is PolicyException or InvalidDataException or IOException or FormatException or System.Text.Json.JsonException)
        {
            throw new CliException($"{path}: {ex.Message}");
        }
    }

    /// <summary>Adds the bundle's Rego sources and data to the command's inputs.</summary>
    public static void AddTo(Bundle bundle, PolicyInputs inputs)
    {
        foreach (var (name, bytes) in bundle.Files)
        {
            if (name.EndsWith(".rego", StringComparison.Ordinal))
            {
                inputs.Modules.Add(new SourceFile { Name = name.TrimStart('/'), Text = Encoding.UTF8.GetString(bytes) });
            }
        }
        var merged = JsonNode.Parse(bundle.MergedDataJson());
        if (merged is JsonObject obj && obj.Count > 0)
        {
            inputs.Data.Mount([], obj, "bundle data");
        }
    }

    public static int RegoCount(Bundle bundle)
    {
        var n = 0;
        foreach (var name in bundle.Files.Keys)
        {
            if (name.EndsWith(".rego", StringComparison.Ordinal)) n++;
        }
        return n;
    }
}
