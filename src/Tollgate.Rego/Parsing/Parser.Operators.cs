using Tollgate.Rego.Ast;
using Tollgate.Rego.Syntax;

namespace Tollgate.Rego.Parsing;

/// <summary>
/// Infix operators, loosest first as in OPA: <c>in</c>, then comparisons, <c>|</c>, <c>&amp;</c>,
/// <c>+ -</c>, <c>* / %</c>. Each level is left-associative. Statement-level <c>=</c> and <c>:=</c>
/// are handled by the expression parser.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>A full infix term; <paramref name="keyValue"/> allows <c>k, v in xs</c>.</summary>
    private Term? ParseTermInfix(bool keyValue = true)
    {
        if (!Enter())
        {
            return null;
        }
        try
        {
            return ParseMembership(keyValue);
        }
        finally
        {
            Leave();
        }
    }

    private Term? ParseMembership(bool keyValue)
    {
        var lhs = ParseRelation();
        if (lhs is null)
        {
            return null;
        }
        while (true)
        {
            if (keyValue && _tok.Kind == TokenKind.Comma)
            {
                // "k, v in xs" is only known once the "in" shows up; otherwise the comma belongs to the caller.
                var state = Save();
                Scan();
                var middle = ParseRelation();
                if (middle is not null && _tok.Kind == TokenKind.In && !KeywordStartsRef())
                {
                    var opToken = _tok;
                    Scan();
                    var rhs = ParseRelation();
                    if (rhs is null)
                    {
                        return null;
                    }
                    lhs = MakeCall(opToken, "internal", "member_3", lhs, middle, rhs);
                    if (_tok.Kind == TokenKind.In)
                    {
                        continue;
                    }
                    return lhs;
                }
                Restore(state);
            }
            // "in.foo" on the next line starts a ref, not a membership test.
            if (_tok.Kind != TokenKind.In || KeywordStartsRef())
            {
                return lhs;
            }
            var inToken = _tok;
            Scan();
            var collection = ParseRelation();
            if (collection is null)
            {
                return null;
            }
            lhs = MakeCall(inToken, "internal", "member_2", lhs, collection);
        }
    }

    private Term? ParseRelation()
    {
        var lhs = ParseBitOr();
        while (lhs is not null && BuiltinNames.Comparison(_tok.Kind) is { } name)
        {
            var opToken = _tok;
            Scan();
            var rhs = ParseBitOr();
            if (rhs is null)
            {
                return null;
            }
            lhs = MakeCall(opToken, name, null, lhs, rhs);
        }
        return lhs;
    }

    private Term? ParseBitOr()
    {
        var lhs = ParseBitAnd();
        while (lhs is not null && _tok.Kind == TokenKind.Pipe)
        {
            var opToken = _tok;
            Scan();
            var rhs = ParseBitAnd();
            if (rhs is null)
            {
                return null;
            }
            lhs = MakeCall(opToken, "or", null, lhs, rhs);
        }
        return lhs;
    }

    private Term? ParseBitAnd()
    {
        var lhs = ParseArith();
        while (lhs is not null && _tok.Kind == TokenKind.Ampersand)
        {
            var opToken = _tok;
            Scan();
            var rhs = ParseArith();
            if (rhs is null)
            {
                return null;
            }
            lhs = MakeCall(opToken, "and", null, lhs, rhs);
        }
        return lhs;
    }

    private Term? ParseArith()
    {
        var lhs = ParseFactor();
        while (lhs is not null && _tok.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var opToken = _tok;
            var name = _tok.Kind == TokenKind.Plus ? "plus" : "minus";
            Scan();
            var rhs = ParseFactor();
            if (rhs is null)
            {
                return null;
            }
            lhs = MakeCall(opToken, name, null, lhs, rhs);
        }
        return lhs;
    }

    private Term? ParseFactor()
    {
        var lhs = ParseTerm();
        while (lhs is not null && _tok.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var opToken = _tok;
            var name = _tok.Kind switch
            {
                TokenKind.Star => "mul",
                TokenKind.Slash => "div",
                _ => "rem",
            };
            Scan();
            var rhs = ParseTerm();
            if (rhs is null)
            {
                return null;
            }
            lhs = MakeCall(opToken, name, null, lhs, rhs);
        }
        return lhs;
    }

    /// <summary>An operator ref such as <c>plus</c> or <c>internal.member_2</c>, located at the operator token.</summary>
    private RefTerm OperatorRef(in Token opToken, string name, string? part)
    {
        var location = Loc(opToken);
        var op = new RefTerm { Head = new VarTerm(name) { Location = location }, Location = location };
        if (part is not null)
        {
            op.Parts.Add(new StringTerm(part) { Location = location });
        }
        return op;
    }

    private CallTerm MakeCall(in Token opToken, string name, string? part, Term first, Term second, Term? third = null)
    {
        var call = new CallTerm { Operator = OperatorRef(opToken, name, part), Location = Span(first.Location, _lastEnd) };
        call.Args.Add(first);
        call.Args.Add(second);
        if (third is not null)
        {
            call.Args.Add(third);
        }
        return call;
    }
}
