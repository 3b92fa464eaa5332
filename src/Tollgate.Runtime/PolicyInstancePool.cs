using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Tollgate.Runtime.Instances;

namespace Tollgate.Runtime;

/// <summary>
/// The instances serving one tenant revision: each has its own store and memory and loads the data once.
/// Idle instances sit in lock-free slots; the pool grows to <see cref="PoolOptions.MaxInstances"/> and
/// callers beyond that wait. An instance that trapped or timed out is discarded, never reused.
/// </summary>
public sealed partial class PolicyInstancePool : IDisposable
{
    private readonly PolicyEngine _engine;
    private readonly byte[] _dataJson;
    private readonly int _maxInstances;
    private readonly IdleInstanceSlots _idle;
    private readonly ConcurrentDictionary<PolicyInstance, byte> _live = new();
    private readonly InstanceGate _gate;
    private readonly DataPatchLog _patches = new();
    private volatile bool _disposed;
    private long _discarded;

    internal PolicyInstancePool(PolicyEngine engine, PolicyModule module, ReadOnlySpan<byte> dataJson, PoolOptions options)
    {
        if (options.MaxInstances < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxInstances must be at least 1");
        }
        _engine = engine;
        Module = module;
        _dataJson = dataJson.ToArray();
        _maxInstances = options.MaxInstances;
        _gate = new InstanceGate(_maxInstances);
        _idle = new IdleInstanceSlots(_maxInstances);
        int initial = Math.Clamp(options.InitialInstances, 0, _maxInstances);
        // The first instance is created even when 0 were asked for: it validates the data document now,
        // where the caller can see the error, rather than on the first request.
        try
        {
            _idle.TryAdd(CreateInstance());
            for (int i = 1; i < initial; i++)
            {
                _idle.TryAdd(CreateInstance());
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The module every instance runs.</summary>
    public PolicyModule Module { get; }

    /// <summary>Live instances (idle or busy).</summary>
    public int InstanceCount => _live.Count;

    /// <summary>Instances thrown away after a trap, abort or timeout since the pool was created (for metrics).</summary>
    public long DiscardedInstanceCount => Interlocked.Read(ref _discarded);

    /// <summary>Sum of the instances' linear memory sizes as of their last call.</summary>
    public long ApproximateMemoryBytes
    {
        get
        {
            long total = 0;
            foreach (var instance in _live.Keys)
            {
                total += instance.MemoryBytes;
            }
            return total;
        }
    }

    /// <summary>
    /// Evaluates entrypoint <paramref name="entrypointId"/> and writes the ABI result JSON
    /// (<c>[{"result":…}]</c> or <c>[]</c>) to <paramref name="output"/>; returns the bytes written.
    /// Allocation-free apart from what the builtins and the writer do.
    /// </summary>
    public int Evaluate(int entrypointId, ReadOnlySpan<byte> inputJson, IBufferWriter<byte> output, EvaluationOptions? options = null)
    {
        CheckInput(inputJson);
        _gate.Wait();
        return EvaluateHoldingGate(entrypointId, inputJson, output, options);
    }

    /// <summary>Evaluates an entrypoint by path and returns the result JSON bytes.</summary>
    public byte[] Evaluate(string entrypoint, ReadOnlySpan<byte> inputJson, EvaluationOptions? options = null)
    {
        int id = Module.GetEntrypointId(entrypoint);
        var output = new ArrayBufferWriter<byte>(64);
        Evaluate(id, inputJson, output, options);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>As <see cref="Evaluate(string, ReadOnlySpan{byte}, EvaluationOptions?)"/>, waiting asynchronously for a free instance.</summary>
    public async ValueTask<byte[]> EvaluateAsync(string entrypoint, ReadOnlyMemory<byte> inputJson,
        EvaluationOptions? options = null, CancellationToken ct = default)
    {
        int id = Module.GetEntrypointId(entrypoint);
        CheckInput(inputJson.Span);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        var output = new ArrayBufferWriter<byte>(64);
        EvaluateHoldingGate(id, inputJson.Span, output, options);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Convenience for tools and tests: strings in, result JSON string out.</summary>
    public string EvaluateJson(string entrypoint, string inputJson) =>
        Encoding.UTF8.GetString(Evaluate(entrypoint, Encoding.UTF8.GetBytes(inputJson)));

    private int EvaluateHoldingGate(int entrypointId, ReadOnlySpan<byte> inputJson, IBufferWriter<byte> output, EvaluationOptions? options)
    {
        PolicyInstance? instance = null;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            instance = Rent();
            var timeout = options?.Timeout ?? _engine.Options.EvaluationTimeout;
            return instance.Evaluate(entrypointId, inputJson, output, options, timeout);
        }
        finally
        {
            if (instance is not null)
            {
                Return(instance);
            }
            _gate.Release();
        }
    }

    private void CheckInput(ReadOnlySpan<byte> inputJson)
    {
        if (inputJson.Length > _engine.Options.MaxInputBytes)
        {
            throw new PolicyInputTooLargeException(
                $"input is {inputJson.Length} bytes, more than the limit of {_engine.Options.MaxInputBytes}");
        }
        // Validity is checked by the instance: JSON passes a fast host check, anything else (Rego value
        // syntax such as sets) is handed to the module's own parser, which is the authority on its format.
    }

    /// <summary>An idle instance brought up to date with the data patches, or a new one. Caller holds the gate.</summary>
    private PolicyInstance Rent()
    {
        var instance = _idle.TryTake(out var idle) ? idle : CreateInstance();
        try
        {
            _patches.CatchUp(instance);
        }
        catch
        {
            Discard(instance);
            throw;
        }
        return instance;
    }

    private void Return(PolicyInstance instance)
    {
        if (instance.Poisoned)
        {
            Interlocked.Increment(ref _discarded);
            Discard(instance);
        }
        else if (_disposed || !_idle.TryAdd(instance))
        {
            Discard(instance);
        }
    }

    private PolicyInstance CreateInstance()
    {
        var instance = new PolicyInstance(_engine, Module, _dataJson);
        try
        {
            _patches.CatchUp(instance);
        }
        catch
        {
            instance.Dispose();
            throw;
        }
        _live[instance] = 0;
        return instance;
    }

    private void Discard(PolicyInstance instance)
    {
        _live.TryRemove(instance, out _);
        instance.Dispose();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // Busy instances are disposed when their callers return them.
        while (_idle.TryTake(out var instance))
        {
            Discard(instance);
        }
    }
}
