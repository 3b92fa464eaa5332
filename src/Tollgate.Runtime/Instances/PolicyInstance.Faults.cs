using Wasmtime;

namespace Tollgate.Runtime.Instances;

/// <summary>Turns a Wasmtime trap into the host's exception types and marks the instance unusable.</summary>
internal sealed partial class PolicyInstance
{
    private TimeSpan _callTimeout = TimeSpan.MaxValue;
    /// <summary>The engine's epoch tick count when the current call began.</summary>
    private long _callStartTick;
    private long _pagesAtCallStart;

    private PolicyException Fault(WasmtimeException trap)
    {
        Poisoned = true;
        if (_pendingFault is { } raised)
        {
            _pendingFault = null;
            return raised;
        }
        if (IsInterrupt(trap))
        {
            return new PolicyTimeoutException(
                $"policy evaluation exceeded its time limit of {_callTimeout.TotalMilliseconds:0.###} ms", trap);
        }
        if (NearMemoryCap())
        {
            // A refused memory.grow surfaces as whatever the module does next (usually a trap): memory at the
            // cap when it failed is the signal.
            return new PolicyMemoryLimitException(
                $"policy evaluation failed near the memory limit ({_memory.GetSize()} of {_memory.Maximum ?? _engine.Options.MaxMemoryPages} pages in use): {FirstLine(trap.Message)}",
                trap);
        }
        return new PolicyEvaluationException($"policy trapped: {FirstLine(trap.Message)}", trap);
    }

    private bool IsInterrupt(WasmtimeException trap)
    {
        if (trap is TrapException { Type: TrapCode.Interrupt })
        {
            return true;
        }
        // A deadline hit inside a nested call (e.g. while a builtin dumps its arguments) may arrive wrapped;
        // the epoch count settles it (the host's tick counter may lag Wasmtime's by one, hence the slack).
        return _callTimeout != TimeSpan.MaxValue
            && _engine.EpochTicks - _callStartTick >= (long)_engine.TicksFor(_callTimeout) - 1
            && trap.Message.Contains("interrupt", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Wasmtime's .NET API does not report a refused memory.grow, so this is inferred: the call grew memory
    /// and stopped within the last quarter of the cap. A single huge request failing with plenty of headroom
    /// left is reported as an ordinary trap.
    /// </summary>
    private bool NearMemoryCap()
    {
        long maximum = _memory.Maximum ?? _engine.Options.MaxMemoryPages;
        long pages = _memory.GetSize();
        return pages > _pagesAtCallStart && pages * 4 >= maximum * 3;
    }

    /// <summary>
    /// The informative line of a Wasmtime trap message: it starts with a backtrace header and ends with
    /// "wasm trap: &lt;cause&gt;" (e.g. "call stack exhausted", "wasm `unreachable` instruction executed").
    /// </summary>
    private static string FirstLine(string message)
    {
        const string marker = "wasm trap: ";
        int cause = message.LastIndexOf(marker, StringComparison.Ordinal);
        string line = cause >= 0 ? message[(cause + marker.Length)..] : message;
        int newline = line.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? line : line[..newline]).Trim();
    }
}
