using Tollgate.Rego.Syntax;

namespace Tollgate.Rego.Parsing;

/// <summary>How OPA names tokens in its error messages.</summary>
internal static class TokenNames
{
    public static string Describe(TokenKind kind, string text, int start, int length) => kind switch
    {
        TokenKind.EndOfFile => "eof",
        TokenKind.Identifier => "ident",
        TokenKind.Number => "number",
        TokenKind.String or TokenKind.RawString => "string",
        TokenKind.TemplatePart or TokenKind.TemplateEnd or TokenKind.RawTemplatePart or TokenKind.RawTemplateEnd => "template-string",
        TokenKind.Illegal => "illegal",
        _ => text.Substring(start, length),
    };

    public static string Of(TokenKind kind) => kind switch
    {
        TokenKind.RightBrace => "}",
        TokenKind.RightBracket => "]",
        TokenKind.RightParen => ")",
        TokenKind.EndOfFile => "eof",
        _ => kind.ToString(),
    };
}
