namespace Tollgate.Runtime;

/// <summary>Per-evaluation switches. A shared instance may be reused across calls.</summary>
public sealed class EvaluationOptions
{
    /// <summary>Raise host builtin errors as <see cref="PolicyBuiltinException"/> instead of treating them as undefined.</summary>
    public bool StrictBuiltinErrors { get; init; }

    /// <summary>Receives the module's print / opa_println output; null discards it.</summary>
    public Action<string>? Print { get; init; }

    /// <summary>Overrides <see cref="PolicyEngineOptions.EvaluationTimeout"/> for this call.</summary>
    public TimeSpan? Timeout { get; init; }
}
