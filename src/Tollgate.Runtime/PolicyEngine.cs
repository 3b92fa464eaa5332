using System.Collections.Concurrent;
using System.Security.Cryptography;
using Tollgate.Runtime.Builtins;
using Tollgate.Runtime.Modules;

namespace Tollgate.Runtime;

/// <summary>
/// The process-wide policy host: one Wasmtime engine with epoch interruption, a module cache keyed by the
/// sha256 of the wasm bytes (optionally backed by precompiled files on disk), and the factory for pools.
/// Create ONE per process; it is thread-safe.
/// </summary>
public sealed class PolicyEngine : IDisposable
{
    private readonly ConcurrentDictionary<string, PolicyModule> _modules = new(StringComparer.Ordinal);
    private readonly Lock _compileLock = new();
    private readonly ModuleDiskCache? _diskCache;
    private readonly EpochTicker _ticker;
    private bool _disposed;

    public PolicyEngine(PolicyEngineOptions? options = null)
    {
        Options = options ?? new PolicyEngineOptions();
        if (Options.MaxMemoryPages is < 1 or > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxMemoryPages must be between 1 and 65536");
        }
        Builtins = Options.Builtins ?? BuiltinRegistry.CreateDefault();
        using (var config = new Wasmtime.Config())
        {
            config.WithEpochInterruption(true);
            config.WithOptimizationLevel(Wasmtime.OptimizationLevel.Speed);
            // For profiling with `perf`: Wasmtime writes /tmp/perf-PID.map entries for compiled wasm functions.
            if (Environment.GetEnvironmentVariable("TOLLGATE_WASM_PERFMAP") == "1")
            {
                config.WithProfilingStrategy(Wasmtime.ProfilingStrategy.PerfMap);
            }
            WasmEngine = new Wasmtime.Engine(config);
        }
        if (Options.CacheDirectory is { } directory)
        {
            _diskCache = new ModuleDiskCache(directory);
        }
        _ticker = new EpochTicker(WasmEngine, Options.DeadlineResolution ?? DefaultResolution(Options.EvaluationTimeout));
    }

    /// <summary>The options this engine was built with.</summary>
    public PolicyEngineOptions Options { get; }

    /// <summary>The builtins offered to modules.</summary>
    public BuiltinRegistry Builtins { get; }

    /// <summary>Distinct modules compiled (or loaded from disk) and held in memory.</summary>
    public int CachedModuleCount => _modules.Count;

    /// <summary>Epoch ticks so far (see <see cref="EpochTicker.Ticks"/>).</summary>
    internal long EpochTicks => _ticker.Ticks;

    /// <summary>How finely deadlines are measured (the epoch tick).</summary>
    public TimeSpan DeadlineResolution => _ticker.TickLength;

    /// <summary>Epoch ticks a call with <paramref name="timeout"/> may run.</summary>
    internal ulong TicksFor(TimeSpan timeout) => _ticker.TicksFor(timeout);

    /// <summary>A twentieth of the default evaluation timeout, between 1 and 10 ms (100 ms → 5 ms).</summary>
    private static TimeSpan DefaultResolution(TimeSpan evaluationTimeout) =>
        TimeSpan.FromTicks(Math.Clamp(evaluationTimeout.Ticks / 20, TimeSpan.TicksPerMillisecond, 10 * TimeSpan.TicksPerMillisecond));

    /// <summary>Disk cache entries deleted because they were corrupt (0 without a cache directory).</summary>
    public int RejectedCacheEntries => _diskCache?.RejectedEntries ?? 0;

    /// <summary>Modules compiled from wasm (as opposed to loaded precompiled from disk) since start.</summary>
    public int CompiledModuleCount { get; private set; }

    internal Wasmtime.Engine WasmEngine { get; }

    /// <summary>
    /// Compiles (once per sha256) and checks a module: ABI version 1.0–1.3, required exports, and every
    /// builtin it needs present in <see cref="Builtins"/>. Throws <see cref="PolicyLoadException"/> otherwise.
    /// </summary>
    public PolicyModule LoadModule(ReadOnlySpan<byte> wasm)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(wasm));
        if (_modules.TryGetValue(sha256, out var cached))
        {
            return cached;
        }
        // One compilation at a time: compiling is CPU-heavy, and two threads loading the same artifact should
        // compile it once.
        lock (_compileLock)
        {
            if (_modules.TryGetValue(sha256, out cached))
            {
                return cached;
            }
            var compiled = _diskCache?.TryLoad(WasmEngine, sha256);
            if (compiled is null)
            {
                compiled = Compile(sha256, wasm);
                _diskCache?.Store(sha256, compiled);
            }
            try
            {
                var module = ModuleInspector.Inspect(this, compiled, sha256, wasm.Length);
                _modules[sha256] = module;
                return module;
            }
            catch
            {
                compiled.Dispose();
                throw;
            }
        }
    }

    /// <summary>The module with this sha256 if it is loaded in memory (no compilation, no disk).</summary>
    public bool TryGetModule(string sha256, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PolicyModule? module) =>
        _modules.TryGetValue(sha256, out module);

    /// <summary>Reads a .wasm file and loads it (see <see cref="LoadModule"/>).</summary>
    public PolicyModule LoadModuleFile(string path) => LoadModule(File.ReadAllBytes(path));

    /// <summary>
    /// Creates a pool of instances of <paramref name="module"/>, each loaded with <paramref name="dataJson"/>
    /// (empty = <c>{}</c>). Use one pool per tenant revision.
    /// </summary>
    public PolicyInstancePool CreatePool(PolicyModule module, ReadOnlySpan<byte> dataJson, PoolOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new PolicyInstancePool(this, module, dataJson, options ?? new PoolOptions());
    }

    /// <summary>Drops a module from the in-memory cache (pools already using it keep working).</summary>
    public bool EvictModule(string sha256) => _modules.TryRemove(sha256, out _);

    private Wasmtime.Module Compile(string sha256, ReadOnlySpan<byte> wasm)
    {
        try
        {
            var module = Wasmtime.Module.FromBytes(WasmEngine, sha256, wasm);
            CompiledModuleCount++;
            return module;
        }
        catch (Wasmtime.WasmtimeException ex)
        {
            throw new PolicyLoadException($"malformed wasm module: {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _ticker.Dispose();
        foreach (var module in _modules.Values)
        {
            module.Compiled.Dispose();
        }
        _modules.Clear();
        WasmEngine.Dispose();
    }
}
