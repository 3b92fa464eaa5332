using Tollgate.Runtime.Builtins;

namespace Tollgate.Runtime;

/// <summary>Process-wide settings of a <see cref="PolicyEngine"/>. Immutable once the engine is built.</summary>
public sealed class PolicyEngineOptions
{
    /// <summary>Directory for precompiled native modules (<c>&lt;sha256&gt;.cwasm</c>); null = no disk cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Host builtins offered to modules; null = <see cref="BuiltinRegistry.CreateDefault"/>.</summary>
    public BuiltinRegistry? Builtins { get; init; }

    /// <summary>Default wall-clock budget of one evaluation (overridable per call).</summary>
    public TimeSpan EvaluationTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Resolution of evaluation deadlines: the epoch tick, which is also how often the engine's ticker thread
    /// wakes. Null = a twentieth of <see cref="EvaluationTimeout"/>, between 1 and 10 ms (5 ms for the default
    /// 100 ms). A deadline is rounded up to whole ticks plus one, so a call may run up to two ticks past it.
    /// </summary>
    public TimeSpan? DeadlineResolution { get; init; }

    /// <summary>Cap on each instance's linear memory, in 64 KiB pages (1024 = 64 MiB).</summary>
    public int MaxMemoryPages { get; init; } = 1024;

    /// <summary>Largest accepted input document, in bytes.</summary>
    public int MaxInputBytes { get; init; } = 1 << 20;

    /// <summary>Clock seen by builtins such as <c>time.now_ns</c>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
