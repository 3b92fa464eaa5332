using Tollgate.Rego.Ast;
using Tollgate.Rego.Syntax;

namespace Tollgate.Rego.Parsing;

/// <summary>Bodies and their expressions: <c>not</c>, <c>some</c>, <c>every</c>, <c>with</c>, <c>=</c>, <c>:=</c>.</summary>
internal sealed partial class Parser
{
    /// <summary>Expressions up to <paramref name="end"/>; leaves the current token on it.</summary>
    private Body? ParseBody(TokenKind end)
    {
        if (!Enter())
        {
            return null;
        }
        try
        {
            return ParseQuery(requireSemicolon: false, end);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>
    /// Expressions separated by ';' or line breaks. With <paramref name="requireSemicolon"/> (top-level
    /// statements) it stops after one expression unless a ';' follows.
    /// </summary>
    private Body? ParseQuery(bool requireSemicolon, TokenKind end)
    {
        if (_tok.Kind == end)
        {
            Error(_tok, "found empty body");
            return null;
        }
        var start = _tok;
        var body = new Body();
        while (true)
        {
            var expr = ParseBodyLiteral();
            if (expr is null)
            {
                return null;
            }
            body.Exprs.Add(expr);
            if (_tok.Kind == TokenKind.Semicolon)
            {
                Scan();
                continue;
            }
            if (_tok.Kind == end || requireSemicolon)
            {
                body.Location = Span(start);
                return body;
            }
            if (!_tok.NewlineBefore)
            {
                if (NoStatementErrors)
                {
                    Illegal($"expected \\n or ; or {TokenNames.Of(end)}");
                }
                return null;
            }
        }
    }

    private Expr? ParseLiteral()
    {
        var start = _tok;
        var expr = ParseLiteralCore();
        if (expr is not null)
        {
            expr.Location = Span(start);
        }
        return expr;
    }

    private Expr? ParseLiteralCore()
    {
        if (KeywordStartsRef())
        {
            return ParseLiteralExpr(negated: false);
        }
        var negated = false;
        if (_tok.Kind == TokenKind.Not)
        {
            var next = PeekToken();
            if (next.SpaceBefore || next.Kind is not (TokenKind.Dot or TokenKind.LeftBracket))
            {
                Scan();
                negated = true;
            }
            else
            {
                _tok.Kind = TokenKind.Identifier;
            }
        }
        switch (_tok.Kind)
        {
            case TokenKind.Some:
                if (negated)
                {
                    Illegal("illegal negation of 'some'");
                    return null;
                }
                return ParseSome();
            case TokenKind.Every:
                if (negated)
                {
                    Illegal("illegal negation of 'every'");
                    return null;
                }
                return ParseEvery();
            default:
                return ParseLiteralExpr(negated);
        }
    }

    private Expr? ParseLiteralExpr(bool negated)
    {
        var expr = ParseExpr();
        if (expr is null)
        {
            return null;
        }
        expr.Negated = negated;
        if (expr.Term is VarTerm { Name: "every" } && (_lexer.Keywords & FutureKeywords.Every) == 0)
        {
            _hint = "`import future.keywords.every` for `every x in xs { ... }` expressions";
        }
        if (_tok.Kind == TokenKind.With && !KeywordStartsRef() && !ParseWith(expr.With))
        {
            return null;
        }
        return expr;
    }

    private Expr? ParseExpr()
    {
        var lhs = ParseTermInfix();
        if (lhs is null)
        {
            return null;
        }
        if (_tok.Kind is TokenKind.Assign or TokenKind.Unify)
        {
            var opToken = _tok;
            var name = _tok.Kind == TokenKind.Assign ? "assign" : "eq";
            Scan();
            var rhs = ParseTermInfix();
            if (rhs is null)
            {
                return null;
            }
            return new Expr { Kind = ExprKind.Call, Operator = OperatorRef(opToken, name, null), Args = [lhs, rhs] };
        }
        // A call in statement position is an expression of its own, not a call term.
        if (lhs is CallTerm call)
        {
            return new Expr { Kind = ExprKind.Call, Operator = call.Operator, Args = call.Args };
        }
        return new Expr { Kind = ExprKind.Term, Term = lhs };
    }

    private bool ParseWith(List<With> into)
    {
        while (true)
        {
            var start = _tok;
            Scan();
            if (_tok.Kind != TokenKind.Identifier)
            {
                Illegal("expected ident");
                return false;
            }
            var target = ParseTerm();
            if (target is null)
            {
                return false;
            }
            if (target is not (RefTerm or VarTerm))
            {
                Illegal("expected with target path");
                return false;
            }
            if (_tok.Kind != TokenKind.As)
            {
                Illegal("expected as keyword");
                return false;
            }
            Scan();
            var value = ParseTermInfix();
            if (value is null)
            {
                return false;
            }
            into.Add(new With { Target = target, Value = value, Location = Span(start) });
            if (_tok.Kind != TokenKind.With)
            {
                return true;
            }
        }
    }

    private Expr? ParseSome()
    {
        // First try "some x in xs" / "some k, v in xs"; otherwise it is "some x, y" (variable declarations).
        var state = Save();
        Scan();
        if (ParseTermInfix() is CallTerm call)
        {
            var expr = new Expr { Kind = ExprKind.Some };
            if (!SplitMembership(call, expr))
            {
                Illegal("expected `x in xs` or `x, y in xs` expression");
                return null;
            }
            if (_tok.Kind == TokenKind.With && !KeywordStartsRef() && !ParseWith(expr.With))
            {
                return null;
            }
            return expr;
        }
        Restore(state);

        var vars = new List<VarTerm>();
        while (true)
        {
            Scan();
            if (_tok.Kind != TokenKind.Identifier)
            {
                Illegal("expected var");
                return null;
            }
            vars.Add((VarTerm)ParseVar());
            Scan();
            if (_tok.Kind != TokenKind.Comma)
            {
                break;
            }
        }
        if (_tok.Kind == TokenKind.Identifier && _tok.Length == 2 && _text.AsSpan(_tok.Start, 2).SequenceEqual("in"))
        {
            _hint = "`import future.keywords.in` for `some x in xs` expressions";
        }
        return new Expr { Kind = ExprKind.Some, Vars = vars };
    }

    private Expr? ParseEvery()
    {
        Scan();
        var term = ParseTermInfix();
        if (term is null)
        {
            return null;
        }
        if (term is not CallTerm call)
        {
            Illegal("expected `x[, y] in xs { ... }` expression");
            return null;
        }
        var expr = new Expr { Kind = ExprKind.Every };
        if (!SplitMembership(call, expr))
        {
            Illegal("expected `x[, y] in xs { ... }` expression");
            return null;
        }
        if (expr.Key is not (null or VarTerm))
        {
            Illegal("expected key to be a variable");
            return null;
        }
        if (expr.Value is not VarTerm value)
        {
            Illegal("expected value to be a variable");
            return null;
        }
        expr.Vars = expr.Key is VarTerm key ? [key, value] : [value];
        if (_tok.Kind != TokenKind.LeftBrace)
        {
            Illegal("missing body");
            return null;
        }
        Scan();
        var body = ParseBody(TokenKind.RightBrace);
        if (body is null)
        {
            return null;
        }
        Scan();
        expr.Body = body;
        if (_tok.Kind == TokenKind.With && !KeywordStartsRef() && !ParseWith(expr.With))
        {
            return null;
        }
        return expr;
    }

    /// <summary>
    /// <c>x in xs</c> and <c>k, v in xs</c> (internal.member_2/3 with matching arguments) give
    /// <paramref name="expr"/> its value, domain and (for the second) key; false for any other call.
    /// </summary>
    private static bool SplitMembership(CallTerm call, Expr expr)
    {
        if (call.Operator.Head is not VarTerm { Name: "internal" } || call.Operator.Parts.Count != 1
            || call.Operator.Parts[0] is not StringTerm member)
        {
            return false;
        }
        switch (member.Value)
        {
            case "member_2" when call.Args.Count == 2:
                expr.Value = call.Args[0];
                expr.Domain = call.Args[1];
                return true;
            case "member_3" when call.Args.Count == 3:
                expr.Key = call.Args[0];
                expr.Value = call.Args[1];
                expr.Domain = call.Args[2];
                return true;
            default:
                return false;
        }
    }
}
