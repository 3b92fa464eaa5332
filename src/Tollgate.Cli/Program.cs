using System.CommandLine;
using Tollgate.Cli;
using Tollgate.Cli.Commands;

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
return await CommandRunner.InvokeAsync(root, args);
