using Tollgate.Rego.Ast;
using Tollgate.Rego.Syntax;

namespace Tollgate.Rego.Parsing;

/// <summary>
/// OPA's experimental logic syntax, active only after <c>import future.keywords.and</c>, <c>.or</c> or
/// <c>.not</c>: <c>a and b</c>, <c>a or b</c>, <c>not { body }</c>, braced bodies and parenthesised
/// groups as operands. <c>not</c> binds tightest, then <c>and</c>, then <c>or</c>. Without those
/// imports a body literal is an ordinary expression.
/// </summary>
internal sealed partial class Parser
{
    private bool LogicSyntax => (_lexer.Keywords & FutureKeywords.LogicSyntax) != 0;

    /// <summary>One expression of a body.</summary>
    private Expr? ParseBodyLiteral() => LogicSyntax ? ParseDisjunction() : ParseLiteral();

    private Expr? ParseDisjunction()
    {
        var start = _tok;
        var first = ParseConjunction();
        if (first is null || _tok.Kind != TokenKind.OrKeyword)
        {
            return first;
        }
        var or = new Expr { Kind = ExprKind.Or, Operands = [AsOperand(first)] };
        while (_tok.Kind == TokenKind.OrKeyword)
        {
            Scan();
            var next = ParseConjunction();
            if (next is null)
            {
                return null;
            }
            or.Operands.Add(AsOperand(next));
        }
        or.Location = Span(start);
        return or;
    }

    private Expr? ParseConjunction()
    {
        var start = _tok;
        var first = ParseLogicOperand();
        if (first is null || _tok.Kind != TokenKind.AndKeyword)
        {
            return first;
        }
        var and = new Expr { Kind = ExprKind.And, Operands = [AsOperand(first)] };
        while (_tok.Kind == TokenKind.AndKeyword)
        {
            Scan();
            var next = ParseLogicOperand();
            if (next is null)
            {
                return null;
            }
            and.Operands.Add(AsOperand(next));
        }
        and.Location = Span(start);
        return and;
    }

    /// <summary>
    /// An ordinary literal when one parses (and is not a set literal standing for a block); otherwise a
    /// braced block, a parenthesised group, or <c>not</c> applied to either.
    /// </summary>
    private Expr? ParseLogicOperand()
    {
        if (!Enter())
        {
            return null;
        }
        try
        {
            var start = _tok;
            var state = Save();
            var plain = ParseLiteral();
            if (plain is not null && !(plain.Kind == ExprKind.Term && plain.Term is SetTerm))
            {
                return plain;
            }
            Restore(state);

            Expr? expr;
            switch (_tok.Kind)
            {
                case TokenKind.Not:
                    Scan();
                    var operand = ParseLogicOperand();
                    if (operand is null)
                    {
                        return null;
                    }
                    expr = Negate(operand);
                    break;
                case TokenKind.LeftBrace:
                    Scan();
                    var body = ParseBody(TokenKind.RightBrace);
                    if (body is null)
                    {
                        return null;
                    }
                    Scan();
                    expr = new Expr { Kind = ExprKind.Block, Body = body };
                    break;
                case TokenKind.LeftParen:
                    Scan();
                    var inner = ParseDisjunction();
                    if (inner is null)
                    {
                        return null;
                    }
                    if (_tok.Kind != TokenKind.RightParen)
                    {
                        Error(_tok, "non-terminated expression");
                        return null;
                    }
                    Scan();
                    expr = inner;
                    break;
                default:
                    // Neither reading works: report the ordinary literal's error.
                    ParseLiteral();
                    return null;
            }
            if (_tok.Kind == TokenKind.With && !KeywordStartsRef() && !ParseWith(expr.With))
            {
                return null;
            }
            expr.Location = Span(start);
            return expr;
        }
        finally
        {
            Leave();
        }
    }

    /// <summary><c>not</c> of an operand: flips a plain expression, wraps an already negated one in a block.</summary>
    private static Expr Negate(Expr operand)
    {
        if (!operand.Negated && operand.With.Count == 0)
        {
            operand.Negated = true;
            return operand;
        }
        var body = new Body { Location = operand.Location };
        body.Exprs.Add(operand);
        return new Expr { Kind = ExprKind.Block, Body = body, Negated = true, Location = operand.Location };
    }

    /// <summary>An and/or operand as a body: a plain block contributes its own body.</summary>
    private static Body AsOperand(Expr expr)
    {
        if (expr is { Kind: ExprKind.Block, Negated: false, Body: { } blockBody } && expr.With.Count == 0)
        {
            return blockBody;
        }
        var body = new Body { Location = expr.Location };
        body.Exprs.Add(expr);
        return body;
    }
}
