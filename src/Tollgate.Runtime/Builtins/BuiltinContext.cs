namespace Tollgate.Runtime.Builtins;

/// <summary>
/// State shared by every host builtin call within ONE evaluation: the clock reading that
/// <c>time.now_ns</c> returns for the whole evaluation, and a cache for builtins that must be stable per
/// evaluation (<c>rand.intn</c>, <c>uuid.rfc4122</c>). Hosts create or reset one per evaluation.
/// </summary>
public sealed class BuiltinContext
{
    private Dictionary<string, object?>? _cache;
    private long _nowNs;

    /// <summary>The time source; tests inject a fixed one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>When true, builtin errors are raised (OPA's strict-builtin-errors) instead of yielding undefined.</summary>
    public bool StrictBuiltinErrors { get; set; }

    /// <summary>Receives print() output; null discards it.</summary>
    public Action<string>? PrintSink { get; set; }

    /// <summary>Nanoseconds since the Unix epoch, read once per evaluation.</summary>
    public long NowNs
    {
        get
        {
            if (_nowNs == 0)
            {
                _nowNs = (Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
            }
            return _nowNs;
        }
    }

    /// <summary>Per-evaluation memo for builtins whose result must be stable within one evaluation.</summary>
    public Dictionary<string, object?> Cache => _cache ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Forgets the clock reading and the memo, ready for the next evaluation.</summary>
    public void Reset()
    {
        _nowNs = 0;
        _cache?.Clear();
    }
}
