namespace Tollgate.Runtime;

/// <summary>The input document is not valid JSON (or the module rejected it).</summary>
public sealed class PolicyInputException : PolicyException
{
    public PolicyInputException() : this("input is not valid JSON") { }

    public PolicyInputException(string message) : base(message) { }

    public PolicyInputException(string message, Exception inner) : base(message, inner) { }
}
