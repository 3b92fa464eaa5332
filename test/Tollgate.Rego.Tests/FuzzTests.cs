using System.Diagnostics;
using System.Text;
using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;
using Tollgate.Rego.Tests.Support;
using Xunit.Abstractions;

namespace Tollgate.Rego.Tests;

/// <summary>
/// Property tests on hostile input: mutated conformance modules and random text must never throw or
/// reach the parser's last-resort catch, and every failure must carry a diagnostic with a valid position.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    /// <summary>3 s by default; TOLLGATE_FUZZ_SECONDS lengthens a local run (the seed stays fixed).</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("TOLLGATE_FUZZ_SECONDS"), out var seconds) && seconds > 0 ? seconds : 3);

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", "(", ")", ",", ";", ":", ":=", "=", "==", "|", "&", ".", "\"", "`", "$\"", "$`",
        "\\", "#", "\n", " ", "if", "else", "contains", "some", "every", "in", "not", "with", "as", "default",
        "package", "import", "_", "-", "0", "1e9", "x", "input", "data", "\u00e9", "\0", "\uFEFF", "{x | y}",
        "[x | some x in xs]", "f(x)", "\"\\u12\"", "0x1", "01", ".5", "$\"{", "}\"",
    ];

    [Fact]
    public void Mutated_modules_and_random_text_never_break_the_parser()
    {
        var seeds = ConformanceModules();
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("TOLLGATE_FUZZ_SEED"), out var seed) ? seed : 20261126);
        var stopwatch = Stopwatch.StartNew();
        var inputs = 0;
        var failures = 0;
        while (stopwatch.Elapsed < Budget)
        {
            var text = random.Next(10) == 0 ? RandomText(random) : Mutate(seeds[random.Next(seeds.Count)], random);
            var version = random.Next(2) == 0 ? RegoVersion.V1 : RegoVersion.V0;
            var options = new ParseOptions { Version = version };
            CheckModule(text, RegoParser.ParseModule(text, "fuzz.rego", options), ref failures);
            if (random.Next(4) == 0)
            {
                CheckResult(text, RegoParser.ParseQuery(text, "fuzz.rego", options), ref failures);
                CheckResult(text, RegoParser.ParseTerm(text, "fuzz.rego", options), ref failures);
            }
            inputs++;
        }
        output.WriteLine($"fuzzed {inputs} inputs in {stopwatch.Elapsed.TotalSeconds:F1}s, {failures} rejected with diagnostics");
        Assert.True(inputs > 100, $"only {inputs} inputs in the budget");
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{", "}")]
    [InlineData("(", ")")]
    [InlineData("[x | ", "]")]
    [InlineData("$\"{", "}\"")]
    [InlineData("f(", ")")]
    [InlineData("{\"a\": ", "}")]
    public void Deep_nesting_reports_a_depth_error(string open, string close)
    {
        const int depth = 100_000;
        var sb = new StringBuilder("package p\n\nx := ");
        for (var i = 0; i < depth; i++)
        {
            sb.Append(open);
        }
        sb.Append('1');
        for (var i = 0; i < depth; i++)
        {
            sb.Append(close);
        }
        var result = RegoParser.ParseModule(sb.ToString());
        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Message == "max nesting depth exceeded" && d.Code == DiagnosticCodes.ParseError);
        AssertNoInternalError(result.Diagnostics);
    }

    [Fact]
    public void Nesting_within_the_limit_parses()
    {
        var sb = new StringBuilder("package p\n\nx := ");
        for (var i = 0; i < 50; i++)
        {
            sb.Append('[');
        }
        sb.Append('1');
        sb.Append(']', 50);
        var result = RegoParser.ParseModule(sb.ToString());
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Max_errors_caps_the_diagnostics()
    {
        var sb = new StringBuilder("package p\n");
        for (var i = 0; i < 50; i++)
        {
            sb.Append("r").Append(i).Append(" := [1,\n");
        }
        var result = RegoParser.ParseModule(sb.ToString(), null, new ParseOptions { MaxErrors = 5 });
        Assert.InRange(result.Diagnostics.Count, 1, 5);
    }

    private static void CheckModule(string text, ParseResult<Module> result, ref int failures) => CheckResult(text, result, ref failures);

    private static void CheckResult<T>(string text, ParseResult<T> result, ref int failures)
        where T : class
    {
        AssertNoInternalError(result.Diagnostics, text);
        if (result.Success)
        {
            return;
        }
        failures++;
        Assert.True(result.Diagnostics.Count > 0, "a failed parse without diagnostics for: " + Describe(text));
        foreach (var d in result.Diagnostics)
        {
            Assert.Equal(DiagnosticCodes.ParseError, d.Code);
            Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, $"bad position {d.Location} for: {Describe(text)}");
            Assert.InRange(d.Location.Start, 0, text.Length);
            Assert.True(d.Location.End >= d.Location.Start, $"inverted span {d.Location.Start}..{d.Location.End} ({d.Message}) for: {Describe(text)}");
        }
        Assert.True(result.Diagnostics.Count <= 10);
    }

    private static void AssertNoInternalError(IReadOnlyList<Diagnostic> diagnostics, string? text = null)
    {
        foreach (var d in diagnostics)
        {
            Assert.False(d.Message.StartsWith(RegoParser.InternalErrorPrefix, StringComparison.Ordinal), d.Message + (text is null ? "" : " for: " + Describe(text)));
        }
    }

    private static string Describe(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static List<string> ConformanceModules()
    {
        var modules = new List<string>();
        foreach (var c in ConformanceCase.LoadAll())
        {
            modules.AddRange(c.Modules);
        }
        return modules;
    }

    private static string RandomText(Random random)
    {
        var sb = new StringBuilder();
        var length = random.Next(200);
        for (var i = 0; i < length; i++)
        {
            if (random.Next(3) == 0)
            {
                sb.Append(Fragments[random.Next(Fragments.Length)]);
            }
            else
            {
                sb.Append((char)random.Next(0, 0x80));
            }
        }
        return sb.ToString();
    }

    private static string Mutate(string source, Random random)
    {
        var sb = new StringBuilder(source);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && sb.Length > 0; e++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(6))
            {
                case 0:
                    sb.Remove(at, Math.Min(sb.Length - at, 1 + random.Next(8)));
                    break;
                case 1:
                    sb.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2:
                    sb.Insert(at, (char)random.Next(0, 0x3000));
                    break;
                case 3:
                    {
                        var other = random.Next(sb.Length);
                        (sb[at], sb[other]) = (sb[other], sb[at]);
                        break;
                    }
                case 4:
                    {
                        var length = Math.Min(sb.Length - at, 1 + random.Next(30));
                        var chunk = sb.ToString(at, length);
                        sb.Insert(random.Next(sb.Length), chunk);
                        break;
                    }
                default:
                    sb.Length = at;
                    break;
            }
        }
        return sb.ToString();
    }
}
