namespace Tollgate.Runtime;

/// <summary>Base of every error the policy host raises; catch this to fail closed.</summary>
public class PolicyException : Exception
{
    public PolicyException() : this("policy error") { }

    public PolicyException(string message) : base(message) { }

    public PolicyException(string message, Exception inner) : base(message, inner) { }
}
