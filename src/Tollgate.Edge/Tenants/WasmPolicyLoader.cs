using System.Buffers;
using System.Security.Cryptography;
using Tollgate.Runtime;
using Tollgate.Runtime.Bundles;

namespace Tollgate.Edge.Tenants;

/// <summary>
/// The production loader: reads the OPA bundle (size caps, optional signature), takes the module from the
/// engine's cache (compiled once per sha256 and shared by every tenant of a template), and creates the
/// tenant's own instance pool with its data loaded. When the bundle's module is one this process already runs
/// (every tenant of a shared template), the module is not even decompressed (<see cref="BundleReadOptions.SkipWasmWhenLoaded"/>). With a <see cref="HostCompileGate"/>, processes sharing the
/// cache directory compile each module once per host. Smoke cases run with <see cref="VerificationTimeout"/>.
/// </summary>
public sealed class WasmPolicyLoader : IPolicyLoader, IDisposable
{
    private readonly PolicyEngine _engine;
    private readonly bool _ownsEngine;
    private readonly BundleVerifier? _verifier;
    private readonly PoolOptions _pool;
    private readonly HostCompileGate? _gate;
    private readonly EvaluationOptions _verification;
    private readonly Func<string, bool> _skipLoadedModule;

    /// <summary>
    /// Deadline of a smoke-case evaluation unless the engine's own limit is longer: twenty times the default
    /// serving limit, so descheduling during a mass activation cannot reject a good revision (seen with 20 nodes
    /// on 2 cores), while a runaway smoke case still fails in bounded time.
    /// </summary>
    public static TimeSpan DefaultVerificationTimeout { get; } = TimeSpan.FromSeconds(2);

    public WasmPolicyLoader(PolicyEngine engine, bool ownsEngine = false, BundleVerifier? verifier = null, int maxInstancesPerTenant = 2,
        HostCompileGate? gate = null, TimeSpan? verificationTimeout = null)
    {
        _engine = engine;
        _ownsEngine = ownsEngine;
        _verifier = verifier;
        _pool = new PoolOptions { MaxInstances = maxInstancesPerTenant, InitialInstances = 1 };
        _gate = gate;
        var serving = engine.Options.EvaluationTimeout;
        VerificationTimeout = verificationTimeout ?? (serving > DefaultVerificationTimeout ? serving : DefaultVerificationTimeout);
        _verification = new EvaluationOptions { Timeout = VerificationTimeout };
        _skipLoadedModule = sha => _engine.TryGetModule(sha, out _);
    }

    /// <summary>The deadline smoke cases run with (<see cref="ITenantPolicy.EvaluateForVerification"/>).</summary>
    public TimeSpan VerificationTimeout { get; }

    /// <summary>The loader a node runs with: one engine per process, precompiled cache on disk when configured.</summary>
    public static WasmPolicyLoader Create(EdgeOptions options)
    {
        BundleVerifier? verifier = null;
        if (options.VerificationKeyPath is { } keyPath)
        {
            verifier = BundleVerifier.FromPem(options.VerificationAlgorithm, File.ReadAllText(keyPath).Trim());
        }
        var engine = new PolicyEngine(new PolicyEngineOptions { CacheDirectory = options.CacheDirectory });
        var gate = options.CacheDirectory is { } cache ? new HostCompileGate(cache) : null;
        return new WasmPolicyLoader(engine, ownsEngine: true, verifier, options.MaxInstancesPerTenant, gate);
    }

    public PolicyEngine Engine => _engine;

    public ITenantPolicy Load(TenantArtifact artifact)
    {
        var bundle = Read(artifact, _skipLoadedModule);
        PolicyModule module;
        if (bundle.OmittedWasmSha256 is { } known && _engine.TryGetModule(known, out var loaded))
        {
            module = loaded; // the shared-template case: this process already runs the tenant's module
        }
        else
        {
            if (bundle.OmittedWasmSha256 is not null)
            {
                bundle = Read(artifact, null); // evicted since the read: load it from the bundle after all
            }
            var wasm = bundle.Wasm ?? throw new InvalidDataException("the bundle holds no wasm module");
            var sha = Convert.ToHexStringLower(SHA256.HashData(wasm));
            module = _gate is null
                ? _engine.LoadModule(wasm)
                : _gate.Run(sha, (_engine, wasm), static s => s._engine.LoadModule(s.wasm));
        }
        var pool = _engine.CreatePool(module, bundle.MergedDataJson(), _pool);
        return new WasmTenantPolicy(pool, _verification);
    }

    private Bundle Read(TenantArtifact artifact, Func<string, bool>? skipLoaded)
    {
        using var stream = new MemoryStream(artifact.Bundle, writable: false);
        return Bundle.Read(stream, new BundleReadOptions { Verifier = _verifier, SkipWasmWhenLoaded = skipLoaded });
    }

    public void Dispose()
    {
        if (_ownsEngine)
        {
            _engine.Dispose();
        }
    }

    private sealed class WasmTenantPolicy(PolicyInstancePool pool, EvaluationOptions verification) : ITenantPolicy
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

        public void EvaluateForVerification(string entrypoint, ReadOnlySpan<byte> inputJson, IBufferWriter<byte> output)
        {
            if (!_entrypoints.TryGetValue(entrypoint, out var id))
            {
                throw new KeyNotFoundException($"the module has no entrypoint '{entrypoint}'");
            }
            pool.Evaluate(id, inputJson, output, verification);
        }

        public void Dispose() => pool.Dispose();
    }
}
