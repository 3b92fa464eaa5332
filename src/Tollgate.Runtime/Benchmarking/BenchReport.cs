using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tollgate.Runtime.Benchmarking;

/// <summary>Latency distribution of a benchmark run, in nanoseconds per evaluation.</summary>
public sealed class BenchReport
{
    public required long Count { get; init; }
    public required long TotalNs { get; init; }
    public required double OpsPerSecond { get; init; }
    public required long P50Ns { get; init; }
    public required long P90Ns { get; init; }
    public required long P99Ns { get; init; }
    public required long P999Ns { get; init; }
    public required long MinNs { get; init; }
    public required long MaxNs { get; init; }
    public required double MeanNs { get; init; }

    /// <summary>
    /// JSON in the shape of <c>opa bench --format json</c>'s metrics (plus flat percentiles), so Tollgate and
    /// OPA numbers compare field by field.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("ops_per_second", Math.Round(OpsPerSecond, 1));
            writer.WriteNumber("p50_ns", P50Ns);
            writer.WriteNumber("p90_ns", P90Ns);
            writer.WriteNumber("p99_ns", P99Ns);
            writer.WriteNumber("p999_ns", P999Ns);
            writer.WriteStartObject("histogram_timer_opa_rego_query_ns");
            writer.WriteNumber("p50", P50Ns);
            writer.WriteNumber("p90", P90Ns);
            writer.WriteNumber("p99", P99Ns);
            writer.WriteNumber("p999", P999Ns);
            writer.WriteNumber("mean", Math.Round(MeanNs, 1));
            writer.WriteNumber("max", MaxNs);
            writer.WriteNumber("min", MinNs);
            writer.WriteNumber("count", Count);
            writer.WriteEndObject();
            writer.WriteStartObject("histogram_timer_opa_rego_query_hz");
            writer.WriteNumber("mean", Math.Round(OpsPerSecond, 1));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A human-readable table.</summary>
    public string ToTable()
    {
        var rows = new (string Name, string Value)[]
        {
            ("evaluations", Count.ToString(CultureInfo.InvariantCulture)),
            ("ops/s", OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture)),
            ("mean", Format(MeanNs)),
            ("min", Format(MinNs)),
            ("p50", Format(P50Ns)),
            ("p90", Format(P90Ns)),
            ("p99", Format(P99Ns)),
            ("p99.9", Format(P999Ns)),
            ("max", Format(MaxNs)),
        };
        var table = new StringBuilder();
        table.AppendLine("+-------------+----------------+");
        foreach (var (name, value) in rows)
        {
            table.Append("| ").Append(name.PadRight(11)).Append(" | ").Append(value.PadLeft(14)).AppendLine(" |");
        }
        table.AppendLine("+-------------+----------------+");
        return table.ToString();
    }

    private static string Format(double ns) => ns switch
    {
        >= 1_000_000 => (ns / 1_000_000).ToString("0.000", CultureInfo.InvariantCulture) + " ms",
        >= 1_000 => (ns / 1_000).ToString("0.000", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("0", CultureInfo.InvariantCulture) + " ns",
    };
}
