using Tollgate.Rego;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler;

/// <summary>The facade's use of the parser: modules and queries, errors as diagnostics.</summary>
internal static class SourceParsing
{
    public static Module? ParseModule(SourceFile file, RegoVersion version, List<Diagnostic> diagnostics)
    {
        var result = RegoParser.ParseModule(file.Text, file.Name, new ParseOptions { Version = version });
        diagnostics.AddRange(result.Diagnostics);
        return result.Diagnostics.Count == 0 ? result.Value : null;
    }

    public static Body? ParseQuery(string text, RegoVersion version, List<Diagnostic> diagnostics)
    {
        var result = RegoParser.ParseQuery(text, null, new ParseOptions { Version = version });
        diagnostics.AddRange(result.Diagnostics);
        return result.Diagnostics.Count == 0 ? result.Value : null;
    }
}
