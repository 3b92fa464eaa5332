using Tollgate.Rego.Ast;
using Tollgate.Rego.Syntax;
using Tollgate.Rego.Text;

namespace Tollgate.Rego.Parsing;

/// <summary>
/// Arrays, sets, objects and comprehensions. Each leaves the current token on its closing bracket.
/// <c>{a | b}</c> is read as a comprehension first, as OPA does, and as a set holding a bitwise-or
/// only when that fails.
/// </summary>
internal sealed partial class Parser
{
    private SourceLocation Range(in Token start, int end) => new(_file, start.Line, start.Column, start.Start, end);

    /// <summary>
    /// Steps past an opening bracket; false when <paramref name="close"/> follows at once (an empty
    /// collection). OPA accepts a leading comma (<c>[, x]</c>) for backwards compatibility: it is skipped,
    /// and then the collection cannot be a comprehension.
    /// </summary>
    private bool OpenCollection(TokenKind close, out bool potentialComprehension)
    {
        Scan();
        potentialComprehension = true;
        if (_tok.Kind == close)
        {
            return false;
        }
        if (_tok.Kind == TokenKind.Comma)
        {
            potentialComprehension = false;
            Scan();
        }
        return true;
    }

    private Term? ParseArray()
    {
        if (!Enter())
        {
            return null;
        }
        var open = _tok;
        try
        {
            if (!OpenCollection(TokenKind.RightBracket, out var potentialComprehension))
            {
                return new ArrayTerm { Location = Range(open, _tok.End) };
            }

            // A comprehension head is a plain term; "[a | b]" must not be read as an array holding "a | b".
            var state = Save();
            var head = ParseTerm();
            if (head is null)
            {
                return null;
            }
            return ParseSequence(open, state, head, potentialComprehension, array: true);
        }
        finally
        {
            Leave();
        }
    }

    private Term? ParseSetOrObject()
    {
        if (!Enter())
        {
            return null;
        }
        var open = _tok;
        try
        {
            if (!OpenCollection(TokenKind.RightBrace, out var potentialComprehension))
            {
                return new ObjectTerm { Location = Range(open, _tok.End) };
            }

            // First try a plain term so "{a | b}" is a set comprehension rather than a set of "a | b".
            var state = Save();
            var head = ParseTerm();
            if (head is null)
            {
                return null;
            }
            switch (_tok.Kind)
            {
                case TokenKind.Pipe when potentialComprehension:
                    return ParseSequence(open, state, head, potentialComprehension, array: false);
                case TokenKind.RightBrace or TokenKind.Comma:
                    return ParseSequence(open, state, head, potentialComprehension, array: false);
                case TokenKind.Colon:
                    return ParseObject(open, head, potentialComprehension);
            }

            Restore(state);
            head = ParseTermInfix(keyValue: false);
            if (head is null)
            {
                return null;
            }
            switch (_tok.Kind)
            {
                case TokenKind.RightBrace or TokenKind.Comma:
                    return ParseSequence(open, state, head, false, array: false);
                case TokenKind.Colon:
                    // Still possibly an object comprehension: { a + 1: b | ... }.
                    return ParseObject(open, head, potentialComprehension);
            }
            Illegal("non-terminated set");
            return null;
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>
    /// The rest of an array or set after its first element (a plain term): the closing bracket, more elements
    /// after a comma, or <c>| body</c> for a comprehension. Anything else (an operator, or a body that does
    /// not parse but is followed by a comma) means the elements are read again from the start as terms with
    /// operators: <c>[a | b, c]</c> holds a bitwise-or.
    /// </summary>
    private Term? ParseSequence(in Token open, in ParserState start, Term head, bool potentialComprehension, bool array)
    {
        var close = array ? TokenKind.RightBracket : TokenKind.RightBrace;
        Term? first = head;
        if (_tok.Kind == TokenKind.Comma)
        {
            Scan();
        }
        else if (_tok.Kind != close)
        {
            if (_tok.Kind == TokenKind.Pipe && potentialComprehension)
            {
                Scan();
                var body = ParseBody(close);
                if (body is not null)
                {
                    return array
                        ? new ArrayComprehension { Head = head, Body = body, Location = Range(open, _tok.End) }
                        : new SetComprehension { Head = head, Body = body, Location = Range(open, _tok.End) };
                }
                if (_tok.Kind != TokenKind.Comma)
                {
                    return null;
                }
            }
            Restore(start);
            first = null;
        }

        Term sequence;
        List<Term> items;
        if (array)
        {
            var arrayTerm = new ArrayTerm();
            sequence = arrayTerm;
            items = arrayTerm.Items;
        }
        else
        {
            var setTerm = new SetTerm();
            sequence = setTerm;
            items = setTerm.Items;
        }
        if (first is not null)
        {
            items.Add(first);
        }
        if (!ParseTermList(close, items))
        {
            return null;
        }
        sequence.Location = Range(open, _tok.End);
        return sequence;
    }

    /// <summary>Parses the rest of an object after its first key; the current token is ':'.</summary>
    private Term? ParseObject(in Token open, Term key, bool potentialComprehension)
    {
        if (!Enter())
        {
            return null;
        }
        try
        {
            Scan();
            var state = Save();
            // Try a plain value first: "{k: v | body}" is a comprehension.
            var value = ParseTerm();
            if (value is null)
            {
                return null;
            }
            var potentialRelation = true;
            if (potentialComprehension && _tok.Kind is TokenKind.RightBrace or TokenKind.Comma or TokenKind.Pipe)
            {
                potentialRelation = _tok.Kind == TokenKind.Pipe;
                var finished = ParseObjectFinish(open, key, value, comprehension: true);
                if (finished is not null)
                {
                    return finished;
                }
            }

            Restore(state);
            if (potentialRelation)
            {
                value = ParseTermInfix(keyValue: false);
                if (value is null)
                {
                    return null;
                }
                if (_tok.Kind is TokenKind.RightBrace or TokenKind.Comma)
                {
                    return ParseObjectFinish(open, key, value, comprehension: false);
                }
            }
            Illegal("non-terminated object");
            return null;
        }
        finally
        {
            Leave();
        }
    }

    private Term? ParseObjectFinish(in Token open, Term key, Term value, bool comprehension)
    {
        switch (_tok.Kind)
        {
            case TokenKind.RightBrace:
                {
                    var single = new ObjectTerm { Location = Range(open, _tok.End) };
                    single.Items.Add(new(key, value));
                    return single;
                }
            case TokenKind.Pipe:
                if (comprehension)
                {
                    Scan();
                    var body = ParseBody(TokenKind.RightBrace);
                    if (body is not null)
                    {
                        return new ObjectComprehension { Key = key, Value = value, Body = body, Location = Range(open, _tok.End) };
                    }
                }
                else
                {
                    Illegal("non-terminated object");
                }
                return null;
            case TokenKind.Comma:
                {
                    Scan();
                    var obj = new ObjectTerm();
                    obj.Items.Add(new(key, value));
                    if (!ParseTermPairList(obj.Items))
                    {
                        return null;
                    }
                    obj.Location = Range(open, _tok.End);
                    return obj;
                }
            default:
                return null;
        }
    }

    /// <summary>Comma-separated terms up to <paramref name="end"/> (a trailing comma is allowed); stops on it.</summary>
    private bool ParseTermList(TokenKind end, List<Term> into)
    {
        if (_tok.Kind == end)
        {
            return true;
        }
        while (true)
        {
            var term = ParseTermInfix(keyValue: false);
            if (term is null)
            {
                return false;
            }
            into.Add(term);
            if (_tok.Kind == end)
            {
                return true;
            }
            if (_tok.Kind != TokenKind.Comma)
            {
                Illegal($"expected \",\" or \"{TokenNames.Of(end)}\"");
                return false;
            }
            Scan();
            if (_tok.Kind == end)
            {
                return true;
            }
        }
    }

    private bool ParseTermPairList(List<KeyValuePair<Term, Term>> into)
    {
        if (_tok.Kind == TokenKind.RightBrace)
        {
            return true;
        }
        while (true)
        {
            var key = ParseTermInfix(keyValue: false);
            if (key is null)
            {
                return false;
            }
            if (_tok.Kind != TokenKind.Colon)
            {
                Illegal("expected \":\"");
                return false;
            }
            Scan();
            var value = ParseTermInfix(keyValue: false);
            if (value is null)
            {
                return false;
            }
            into.Add(new(key, value));
            if (_tok.Kind == TokenKind.RightBrace)
            {
                return true;
            }
            if (_tok.Kind != TokenKind.Comma)
            {
                Illegal("expected \",\" or \"}\"");
                return false;
            }
            Scan();
            if (_tok.Kind == TokenKind.RightBrace)
            {
                return true;
            }
        }
    }
}
