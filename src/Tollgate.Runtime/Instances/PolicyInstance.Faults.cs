using System.Diagnostics;
using Wasmtime;

namespace Tollgate.Runtime.Instances;

/// <summary>Turns a Wasmtime trap into the host's exception types and marks the instance unusable.</summary>
internal sealed partial class PolicyInstance
{
    private TimeSpan _callTimeout = TimeSpan.MaxValue;
    private long _callStarted;

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
                $"policy evaluation failed at the memory limit ({_memory.GetSize()} pages): {trap.Message}", trap);
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
        // the clock settles it.
        return _callTimeout != TimeSpan.MaxValue
            && Stopwatch.GetElapsedTime(_callStarted) >= _callTimeout
            && trap.Message.Contains("interrupt", StringComparison.OrdinalIgnoreCase);
    }

    private bool NearMemoryCap()
    {
        long maximum = _memory.Maximum ?? _engine.Options.MaxMemoryPages;
        // Within 1/16 of the cap: an allocation that could not be satisfied.
        return _memory.GetSize() * 16 >= maximum * 15;
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
