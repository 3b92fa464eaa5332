namespace Tollgate.Runtime;

/// <summary>Sizing of a <see cref="PolicyInstancePool"/>.</summary>
public sealed class PoolOptions
{
    /// <summary>Most instances (stores) the pool creates; callers beyond this wait for a free one.</summary>
    public int MaxInstances { get; init; } = Environment.ProcessorCount;

    /// <summary>Instances created (and loaded with data) up front, so the first requests pay no cold start.</summary>
    public int InitialInstances { get; init; } = 1;
}
