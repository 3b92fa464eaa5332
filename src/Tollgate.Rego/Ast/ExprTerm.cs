namespace Tollgate.Rego.Ast;

/// <summary>
/// An expression used where a term is expected. The parser produces it only for a template string's
/// embedded expression that carries <c>with</c> modifiers (<c>$"{a with input as 1}"</c>); every other
/// embedded expression is an ordinary term or <see cref="CallTerm"/>.
/// </summary>
public sealed class ExprTerm : Term
{
    public required Expr Expr { get; set; }
}
