namespace Tollgate.Edge.Tenants;

/// <summary>Everything needed to build one revision of a tenant: the bundle bytes and how to run it.</summary>
public sealed record TenantArtifact
{
    public required string TenantId { get; init; }
    public required string Revision { get; init; }

    /// <summary>The bundle (.tar.gz) exactly as fetched or read from disk.</summary>
    public required byte[] Bundle { get; init; }

    /// <summary>Lowercase hex sha256 of <see cref="Bundle"/>.</summary>
    public required string BundleSha256 { get; init; }

    /// <summary>Decision entrypoint in slash form; null = the node default.</summary>
    public string? Entrypoint { get; init; }

    /// <summary>Null = the node default failure mode.</summary>
    public bool? FailOpen { get; init; }

    public IReadOnlyList<SmokeCase> Smoke { get; init; } = [];

    public static string HashOf(ReadOnlySpan<byte> bytes) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
