using System.Text;
using System.Text.Json;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Passes;

/// <summary>Prints check diagnostics the way <c>opa check</c> does, as text or as JSON.</summary>
public static class CheckReportFormatter
{
    /// <summary>
    /// "1 error occurred: file:line: code: message", or "N errors occurred:" followed by one line per
    /// error. Empty when there is nothing to report.
    /// </summary>
    public static string FormatText(IReadOnlyList<Diagnostic> diagnostics)
    {
        if (diagnostics.Count == 0) return "";
        if (diagnostics.Count == 1) return "1 error occurred: " + diagnostics[0];
        var sb = new StringBuilder();
        sb.Append(diagnostics.Count).Append(" errors occurred:");
        foreach (var d in diagnostics) sb.Append('\n').Append(d);
        return sb.ToString();
    }

    /// <summary>OPA's shape: {"errors":[{"code":…,"message":…,"location":{"file":…,"row":…,"col":…}}]}.</summary>
    public static string FormatJson(IReadOnlyList<Diagnostic> diagnostics)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            foreach (var d in diagnostics)
            {
                writer.WriteStartObject();
                writer.WriteString("code", d.Code);
                writer.WriteString("message", d.Message);
                if (d.Location.IsKnown)
                {
                    writer.WriteStartObject("location");
                    writer.WriteString("file", d.Location.File ?? "");
                    writer.WriteNumber("row", d.Location.Line);
                    writer.WriteNumber("col", d.Location.Column);
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
