using System.Globalization;
using System.Net;

namespace Tollgate.Edge;

/// <summary>
/// Immutable configuration snapshot of one edge node. Parsed once from the command line; every component
/// reads it and never mutates it.
/// </summary>
public sealed partial record EdgeOptions
{
    /// <summary>REST, HTTP ext_authz, metrics and health (HTTP/1.1). Port 0 binds a free port.</summary>
    public IPEndPoint HttpAddress { get; init; } = new(IPAddress.Loopback, 8181);

    /// <summary>Envoy ext_authz gRPC (HTTP/2 cleartext). Null disables the gRPC listener.</summary>
    public IPEndPoint? GrpcAddress { get; init; } = new(IPAddress.Loopback, 9191);

    /// <summary>Directory mode: each subfolder is a tenant id holding bundle.tar.gz (and optionally smoke.json, tenant.json).</summary>
    public string? FromDirectory { get; init; }

    public Uri? ControlPlane { get; init; }
    public string? NodeId { get; init; }
    public string? Token { get; init; }

    /// <summary>Where the last good bundle of every tenant is persisted (control-plane mode).</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Precompiled module cache of the runtime (null = memory only).</summary>
    public string? CacheDirectory { get; init; }

    public string DefaultDecision { get; init; } = "envoy/authz/allow";
    public string TenantHeader { get; init; } = "x-tenant-id";
    public string TenantContextExtension { get; init; } = "tenant_id";

    /// <summary>Default failure mode of tenants that do not choose one: false = deny on any error (fail closed).</summary>
    public bool DefaultFailOpen { get; init; }

    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan LongPollWait { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Idle per-tenant metric series are dropped after this long.</summary>
    public TimeSpan TenantSeriesExpiry { get; init; } = TimeSpan.FromMinutes(10);

    public string? DecisionLogPath { get; init; }
    public Uri? DecisionLogUrl { get; init; }

    /// <summary>Input paths replaced by "**masked**" in decision logs, e.g. "attributes/request/http/headers/authorization".</summary>
    public IReadOnlyList<string> DecisionLogMask { get; init; } = [];

    /// <summary>PEM public key or HMAC secret file used to verify bundle signatures (null = not required).</summary>
    public string? VerificationKeyPath { get; init; }

    /// <summary>RS256, ES256 (PEM public key) or HS256 (shared secret) for bundle signatures.</summary>
    public string VerificationAlgorithm { get; init; } = "RS256";

    public int MaxInstancesPerTenant { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Tenants activated at once during a sync (fetch is one request; load → verify → swap is CPU work). More than
    /// the cores only adds context switches: with 20 nodes on 2 cores, 4 per node made every activation slower.
    /// </summary>
    public int ActivationParallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    public bool QuietLogging { get; init; }

    /// <summary>Parses <c>tollgate edge</c> arguments. Collects every error before failing.</summary>
    public static EdgeOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EdgeOptions();
        var errors = new List<string>();
        var masks = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? value = null;
            var eq = name.IndexOf('=');
            if (name.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            string Next()
            {
                if (value is not null)
                {
                    return value;
                }
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }
                errors.Add($"{name} needs a value");
                return "";
            }

            switch (name)
            {
                case "--http-addr": options = options with { HttpAddress = ParseEndPoint(Next(), name, errors) ?? options.HttpAddress }; break;
                case "--grpc-addr":
                    var grpc = Next();
                    options = options with { GrpcAddress = grpc is "" or "off" ? null : ParseEndPoint(grpc, name, errors) };
                    break;
                case "--from-dir": options = options with { FromDirectory = Next() }; break;
                case "--control-plane":
                    var url = Next();
                    if (Uri.TryCreate(url, UriKind.Absolute, out var cp))
                    {
                        options = options with { ControlPlane = cp };
                    }
                    else
                    {
                        errors.Add($"--control-plane: '{url}' is not an absolute URL");
                    }
                    break;
                case "--node-id": options = options with { NodeId = Next() }; break;
                case "--token": options = options with { Token = Next() }; break;
                case "--state-dir": options = options with { StateDirectory = Next() }; break;
                case "--cache-dir": options = options with { CacheDirectory = Next() }; break;
                case "--default-decision": options = options with { DefaultDecision = Next().Trim('/') }; break;
                case "--tenant-header": options = options with { TenantHeader = Next().ToLowerInvariant() }; break;
                case "--fail-open": options = options with { DefaultFailOpen = true }; break;
                case "--decision-log": options = options with { DecisionLogPath = Next() }; break;
                case "--decision-log-url":
                    var logUrl = Next();
                    if (Uri.TryCreate(logUrl, UriKind.Absolute, out var lu))
                    {
                        options = options with { DecisionLogUrl = lu };
                    }
                    else
                    {
                        errors.Add($"--decision-log-url: '{logUrl}' is not an absolute URL");
                    }
                    break;
                case "--decision-log-mask": masks.Add(Next().Trim('/')); break;
                case "--verification-key": options = options with { VerificationKeyPath = Next() }; break;
                case "--verification-alg": options = options with { VerificationAlgorithm = Next().ToUpperInvariant() }; break;
                case "--rescan-interval": options = options with { RescanInterval = ParseSeconds(Next(), name, errors, options.RescanInterval) }; break;
                case "--max-instances":
                    options = int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max > 0
                        ? options with { MaxInstancesPerTenant = max }
                        : AddError(options, errors, "--max-instances needs a positive integer");
                    break;
                case "--activation-parallelism":
                    options = int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var dop) && dop > 0
                        ? options with { ActivationParallelism = dop }
                        : AddError(options, errors, "--activation-parallelism needs a positive integer");
                    break;
                case "--quiet": options = options with { QuietLogging = true }; break;
                default: errors.Add($"unknown option '{args[i]}'"); break;
            }
        }

        options = options with { DecisionLogMask = masks };
        errors.AddRange(options.Validate());
        if (errors.Count > 0)
        {
            throw new EdgeOptionsException(errors);
        }
        return options;
    }

    /// <summary>Every problem of this snapshot (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FromDirectory is not null && ControlPlane is not null)
        {
            errors.Add("--from-dir and --control-plane are exclusive");
        }
        if (ControlPlane is not null && string.IsNullOrEmpty(NodeId))
        {
            errors.Add("--control-plane needs --node-id");
        }
        if (string.IsNullOrWhiteSpace(DefaultDecision))
        {
            errors.Add("--default-decision must not be empty");
        }
        return errors;
    }

    private static EdgeOptions AddError(EdgeOptions options, List<string> errors, string error)
    {
        errors.Add(error);
        return options;
    }

    private static TimeSpan ParseSeconds(string text, string name, List<string> errors, TimeSpan fallback)
    {
        var trimmed = text.EndsWith('s') ? text[..^1] : text;
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        errors.Add($"{name}: '{text}' is not a positive number of seconds");
        return fallback;
    }

    /// <summary>Accepts "host:port", ":port" (loopback) and "[v6]:port".</summary>
    public static IPEndPoint? ParseEndPoint(string text, string name, List<string> errors)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            errors.Add($"{name}: '{text}' is not host:port");
            return null;
        }
        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }
        if (host is "0.0.0.0" or "*")
        {
            return new IPEndPoint(IPAddress.Any, port);
        }
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }
        errors.Add($"{name}: '{host}' is not an IP address");
        return null;
    }
}

public sealed class EdgeOptionsException(IReadOnlyList<string> errors)
    : Exception("invalid edge options: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
