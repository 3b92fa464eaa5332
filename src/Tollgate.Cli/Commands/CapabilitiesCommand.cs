using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Compiler;
using Tollgate.Runtime.Builtins;
using Tollgate.Wasm;

namespace Tollgate.Cli.Commands;

/// <summary>
/// <c>tollgate capabilities</c>: Tollgate's capabilities in OPA's format — every builtin of OPA's catalogue
/// that Tollgate can run, either inside the module (the runtime library exports it) or in the host.
/// </summary>
internal static class CapabilitiesCommand
{
    public static Command Create()
    {
        var where = new Option<bool>("--where") { Description = "Add a \"tollgate_runs_in\" field (module or host) to each builtin." };
        var command = new Command("capabilities", "Print the builtins Tollgate supports, in OPA's capabilities JSON format.") { where };
        CommandRunner.SetHandler(command, result =>
        {
            Console.WriteLine(Build(result.GetValue(where)).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return command;
    }

    internal static JsonObject Build(bool annotate)
    {
        var native = NativeBuiltins();
        var host = new HashSet<string>(BuiltinRegistry.CreateDefault().Names, StringComparer.Ordinal);
        var catalogue = ReadCatalogue();
        var kept = new JsonArray();
        if (catalogue["builtins"] is JsonArray builtins)
        {
            foreach (var b in builtins)
            {
                var name = b?["name"]?.GetValue<string>();
                if (name is null) continue;
                var inModule = native.Contains(name);
                if (!inModule && !host.Contains(name)) continue;
                var copy = b!.DeepClone();
                if (annotate) copy["tollgate_runs_in"] = inModule ? "module" : "host";
                kept.Add(copy);
            }
        }
        var result = new JsonObject { ["builtins"] = kept };
        if (catalogue["features"] is JsonArray features) result["features"] = features.DeepClone();
        return result;
    }

    private static HashSet<string> NativeBuiltins()
    {
        const string prefix = "tg.builtin.";
        var set = new HashSet<string>(StringComparer.Ordinal);
        using var stream = typeof(PolicyCompiler).Assembly.GetManifestResourceStream("tollgate-runtime.wasm")
            ?? throw new CliException("the runtime library is not embedded in Tollgate.Compiler");
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        foreach (var export in WasmReader.Read(ms.ToArray()).Exports)
        {
            if (export.Name.StartsWith(prefix, StringComparison.Ordinal)) set.Add(export.Name[prefix.Length..]);
        }
        return set;
    }

    private static JsonObject ReadCatalogue()
    {
        using var stream = typeof(PolicyCompiler).Assembly.GetManifestResourceStream("Tollgate.Compiler.Passes.capabilities.json")
            ?? throw new CliException("the capabilities catalogue is not embedded in Tollgate.Compiler");
        return JsonNode.Parse(stream) as JsonObject ?? [];
    }
}
