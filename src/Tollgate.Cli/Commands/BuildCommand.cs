using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Tollgate.Cli.Inputs;
using Tollgate.Compiler;
using Tollgate.Runtime.Bundles;

namespace Tollgate.Cli.Commands;

/// <summary>
/// <c>tollgate build -t wasm -e tenant/authz/allow -O 2 -o bundle.tar.gz policy.rego data.json</c>:
/// compiles Rego to a wasm module and writes an OPA-style bundle (/policy.wasm, /data.json, /.manifest
/// with wasm entrypoint resolvers, and the sources). <c>-t rego</c> writes a bundle of sources and data only.
/// </summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy and data files or directories.", Arity = ArgumentArity.OneOrMore };
        var target = new Option<string>("--target", "-t") { Description = "wasm (compile to a module) or rego (sources and data only).", DefaultValueFactory = _ => "rego" };
        target.AcceptOnlyFromAmong("wasm", "rego");
        var entrypoints = new Option<string[]>("--entrypoint", "-e") { Description = "Entrypoint (e.g. tenant/authz/allow); repeat for several." };
        var optimize = new Option<int>("--optimize", "-O") { Description = "Optimization level (0 disables rule indexing).", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output", "-o") { Description = "Bundle file to write.", DefaultValueFactory = _ => "bundle.tar.gz" };
        var revision = new Option<string?>("--revision", "-r") { Description = "Revision recorded in the manifest." };
        var embed = new Option<bool>("--embed-data") { Description = "Compile the data into the module too, so a lone policy.wasm is self-contained." };
        var strict = CommonOptions.StrictBuiltinErrors();
        var v0 = CommonOptions.V0Compatible();
        var capabilities = CommonOptions.Capabilities();
        var command = new Command("build", "Compile policies into a bundle (wasm target: a module that keeps OPA's wasm ABI).")
        {
            paths, target, entrypoints, optimize, output, revision, embed, strict, v0, capabilities,
        };
        CommandRunner.SetHandler(command, result =>
        {
            var inputs = PolicyInputs.Load(result.GetValue(paths)!);
            if (inputs.Modules.Count == 0) throw new CliException("no .rego files given");
            var version = CommonOptions.Version(result, v0);
            var dataJson = Encoding.UTF8.GetBytes(inputs.Data.Root.ToJsonString());
            var files = new List<KeyValuePair<string, byte[]>>();
            var resolvers = new List<WasmResolver>();
            var sw = Stopwatch.StartNew();
            string summary;
            if (result.GetValue(target) == "wasm")
            {
                var eps = result.GetValue(entrypoints) ?? [];
                if (eps.Length == 0) throw new CliException("wasm target requires at least one entrypoint (-e)");
                var request = new CompileRequest
                {
                    Version = version,
                    OptimizationLevel = result.GetValue(optimize),
                    CapabilitiesPath = result.GetValue(capabilities),
                    StrictBuiltinErrors = result.GetValue(strict),
                    EmbeddedDataJson = result.GetValue(embed) ? dataJson : null,
                };
                request.Modules.AddRange(inputs.Modules);
                foreach (var ep in eps) request.Entrypoints.Add(ep.Replace('.', '/').TrimStart('/'));
                var compiled = PolicyCompiler.Compile(request);
                if (!compiled.Success || compiled.Wasm is null)
                {
                    Console.Error.WriteLine(DiagnosticText.Format(compiled.Diagnostics));
                    return 1;
                }
                files.Add(new("/policy.wasm", compiled.Wasm));
                foreach (var ep in request.Entrypoints) resolvers.Add(new WasmResolver(ep, "/policy.wasm"));
                summary = $"policy.wasm {compiled.Wasm.Length / 1024.0:0.0} KB, entrypoints {string.Join(", ", request.Entrypoints)}, host builtins [{string.Join(", ", compiled.HostBuiltins)}]";
            }
            else
            {
                summary = "rego bundle";
            }
            files.Add(new("/data.json", dataJson));
            foreach (var m in inputs.Modules)
            {
                files.Add(new("/" + m.Name.TrimStart('/'), Encoding.UTF8.GetBytes(m.Text)));
            }
            var manifest = new BundleManifest
            {
                Revision = result.GetValue(revision) ?? "",
                Roots = [""],
                Wasm = resolvers,
                RegoVersion = version == Rego.Ast.RegoVersion.V0 ? 0 : 1,
            };
            var bundle = Bundle.Create(manifest, files);
            var outPath = result.GetValue(output)!;
            if (Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } dir) Directory.CreateDirectory(dir);
            // Write to a temporary file first so a failed build never leaves a truncated bundle behind.
            var tmp = outPath + ".tmp";
            using (var stream = File.Create(tmp))
            {
                bundle.Write(stream);
            }
            File.Move(tmp, outPath, overwrite: true);
            Console.Error.WriteLine($"built {outPath} in {sw.Elapsed.TotalMilliseconds:0} ms: {summary}");
            return 0;
        });
        return command;
    }
}
