using Tollgate.Rego.Ast;
using Tollgate.Rego.Syntax;

namespace Tollgate.Rego.Parsing;

/// <summary>Primary terms: scalars, variables, refs, calls and parenthesised expressions.</summary>
internal sealed partial class Parser
{
    private Term? ParseTerm()
    {
        if (!Enter())
        {
            return null;
        }
        try
        {
            var start = _tok.Start;
            if (_termCache.TryGetValue(start, out var cached))
            {
                // Errors are left alone: a cached term parsed cleanly, and anything recorded since belongs to the caller.
                var after = cached.After;
                Restore(after with { ErrorCount = int.MaxValue });
                return cached.Term;
            }

            Term? term = null;
            switch (_tok.Kind)
            {
                case TokenKind.Null:
                    term = new NullTerm { Location = Loc(_tok) };
                    break;
                case TokenKind.True:
                    term = new BooleanTerm(true) { Location = Loc(_tok) };
                    break;
                case TokenKind.False:
                    term = new BooleanTerm(false) { Location = Loc(_tok) };
                    break;
                case TokenKind.Minus or TokenKind.Dot or TokenKind.Number:
                    term = ParseNumber();
                    break;
                case TokenKind.String:
                    term = ParseString();
                    break;
                case TokenKind.RawString:
                    term = new StringTerm(_text.Substring(_tok.ValueStart, _tok.ValueEnd - _tok.ValueStart)) { Location = Loc(_tok) };
                    break;
                case TokenKind.TemplatePart or TokenKind.TemplateEnd:
                    term = ParseTemplateString(raw: false);
                    break;
                case TokenKind.RawTemplatePart or TokenKind.RawTemplateEnd:
                    term = ParseTemplateString(raw: true);
                    break;
                case TokenKind.Identifier or TokenKind.Contains:
                    // "contains" is a keyword only in rule heads.
                    term = ParseVar();
                    break;
                case TokenKind.LeftBracket:
                    term = ParseArray();
                    break;
                case TokenKind.LeftBrace:
                    term = ParseSetOrObject();
                    break;
                case TokenKind.LeftParen:
                    Scan();
                    var inner = ParseTermInfix();
                    if (inner is not null)
                    {
                        if (_tok.Kind == TokenKind.RightParen)
                        {
                            term = inner;
                        }
                        else
                        {
                            Error(_tok, "non-terminated expression");
                        }
                    }
                    break;
                default:
                    Illegal("");
                    break;
            }

            term = ParseTermFinish(term);
            if (term is not null && WorthCaching(term))
            {
                _termCache[start] = new CachedTerm(term, Save());
            }
            return term;
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>
    /// Only terms with nested structure are cached: re-parsing those is what could blow up when
    /// speculative parses restore, while scalars, variables and dotted refs are cheaper to parse again
    /// than to remember.
    /// </summary>
    private static bool WorthCaching(Term term)
    {
        switch (term)
        {
            case NullTerm or BooleanTerm or NumberTerm or StringTerm or VarTerm:
                return false;
            case RefTerm r:
                if (r.Head is not VarTerm)
                {
                    return true;
                }
                foreach (var part in r.Parts)
                {
                    if (part is not (StringTerm or VarTerm or NumberTerm))
                    {
                        return true;
                    }
                }
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// Steps past a primary term's last token and continues it as a ref or call when '.', '[' or '('
    /// follows with no whitespace in between. A bare <c>data</c> or <c>input</c> becomes a ref.
    /// </summary>
    private Term? ParseTermFinish(Term? head)
    {
        if (head is null)
        {
            return null;
        }
        Scan();
        if (!_tok.SpaceBefore && _tok.Kind is TokenKind.Dot or TokenKind.LeftBracket or TokenKind.LeftParen)
        {
            return ParseRef(head);
        }
        return RootDocumentRef(head);
    }

    private static Term RootDocumentRef(Term head)
    {
        if (head is VarTerm { Name: "data" or "input" })
        {
            return new RefTerm { Head = head, Location = head.Location };
        }
        return head;
    }

    /// <summary>Parses ref parts and calls after <paramref name="head"/>; the current token is '.', '[' or '('.</summary>
    private Term? ParseRef(Term head)
    {
        if (!Enter())
        {
            return null;
        }
        try
        {
            if (head is not (VarTerm or ArrayTerm or ObjectTerm or SetTerm or ArrayComprehension or ObjectComprehension or SetComprehension or CallTerm))
            {
                Error(head.Location, $"illegal ref (head cannot be {TermKindNames.Of(head)})");
                return null;
            }
            var reference = new RefTerm { Head = head, Location = head.Location };
            while (true)
            {
                switch (_tok.Kind)
                {
                    case TokenKind.Dot:
                        Scan();
                        if (_tok.SpaceBefore)
                        {
                            Error(_tok, "unexpected whitespace token: expected ident");
                            return null;
                        }
                        if (!_tok.IsWordLike)
                        {
                            Illegal("expected ident");
                            return null;
                        }
                        reference.Parts.Add(new StringTerm(TextOf(_tok)) { Location = Loc(_tok) });
                        Scan();
                        break;
                    case TokenKind.LeftParen:
                        reference.Location = Span(head.Location, _lastEnd);
                        var call = ParseCall(reference);
                        if (call is not null && !_tok.SpaceBefore && _tok.Kind is TokenKind.Dot or TokenKind.LeftBracket)
                        {
                            return ParseRef(call);
                        }
                        return call;
                    case TokenKind.LeftBracket:
                        Scan();
                        var part = ParseTermInfix();
                        if (part is null)
                        {
                            return null;
                        }
                        if (_tok.Kind != TokenKind.RightBracket)
                        {
                            Illegal("expected ]");
                            return null;
                        }
                        reference.Parts.Add(part);
                        Scan();
                        break;
                    default:
                        reference.Location = Span(head.Location, _lastEnd);
                        return reference;
                }
                if (_tok.SpaceBefore)
                {
                    reference.Location = Span(head.Location, _lastEnd);
                    return reference;
                }
            }
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>Parses <c>(args)</c> after an operator ref; leaves the token after ')'. <c>set()</c> is the empty set.</summary>
    private Term? ParseCall(RefTerm op)
    {
        if (!Enter())
        {
            return null;
        }
        try
        {
            Scan();
            if (_tok.Kind == TokenKind.RightParen)
            {
                Scan();
                if (op.Parts.Count == 0 && op.Head is VarTerm { Name: "set" })
                {
                    return new SetTerm { Location = Span(op.Location, _lastEnd) };
                }
                return new CallTerm { Operator = op, Location = Span(op.Location, _lastEnd) };
            }
            var call = new CallTerm { Operator = op };
            if (!ParseTermList(TokenKind.RightParen, call.Args))
            {
                return null;
            }
            Scan();
            call.Location = Span(op.Location, _lastEnd);
            return call;
        }
        finally
        {
            Leave();
        }
    }

    private Term ParseVar()
    {
        if (_tok.Length == 1 && _text[_tok.Start] == '_')
        {
            return NewWildcard(Loc(_tok));
        }
        return new VarTerm(TextOf(_tok)) { Location = Loc(_tok) };
    }

    /// <summary>
    /// A number, possibly written with a leading '-' or '.', kept as its source text. Leaves the current
    /// token on the digits (ParseTerm steps past it).
    /// </summary>
    private Term? ParseNumber()
    {
        var start = _tok;
        var negative = false;
        var leadingDot = false;
        if (_tok.Kind == TokenKind.Minus)
        {
            negative = true;
            Scan();
            if (_tok.Kind is not (TokenKind.Number or TokenKind.Dot))
            {
                Illegal("expected number");
                return null;
            }
        }
        if (_tok.Kind == TokenKind.Dot)
        {
            leadingDot = true;
            Scan();
            if (_tok.Kind != TokenKind.Number)
            {
                Illegal("expected number");
                return null;
            }
        }
        var digits = _text.AsSpan(_tok.Start, _tok.Length);
        if (!leadingDot && digits.Length > 1 && digits[0] == '0')
        {
            var decimalPoint = digits[1] == '.';
            var exponent = digits.Length > 2 && (digits[1] | 0x20) == 'e';
            if (!decimalPoint && !exponent)
            {
                Illegal("expected number without leading zero");
                return null;
            }
        }
        if (NumberLiteral.ExponentTooLarge(digits))
        {
            Error(_tok, "number too big");
            return null;
        }
        string text;
        if (!negative && !leadingDot)
        {
            text = digits.ToString();
        }
        else
        {
            text = string.Concat(negative ? "-" : "", leadingDot ? "." : "", digits);
        }
        return new NumberTerm(text) { Location = new(_file, start.Line, start.Column, start.Start, _tok.End) };
    }

    private Term? ParseString()
    {
        var value = StringLiteral.Decode(_text.AsSpan(_tok.ValueStart, _tok.ValueEnd - _tok.ValueStart), braceEscapes: false);
        if (value is null)
        {
            Error(_tok, "illegal string literal: " + TextOf(_tok));
            return null;
        }
        return new StringTerm(value) { Location = Loc(_tok) };
    }
}
