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

    /// <summary>OPA's code for a builtin called with an operand of the wrong type (strict mode).</summary>
    public const string TypeError = "eval_type_error";

    /// <summary>OPA's code for a builtin that failed on its operands (strict mode).</summary>
    public const string BuiltinError = "eval_builtin_error";

    /// <summary>
    /// The code the abort text names (<c>"x.rego:4: eval_type_error: …"</c>, as strict-mode builtin errors
    /// inside the module report), else <see cref="ConflictError"/> when it mentions a conflict, else
    /// <see cref="InternalError"/>.
    /// </summary>
    public string Code { get; }

    private static string CodeFor(string message) =>
        EmbeddedCode(message)
        ?? (message.Contains("conflict", StringComparison.Ordinal) ? ConflictError : InternalError);

    /// <summary>
    /// Finds a <c>eval_…_error</c> token that stands as its own colon-separated field of the text (at the start
    /// or after ": "), so a word inside a user's message is not mistaken for the code.
    /// </summary>
    private static string? EmbeddedCode(string message)
    {
        int from = 0;
        while (true)
        {
            int at = message.IndexOf("eval_", from, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }
            int end = at + 5;
            while (end < message.Length && (char.IsAsciiLetterLower(message[end]) || message[end] == '_'))
            {
                end++;
            }
            bool fieldStart = at == 0 || (at >= 2 && message[at - 1] == ' ' && message[at - 2] == ':');
            bool fieldEnd = end == message.Length || message[end] == ':';
            if (fieldStart && fieldEnd && message.AsSpan(at, end - at).EndsWith("_error", StringComparison.Ordinal))
            {
                return message.Substring(at, end - at);
            }
            from = end;
        }
    }
}
