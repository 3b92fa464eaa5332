using System.CommandLine;
using Tollgate.Compiler.Passes;

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
            foreach (var path in result.GetValue(paths)!)
            {
                if (!File.Exists(path) && !Directory.Exists(path)) throw new CliException($"{path}: no such file or directory");
            }
            var limit = result.GetValue(maxErrors) is var m && m < 0 ? int.MaxValue : m;
            var checkResult = CheckRunner.Run(result.GetValue(paths)!, new CheckOptions
            {
                V0Compatible = result.GetValue(v0),
                Strict = result.GetValue(strict),
                CapabilitiesPath = result.GetValue(capabilities),
                MaxErrors = limit,
            });
            if (checkResult.Success) return 0;
            if (result.GetValue(format) == "json")
            {
                Console.WriteLine(CheckReportFormatter.FormatJson(checkResult.Diagnostics));
            }
            else
            {
                Console.Error.WriteLine(CheckReportFormatter.FormatText(checkResult.Diagnostics));
            }
            return 1;
        });
        return command;
    }
}
