using System.Buffers;
using Tollgate.Runtime;
using Tollgate.Runtime.Bundles;

namespace Tollgate.Edge.Tenants;

/// <summary>
/// The production loader: reads the OPA bundle (size caps, optional signature), takes the module from the
/// engine's cache (compiled once per sha256 and shared by every tenant of a template), and creates the
/// tenant's own instance pool with its data loaded.
/// </summary>
public sealed class WasmPolicyLoader : IPolicyLoader, IDisposable
{
    private readonly PolicyEngine _engine;
    private readonly bool _ownsEngine;
    private readonly BundleVerifier? _verifier;
    private readonly PoolOptions _pool;

    public WasmPolicyLoader(PolicyEngine engine, bool ownsEngine = false, BundleVerifier? verifier = null, int maxInstancesPerTenant = 2)
    {
        _engine = engine;
        _ownsEngine = ownsEngine;
        _verifier = verifier;
        _pool = new PoolOptions { MaxInstances = maxInstancesPerTenant, InitialInstances = 1 };
    }

    /// <summary>The loader a node runs with: one engine per process, precompiled cache on disk when configured.</summary>
    public static WasmPolicyLoader Create(EdgeOptions options)
    {
        BundleVerifier? verifier = null;
        if (options.VerificationKeyPath is { } keyPath)
        {
            verifier = BundleVerifier.FromPem(options.VerificationAlgorithm, File.ReadAllText(keyPath).Trim());
        }
        var engine = new PolicyEngine(new PolicyEngineOptions { CacheDirectory = options.CacheDirectory });
        return new WasmPolicyLoader(engine, ownsEngine: true, verifier, options.MaxInstancesPerTenant);
    }

    public PolicyEngine Engine => _engine;

    public ITenantPolicy Load(TenantArtifact artifact)
    {
        using var stream = new MemoryStream(artifact.Bundle, writable: false);
        var bundle = Bundle.Read(stream, new BundleReadOptions { Verifier = _verifier });
        var wasm = bundle.Wasm ?? throw new InvalidDataException("the bundle holds no wasm module");
        var module = _engine.LoadModule(wasm);
        var pool = _engine.CreatePool(module, bundle.MergedDataJson(), _pool);
        return new WasmTenantPolicy(pool);
    }

    public void Dispose()
    {
        if (_ownsEngine)
        {
            _engine.Dispose();
        }
    }

    private sealed class WasmTenantPolicy(PolicyInstancePool pool) : ITenantPolicy
    {
        private readonly IReadOnlyDictionary<string, int> _entrypoints = pool.Module.Entrypoints;

        public string ModuleSha256 => pool.Module.Sha256;

        public bool HasEntrypoint(string entrypoint) => _entrypoints.ContainsKey(entrypoint);

        public void Evaluate(string entrypoint, ReadOnlySpan<byte> inputJson, IBufferWriter<byte> output)
        {
            if (!_entrypoints.TryGetValue(entrypoint, out var id))
            {
                throw new KeyNotFoundException($"the module has no entrypoint '{entrypoint}'");
            }
            pool.Evaluate(id, inputJson, output);
        }

        public void Dispose() => pool.Dispose();
    }
}
