using Tollgate.Compiler.Passes;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Cli.Commands;

/// <summary>Prints diagnostics as <c>opa check</c> does (the compiler's formatter, shared by every command).</summary>
internal static class DiagnosticText
{
    public static string Format(IReadOnlyList<Diagnostic> diagnostics) => CheckReportFormatter.FormatText(diagnostics);
}
