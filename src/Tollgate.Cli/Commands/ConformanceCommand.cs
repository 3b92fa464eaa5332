using System.CommandLine;
using Tollgate.Conformance;

namespace Tollgate.Cli.Commands;

/// <summary><c>tollgate conformance DIR [--report r.json]</c>: runs OPA-style YAML cases and reports.</summary>
internal static class ConformanceCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "Directory of conformance YAML files (e.g. ../shared/conformance/opa-v1)." };
        var report = new Option<string?>("--report") { Description = "Write the JSON report here." };
        var v0 = CommonOptions.V0Compatible();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print every failure with its reason." };
        var command = new Command("conformance", "Run OPA conformance cases through the whole pipeline and report pass/fail/skip per category.")
        {
            dir, report, v0, verbose,
        };
        CommandRunner.SetHandler(command, result =>
        {
            var root = result.GetValue(dir)!;
            if (!Directory.Exists(root)) throw new CliException($"{root}: no such directory");
            var lastPrinted = 0;
            var outcome = ConformanceSuite.Run(root, CommonOptions.Version(result, v0), progress: (done, total) =>
            {
                if (done == total || done - Volatile.Read(ref lastPrinted) >= 100)
                {
                    Volatile.Write(ref lastPrinted, done);
                    Console.Error.Write($"\r{done}/{total} cases");
                }
            });
            Console.Error.WriteLine();
            if (result.GetValue(verbose))
            {
                foreach (var o in outcome.Outcomes)
                {
                    if (o.Status == CaseStatus.Fail) Console.WriteLine($"FAIL {o.Case.File} {o.Case.Note}: {o.Reason}");
                }
            }
            Console.Write(outcome.ToTable());
            if (result.GetValue(report) is { } path)
            {
                File.WriteAllText(path, outcome.ToJsonString());
                Console.WriteLine($"report written to {path}");
            }
            return 0;
        });
        return command;
    }
}
