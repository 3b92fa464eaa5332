using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;
using Tollgate.Rego.Parsing;
using Tollgate.Rego.Text;

namespace Tollgate.Rego;

/// <summary>
/// Parses Rego source into the AST. Never throws for any input: every problem becomes a
/// <c>rego_parse_error</c> diagnostic.
/// </summary>
public static class RegoParser
{
    /// <summary>Message prefix of the diagnostic produced when the parser itself fails; tests look for it.</summary>
    public const string InternalErrorPrefix = "internal parser error: ";

    public static ParseResult<Module> ParseModule(string text, string? file = null, ParseOptions? options = null)
    {
        options ??= ParseOptions.Default;
        try
        {
            var parser = new Parser(text, file, options);
            var module = parser.ParseModule();
            if (module is not null)
            {
                AnnotationReader.Attach(module, parser.Comments, parser.Errors, file);
            }
            return new ParseResult<Module>(module, Limit(parser.Errors, options));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ParseResult<Module>(null, [InternalError(ex, file)]);
        }
    }

    /// <summary>Parses a query such as <c>data.test.p = x</c> or <c>x := 1; y = x + 1</c>.</summary>
    public static ParseResult<Body> ParseQuery(string text, string? file = null, ParseOptions? options = null)
    {
        options ??= ParseOptions.Default;
        try
        {
            var parser = new Parser(text, file, options);
            var body = parser.ParseQueryText();
            return new ParseResult<Body>(body, Limit(parser.Errors, options));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ParseResult<Body>(null, [InternalError(ex, file)]);
        }
    }

    /// <summary>Parses exactly one term, such as a conformance case's <c>input_term</c>.</summary>
    public static ParseResult<Term> ParseTerm(string text, string? file = null, ParseOptions? options = null)
    {
        options ??= ParseOptions.Default;
        try
        {
            var parser = new Parser(text, file, options);
            var term = parser.ParseTermText();
            return new ParseResult<Term>(term, Limit(parser.Errors, options));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ParseResult<Term>(null, [InternalError(ex, file)]);
        }
    }

    private static List<Diagnostic> Limit(List<Diagnostic> errors, ParseOptions options)
    {
        var max = Math.Max(1, options.MaxErrors);
        if (errors.Count > max)
        {
            errors.RemoveRange(max, errors.Count - max);
        }
        return errors;
    }

    private static Diagnostic InternalError(Exception ex, string? file) =>
        new(DiagnosticCodes.ParseError, InternalErrorPrefix + ex.GetType().Name + ": " + ex.Message, new SourceLocation(file, 1, 1, 0, 0));
}
