using System.Runtime.CompilerServices;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;
using Tollgate.Rego.Syntax;
using Tollgate.Rego.Text;

namespace Tollgate.Rego.Parsing;

/// <summary>
/// Recursive-descent Rego parser following OPA's grammar and precedence. It keeps one current token
/// (<see cref="_tok"/>); every parse method leaves the token after what it consumed unless noted.
/// Ambiguous spots (comprehension vs. literal, <c>some x in xs</c> vs. <c>some x</c>) are resolved by
/// saving the state, trying one reading and restoring, as OPA does; a per-statement cache of parsed
/// terms keeps that linear.
/// </summary>
internal sealed partial class Parser
{
    private const string DepthMessage = "max nesting depth exceeded";

    private readonly Lexer _lexer;
    private readonly string _text;
    private readonly string? _file;
    private readonly ParseOptions _options;
    private readonly List<Diagnostic> _errors = [];
    /// <summary>
    /// Parsed terms by start offset. Offsets are unique in a file and a term parses the same way
    /// wherever the parser arrives at it, so entries stay valid for the whole file.
    /// </summary>
    private readonly Dictionary<int, CachedTerm> _termCache = [];
    private Token _tok;
    /// <summary>End offset of the token before <see cref="_tok"/>: where the last consumed node ends.</summary>
    private int _lastEnd;
    private int _wildcards;
    private int _depth;

    public Parser(string text, string? file, ParseOptions options)
    {
        _text = text;
        _file = file;
        _options = options;
        _lexer = new Lexer(text);
        if (options.Version == RegoVersion.V1)
        {
            _lexer.Keywords = FutureKeywords.All;
        }
    }

    public List<Diagnostic> Errors => _errors;

    private bool TooManyErrors => _errors.Count >= Math.Max(1, _options.MaxErrors);

    /// <summary>Errors before the current top-level statement; OPA reports one error per statement, not a pile.</summary>
    private int _statementErrorBase;

    private bool NoStatementErrors => _errors.Count <= _statementErrorBase;

    // ---- scanning and backtracking ----

    private void Scan()
    {
        _lastEnd = _tok.End;
        _tok = _lexer.Next();
    }

    private readonly record struct ParserState(LexerPosition Lexer, Token Token, int LastEnd, int Wildcards, int ErrorCount);

    private readonly record struct CachedTerm(Term Term, ParserState After);

    private ParserState Save() => new(_lexer.Position, _tok, _lastEnd, _wildcards, _errors.Count);

    private void Restore(in ParserState state)
    {
        _lexer.Position = state.Lexer;
        _tok = state.Token;
        _lastEnd = state.LastEnd;
        _wildcards = state.Wildcards;
        _hint = null;
        if (_errors.Count > state.ErrorCount)
        {
            _errors.RemoveRange(state.ErrorCount, _errors.Count - state.ErrorCount);
        }
    }

    /// <summary>The token after the current one, without moving.</summary>
    private Token PeekToken()
    {
        var state = Save();
        Scan();
        var next = _tok;
        Restore(state);
        return next;
    }

    /// <summary>
    /// True when the current keyword starts a ref (<c>not.x</c>, <c>contains[0]</c>): OPA lets keywords
    /// be ref heads when a '.' or '[' follows directly. Turns the token into an identifier if so.
    /// </summary>
    private bool KeywordStartsRef()
    {
        if (!_tok.IsKeyword)
        {
            return false;
        }
        var next = PeekToken();
        if (!next.SpaceBefore && next.Kind is TokenKind.Dot or TokenKind.LeftBracket)
        {
            _tok.Kind = TokenKind.Identifier;
            return true;
        }
        return false;
    }

    // ---- depth ----

    /// <summary>Counts one level of nesting; false (with an error) past the limit or near the stack's end.</summary>
    private bool Enter()
    {
        _depth++;
        // The stack probe is not free, so it runs every few levels only; MaxDepth is the real limit and
        // the probe guards callers that run on small stacks.
        if (_depth > _options.MaxDepth || ((_depth & 15) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            _depth--;
            if (_errors.Count == 0 || _errors[^1].Message != DepthMessage)
            {
                Error(_tok, DepthMessage);
            }
            return false;
        }
        return true;
    }

    private void Leave() => _depth--;

    // ---- locations ----

    private SourceLocation Loc(in Token token) => new(_file, token.Line, token.Column, token.Start, token.End);

    private SourceLocation Span(in Token start) => new(_file, start.Line, start.Column, start.Start, Math.Max(start.End, _lastEnd));

    private static SourceLocation Span(SourceLocation start, int end) => start with { End = Math.Max(start.End, end) };

    private string TextOf(in Token token) => _text.Substring(token.Start, token.Length);

    // ---- errors ----

    private void Error(in Token at, string message) => Error(Loc(at), message);

    private void Error(SourceLocation at, string message)
    {
        if (_hint is not null)
        {
            // OPA appends hints to the next error it reports, e.g. a missing future-keyword import.
            message += " (hint: " + _hint + ")";
            _hint = null;
        }
        _errors.Add(new Diagnostic(DiagnosticCodes.ParseError, message, at));
    }

    /// <summary>A hint for the next error (OPA's "(hint: …)" suffix).</summary>
    private string? _hint;

    /// <summary>OPA's "unexpected X token: note" error at the current token.</summary>
    private void Illegal(string note)
    {
        if (_tok.Kind == TokenKind.Illegal)
        {
            if (_tok.Error is not null)
            {
                Error(new SourceLocation(_file, _tok.ErrorLine, _tok.ErrorColumn, _tok.Start, _tok.End), _tok.Error);
            }
            else
            {
                Error(_tok, "illegal token");
            }
            return;
        }
        var kind = _tok.IsKeyword ? "keyword" : "token";
        var name = TokenNames.Describe(_tok.Kind, _text, _tok.Start, _tok.Length);
        Error(_tok, note.Length > 0 ? $"unexpected {name} {kind}: {note}" : $"unexpected {name} {kind}");
    }

    private VarTerm NewWildcard(SourceLocation location) =>
        new("$_" + _wildcards++.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Location = location };
}
