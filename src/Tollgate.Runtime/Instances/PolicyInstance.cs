using System.Text.Json;
using Tollgate.Runtime.Builtins;
using Wasmtime;

namespace Tollgate.Runtime.Instances;

/// <summary>
/// One live instance of a module: its own Store, linear memory and loaded data. Used by one thread at a
/// time (the pool guarantees it). After any trap it is <see cref="Poisoned"/> and must be discarded.
/// </summary>
internal sealed partial class PolicyInstance : IHostCallbacks, IDisposable
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private readonly PolicyEngine _engine;
    private readonly Store _store;
    private readonly Memory _memory;
    private readonly AbiExports _abi;
    private readonly BuiltinContext _context;
    private int _dataAddr;
    private int _heapAfterData;

    /// <summary>
    /// Address of linear memory byte 0 as of <see cref="MemoryBytes"/>. A memory can only move when it grows, and
    /// every length reading goes through <see cref="RefreshMemory"/>, which re-reads the pointer on growth; so the
    /// hot path reaches memory without a Wasmtime call (a span request costs four P/Invokes).
    /// </summary>
    private nint _memoryBase;

    public PolicyInstance(PolicyEngine engine, PolicyModule module, ReadOnlySpan<byte> dataJson)
    {
        _engine = engine;
        Module = module;
        _context = new BuiltinContext { Clock = engine.Options.Time };
        (_store, _memory, var instance) = WasmInstantiation.Create(
            engine.WasmEngine, module.Compiled, module.Memory, engine.Options.MaxMemoryPages, this,
            engine.TicksFor(WasmInstantiation.SetupDeadline));
        try
        {
            _abi = AbiExports.Bind(instance, module.AbiMinor);
            LoadData(dataJson);
        }
        catch
        {
            _store.Dispose();
            throw;
        }
    }

    public PolicyModule Module { get; }

    /// <summary>True once a call trapped or timed out: the heap and stack may be inconsistent.</summary>
    public bool Poisoned { get; private set; }

    /// <summary>Index into the pool's patch log of the next data patch this instance has not applied.</summary>
    public int AppliedPatches { get; set; }

    /// <summary>Size of the linear memory after the last call, for memory accounting without touching the store.</summary>
    public long MemoryBytes { get; private set; }

    private void LoadData(ReadOnlySpan<byte> dataJson)
    {
        if (dataJson.IsEmpty)
        {
            dataJson = EmptyObject;
        }
        if (!JsonValidation.IsValid(dataJson))
        {
            throw new PolicyLoadException("data document is not valid JSON");
        }
        _store.SetEpochDeadline(_engine.TicksFor(WasmInstantiation.SetupDeadline));
        _pagesAtCallStart = _memory.GetSize();
        try
        {
            _dataAddr = ParseJson(dataJson);
        }
        catch (PolicyException ex)
        {
            throw new PolicyLoadException($"data document could not be loaded: {ex.Message}", ex);
        }
        if (_dataAddr == 0)
        {
            throw new PolicyLoadException("module rejected the data document (opa_json_parse returned 0)");
        }
        _heapAfterData = _abi.HeapPtrGet();
        RefreshMemory();
    }

    /// <summary>Reads the memory length (one Wasmtime call) and, when it changed, the base pointer.</summary>
    private long RefreshMemory()
    {
        long length = _memory.GetLength();
        if (length != MemoryBytes || _memoryBase == 0)
        {
            _memoryBase = _memory.GetPointer();
        }
        MemoryBytes = length;
        return length;
    }

    /// <summary>Copies JSON into fresh module memory and parses it; returns the value address (0 = rejected).</summary>
    private int ParseJson(ReadOnlySpan<byte> json)
    {
        try
        {
            int addr = _abi.Malloc(json.Length);
            if (addr == 0)
            {
                throw new PolicyMemoryLimitException("opa_malloc failed");
            }
            LinearMemory.Write(_memory, addr, json);
            int value = _abi.JsonParse(addr, json.Length);
            // Malloc and the parse may have grown memory: keep the base pointer and length current.
            RefreshMemory();
            return value;
        }
        catch (WasmtimeException ex)
        {
            throw Fault(ex);
        }
    }

    /// <summary>Applies <c>opa_value_add_path</c> to this instance's data; the patch stays below the reset heap.</summary>
    public void AddPath(ReadOnlySpan<byte> pathJson, ReadOnlySpan<byte> valueJson)
    {
        var addPath = _abi.ValueAddPath
            ?? throw new PolicyDataException($"module ABI 1.{Module.AbiMinor} does not export opa_value_add_path");
        _store.SetEpochDeadline(_engine.TicksFor(WasmInstantiation.SetupDeadline));
        ResetHeap();
        int path = ParseJson(pathJson);
        int value = ParseJson(valueJson);
        if (path == 0 || value == 0)
        {
            _abi.HeapPtrSet(_heapAfterData);
            throw new PolicyDataException("module rejected the patch path or value");
        }
        int errc = Call(addPath, _dataAddr, path, value);
        FinishPatch(errc, "add");
    }

    /// <summary>Applies <c>opa_value_remove_path</c> to this instance's data.</summary>
    public void RemovePath(ReadOnlySpan<byte> pathJson)
    {
        var removePath = _abi.ValueRemovePath
            ?? throw new PolicyDataException($"module ABI 1.{Module.AbiMinor} does not export opa_value_remove_path");
        _store.SetEpochDeadline(_engine.TicksFor(WasmInstantiation.SetupDeadline));
        ResetHeap();
        int path = ParseJson(pathJson);
        if (path == 0)
        {
            _abi.HeapPtrSet(_heapAfterData);
            throw new PolicyDataException("module rejected the patch path");
        }
        int errc;
        try
        {
            errc = removePath(_dataAddr, path);
        }
        catch (WasmtimeException ex)
        {
            throw Fault(ex);
        }
        FinishPatch(errc, "remove");
    }

    private int Call(Func<int, int, int, int> function, int a, int b, int c)
    {
        try
        {
            return function(a, b, c);
        }
        catch (WasmtimeException ex)
        {
            throw Fault(ex);
        }
    }

    private void FinishPatch(int errc, string verb)
    {
        if (errc != 0)
        {
            // The failed patch's garbage is dropped; the data value itself is unchanged on error.
            _abi.HeapPtrSet(_heapAfterData);
            throw new PolicyDataException($"data patch ({verb}) failed: {PatchError(errc)}");
        }
        // The patched value now lives above the old heap mark: keep it by raising the mark.
        _heapAfterData = _abi.HeapPtrGet();
        RefreshMemory();
    }

    private static string PatchError(int errc) => errc switch
    {
        1 => "internal error (1)",
        2 => "invalid type (2): a path segment crosses a value that is not an object",
        3 => "invalid path (3)",
        _ => $"error code {errc}",
    };

    public void Dispose() => _store.Dispose();
}
