using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.ControlPlane.Cli;

/// <summary>
/// What every client command shares: <c>--server</c> (env TOLLGATE_SERVER), <c>--token</c> (env TOLLGATE_TOKEN),
/// <c>--format text|json</c>, and one exit-code policy: 0 done, 1 the control plane refused or was unreachable,
/// 2 the command line is wrong. The parser is lenient (arguments optional, unknown tokens kept) so that the
/// command itself can answer usage mistakes with exit code 2 and a usage line.
/// </summary>
internal static class ClientCommand
{
    public const string DefaultServer = "http://127.0.0.1:8282";

    /// <summary>Adds the shared options and the action; <paramref name="run"/> returns the exit code.</summary>
    public static Command Create(string name, string description, string usage, Symbol[] symbols, Func<ClientContext, CancellationToken, Task<int>> run)
    {
        var server = new Option<string?>("--server") { Description = $"Control plane URL (env TOLLGATE_SERVER; default {DefaultServer})." };
        var token = new Option<string?>("--token") { Description = "Operator bearer token (env TOLLGATE_TOKEN)." };
        var format = new Option<string?>("--format") { Description = "Output: text (tables, default) or json (the server's JSON)." };
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        foreach (var s in symbols)
        {
            switch (s)
            {
                case Option o: command.Options.Add(o); break;
                case Argument a: command.Arguments.Add(a); break;
                default: throw new ArgumentException("only options and arguments", nameof(symbols));
            }
        }
        command.Options.Add(server);
        command.Options.Add(token);
        command.Options.Add(format);
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                if (result.UnmatchedTokens.Count > 0) throw new UsageException("unexpected " + string.Join(" ", result.UnmatchedTokens));
                var json = (result.GetValue(format) ?? "text") switch
                {
                    "text" => false,
                    "json" => true,
                    var other => throw new UsageException($"--format must be text or json, not {other}"),
                };
                var url = result.GetValue(server) ?? Environment.GetEnvironmentVariable("TOLLGATE_SERVER") ?? DefaultServer;
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                {
                    throw new UsageException($"--server must be an http(s) URL, not {url}");
                }
                var bearer = result.GetValue(token) ?? Environment.GetEnvironmentVariable("TOLLGATE_TOKEN");
                using var client = new ControlPlaneClient(uri, bearer);
                return await run(new ClientContext(result, client, output, error, json), ct);
            }
            catch (UsageException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                await error.WriteLineAsync($"usage: tollgate {usage}");
                return 2;
            }
            catch (ControlPlaneClientException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>A positional argument the command checks itself (missing → usage error, exit 2).</summary>
    public static Argument<string?> Positional(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    public static Argument<string[]> Positionals(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrMore };
}

/// <summary>One invocation of a client command: its parse result, the client and where to write.</summary>
internal sealed record ClientContext(ParseResult Result, ControlPlaneClient Client, TextWriter Out, TextWriter Error, bool Json)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public T? Value<T>(Option<T> option) => Result.GetValue(option);

    public T? Value<T>(Argument<T> argument) => Result.GetValue(argument);

    public string Required(Argument<string?> argument) =>
        Result.GetValue(argument) is { Length: > 0 } v ? v : throw new UsageException($"{argument.Name} is required");

    /// <summary>Writes the server's JSON as it is (indented); used for <c>--format json</c>.</summary>
    public Task WriteJsonAsync(JsonNode? node) => Out.WriteLineAsync(node?.ToJsonString(Indented) ?? "null");

    /// <summary>Only stdout on a real terminal gets a redrawn progress bar; pipes and captures get plain lines.</summary>
    public bool IsTerminal => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    public static int Int(string? text, string option)
    {
        if (text is null) return 0;
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new UsageException($"{option} must be a non-negative integer, not {text}");
    }
}
