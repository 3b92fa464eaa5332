using System.Buffers;
using System.Diagnostics;
using HdrHistogram;

namespace Tollgate.Runtime.Benchmarking;

/// <summary>
/// Times N evaluations of one entrypoint on one pool, one at a time on the calling thread, after a warm-up,
/// recording each call's latency in an HdrHistogram (1 ns to 60 s, 3 significant digits).
/// </summary>
public static class BenchRunner
{
    /// <summary>Default least warm-up time: long enough for .NET's tiered JIT to finish optimising the host path.</summary>
    public static readonly TimeSpan DefaultMinimumWarmup = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Warms up with at least <paramref name="warmup"/> calls and at least <paramref name="minimumWarmup"/>
    /// (default <see cref="DefaultMinimumWarmup"/>), then times <paramref name="count"/> calls.
    /// </summary>
    public static BenchReport Run(PolicyInstancePool pool, string entrypoint, ReadOnlySpan<byte> inputJson,
        int count, int warmup = 1000, EvaluationOptions? options = null, TimeSpan? minimumWarmup = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int entrypointId = pool.Module.GetEntrypointId(entrypoint);
        // One reused output buffer: the benchmark measures evaluation, not result allocation.
        var output = new ArrayBufferWriter<byte>(4096);
        long warmupUntil = Stopwatch.GetTimestamp()
            + (long)((minimumWarmup ?? DefaultMinimumWarmup).TotalSeconds * Stopwatch.Frequency);
        for (int i = 0; i < warmup || Stopwatch.GetTimestamp() < warmupUntil; i++)
        {
            output.ResetWrittenCount();
            pool.Evaluate(entrypointId, inputJson, output, options);
        }

        var histogram = new LongHistogram(TimeSpan.FromSeconds(60).Ticks * 100, 3);
        long min = long.MaxValue;
        long max = 0;
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            output.ResetWrittenCount();
            long before = Stopwatch.GetTimestamp();
            pool.Evaluate(entrypointId, inputJson, output, options);
            long ns = ToNanoseconds(Stopwatch.GetTimestamp() - before);
            histogram.RecordValue(Math.Max(ns, 1));
            min = Math.Min(min, ns);
            max = Math.Max(max, ns);
        }
        long totalNs = ToNanoseconds(Stopwatch.GetTimestamp() - started);

        return new BenchReport
        {
            Count = count,
            TotalNs = totalNs,
            OpsPerSecond = count / (totalNs / 1e9),
            P50Ns = histogram.GetValueAtPercentile(50),
            P90Ns = histogram.GetValueAtPercentile(90),
            P99Ns = histogram.GetValueAtPercentile(99),
            P999Ns = histogram.GetValueAtPercentile(99.9),
            MinNs = min,
            MaxNs = max,
            MeanNs = histogram.GetMean(),
        };
    }

    private static long ToNanoseconds(long stopwatchTicks) =>
        (long)(stopwatchTicks * (1_000_000_000.0 / Stopwatch.Frequency));
}
