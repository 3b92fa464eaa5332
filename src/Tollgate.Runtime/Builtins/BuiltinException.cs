namespace Tollgate.Runtime.Builtins;

/// <summary>An error raised by a builtin, with OPA's code (eval_builtin_error or eval_type_error).</summary>
public sealed class BuiltinException : Exception
{
    public const string BuiltinError = "eval_builtin_error";
    public const string TypeError = "eval_type_error";

    public BuiltinException(string code, string message) : base(message) => Code = code;

    public BuiltinException() : this(BuiltinError, "builtin error") { }

    public BuiltinException(string message) : this(BuiltinError, message) { }

    public BuiltinException(string message, Exception inner) : base(message, inner) => Code = BuiltinError;

    /// <summary>OPA's error code.</summary>
    public string Code { get; }

    /// <summary>A type error in OPA's wording: "name: operand N must be T but got U".</summary>
    public static BuiltinException Type(string builtin, int operand, string expected, string got) =>
        new(TypeError, $"{builtin}: operand {operand} must be {expected} but got {got}");
}
