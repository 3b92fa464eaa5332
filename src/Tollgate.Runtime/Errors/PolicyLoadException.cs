namespace Tollgate.Runtime;

/// <summary>
/// A module could not be loaded: malformed wasm, unsupported ABI version, a missing export, a required
/// builtin the registry does not supply, or data that does not parse.
/// </summary>
public sealed class PolicyLoadException : PolicyException
{
    public PolicyLoadException() : this("policy module could not be loaded") { }

    public PolicyLoadException(string message) : base(message) { }

    public PolicyLoadException(string message, Exception inner) : base(message, inner) { }
}
