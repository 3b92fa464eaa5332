using Tollgate.Rego.Ast;
using Tollgate.Rego.Syntax;

namespace Tollgate.Rego.Parsing;

/// <summary>
/// Template strings (<c>$"Hello {input.name}"</c>, raw <c>$`…`</c>): text parts alternate with
/// embedded expressions. The lexer stops each text part at '{'; after the expression's '}' the
/// parser asks the lexer to continue the text.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Leaves the current token on the part holding the closing quote.</summary>
    private Term? ParseTemplateString(bool raw)
    {
        var start = _tok;
        var template = new TemplateStringTerm { Raw = raw };
        while (true)
        {
            if (_tok.Kind == TokenKind.Illegal)
            {
                Illegal("");
                return null;
            }
            var content = _text.AsSpan(_tok.ValueStart, _tok.ValueEnd - _tok.ValueStart);
            string? text;
            if (raw)
            {
                text = _tok.HasBraceEscape ? StringLiteral.RemoveBraceEscapes(content) : content.ToString();
            }
            else
            {
                text = StringLiteral.Decode(content, braceEscapes: true);
                if (text is null)
                {
                    Error(_tok, "illegal template-string part: " + TextOf(_tok));
                    return null;
                }
            }
            if (text.Length > 0)
            {
                template.Parts.Add(new StringTerm(text) { Location = Loc(_tok) });
            }
            if (_tok.Kind is TokenKind.TemplateEnd or TokenKind.RawTemplateEnd)
            {
                break;
            }

            Scan();
            var expr = ParseLiteral();
            if (expr is null)
            {
                if (NoStatementErrors)
                {
                    Error(_tok, "invalid template-string expression");
                }
                return null;
            }
            var part = TemplatePart(expr);
            if (part is null)
            {
                return null;
            }
            template.Parts.Add(part);
            if (_tok.Kind != TokenKind.RightBrace)
            {
                Error(_tok, "expected } to end template string expression");
                return null;
            }
            _lastEnd = _tok.End;
            _tok = _lexer.NextTemplateText(raw);
        }
        template.Location = Range(start, _tok.End);
        return template;
    }

    /// <summary>The embedded expression as a term, rejecting what OPA rejects inside templates.</summary>
    private Term? TemplatePart(Expr expr)
    {
        if (expr.Negated)
        {
            Error(expr.Location, "unexpected negation ('not') in template-string expression");
            return null;
        }
        switch (expr.Kind)
        {
            case ExprKind.Some:
                Error(expr.Location, "unexpected 'some' in template-string expression");
                return null;
            case ExprKind.Every:
                Error(expr.Location, "unexpected 'every' in template-string expression");
                return null;
            case ExprKind.Call when expr.OperatorName == "eq":
                Error(expr.Location, "unexpected unification ('=') in template-string expression");
                return null;
            case ExprKind.Call when expr.OperatorName == "assign":
                Error(expr.Location, "unexpected assignment (':=') in template-string expression");
                return null;
        }
        if (expr.With.Count > 0)
        {
            return new ExprTerm { Expr = expr, Location = expr.Location };
        }
        if (expr.Kind == ExprKind.Term)
        {
            return expr.Term;
        }
        var call = new CallTerm { Operator = expr.Operator!, Location = expr.Location };
        call.Args.AddRange(expr.Args!);
        return call;
    }
}
