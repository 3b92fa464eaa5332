namespace Tollgate.Rego.Syntax;

/// <summary>The kinds of token the Rego lexer produces.</summary>
internal enum TokenKind : byte
{
    EndOfFile,
    /// <summary>A character or sequence the lexer cannot use; <see cref="Token.Error"/> says why.</summary>
    Illegal,
    Identifier,
    Number,
    /// <summary>A quoted string <c>"…"</c>.</summary>
    String,
    /// <summary>A raw string <c>`…`</c>.</summary>
    RawString,
    /// <summary>Template text ending at an embedded expression's <c>{</c>.</summary>
    TemplatePart,
    /// <summary>Template text ending at the closing quote.</summary>
    TemplateEnd,
    RawTemplatePart,
    RawTemplateEnd,

    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    LeftParen,
    RightParen,
    Comma,
    Colon,
    Semicolon,
    Dot,

    Assign,
    Unify,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Ampersand,
    Pipe,

    // Keywords. Everything from Package on is a keyword; the lexer produces the future ones
    // (In, Every, If, Contains) only when they are enabled.
    Package,
    Import,
    As,
    Default,
    Else,
    Not,
    With,
    Some,
    True,
    False,
    Null,
    In,
    Every,
    If,
    Contains,
    /// <summary>Experimental <c>and</c>, only after <c>import future.keywords.and</c>.</summary>
    AndKeyword,
    /// <summary>Experimental <c>or</c>, only after <c>import future.keywords.or</c>.</summary>
    OrKeyword,
}
