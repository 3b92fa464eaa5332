using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Cli.Commands;

/// <summary>Prints diagnostics as <c>opa check</c> does, or as OPA's JSON error list.</summary>
internal static class DiagnosticText
{
    public static string Format(IReadOnlyList<Diagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        sb.Append(diagnostics.Count == 1 ? "1 error occurred:" : $"{diagnostics.Count} errors occurred:");
        foreach (var d in diagnostics)
        {
            sb.AppendLine();
            sb.Append(d.Location.IsKnown ? $"{d.Location.File}:{d.Location.Line}: {d.Code}: {d.Message}" : $"{d.Code}: {d.Message}");
        }
        return sb.ToString();
    }

    public static JsonObject ToJson(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = new JsonArray();
        foreach (var d in diagnostics)
        {
            var error = new JsonObject { ["message"] = d.Message, ["code"] = d.Code };
            if (d.Location.IsKnown)
            {
                error["location"] = new JsonObject { ["file"] = d.Location.File, ["row"] = d.Location.Line, ["col"] = d.Location.Column };
            }
            errors.Add(error);
        }
        return new JsonObject { ["errors"] = errors };
    }
}
