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

    /// <summary>
    /// Lets the reader stop before the wasm module when the caller already holds it. Asked with the sha256 that
    /// a Tollgate-written manifest records for its module (<see cref="Bundle.WasmSha256MetadataKey"/>); when it
    /// answers true and the module is the archive's last entry, as Tollgate writes it, the module is neither
    /// decompressed nor hashed and <see cref="Bundle.OmittedWasmSha256"/> names it. In shared-template mode every
    /// tenant's bundle carries the same module, which was 60–70% of the work of reading one. Ignored when a
    /// <see cref="Verifier"/> is set: a signature covers the module's bytes, so they are read and checked.
    /// </summary>
    public Func<string, bool>? SkipWasmWhenLoaded { get; init; }
}
