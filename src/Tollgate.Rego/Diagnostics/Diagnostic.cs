using Tollgate.Rego.Text;

namespace Tollgate.Rego.Diagnostics;

/// <summary>One problem found in a policy, with OPA's error code and a 1-based position.</summary>
public sealed record Diagnostic(string Code, string Message, SourceLocation Location)
{
    /// <summary>Formats as <c>opa check</c> does: "1 error occurred: file:line: code: message" lines use this part.</summary>
    public override string ToString() =>
        Location.IsKnown ? $"{Location.File}:{Location.Line}: {Code}: {Message}" : $"{Code}: {Message}";
}

/// <summary>OPA's error codes.</summary>
public static class DiagnosticCodes
{
    public const string ParseError = "rego_parse_error";
    public const string CompileError = "rego_compile_error";
    public const string TypeError = "rego_type_error";
    public const string UnsafeVarError = "rego_unsafe_var_error";
    public const string RecursionError = "rego_recursion_error";
}
