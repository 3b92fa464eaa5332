using System.Net;

namespace Tollgate.ControlPlane;

/// <summary>Configuration of a control plane process (an immutable snapshot).</summary>
public sealed record ControlPlaneOptions
{
    /// <summary>Listen address; port 0 picks a free port (tests, demo).</summary>
    public IPEndPoint Address { get; init; } = new(IPAddress.Loopback, 8282);
    /// <summary>SQLite database file (the embedded default).</summary>
    public string DatabasePath { get; init; } = ".tollgate/control-plane.db";
    /// <summary>PostgreSQL connection string; when set it replaces the SQLite file.</summary>
    public string? PostgresConnectionString { get; init; }
    /// <summary>Local artifact directory (the embedded default).</summary>
    public string ArtifactDirectory { get; init; } = ".tollgate/artifacts";
    /// <summary>S3-compatible artifact store; when set it replaces the local directory.</summary>
    public Artifacts.S3ArtifactOptions? S3 { get; init; }
    /// <summary>PEM private key that signs every bundle (<c>/.signatures.json</c>); null = unsigned bundles.</summary>
    public string? SigningKeyPath { get; init; }
    /// <summary>RS256 or ES256 (the key's type must match); edges verify with <c>--verification-key</c>/<c>--verification-alg</c>.</summary>
    public string SigningAlgorithm { get; init; } = "RS256";
    /// <summary>Bearer tokens with the operator scope (everything).</summary>
    public IReadOnlySet<string> OperatorTokens { get; init; } = new HashSet<string>();
    /// <summary>Bearer tokens with the node scope: token → node id ("*" = any node).</summary>
    public IReadOnlyDictionary<string, string> NodeTokens { get; init; } = new Dictionary<string, string>();
    /// <summary>Bearer tokens with a tenant scope: token → tenant id (read-only access to that tenant).</summary>
    public IReadOnlyDictionary<string, string> TenantTokens { get; init; } = new Dictionary<string, string>();
    /// <summary>Longest long-poll a node may ask for with Prefer: wait=N.</summary>
    public TimeSpan MaxLongPoll { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Largest module a build may produce (the seed's limit).</summary>
    public long MaxModuleBytes { get; init; } = 10 * 1024 * 1024;
    public bool QuietLogging { get; init; } = true;
}
