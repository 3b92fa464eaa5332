namespace Tollgate.Runtime;

/// <summary>A host builtin failed while strict builtin errors were requested.</summary>
public sealed class PolicyBuiltinException : PolicyEvaluationException
{
    public PolicyBuiltinException() : this(Builtins.BuiltinException.BuiltinError, "builtin error") { }

    public PolicyBuiltinException(string message) : this(Builtins.BuiltinException.BuiltinError, message) { }

    public PolicyBuiltinException(string message, Exception inner)
        : base(Builtins.BuiltinException.BuiltinError, message, inner) { }

    /// <summary>Creates the error with OPA's code (<c>eval_builtin_error</c> or <c>eval_type_error</c>).</summary>
    public PolicyBuiltinException(string code, string message, Exception? inner = null) : base(code, message, inner) { }

    /// <summary>Name of the builtin that failed, when known.</summary>
    public string? BuiltinName { get; init; }
}
