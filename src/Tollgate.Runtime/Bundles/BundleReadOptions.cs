namespace Tollgate.Runtime.Bundles;

/// <summary>Limits and verification for <see cref="Bundle.Read"/>.</summary>
public sealed class BundleReadOptions
{
    /// <summary>Largest single file, uncompressed.</summary>
    public long MaxFileBytes { get; init; } = 64L << 20;

    /// <summary>Largest total of all files, uncompressed (guards against gzip bombs).</summary>
    public long MaxTotalBytes { get; init; } = 256L << 20;

    /// <summary>Most files in one bundle.</summary>
    public int MaxFiles { get; init; } = 10_000;

    /// <summary>When set, <c>/.signatures.json</c> must be present and verify with this verifier.</summary>
    public BundleVerifier? Verifier { get; init; }
}
