using Xunit.Abstractions;

namespace Tollgate.Conformance.Tests;

/// <summary>
/// Runs OPA's conformance suite (shared/conformance/opa-v1) through the whole pipeline. Cases not yet
/// supported do not fail the build; a case in the committed baseline (baseline-passing.txt) that stops
/// passing does. TOLLGATE_UPDATE_BASELINE=1 rewrites the baseline from this run's passes.
/// </summary>
public sealed class ConformanceSuiteTests(ITestOutputHelper output)
{
    private static string BaselinePath => Path.Combine(RepoPaths.Root, "test", "Tollgate.Conformance.Tests", "baseline-passing.txt");

    [Fact]
    public void Suite_has_no_regressions_against_the_baseline()
    {
        Assert.True(Directory.Exists(RepoPaths.ConformanceSuite), $"conformance suite not found at {RepoPaths.ConformanceSuite}");
        var report = ConformanceSuite.Run(RepoPaths.ConformanceSuite);
        output.WriteLine(report.ToTable());

        var reportPath = Path.Combine(RepoPaths.Root, "artifacts", "conformance-report.json");
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
        File.WriteAllText(reportPath, report.ToJsonString());
        output.WriteLine($"report: {reportPath}");

        var passing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var o in report.Outcomes)
        {
            if (o.Status == CaseStatus.Pass) passing.Add(Key(o.Case));
        }
        if (Environment.GetEnvironmentVariable("TOLLGATE_UPDATE_BASELINE") == "1")
        {
            File.WriteAllLines(BaselinePath, passing);
            output.WriteLine($"baseline rewritten: {passing.Count} passing cases");
            return;
        }

        var baseline = File.Exists(BaselinePath) ? File.ReadAllLines(BaselinePath) : [];
        var regressions = new List<string>();
        foreach (var key in baseline)
        {
            if (key.Length > 0 && !passing.Contains(key)) regressions.Add(key);
        }
        foreach (var o in report.Outcomes)
        {
            if (o.Status == CaseStatus.Fail && regressions.Contains(Key(o.Case)))
            {
                output.WriteLine($"REGRESSION {Key(o.Case)}: {o.Reason}");
            }
        }
        Assert.True(regressions.Count == 0, $"{regressions.Count} baseline cases no longer pass: {string.Join("; ", regressions.Take(20))}");
        Assert.True(report.Total.Total >= 1700, $"expected the whole suite, loaded {report.Total.Total} cases");
    }

    private static string Key(ConformanceCase c) => c.File + " :: " + c.Note;
}
