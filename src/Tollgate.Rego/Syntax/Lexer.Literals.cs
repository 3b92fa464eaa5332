namespace Tollgate.Rego.Syntax;

/// <summary>Operators, strings and template strings.</summary>
internal sealed partial class Lexer
{
    private void ScanPunctuation(ref Token token, char c)
    {
        _pos++;
        var next = _pos < _text.Length ? _text[_pos] : '\0';
        switch (c)
        {
            case '"':
                ScanQuoted(ref token, template: false);
                return;
            case '`':
                ScanRaw(ref token, template: false);
                return;
            case '[': token.Kind = TokenKind.LeftBracket; return;
            case ']': token.Kind = TokenKind.RightBracket; return;
            case '{': token.Kind = TokenKind.LeftBrace; return;
            case '}': token.Kind = TokenKind.RightBrace; return;
            case '(': token.Kind = TokenKind.LeftParen; return;
            case ')': token.Kind = TokenKind.RightParen; return;
            case ',': token.Kind = TokenKind.Comma; return;
            case ';': token.Kind = TokenKind.Semicolon; return;
            case '.': token.Kind = TokenKind.Dot; return;
            case '+': token.Kind = TokenKind.Plus; return;
            case '-': token.Kind = TokenKind.Minus; return;
            case '*': token.Kind = TokenKind.Star; return;
            case '/': token.Kind = TokenKind.Slash; return;
            case '%': token.Kind = TokenKind.Percent; return;
            case '&': token.Kind = TokenKind.Ampersand; return;
            case '|': token.Kind = TokenKind.Pipe; return;
            case ':':
                token.Kind = TwoChar(next, TokenKind.Assign, TokenKind.Colon);
                return;
            case '=':
                token.Kind = TwoChar(next, TokenKind.Equal, TokenKind.Unify);
                return;
            case '<':
                token.Kind = TwoChar(next, TokenKind.LessEqual, TokenKind.Less);
                return;
            case '>':
                token.Kind = TwoChar(next, TokenKind.GreaterEqual, TokenKind.Greater);
                return;
            case '!':
                if (next == '=')
                {
                    _pos++;
                    token.Kind = TokenKind.NotEqual;
                }
                else
                {
                    FailAtStart(ref token, "illegal ! character");
                }
                return;
            case '$':
                if (next == '"')
                {
                    _pos++;
                    ScanQuoted(ref token, template: true);
                }
                else if (next == '`')
                {
                    _pos++;
                    ScanRaw(ref token, template: true);
                }
                else
                {
                    FailAtStart(ref token, "illegal $ character");
                }
                return;
            case '\0':
                FailAtStart(ref token, "illegal null character");
                return;
            case '\uFEFF':
                FailAtStart(ref token, "illegal byte-order mark");
                return;
            default:
                // Keep surrogate pairs whole so the next token does not start mid-character.
                if (char.IsHighSurrogate(c) && char.IsLowSurrogate(next))
                {
                    _pos++;
                }
                token.Kind = TokenKind.Illegal;
                return;
        }
    }

    /// <summary>For operators that may be followed by '=': consumes it when present.</summary>
    private TokenKind TwoChar(char next, TokenKind withEquals, TokenKind alone)
    {
        if (next == '=')
        {
            _pos++;
            return withEquals;
        }
        return alone;
    }

    /// <summary>
    /// A double-quoted string, or (<paramref name="template"/>) a template string's text up to '{' (an
    /// embedded expression follows) or the closing quote.
    /// </summary>
    private void ScanQuoted(ref Token token, bool template)
    {
        token.Kind = template ? TokenKind.TemplatePart : TokenKind.String;
        token.ValueStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                token.ValueEnd = _pos;
                Fail(ref token, "non-terminated string");
                return;
            }
            var ch = _text[_pos++];
            if (ch == '"')
            {
                if (template && token.Kind != TokenKind.Illegal)
                {
                    token.Kind = TokenKind.TemplateEnd;
                }
                token.ValueEnd = _pos - 1;
                return;
            }
            if (ch == '{' && template)
            {
                token.ValueEnd = _pos - 1;
                return;
            }
            if (ch == '\\' && SkipEscape(ref token, allowBrace: template))
            {
                token.HasBraceEscape = true;
            }
        }
    }

    /// <summary>
    /// A backquoted raw string, or (<paramref name="template"/>) a raw template string's text up to '{' or
    /// the closing backquote; only <c>\{</c> is an escape there.
    /// </summary>
    private void ScanRaw(ref Token token, bool template)
    {
        token.Kind = template ? TokenKind.RawTemplatePart : TokenKind.RawString;
        token.ValueStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                token.ValueEnd = _pos;
                Fail(ref token, "non-terminated string");
                return;
            }
            var ch = _text[_pos++];
            if (ch == '`')
            {
                if (template)
                {
                    token.Kind = TokenKind.RawTemplateEnd;
                }
                token.ValueEnd = _pos - 1;
                return;
            }
            if (ch == '\n')
            {
                _line++;
                _lineStart = _pos;
            }
            else if (template && ch == '{')
            {
                token.ValueEnd = _pos - 1;
                return;
            }
            else if (template && ch == '\\' && _pos < _text.Length && _text[_pos] == '{')
            {
                _pos++;
                token.HasBraceEscape = true;
            }
        }
    }

    /// <summary>Steps over the character after a backslash; returns true for a template's <c>\{</c>.</summary>
    private bool SkipEscape(ref Token token, bool allowBrace)
    {
        if (_pos >= _text.Length)
        {
            return false;
        }
        switch (_text[_pos])
        {
            case '\\' or '"' or '/' or 'b' or 'f' or 'n' or 'r' or 't':
                _pos++;
                return false;
            case '{' when allowBrace:
                _pos++;
                return true;
            case 'u':
                _pos++;
                // Four hex digits are checked when the string is decoded; here only stop at the line end.
                for (var i = 0; i < 4 && _pos < _text.Length && _text[_pos] != '\n'; i++)
                {
                    _pos++;
                }
                return false;
            default:
                Fail(ref token, "illegal escape sequence");
                return false;
        }
    }

    /// <summary>Like Fail, but points at the token's first character (for single bad characters).</summary>
    private void FailAtStart(ref Token token, string reason)
    {
        Fail(ref token, reason);
        token.ErrorLine = token.Line;
        token.ErrorColumn = token.Column;
    }
}
