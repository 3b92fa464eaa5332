using System.CommandLine;
using System.Net;
using Tollgate.ControlPlane.Artifacts;

namespace Tollgate.ControlPlane.Cli;

/// <summary>
/// The control plane's CLI commands, for the tollgate CLI to add to its root command: <c>control-plane</c> (runs
/// the server) and the client commands that drive one over REST (docs/control-plane-cli.md): <c>tenant</c>,
/// <c>template</c>, <c>library</c>, <c>publish</c>, <c>promote</c>, <c>rollback</c>, <c>status</c>, <c>audit</c>.
/// </summary>
public static class ControlPlaneCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return ServerCommand();
        yield return TenantCommands.Create();
        yield return TemplateCommands.CreateTemplate();
        yield return TemplateCommands.CreateLibrary();
        yield return PublishCommands.Publish();
        yield return PublishCommands.Promote();
        yield return PublishCommands.Rollback();
        yield return StatusCommands.Status();
        yield return StatusCommands.Audit();
    }

    private static Command ServerCommand()
    {
        var addr = new Option<string>("--addr") { Description = "Listen address host:port (default 127.0.0.1:8282; port 0 = any free port).", DefaultValueFactory = _ => "127.0.0.1:8282" };
        var db = new Option<string>("--db") { Description = "SQLite database file.", DefaultValueFactory = _ => ".tollgate/control-plane.db" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (replaces --db)." };
        var artifacts = new Option<string>("--artifacts") { Description = "Local artifact directory.", DefaultValueFactory = _ => ".tollgate/artifacts" };
        var s3Endpoint = new Option<string?>("--s3-endpoint") { Description = "S3-compatible endpoint URL (replaces --artifacts)." };
        var s3Bucket = new Option<string>("--s3-bucket") { Description = "S3 bucket.", DefaultValueFactory = _ => "tollgate-artifacts" };
        var s3Prefix = new Option<string>("--s3-prefix") { Description = "Key prefix in the bucket.", DefaultValueFactory = _ => "artifacts/" };
        var operatorTokens = new Option<string[]>("--operator-token") { Description = "Operator bearer token (repeatable).", AllowMultipleArgumentsPerToken = false };
        var nodeTokens = new Option<string[]>("--node-token") { Description = "NODE=TOKEN: a node-scoped token (NODE * = any node; repeatable)." };
        var tenantTokens = new Option<string[]>("--tenant-token") { Description = "TENANT=TOKEN: a read-only token for one tenant (repeatable)." };
        var signingKey = new Option<string?>("--signing-key") { Description = "PEM private key that signs bundles." };
        var signingAlg = new Option<string>("--signing-alg") { Description = "RS256 or ES256.", DefaultValueFactory = _ => "RS256" };
        var command = new Command("control-plane", "Run the control plane: registry, builds, revisions, artifacts, node index.")
        {
            addr, db, postgres, artifacts, s3Endpoint, s3Bucket, s3Prefix, operatorTokens, nodeTokens, tenantTokens, signingKey, signingAlg,
        };
        command.SetAction(async (result, ct) =>
        {
            if (!IPEndPoint.TryParse(result.GetValue(addr)!, out var endpoint))
            {
                await Console.Error.WriteLineAsync($"--addr: not host:port: {result.GetValue(addr)}");
                return 2;
            }
            var options = new ControlPlaneOptions
            {
                Address = endpoint,
                DatabasePath = result.GetValue(db)!,
                PostgresConnectionString = result.GetValue(postgres),
                ArtifactDirectory = result.GetValue(artifacts)!,
                S3 = result.GetValue(s3Endpoint) is { Length: > 0 } url ? new S3ArtifactOptions(url, result.GetValue(s3Bucket)!, result.GetValue(s3Prefix)!) : null,
                OperatorTokens = new HashSet<string>(result.GetValue(operatorTokens) ?? [], StringComparer.Ordinal),
                NodeTokens = Pairs(result.GetValue(nodeTokens), "--node-token"),
                TenantTokens = Pairs(result.GetValue(tenantTokens), "--tenant-token"),
                SigningKeyPath = result.GetValue(signingKey),
                SigningAlgorithm = result.GetValue(signingAlg)!.ToUpperInvariant(),
                QuietLogging = true,
            };
            return await ControlPlaneServer.RunAsync(options, ct);
        });
        return command;
    }

    /// <summary>SUBJECT=TOKEN pairs into token → subject (the lookup the API does per request).</summary>
    private static Dictionary<string, string> Pairs(string[]? values, string flag)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values ?? [])
        {
            var eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == v.Length - 1) throw new ArgumentException($"{flag} wants SUBJECT=TOKEN, got {v}");
            map[v[(eq + 1)..]] = v[..eq];
        }
        return map;
    }
}
