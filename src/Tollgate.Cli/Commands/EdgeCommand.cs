using System.CommandLine;
using Tollgate.Edge;

namespace Tollgate.Cli.Commands;

/// <summary>
/// <c>tollgate edge (--from-dir DIR | --control-plane URL --node-id ID --token T) [--http-addr …] [--grpc-addr …]</c>.
/// The edge parses its own options (Tollgate.Edge.EdgeOptions) so its flags are documented in one place.
/// </summary>
internal static class EdgeCommand
{
    public static Command Create()
    {
        var rest = new Argument<string[]>("options") { Description = "Edge options; `tollgate edge --help-edge` lists them.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("edge", "Run an edge node: ext_authz gRPC, HTTP checks, /v1/data, metrics; tenants from a directory or a control plane.") { rest };
        command.TreatUnmatchedTokensAsErrors = false;
        CommandRunner.SetHandler(command, async (result, ct) =>
        {
            var args = new List<string>(result.GetValue(rest) ?? []);
            args.AddRange(result.UnmatchedTokens);
            if (args.Contains("--help-edge"))
            {
                Console.Out.WriteLine(EdgeOptions.Usage);
                return 0;
            }
            EdgeOptions options;
            try
            {
                options = EdgeOptions.Parse(args);
            }
            catch (EdgeOptionsException ex)
            {
                throw new CliException(string.Join("\n", ex.Errors));
            }
            return await EdgeHost.RunAsync(options, ct);
        });
        return command;
    }
}
