using System.CommandLine;
using Tollgate.ControlPlane.Cli;

namespace Tollgate.ControlPlane.Tests.Cli;

/// <summary>The outcome of one CLI invocation: exit code and what it wrote to stdout and stderr.</summary>
public sealed record CliOutcome(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>Runs control-plane commands through a System.CommandLine root, as `tollgate` does, with captured output.</summary>
public static class CliRunner
{
    public static async Task<CliOutcome> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        foreach (var c in ControlPlaneCommands.Create()) root.Subcommands.Add(c);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return new CliOutcome(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs against a server with a token (appended as --server/--token).</summary>
    public static Task<CliOutcome> RunAsync(Uri server, string? token, params string[] args)
    {
        var all = new List<string>(args) { "--server", server.ToString() };
        if (token is not null)
        {
            all.Add("--token");
            all.Add(token);
        }
        return RunAsync([.. all]);
    }
}
