using Tollgate.ControlPlane.Artifacts;
using Tollgate.ControlPlane.Builds;
using Tollgate.ControlPlane.Distribution;
using Tollgate.ControlPlane.Storage;

namespace Tollgate.ControlPlane;

/// <summary>The parts a control plane runs on, wired once per process.</summary>
public sealed class ControlPlaneServices : IDisposable
{
    public ControlPlaneServices(ControlPlaneOptions options, IControlPlaneStore? store = null, IArtifactStore? artifacts = null)
    {
        Options = options;
        Store = store ?? (options.PostgresConnectionString is { Length: > 0 } pg ? new PostgresStore(pg) : new SqliteStore(options.DatabasePath));
        var backing = artifacts ?? (options.S3 is { } s3 ? new S3ArtifactStore(s3) : new LocalArtifactStore(options.ArtifactDirectory));
        (backing as LocalArtifactStore)?.RemoveAbandonedWrites();
        ArtifactStorage = backing;
        Artifacts = new CachedArtifactStore(backing);
        var signer = options.SigningKeyPath is { Length: > 0 } key
            ? Tollgate.Runtime.Bundles.BundleSigner.FromPem(options.SigningAlgorithm, File.ReadAllText(key))
            : null;
        Builder = new TenantBuilder(Store, options.MaxModuleBytes, signer);
        Signal = new IndexChangeSignal();
        IndexCache = new NodeIndexCache(Store, Signal);
        Publisher = new Publisher(Store, Artifacts, Builder, Signal);
    }

    public ControlPlaneOptions Options { get; }
    public IControlPlaneStore Store { get; }
    /// <summary>Artifacts as the API serves them: <see cref="ArtifactStorage"/> behind an in-memory cache.</summary>
    public IArtifactStore Artifacts { get; }

    /// <summary>The durable store the artifacts live in (local directory or S3).</summary>
    public IArtifactStore ArtifactStorage { get; }
    public TenantBuilder Builder { get; }
    public IndexChangeSignal Signal { get; }
    public NodeIndexCache IndexCache { get; }
    public Publisher Publisher { get; }

    public void Dispose()
    {
        Store.Dispose();
        (ArtifactStorage as IDisposable)?.Dispose();
    }
}
