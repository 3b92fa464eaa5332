using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollgate.Conformance;

/// <summary>Pass/fail/skip totals, per category, and every failure with its reason.</summary>
public sealed class ConformanceReport
{
    public sealed class Tally
    {
        public int Pass { get; set; }
        public int Fail { get; set; }
        public int Skip { get; set; }
        public int Total => Pass + Fail + Skip;

        public void Add(CaseStatus status)
        {
            switch (status)
            {
                case CaseStatus.Pass: Pass++; break;
                case CaseStatus.Fail: Fail++; break;
                default: Skip++; break;
            }
        }

        public JsonObject ToJson() => new() { ["pass"] = Pass, ["fail"] = Fail, ["skip"] = Skip };
    }

    public Tally Total { get; } = new();
    public SortedDictionary<string, Tally> Categories { get; } = new(StringComparer.Ordinal);
    public List<CaseOutcome> Outcomes { get; } = [];

    public void Add(CaseOutcome outcome)
    {
        Outcomes.Add(outcome);
        Total.Add(outcome.Status);
        if (!Categories.TryGetValue(outcome.Case.Category, out var tally))
        {
            Categories[outcome.Case.Category] = tally = new Tally();
        }
        tally.Add(outcome.Status);
    }

    public JsonObject ToJson()
    {
        var categories = new JsonObject();
        foreach (var (name, tally) in Categories) categories[name] = tally.ToJson();
        var failures = new JsonArray();
        var skips = new JsonArray();
        foreach (var o in Outcomes)
        {
            var entry = new JsonObject { ["file"] = o.Case.File, ["note"] = o.Case.Note, ["reason"] = o.Reason };
            if (o.Status == CaseStatus.Fail) failures.Add(entry);
            else if (o.Status == CaseStatus.Skip) skips.Add(entry);
        }
        return new JsonObject
        {
            ["total"] = Total.ToJson(),
            ["categories"] = categories,
            ["failures"] = failures,
            ["skips"] = skips,
        };
    }

    public string ToJsonString() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>A table: one line per category, then the total.</summary>
    public string ToTable()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"{"category",-44} {"pass",6} {"fail",6} {"skip",6}");
        foreach (var (name, t) in Categories)
        {
            sb.AppendLine($"{name,-44} {t.Pass,6} {t.Fail,6} {t.Skip,6}");
        }
        var pct = Total.Total == 0 ? 0 : 100.0 * Total.Pass / Total.Total;
        sb.AppendLine($"{"TOTAL",-44} {Total.Pass,6} {Total.Fail,6} {Total.Skip,6}   ({pct:0.0}% pass)");
        return sb.ToString();
    }
}
