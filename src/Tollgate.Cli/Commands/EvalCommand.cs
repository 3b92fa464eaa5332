using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollgate.Cli.Inputs;
using Tollgate.Compiler;
using Tollgate.Runtime;
using Tollgate.Runtime.Bundles;

namespace Tollgate.Cli.Commands;

/// <summary>
/// <c>tollgate eval [--bundle b.tar.gz] [-d path…] [-i input.json] QUERY</c>, printing OPA's JSON shape.
/// A query that names one of the bundle's wasm entrypoints runs the bundle's own module; any other query
/// is compiled with the bundle's (or -d) sources.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "Rego query, e.g. data.tenant.authz.allow" };
        var data = new Option<string[]>("--data", "-d") { Description = "Policy or data files or directories.", AllowMultipleArgumentsPerToken = false };
        var bundle = new Option<string?>("--bundle", "-b") { Description = "A bundle (.tar.gz) built by tollgate build or opa build." };
        var input = new Option<string?>("--input", "-i") { Description = "Input document (JSON or YAML file)." };
        var format = CommonOptions.Format("json", "json", "raw");
        var v0 = CommonOptions.V0Compatible();
        var strict = CommonOptions.StrictBuiltinErrors();
        var command = new Command("eval", "Evaluate a Rego query.") { query, data, bundle, input, format, v0, strict };
        CommandRunner.SetHandler(command, result =>
        {
            var plan = QueryPlan.Create(result.GetValue(query)!, CommonOptions.Version(result, v0));
            var inputBytes = result.GetValue(input) is { } inputPath ? InputFile.Read(inputPath) : [];
            var options = new EvaluationOptions { StrictBuiltinErrors = result.GetValue(strict), Print = Console.Error.WriteLine };

            var inputs = PolicyInputs.Load(result.GetValue(data) ?? []);
            Bundle? loaded = null;
            if (result.GetValue(bundle) is { } bundlePath)
            {
                loaded = BundleFiles.Read(bundlePath);
                BundleFiles.AddTo(loaded, inputs);
            }

            using var engine = new PolicyEngine();
            List<JsonObject> rows;
            try
            {
                rows = loaded?.Wasm is { } wasm && plan.EntrypointPath is { } ep && inputs.Modules.Count == BundleFiles.RegoCount(loaded)
                    && TryEvaluateEntrypoint(engine, wasm, ep, inputs, inputBytes, options, plan, out var direct)
                    ? direct
                    : EvaluateCompiled(engine, plan, inputs, inputBytes, options, CommonOptions.Version(result, v0), result.GetValue(strict));
            }
            catch (PolicyException ex)
            {
                throw new CliException(ex.Message);
            }

            var output = new JsonObject();
            if (rows.Count > 0) output["result"] = new JsonArray([.. rows]);
            if (result.GetValue(format) == "raw")
            {
                Console.WriteLine(rows.Count == 0 ? "" : rows[0]["expressions"]?[0]?["value"]?.ToJsonString() ?? "");
            }
            else
            {
                Console.WriteLine(output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            return 0;
        });
        return command;
    }

    private static bool TryEvaluateEntrypoint(PolicyEngine engine, byte[] wasm, string entrypoint, PolicyInputs inputs,
        byte[] input, EvaluationOptions options, QueryPlan plan, out List<JsonObject> rows)
    {
        rows = [];
        var module = engine.LoadModule(wasm);
        if (!module.Entrypoints.ContainsKey(entrypoint)) return false;
        using var pool = engine.CreatePool(module, Encoding.UTF8.GetBytes(inputs.Data.Root.ToJsonString()));
        var resultSet = JsonNode.Parse(pool.Evaluate(entrypoint, input, options)) as JsonArray;
        if (resultSet is { Count: > 0 } && resultSet[0] is JsonObject first && first.TryGetPropertyValue("result", out var value))
        {
            rows.Add(Row(value?.DeepClone(), plan.Expressions[0], null));
        }
        return true;
    }

    private static List<JsonObject> EvaluateCompiled(PolicyEngine engine, QueryPlan plan, PolicyInputs inputs, byte[] input,
        EvaluationOptions options, Rego.Ast.RegoVersion version, bool strict)
    {
        const string entrypoint = "tollgate/eval/query";
        var request = new CompileRequest { Version = version, StrictBuiltinErrors = strict };
        request.Modules.AddRange(inputs.Modules);
        request.Queries.Add(new KeyValuePair<string, string>(entrypoint, plan.CompiledText));
        var compiled = PolicyCompiler.Compile(request);
        if (!compiled.Success || compiled.Wasm is null)
        {
            throw new CliException(DiagnosticText.Format(compiled.Diagnostics));
        }
        var module = engine.LoadModule(compiled.Wasm);
        using var pool = engine.CreatePool(module, Encoding.UTF8.GetBytes(inputs.Data.Root.ToJsonString()));
        var resultSet = JsonNode.Parse(pool.Evaluate(entrypoint, input, options)) as JsonArray;
        var rows = new List<JsonObject>();
        if (resultSet is not { Count: > 0 } || resultSet[0]?["result"] is not JsonArray solutions) return rows;
        foreach (var solution in solutions)
        {
            var bindings = solution?["bindings"] as JsonObject ?? [];
            var values = solution?["expressions"] as JsonArray ?? [];
            var exprs = new JsonArray();
            for (var i = 0; i < plan.Expressions.Count; i++)
            {
                var e = plan.Expressions[i];
                var value = e.CaptureVar is not null ? bindings[e.CaptureVar]?.DeepClone() : values.Count > i ? values[i]?.DeepClone() : JsonValue.Create(true);
                exprs.Add(Expression(value, e));
            }
            var row = new JsonObject { ["expressions"] = exprs };
            var visible = new JsonObject();
            foreach (var (k, v) in bindings)
            {
                if (!k.StartsWith(QueryPlan.CapturePrefix, StringComparison.Ordinal)) visible[k] = v?.DeepClone();
            }
            if (visible.Count > 0) row["bindings"] = visible;
            rows.Add(row);
        }
        return rows;
    }

    private static JsonObject Row(JsonNode? value, QueryExpression e, JsonObject? bindings)
    {
        var row = new JsonObject { ["expressions"] = new JsonArray(Expression(value, e)) };
        if (bindings is { Count: > 0 }) row["bindings"] = bindings;
        return row;
    }

    private static JsonObject Expression(JsonNode? value, QueryExpression e) => new()
    {
        ["value"] = value,
        ["text"] = e.Text,
        ["location"] = new JsonObject { ["row"] = e.Row, ["col"] = e.Col },
    };
}
