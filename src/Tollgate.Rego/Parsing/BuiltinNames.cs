using Tollgate.Rego.Syntax;

namespace Tollgate.Rego.Parsing;

/// <summary>OPA's builtin names for infix operators.</summary>
internal static class BuiltinNames
{
    public static string? Comparison(TokenKind kind) => kind switch
    {
        TokenKind.Equal => "equal",
        TokenKind.NotEqual => "neq",
        TokenKind.Less => "lt",
        TokenKind.LessEqual => "lte",
        TokenKind.Greater => "gt",
        TokenKind.GreaterEqual => "gte",
        _ => null,
    };
}
