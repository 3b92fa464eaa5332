using System.Buffers;
using System.Diagnostics;
using Wasmtime;

namespace Tollgate.Runtime.Instances;

internal sealed partial class PolicyInstance
{
    private EvaluationOptions? _callOptions;

    /// <summary>True while garbage of the last single-call evaluation sits above the data mark.</summary>
    private bool _heapDirty;

    /// <summary>
    /// Runs one evaluation and writes the result JSON to <paramref name="output"/>. The input has already
    /// been validated. On return (success or not) the heap is back at the mark after the data.
    /// </summary>
    public int Evaluate(int entrypoint, ReadOnlySpan<byte> input, IBufferWriter<byte> output,
        EvaluationOptions? options, TimeSpan timeout)
    {
        _callOptions = options;
        _context.Reset();
        _context.StrictBuiltinErrors = options?.StrictBuiltinErrors ?? false;
        _context.PrintSink = options?.Print;
        _store.SetEpochDeadline(EpochTicker.TicksFor(timeout));
        _callTimeout = timeout;
        _callStarted = Stopwatch.GetTimestamp();
        _pagesAtCallStart = MemoryBytes / Wasmtime.Memory.PageSize;
        try
        {
            int resultAddr = Module.UsesSingleCallEval
                ? EvaluateSingleCall(entrypoint, input)
                : EvaluateWithContext(entrypoint, input);
            var result = LinearMemory.CString(_memory, resultAddr);
            result.CopyTo(output.GetSpan(result.Length));
            output.Advance(result.Length);
            if (Module.UsesSingleCallEval)
            {
                // opa_eval sets the heap pointer itself on entry, so the next evaluation needs no reset call;
                // only host-side allocations (data patches) must reset it first.
                _heapDirty = true;
            }
            else
            {
                _abi.HeapPtrSet(_heapAfterData);
            }
            MemoryBytes = _memory.GetLength();
            return result.Length;
        }
        catch (WasmtimeException ex)
        {
            throw Fault(ex);
        }
        catch (PolicyException) when (!Poisoned)
        {
            // Host-side failure before or after the wasm call (input too big for memory, bad result pointer):
            // the module state is intact, so only the heap needs resetting.
            _abi.HeapPtrSet(_heapAfterData);
            _heapDirty = false;
            MemoryBytes = _memory.GetLength();
            throw;
        }
        finally
        {
            _callOptions = null;
            _callTimeout = TimeSpan.MaxValue;
            _context.PrintSink = null;
        }
    }

    /// <summary>Drops whatever the last single-call evaluation left above the data mark.</summary>
    private void ResetHeap()
    {
        if (_heapDirty)
        {
            _abi.HeapPtrSet(_heapAfterData);
            _heapDirty = false;
        }
    }

    private int EvaluateSingleCall(int entrypoint, ReadOnlySpan<byte> input)
    {
        int inputAddr = _heapAfterData;
        LinearMemory.EnsureAddressable(_memory, (long)inputAddr + input.Length);
        LinearMemory.Write(_memory, inputAddr, input);
        int resultAddr = _abi.Eval!(0, entrypoint, _dataAddr, inputAddr, input.Length, inputAddr + input.Length, 0);
        if (resultAddr == 0)
        {
            throw new PolicyInputException("module could not evaluate: opa_eval returned no result (input rejected)");
        }
        return resultAddr;
    }

    /// <summary>ABI 1.0/1.1: the context-object protocol, then opa_json_dump of the result set.</summary>
    private int EvaluateWithContext(int entrypoint, ReadOnlySpan<byte> input)
    {
        ResetHeap();
        int ctx = _abi.CtxNew!();
        if (!input.IsEmpty)
        {
            int inputValue = ParseJson(input);
            if (inputValue == 0)
            {
                throw new PolicyInputException("module rejected the input (opa_json_parse returned 0)");
            }
            _abi.CtxSetInput!(ctx, inputValue);
        }
        _abi.CtxSetData!(ctx, _dataAddr);
        _abi.CtxSetEntrypoint!(ctx, entrypoint);
        int status = _abi.CtxEval!(ctx);
        if (status != 0)
        {
            throw new PolicyEvaluationException($"module eval() returned error status {status}");
        }
        int resultValue = _abi.CtxGetResult!(ctx);
        return _abi.JsonDump(resultValue);
    }
}
