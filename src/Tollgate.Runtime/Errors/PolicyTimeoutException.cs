namespace Tollgate.Runtime;

/// <summary>An evaluation ran past its deadline and was interrupted.</summary>
public sealed class PolicyTimeoutException : PolicyException
{
    public PolicyTimeoutException() : this("policy evaluation timed out") { }

    public PolicyTimeoutException(string message) : base(message) { }

    public PolicyTimeoutException(string message, Exception inner) : base(message, inner) { }
}
