using System.CommandLine;
using Tollgate.Cli.Commands;

namespace Tollgate.Cli;

/// <summary>The <c>tollgate</c> command tree; tests run it in-process through <see cref="RunAsync"/>.</summary>
public static class CliApp
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("Tollgate: multi-tenant Rego policies compiled to WebAssembly, served at the edge.");
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(TestCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ConformanceCommand.Create());
        root.Subcommands.Add(CapabilitiesCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        foreach (var command in ServerCommands.Create())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static Task<int> RunAsync(string[] args) => CommandRunner.InvokeAsync(CreateRoot(), args);
}
