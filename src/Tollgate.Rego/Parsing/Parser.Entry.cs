using Tollgate.Rego.Ast;
using Tollgate.Rego.Syntax;
using Tollgate.Rego.Text;

namespace Tollgate.Rego.Parsing;

/// <summary>Entry points for queries and single terms (modules start in Parser.Module.cs).</summary>
internal sealed partial class Parser
{
    public List<SourceComment> Comments => _lexer.Comments;

    /// <summary>A query: statements separated by ';' or line breaks, gathered into one body.</summary>
    public Body? ParseQueryText()
    {
        Scan();
        var body = new Body { Location = new SourceLocation(_file, _tok.Line, _tok.Column, _tok.Start, _tok.Start) };
        while (_tok.Kind != TokenKind.EndOfFile)
        {
            if (_tok.Kind is TokenKind.Package or TokenKind.Import && !KeywordStartsRef())
            {
                Illegal("expected query");
                return null;
            }
            var part = ParseQuery(requireSemicolon: true, TokenKind.EndOfFile);
            if (part is null)
            {
                return null;
            }
            body.Exprs.AddRange(part.Exprs);
        }
        body.Location = body.Location with { End = Math.Max(body.Location.Start, _lastEnd) };
        return body;
    }

    /// <summary>Exactly one term.</summary>
    public Term? ParseTermText()
    {
        var body = ParseQueryText();
        if (body is null)
        {
            return null;
        }
        if (body.Exprs.Count != 1)
        {
            Error(body.Location, $"expected exactly one term but got {body.Exprs.Count} expressions");
            return null;
        }
        var expr = body.Exprs[0];
        if (expr.Kind != ExprKind.Term || expr.Negated || expr.With.Count > 0)
        {
            Error(expr.Location, "expected term");
            return null;
        }
        return expr.Term;
    }
}
