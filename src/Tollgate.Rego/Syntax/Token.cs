namespace Tollgate.Rego.Syntax;

/// <summary>
/// One token: its kind and where it sits. The text is never copied here; the parser slices the source
/// only for identifiers and strings it keeps.
/// </summary>
internal struct Token
{
    public TokenKind Kind;
    /// <summary>Offset of the first character (UTF-16 units).</summary>
    public int Start;
    /// <summary>Offset one past the last character.</summary>
    public int End;
    /// <summary>1-based line of <see cref="Start"/>.</summary>
    public int Line;
    /// <summary>1-based column of <see cref="Start"/>.</summary>
    public int Column;
    /// <summary>Whitespace or a comment separates this token from the previous one.</summary>
    public bool SpaceBefore;
    /// <summary>A line break separates this token from the previous one.</summary>
    public bool NewlineBefore;
    /// <summary>For strings and template parts: the offsets of the content between the delimiters.</summary>
    public int ValueStart;
    public int ValueEnd;
    /// <summary>For template parts: the content holds <c>\{</c> escapes to remove.</summary>
    public bool HasBraceEscape;
    /// <summary>For Illegal tokens (and scanner complaints on otherwise usable tokens): the reason.</summary>
    public string? Error;
    /// <summary>Line and column where the lexer noticed <see cref="Error"/>.</summary>
    public int ErrorLine;
    public int ErrorColumn;

    public readonly int Length => End - Start;

    public readonly bool IsKeyword => Kind >= TokenKind.Package;

    /// <summary>True for identifiers and keywords: tokens that may name a ref part after a dot.</summary>
    public readonly bool IsWordLike => Kind == TokenKind.Identifier || Kind >= TokenKind.Package;
}
