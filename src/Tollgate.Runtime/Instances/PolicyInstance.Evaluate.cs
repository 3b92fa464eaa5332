using System.Buffers;
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
        _store.SetEpochDeadline(_engine.TicksFor(timeout));
        _callTimeout = timeout;
        _callStartTick = _engine.EpochTicks;
        _pagesAtCallStart = MemoryBytes / Wasmtime.Memory.PageSize;
        try
        {
            int resultAddr = Module.UsesSingleCallEval
                ? EvaluateSingleCall(entrypoint, input)
                : EvaluateWithContext(entrypoint, input);
            // One length query serves the result bounds, the memory accounting and the base pointer.
            long length = RefreshMemory();
            var result = LinearMemory.CString(_memoryBase, resultAddr, length);
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
            RefreshMemory();
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
        // Memory only grows, so the size seen after the last call is a safe lower bound: ask Wasmtime only
        // when the input might not fit.
        if ((long)inputAddr + input.Length > MemoryBytes)
        {
            LinearMemory.EnsureAddressable(_memory, (long)inputAddr + input.Length);
            RefreshMemory();
        }
        LinearMemory.Write(_memoryBase, inputAddr, input);
        // Tollgate's runtime parses the input in opa_eval and answers 0 when it is no value, so its own parse is
        // the validation; other modules' opa_eval may not fail cleanly, so their input is checked here first.
        if (!Module.EvalChecksInput && !input.IsEmpty && !JsonValidation.IsValid(input))
        {
            RequireRegoValue(inputAddr, input.Length);
        }
        int resultAddr = _abi.Eval!(0, entrypoint, _dataAddr, inputAddr, input.Length, inputAddr + input.Length, 0);
        if (resultAddr == 0)
        {
            throw new PolicyInputException(Module.EvalChecksInput
                ? "input is neither valid JSON nor a Rego value"
                : "module could not evaluate: opa_eval returned no result (input rejected)");
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
            int inputValue = JsonValidation.IsValid(input) ? ParseJson(input) : ParseRegoValue(input);
            if (inputValue == 0)
            {
                throw new PolicyInputException("input is neither valid JSON nor a Rego value the module accepts");
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

    /// <summary>
    /// Not JSON: asks the module's <c>opa_value_parse</c> whether the bytes at <paramref name="addr"/> are a Rego
    /// value (e.g. a set). The parse lands above the input and is dropped when opa_eval resets the heap.
    /// </summary>
    private void RequireRegoValue(int addr, int length)
    {
        if (_abi.ValueParse is null)
        {
            throw new PolicyInputException("input is not valid JSON (the module has no opa_value_parse for Rego values)");
        }
        _abi.HeapPtrSet(addr + length);
        int value = _abi.ValueParse(addr, length);
        _heapDirty = true;
        if (value == 0)
        {
            throw new PolicyInputException("input is neither valid JSON nor a Rego value");
        }
    }

    /// <summary>Context path: copies the input into the module heap and parses it as a Rego value.</summary>
    private int ParseRegoValue(ReadOnlySpan<byte> input)
    {
        if (_abi.ValueParse is null)
        {
            throw new PolicyInputException("input is not valid JSON (the module has no opa_value_parse for Rego values)");
        }
        int addr = _abi.Malloc(input.Length);
        if (addr == 0)
        {
            throw new PolicyMemoryLimitException("opa_malloc failed");
        }
        LinearMemory.Write(_memory, addr, input);
        return _abi.ValueParse(addr, input.Length);
    }
}
