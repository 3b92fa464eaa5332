using System.Text;
using Tollgate.Rego;
using Tollgate.Rego.Ast;

namespace Tollgate.Cli.Commands;

/// <summary>
/// A query prepared for display as <c>opa eval</c> prints it. A bare term expression (<c>data.x.allow</c>)
/// is rewritten to capture its value (<c>tollgate_term_0 = data.x.allow</c>) so that a false value is shown
/// rather than making the query undefined — OPA's eval does the same.
/// </summary>
internal sealed class QueryPlan
{
    public required string OriginalText { get; init; }
    public required string CompiledText { get; init; }
    public required IReadOnlyList<QueryExpression> Expressions { get; init; }
    /// <summary>Set when the query is exactly one ground ref into data (e.g. "tenant/authz/allow").</summary>
    public string? EntrypointPath { get; init; }

    public const string CapturePrefix = "tollgate_term_";

    public static QueryPlan Create(string query, RegoVersion version)
    {
        var parsed = RegoParser.ParseQuery(query, "query", new ParseOptions { Version = version });
        if (!parsed.Success || parsed.Value is null)
        {
            var sb = new StringBuilder();
            foreach (var d in parsed.Diagnostics) sb.AppendLine($"{d.Code}: {d.Message} ({d.Location.Line}:{d.Location.Column})");
            throw new CliException("invalid query:\n" + sb.ToString().TrimEnd());
        }
        var exprs = new List<QueryExpression>();
        var parts = new List<string>();
        for (var i = 0; i < parsed.Value.Exprs.Count; i++)
        {
            var e = parsed.Value.Exprs[i];
            var start = Math.Clamp(e.Location.Start, 0, query.Length);
            var end = Math.Clamp(e.Location.End, start, query.Length);
            var text = query[start..end].Trim();
            if (text.Length == 0) text = query.Trim();
            var capture = e.Kind == ExprKind.Term && !e.Negated && e.With.Count == 0 ? CapturePrefix + i : null;
            parts.Add(capture is null ? text : $"{capture} = ({text})");
            exprs.Add(new QueryExpression(text, e.Location.Line, e.Location.Column, capture));
        }
        string? entrypoint = null;
        if (parsed.Value.Exprs is [{ Kind: ExprKind.Term, Negated: false, With.Count: 0, Term: RefTerm { Head: VarTerm { Name: "data" } } r }])
        {
            var path = new List<string>();
            foreach (var p in r.Parts)
            {
                if (p is StringTerm s) path.Add(s.Value);
                else { path = null; break; }
            }
            if (path is { Count: > 0 }) entrypoint = string.Join('/', path);
        }
        return new QueryPlan
        {
            OriginalText = query,
            CompiledText = string.Join("; ", parts),
            Expressions = exprs,
            EntrypointPath = entrypoint,
        };
    }
}

internal sealed record QueryExpression(string Text, int Row, int Col, string? CaptureVar);
