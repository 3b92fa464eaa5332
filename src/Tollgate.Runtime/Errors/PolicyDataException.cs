namespace Tollgate.Runtime;

/// <summary>A data patch (<see cref="PolicyInstancePool.AddDataPath"/> / RemoveDataPath) was rejected by the module.</summary>
public sealed class PolicyDataException : PolicyException
{
    public PolicyDataException() : this("data patch rejected") { }

    public PolicyDataException(string message) : base(message) { }

    public PolicyDataException(string message, Exception inner) : base(message, inner) { }
}
