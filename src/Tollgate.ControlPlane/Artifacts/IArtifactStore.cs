namespace Tollgate.ControlPlane.Artifacts;

/// <summary>Immutable, content-addressed artifacts (bundles), keyed by the lowercase hex sha256 of their bytes.</summary>
public interface IArtifactStore
{
    /// <summary>Stores the bytes under their sha256 (a no-op when already present) and returns the hash.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default);
    Task<byte[]?> GetAsync(string sha256, CancellationToken ct = default);
    Task<bool> ExistsAsync(string sha256, CancellationToken ct = default);
}
