using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Tollgate.Compiler;
using Tollgate.Rego.Ast;
using Tollgate.Runtime;

namespace Tollgate.Conformance;

/// <summary>
/// Runs a conformance case through the real pipeline: compile the modules and the query into a module
/// (the query becomes an entrypoint whose value lists each solution's bindings), load it in Tollgate's
/// host with the case's data, evaluate with its input, and compare as shared/README.md says.
/// </summary>
public sealed partial class CaseRunner(PolicyEngine engine, RegoVersion version = RegoVersion.V1)
{
    private const string QueryEntrypoint = "conformance/query";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public CaseOutcome Run(ConformanceCase c)
    {
        var sw = Stopwatch.StartNew();
        string? reason;
        try
        {
            var task = Task.Run(() => RunCore(c));
            reason = task.Wait(Timeout) ? task.Result : $"timed out after {Timeout.TotalSeconds:0} s";
        }
        catch (AggregateException ex)
        {
            var inner = ex.InnerException ?? ex;
            reason = $"unexpected {inner.GetType().Name}: {inner.Message}";
        }
        return new CaseOutcome(c, reason is null ? CaseStatus.Pass : CaseStatus.Fail, reason, sw.Elapsed);
    }

    /// <summary>Returns null when the case passes, else why it failed.</summary>
    private string? RunCore(ConformanceCase c)
    {
        var request = new CompileRequest { Version = version, StrictBuiltinErrors = c.StrictError };
        for (var i = 0; i < c.Modules.Count; i++)
        {
            request.Modules.Add(new SourceFile { Name = $"test-{i}.rego", Text = c.Modules[i] });
        }
        request.Queries.Add(new KeyValuePair<string, string>(QueryEntrypoint, c.Query));
        var compiled = PolicyCompiler.Compile(request);
        if (!compiled.Success || compiled.Wasm is null)
        {
            var first = compiled.Diagnostics.Count > 0 ? compiled.Diagnostics[0] : null;
            var text = first is null ? "compile failed without diagnostics" : $"{first.Code}: {first.Message}";
            return ExpectError(c, first?.Code ?? "", text);
        }

        byte[] output;
        try
        {
            var module = engine.LoadModule(compiled.Wasm);
            var data = Encoding.UTF8.GetBytes(c.Data?.ToJsonString() ?? "{}");
            using var pool = engine.CreatePool(module, data);
            var input = c.InputTerm is not null ? Encoding.UTF8.GetBytes(c.InputTerm)
                : c.Input is not null ? Encoding.UTF8.GetBytes(c.Input.ToJsonString())
                : [];
            output = pool.Evaluate(QueryEntrypoint, input, new EvaluationOptions { StrictBuiltinErrors = c.StrictError });
        }
        catch (PolicyException ex)
        {
            var code = ErrorCode(ex);
            return ExpectError(c, code, $"{code}: {ex.Message}");
        }

        if (c.WantResult is null)
        {
            return $"expected error {c.WantErrorCode} \"{c.WantError}\" but evaluation succeeded: {Truncate(Encoding.UTF8.GetString(output))}";
        }
        return CompareResults(c, output);
    }

    /// <summary>
    /// The error's code: the host's, unless the module's abort text names a more specific one
    /// ("test-0.rego:4: eval_type_error: …" from a strict builtin error).
    /// </summary>
    private static string ErrorCode(PolicyException ex)
    {
        var match = AbortCode().Match(ex.Message);
        if (match.Success) return match.Groups[1].Value;
        return ex is PolicyEvaluationException e ? e.Code : "eval_internal_error";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:^|: )(eval_[a-z_]+_error|rego_[a-z_]+_error):")]
    private static partial System.Text.RegularExpressions.Regex AbortCode();

    private static string? ExpectError(ConformanceCase c, string code, string text)
    {
        if (c.WantResult is not null)
        {
            return $"expected a result but got error: {Truncate(text)}";
        }
        if (c.WantErrorCode is not null && c.WantErrorCode != code)
        {
            return $"expected error code {c.WantErrorCode} but got: {Truncate(text)}";
        }
        if (c.WantError is not null && !text.Contains(c.WantError, StringComparison.Ordinal))
        {
            return $"expected error containing \"{c.WantError}\" but got: {Truncate(text)}";
        }
        return null;
    }

    private static string? CompareResults(ConformanceCase c, byte[] output)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(output);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return $"module returned invalid JSON ({ex.Message}): {Truncate(Encoding.UTF8.GetString(output))}";
        }
        var rows = parsed is JsonArray { Count: > 0 } outer ? outer[0]?["result"] as JsonArray : null;
        var got = new HashSet<string>(StringComparer.Ordinal);
        if (rows is not null)
        {
            foreach (var row in rows)
            {
                var bindings = row?["bindings"] as JsonObject ?? [];
                got.Add(JsonValueComparer.Canonical(Normalize(bindings, c)));
            }
        }
        var want = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in c.WantResult!)
        {
            want.Add(JsonValueComparer.Canonical(Normalize(w as JsonObject ?? [], c)));
        }
        if (got.SetEquals(want)) return null;
        return $"want {Truncate(string.Join(", ", want))} got {Truncate(string.Join(", ", got))}";
    }

    private static JsonNode Normalize(JsonObject bindings, ConformanceCase c)
    {
        var copy = new JsonObject();
        foreach (var (k, v) in bindings)
        {
            if (c.IgnoreGeneratedVars && k.StartsWith("__", StringComparison.Ordinal)) continue;
            var value = v?.DeepClone();
            if (c.SortBindings && value is JsonArray arr)
            {
                var items = new List<JsonNode?>();
                foreach (var item in arr) items.Add(item?.DeepClone());
                items.Sort((x, y) => string.CompareOrdinal(JsonValueComparer.Canonical(x), JsonValueComparer.Canonical(y)));
                value = new JsonArray([.. items]);
            }
            copy[k] = value;
        }
        return copy;
    }

    private static string Truncate(string s) => s.Length <= 400 ? s : s[..400] + "…";
}
