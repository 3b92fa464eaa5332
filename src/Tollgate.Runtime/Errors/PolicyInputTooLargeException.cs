namespace Tollgate.Runtime;

/// <summary>The input document is larger than <see cref="PolicyEngineOptions.MaxInputBytes"/>.</summary>
public sealed class PolicyInputTooLargeException : PolicyException
{
    public PolicyInputTooLargeException() : this("input document is too large") { }

    public PolicyInputTooLargeException(string message) : base(message) { }

    public PolicyInputTooLargeException(string message, Exception inner) : base(message, inner) { }
}
