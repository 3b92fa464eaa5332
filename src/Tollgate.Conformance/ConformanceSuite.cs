using Tollgate.Rego.Ast;
using Tollgate.Runtime;

namespace Tollgate.Conformance;

/// <summary>Runs every case of a directory of conformance YAML files and builds the report.</summary>
public static class ConformanceSuite
{
    public static ConformanceReport Run(string root, RegoVersion version = RegoVersion.V1, SkipList? skips = null,
        Action<int, int>? progress = null, int parallelism = 0)
    {
        skips ??= SkipList.LoadEmbedded();
        var cases = new List<ConformanceCase>();
        var loadFailures = new List<CaseOutcome>();
        foreach (var file in CaseLoader.FindFiles(root))
        {
            try
            {
                cases.AddRange(CaseLoader.Load(root, file));
            }
            catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidDataException or InvalidCastException)
            {
                var rel = Path.GetRelativePath(root, file);
                var pseudo = new ConformanceCase { File = rel, Category = rel.Split('/')[0], Note = rel, Query = "" };
                loadFailures.Add(new CaseOutcome(pseudo, CaseStatus.Fail, $"cannot read file: {ex.Message}", TimeSpan.Zero));
            }
        }

        using var engine = new PolicyEngine(new PolicyEngineOptions { EvaluationTimeout = TimeSpan.FromSeconds(5) });
        var runner = new CaseRunner(engine, version);
        var outcomes = new CaseOutcome[cases.Count];
        var done = 0;
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount }, i =>
        {
            var c = cases[i];
            var skip = skips.ReasonFor(c);
            outcomes[i] = skip is not null ? new CaseOutcome(c, CaseStatus.Skip, skip, TimeSpan.Zero) : runner.Run(c);
            var n = Interlocked.Increment(ref done);
            progress?.Invoke(n, cases.Count);
        });

        var report = new ConformanceReport();
        foreach (var f in loadFailures) report.Add(f);
        foreach (var o in outcomes) report.Add(o);
        return report;
    }
}
