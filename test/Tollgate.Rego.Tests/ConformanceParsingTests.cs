using Tollgate.Rego.Diagnostics;
using Tollgate.Rego.Tests.Support;
using Xunit.Abstractions;

namespace Tollgate.Rego.Tests;

/// <summary>Every module, query and input term of OPA's conformance suite must parse (or fail exactly as the case says).</summary>
public sealed class ConformanceParsingTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<ConformanceCase>> Cases = new(ConformanceCase.LoadAll);

    [Fact]
    public void Every_module_parses_without_diagnostics()
    {
        var parsed = 0;
        var expectedParseErrors = 0;
        var experimental = 0;
        var failures = new List<string>();
        foreach (var c in Cases.Value)
        {
            if (c.ExperimentalKeywords)
            {
                experimental += c.Modules.Count;
            }
            var wantsParseError = c.WantErrorCode == DiagnosticCodes.ParseError;
            for (var i = 0; i < c.Modules.Count; i++)
            {
                var result = RegoParser.ParseModule(c.Modules[i], $"{c.File}#{i}");
                if (wantsParseError)
                {
                    expectedParseErrors++;
                    continue;
                }
                if (result.Success)
                {
                    parsed++;
                }
                else
                {
                    failures.Add($"{c.File} [{c.Note}] module {i}: {string.Join("; ", result.Diagnostics)}");
                }
            }
        }
        output.WriteLine($"modules parsed: {parsed}, expected parse errors: {expectedParseErrors}, of which use experimental and/or keywords: {experimental}, failures: {failures.Count}");
        foreach (var f in failures)
        {
            output.WriteLine(f);
        }
        Assert.Empty(failures);
        // The pinned suite holds 2103 modules that are meant to parse.
        Assert.Equal(2103, parsed);
    }

    [Fact]
    public void Every_query_and_input_term_parses()
    {
        var queries = 0;
        var terms = 0;
        var failures = new List<string>();
        foreach (var c in Cases.Value)
        {
            if (c.Query is not null)
            {
                queries++;
                var q = RegoParser.ParseQuery(c.Query);
                if (!q.Success)
                {
                    failures.Add($"{c.File} [{c.Note}] query `{c.Query}`: {string.Join("; ", q.Diagnostics)}");
                }
            }
            if (c.InputTerm is not null)
            {
                terms++;
                var t = RegoParser.ParseTerm(c.InputTerm);
                if (!t.Success)
                {
                    failures.Add($"{c.File} [{c.Note}] input_term: {string.Join("; ", t.Diagnostics)}");
                }
            }
        }
        output.WriteLine($"queries: {queries}, input terms: {terms}, failures: {failures.Count}");
        foreach (var f in failures)
        {
            output.WriteLine(f);
        }
        Assert.Empty(failures);
    }
}
