namespace Tollgate.Rego.Syntax;

/// <summary>Where the lexer stands; small enough to copy for the parser's backtracking.</summary>
internal readonly record struct LexerPosition(int Offset, int Line, int LineStart);
