using System.CommandLine;
using System.Text.Json;
using Tollgate.Cli.Inputs;
using Tollgate.Compiler.Passes;
using Tollgate.Rego;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate check [--v0-compatible] [--strict] [--format json] paths…</c>, like <c>opa check</c>.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy files or directories.", Arity = ArgumentArity.OneOrMore };
        var strict = new Option<bool>("--strict", "-S") { Description = "Enable strict mode checks (unused imports and variables, deprecated builtins…)." };
        var format = CommonOptions.Format("pretty", "pretty", "json");
        var v0 = CommonOptions.V0Compatible();
        var capabilities = CommonOptions.Capabilities();
        var maxErrors = new Option<int>("--max-errors", "-m") { Description = "Stop after this many errors (OPA's default is 10; -1 for no limit).", DefaultValueFactory = _ => 10 };
        var command = new Command("check", "Parse and compile policies, reporting every error.") { paths, strict, format, v0, capabilities, maxErrors };
        CommandRunner.SetHandler(command, result =>
        {
            var inputs = PolicyInputs.Load(result.GetValue(paths)!);
            var version = CommonOptions.Version(result, v0);
            var limit = result.GetValue(maxErrors) is var m && m < 0 ? int.MaxValue : m;
            var diagnostics = new List<Diagnostic>();
            var modules = new List<Module>();
            foreach (var source in inputs.Modules)
            {
                var parsed = RegoParser.ParseModule(source.Text, source.Name, new ParseOptions { Version = version, MaxErrors = limit });
                diagnostics.AddRange(parsed.Diagnostics);
                if (parsed.Value is not null && parsed.Diagnostics.Count == 0) modules.Add(parsed.Value);
            }
            if (diagnostics.Count == 0)
            {
                var options = new CompileOptions
                {
                    Version = version,
                    Strict = result.GetValue(strict),
                    MaxErrors = limit,
                    Capabilities = result.GetValue(capabilities) is { } path ? Capabilities.Load(path) : null,
                };
                diagnostics.AddRange(ProgramCompiler.Compile(modules, options).Diagnostics);
            }
            if (diagnostics.Count > limit) diagnostics.RemoveRange(limit, diagnostics.Count - limit);
            if (diagnostics.Count == 0) return 0;
            if (result.GetValue(format) == "json")
            {
                Console.WriteLine(DiagnosticText.ToJson(diagnostics).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Console.Error.WriteLine(DiagnosticText.Format(diagnostics));
            }
            return 1;
        });
        return command;
    }
}
