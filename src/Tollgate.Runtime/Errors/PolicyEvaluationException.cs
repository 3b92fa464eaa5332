namespace Tollgate.Runtime;

/// <summary>
/// An evaluation failed inside the module: a trap or an <c>opa_abort</c>. For an abort the message is the
/// module's text (e.g. <c>x.rego:3:5: var assignment conflict</c>).
/// </summary>
public class PolicyEvaluationException : PolicyException
{
    /// <summary>OPA's code for conflicting values of a complete rule or object key.</summary>
    public const string ConflictError = "eval_conflict_error";

    /// <summary>OPA's code for any other runtime failure.</summary>
    public const string InternalError = "eval_internal_error";

    public PolicyEvaluationException() : this("policy evaluation failed") { }

    public PolicyEvaluationException(string message) : base(message) => Code = CodeFor(message);

    public PolicyEvaluationException(string message, Exception inner) : base(message, inner) => Code = CodeFor(message);

    /// <summary>Constructor for subclasses that fix their own code.</summary>
    protected PolicyEvaluationException(string code, string message, Exception? inner)
        : base(message, inner!) => Code = code;

    /// <summary><see cref="ConflictError"/> when the abort text mentions a conflict, else <see cref="InternalError"/>.</summary>
    public string Code { get; }

    private static string CodeFor(string message) =>
        message.Contains("conflict", StringComparison.Ordinal) ? ConflictError : InternalError;
}
