namespace Tollgate.Runtime;

/// <summary>An evaluation needed more linear memory than <see cref="PolicyEngineOptions.MaxMemoryPages"/> allows.</summary>
public sealed class PolicyMemoryLimitException : PolicyException
{
    public PolicyMemoryLimitException() : this("policy evaluation exceeded its memory limit") { }

    public PolicyMemoryLimitException(string message) : base(message) { }

    public PolicyMemoryLimitException(string message, Exception inner) : base(message, inner) { }
}
