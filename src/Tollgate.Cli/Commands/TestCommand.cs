using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tollgate.Cli.Inputs;
using Tollgate.Compiler;
using Tollgate.Rego;
using Tollgate.Rego.Ast;
using Tollgate.Runtime;

namespace Tollgate.Cli.Commands;

/// <summary>
/// <c>tollgate test [-v] [--format json] [--run REGEX] paths…</c>: runs every <c>test_</c> rule like
/// <c>opa test</c>. All tests compile into one module (one entrypoint each); a test passes when its rule is
/// true. Tests that share a name run separately as name#01, name#02 (their heads are renamed in a copy of
/// the source so that each is its own entrypoint).
/// </summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy, test and data files or directories.", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print every test's result." };
        var format = CommonOptions.Format("pretty", "pretty", "json");
        var run = new Option<string?>("--run", "-r") { Description = "Run only tests whose name matches this regular expression." };
        var v0 = CommonOptions.V0Compatible();
        var strict = CommonOptions.StrictBuiltinErrors();
        var command = new Command("test", "Run Rego tests (rules named test_*).") { paths, verbose, format, run, v0, strict };
        CommandRunner.SetHandler(command, result =>
        {
            var version = CommonOptions.Version(result, v0);
            var inputs = PolicyInputs.Load(result.GetValue(paths)!);
            var filter = result.GetValue(run) is { } pattern ? new Regex(pattern, RegexOptions.NonBacktracking) : null;
            var tests = Discover(inputs, version, filter);
            var results = RunAll(inputs, tests, version, result.GetValue(strict));
            if (result.GetValue(format) == "json")
            {
                Console.WriteLine(ToJson(results).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Console.Write(ToText(results, result.GetValue(verbose)));
            }
            foreach (var r in results)
            {
                if (!r.Passed) return 2;
            }
            return 0;
        });
        return command;
    }

    internal sealed record TestCase(string File, string Package, string Name, string DisplayName, string Entrypoint, int Row, int Col);

    internal sealed record TestResult(TestCase Test, bool Passed, bool Failed, string? Error, TimeSpan Duration);

    private static List<TestCase> Discover(PolicyInputs inputs, RegoVersion version, Regex? filter)
    {
        var tests = new List<TestCase>();
        var options = new ParseOptions { Version = version };
        for (var m = 0; m < inputs.Modules.Count; m++)
        {
            var source = inputs.Modules[m];
            var parsed = RegoParser.ParseModule(source.Text, source.Name, options);
            if (parsed.Value is null)
            {
                throw new CliException(DiagnosticText.Format(parsed.Diagnostics));
            }
            var module = parsed.Value;
            var package = PackageName(module);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var renames = new List<(int Start, int Length, string NewName)>();
            foreach (var rule in module.Rules)
            {
                var name = rule.Head.Name;
                if (!name.StartsWith("test_", StringComparison.Ordinal) || rule.Head.Kind == RuleKind.Function || rule.Head.Ref.Parts.Count > 0) continue;
                seen.TryGetValue(name, out var count);
                seen[name] = count + 1;
                tests.Add(new TestCase(source.Name, package, name, name, "", rule.Location.Line, rule.Location.Column));
                renames.Add((rule.Head.Ref.Head.Location.Start, name.Length, $"{name}__tollgate_{count}"));
            }
            // Give every test rule its own entrypoint; duplicates get OPA's #NN display names.
            var text = new StringBuilder(source.Text);
            for (var i = renames.Count - 1; i >= 0; i--)
            {
                text.Remove(renames[i].Start, renames[i].Length).Insert(renames[i].Start, renames[i].NewName);
            }
            inputs.Modules[m] = new SourceFile { Name = source.Name, Text = text.ToString() };
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var t = tests.Count - renames.Count; t < tests.Count; t++)
            {
                var test = tests[t];
                index.TryGetValue(test.Name, out var k);
                index[test.Name] = k + 1;
                var display = seen[test.Name] > 1 ? $"{test.Name}#{k + 1:00}" : test.Name;
                var entry = string.Join('/', package.Split('.')[1..]) + "/" + $"{test.Name}__tollgate_{k}";
                tests[t] = test with { DisplayName = display, Entrypoint = entry };
            }
        }
        if (filter is not null)
        {
            tests.RemoveAll(t => !filter.IsMatch($"{t.Package}.{t.DisplayName}"));
        }
        return tests;
    }

    private static string PackageName(Module module)
    {
        var sb = new StringBuilder("data");
        foreach (var part in module.Package.Path.Parts)
        {
            if (part is StringTerm s) sb.Append('.').Append(s.Value);
        }
        return sb.ToString();
    }

    private static List<TestResult> RunAll(PolicyInputs inputs, List<TestCase> tests, RegoVersion version, bool strict)
    {
        var results = new List<TestResult>();
        if (tests.Count == 0) return results;
        var request = new CompileRequest { Version = version, StrictBuiltinErrors = strict };
        request.Modules.AddRange(inputs.Modules);
        foreach (var t in tests) request.Entrypoints.Add(t.Entrypoint);
        var compiled = PolicyCompiler.Compile(request);
        if (!compiled.Success || compiled.Wasm is null)
        {
            throw new CliException(DiagnosticText.Format(compiled.Diagnostics));
        }
        using var engine = new PolicyEngine();
        var module = engine.LoadModule(compiled.Wasm);
        using var pool = engine.CreatePool(module, Encoding.UTF8.GetBytes(inputs.Data.Root.ToJsonString()));
        var options = new EvaluationOptions { StrictBuiltinErrors = strict, Print = Console.Error.WriteLine };
        foreach (var t in tests)
        {
            var sw = Stopwatch.StartNew();
            try
            {
                var output = JsonNode.Parse(pool.Evaluate(t.Entrypoint, [], options)) as JsonArray;
                var value = output is { Count: > 0 } ? output[0]?["result"] : null;
                var passed = value is JsonValue v && v.TryGetValue<bool>(out var b) && b;
                results.Add(new TestResult(t, passed, !passed, null, sw.Elapsed));
            }
            catch (PolicyException ex)
            {
                results.Add(new TestResult(t, false, false, ex.Message, sw.Elapsed));
            }
        }
        return results;
    }

    private static string ToText(List<TestResult> results, bool verbose)
    {
        var sb = new StringBuilder();
        string? file = null;
        foreach (var r in results)
        {
            if (!verbose && r.Passed) continue;
            if (r.Test.File != file)
            {
                file = r.Test.File;
                sb.AppendLine($"{file}:");
            }
            var status = r.Passed ? "PASS" : r.Error is null ? "FAIL" : "ERROR";
            sb.Append($"{r.Test.Package}.{r.Test.DisplayName}: {status} ({Duration(r.Duration)})");
            if (r.Error is not null) sb.Append($"\n  {r.Error}");
            sb.AppendLine();
        }
        var pass = 0;
        var fail = 0;
        var error = 0;
        foreach (var r in results)
        {
            if (r.Passed) pass++;
            else if (r.Error is null) fail++;
            else error++;
        }
        sb.AppendLine(new string('-', 80));
        if (pass > 0) sb.AppendLine($"PASS: {pass}/{results.Count}");
        if (fail > 0) sb.AppendLine($"FAIL: {fail}/{results.Count}");
        if (error > 0) sb.AppendLine($"ERROR: {error}/{results.Count}");
        if (results.Count == 0) sb.AppendLine("no tests found");
        return sb.ToString();
    }

    private static string Duration(TimeSpan d) =>
        d.TotalMilliseconds >= 1 ? $"{d.TotalMilliseconds:0.######}ms" : $"{d.TotalMicroseconds:0.###}µs";

    private static JsonArray ToJson(List<TestResult> results)
    {
        var array = new JsonArray();
        foreach (var r in results)
        {
            var o = new JsonObject
            {
                ["location"] = new JsonObject { ["file"] = r.Test.File, ["row"] = r.Test.Row, ["col"] = r.Test.Col },
                ["package"] = r.Test.Package,
                ["name"] = r.Test.DisplayName,
            };
            if (r.Failed) o["fail"] = true;
            if (r.Error is not null) o["error"] = new JsonObject { ["code"] = "eval_error", ["message"] = r.Error };
            o["duration"] = (long)(r.Duration.TotalMilliseconds * 1_000_000);
            array.Add(o);
        }
        return array;
    }
}
