namespace Tollgate.Rego.Syntax;

/// <summary>
/// Turns Rego source into tokens on demand. Works on the source string by offsets; it allocates only
/// when it records a comment or an error. Whitespace and comments are skipped but remembered on the
/// next token (<see cref="Token.SpaceBefore"/>, <see cref="Token.NewlineBefore"/>), because Rego refs
/// must not contain whitespace and bodies use line breaks as separators.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public Lexer(string text)
    {
        _text = text;
        // A byte-order mark is allowed as the very first character only.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }
    }

    public string Text => _text;

    /// <summary>Future keywords the lexer currently recognises.</summary>
    public FutureKeywords Keywords { get; set; }

    /// <summary>Every comment seen so far, in source order, each once.</summary>
    public List<SourceComment> Comments { get; } = [];

    public LexerPosition Position
    {
        get => new(_pos, _line, _lineStart);
        set
        {
            _pos = value.Offset;
            _line = value.Line;
            _lineStart = value.LineStart;
        }
    }

    /// <summary>Scans the next token, skipping whitespace and comments.</summary>
    public Token Next()
    {
        var token = default(Token);
        SkipTrivia(ref token);
        token.Start = _pos;
        token.Line = _line;
        token.Column = _pos - _lineStart + 1;

        if (_pos >= _text.Length)
        {
            token.Kind = TokenKind.EndOfFile;
            token.End = _pos;
            return token;
        }

        var c = _text[_pos];
        if (IsLetter(c))
        {
            ScanIdentifier(ref token);
        }
        else if (char.IsAsciiDigit(c))
        {
            ScanNumber(ref token);
        }
        else
        {
            ScanPunctuation(ref token, c);
        }
        token.End = _pos;
        return token;
    }

    /// <summary>Scans template text right after the '}' that closed an embedded expression.</summary>
    public Token NextTemplateText(bool raw)
    {
        var token = default(Token);
        token.Start = _pos;
        token.Line = _line;
        token.Column = _pos - _lineStart + 1;
        if (raw)
        {
            ScanRaw(ref token, template: true);
        }
        else
        {
            ScanQuoted(ref token, template: true);
        }
        token.End = _pos;
        return token;
    }

    private void SkipTrivia(ref Token token)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\r')
            {
                _pos++;
                token.SpaceBefore = true;
            }
            else if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
                token.SpaceBefore = true;
                token.NewlineBefore = true;
            }
            else if (c == '#')
            {
                var start = _pos;
                var column = _pos - _lineStart + 1;
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
                var end = _pos;
                if (end > start && _text[end - 1] == '\r')
                {
                    end--;
                }
                // The parser backtracks and rescans, so a comment is recorded only the first time it is passed.
                if (Comments.Count == 0 || Comments[^1].Start < start)
                {
                    Comments.Add(new SourceComment(start, end, _line, column));
                }
                token.SpaceBefore = true;
            }
            else
            {
                return;
            }
        }
    }

    private void ScanIdentifier(ref Token token)
    {
        var start = _pos;
        _pos++;
        while (_pos < _text.Length && (IsLetter(_text[_pos]) || char.IsDigit(_text[_pos])))
        {
            _pos++;
        }
        token.Kind = KeywordKind(_text.AsSpan(start, _pos - start));
    }

    /// <summary>Maps a word to its keyword token, or Identifier; future keywords only when enabled.</summary>
    private TokenKind KeywordKind(ReadOnlySpan<char> word)
    {
        switch (word.Length)
        {
            case 2:
                if (word.SequenceEqual("as")) return TokenKind.As;
                if (word.SequenceEqual("in")) return (Keywords & FutureKeywords.In) != 0 ? TokenKind.In : TokenKind.Identifier;
                if (word.SequenceEqual("if")) return (Keywords & FutureKeywords.If) != 0 ? TokenKind.If : TokenKind.Identifier;
                if (word.SequenceEqual("or")) return (Keywords & FutureKeywords.Or) != 0 ? TokenKind.OrKeyword : TokenKind.Identifier;
                break;
            case 3:
                if (word.SequenceEqual("not")) return TokenKind.Not;
                if (word.SequenceEqual("and")) return (Keywords & FutureKeywords.And) != 0 ? TokenKind.AndKeyword : TokenKind.Identifier;
                break;
            case 4:
                if (word.SequenceEqual("true")) return TokenKind.True;
                if (word.SequenceEqual("null")) return TokenKind.Null;
                if (word.SequenceEqual("else")) return TokenKind.Else;
                if (word.SequenceEqual("with")) return TokenKind.With;
                if (word.SequenceEqual("some")) return TokenKind.Some;
                break;
            case 5:
                if (word.SequenceEqual("false")) return TokenKind.False;
                if (word.SequenceEqual("every")) return (Keywords & FutureKeywords.Every) != 0 ? TokenKind.Every : TokenKind.Identifier;
                break;
            case 6:
                if (word.SequenceEqual("import")) return TokenKind.Import;
                break;
            case 7:
                if (word.SequenceEqual("package")) return TokenKind.Package;
                if (word.SequenceEqual("default")) return TokenKind.Default;
                break;
            case 8:
                if (word.SequenceEqual("contains")) return (Keywords & FutureKeywords.Contains) != 0 ? TokenKind.Contains : TokenKind.Identifier;
                break;
        }
        return TokenKind.Identifier;
    }

    private void ScanNumber(ref Token token)
    {
        token.Kind = TokenKind.Number;
        SkipDigits();
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            if (SkipDigits() == 0)
            {
                Fail(ref token, "expected fraction");
            }
        }
        if (_pos < _text.Length && (_text[_pos] | 0x20) == 'e')
        {
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }
            if (SkipDigits() == 0)
            {
                Fail(ref token, "expected exponent");
            }
        }
        // "0a2b" is one bad number, not a number followed by an identifier.
        if (_pos < _text.Length && IsLetter(_text[_pos]))
        {
            Fail(ref token, "illegal number format");
            while (_pos < _text.Length && (IsLetter(_text[_pos]) || char.IsDigit(_text[_pos])))
            {
                _pos++;
            }
        }
    }

    private int SkipDigits()
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }
        return _pos - start;
    }

    /// <summary>Marks the token unusable, keeping the first reason and where it was noticed.</summary>
    private void Fail(ref Token token, string reason)
    {
        if (token.Error is null)
        {
            token.Error = reason;
            token.ErrorLine = _line;
            token.ErrorColumn = _pos - _lineStart + 1;
        }
        token.Kind = TokenKind.Illegal;
    }

    private static bool IsLetter(char c) => char.IsAsciiLetter(c) || c == '_';
}
