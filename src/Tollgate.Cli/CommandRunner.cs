using System.CommandLine;

namespace Tollgate.Cli;

/// <summary>Runs the command line, turning user errors into one clear line and exit code 1.</summary>
internal static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(config);
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
    }

    /// <summary>Wraps a synchronous action so CliException reaches <see cref="InvokeAsync"/>.</summary>
    public static void SetHandler(Command command, Func<ParseResult, int> action) =>
        command.SetAction(action);

    public static void SetHandler(Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(action);
}
