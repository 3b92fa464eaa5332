using System.CommandLine;

namespace Tollgate.Cli.Commands;

/// <summary>The long-running commands: <c>edge</c> and <c>control-plane</c>, and the control plane's client commands.</summary>
internal static class ServerCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return EdgeCommand.Create();
        foreach (var command in Tollgate.ControlPlane.Cli.ControlPlaneCommands.Create())
        {
            yield return command;
        }
    }
}
