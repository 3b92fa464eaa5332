using System.Buffers;
using Tollgate.Runtime;

namespace Tollgate.HostBench;

/// <summary>
/// A neighbour tenant's latency alone, then while another tenant's expensive policy (a huge comprehension)
/// runs into its deadline over and over on another thread. Each store has its own epoch deadline, so the
/// runaway tenant should cost the neighbour only the shared CPU, not stalls.
/// </summary>
internal static class IsolationMode
{
    /// <summary>About 10^9 iterations: far beyond any deadline, and it allocates little per iteration.</summary>
    private const string Expensive = """
        package tenant.authz
        import rego.v1
        r := numbers.range(1, 1000)
        allow := count([1 | some a in r; some b in r; some c in r; a == b + c + 5000])
        """;

    public static void Run(int count, int deadlineMs)
    {
        using var engine = new PolicyEngine();
        using var neighbour = engine.CreatePool(engine.LoadModule(Seed.CompileShared()), Seed.Data(), new PoolOptions { MaxInstances = 1 });
        using var runaway = engine.CreatePool(engine.LoadModule(Seed.CompileShared(Expensive)), "{}"u8, new PoolOptions { MaxInstances = 1 });

        Measure(neighbour, count / 2); // warm-up
        var deadline = new EvaluationOptions { Timeout = TimeSpan.FromMilliseconds(deadlineMs) };
        int timeouts = 0;
        int otherFailures = 0;
        int completed = 0;
        string? lastOther = null;

        // Alone and beside the runaway, alternately over three rounds, so a burst of load from elsewhere on
        // the machine does not land on one side only; the median round of each side is reported.
        const int Rounds = 3;
        var aloneRounds = new LatencySamples[Rounds];
        var contendedRounds = new LatencySamples[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            aloneRounds[round] = Measure(neighbour, count / Rounds);
            var stop = new ManualResetEventSlim();
            var thread = new Thread(() =>
            {
                while (!stop.IsSet)
                {
                    try
                    {
                        runaway.Evaluate(Seed.Allow, "{}"u8, deadline);
                        completed++;
                    }
                    catch (PolicyTimeoutException)
                    {
                        timeouts++;
                    }
                    catch (PolicyException ex)
                    {
                        otherFailures++;
                        lastOther = ex.GetType().Name + ": " + ex.Message;
                    }
                }
            }) { IsBackground = true, Name = "runaway tenant" };
            thread.Start();
            Thread.Sleep(100);
            contendedRounds[round] = Measure(neighbour, count / Rounds);
            stop.Set();
            thread.Join();
        }
        var alone = MedianByP99(aloneRounds);
        var contended = MedianByP99(contendedRounds);

        double ratio = contended.Percentile(99) / alone.Percentile(99);
        Console.WriteLine($"neighbour alone: p50 {Summary.Micros(alone.Percentile(50))} p99 {Summary.Micros(alone.Percentile(99))}");
        Console.WriteLine($"neighbour beside runaway: p50 {Summary.Micros(contended.Percentile(50))} p99 {Summary.Micros(contended.Percentile(99))}");
        Console.WriteLine($"runaway tenant ({deadlineMs} ms deadline): {timeouts} timeouts, {completed} completed, {otherFailures} other failures{(lastOther is null ? "" : " (last: " + lastOther + ")")}");
        Summary.Line("neighbour p99 alone", Summary.Micros(alone.Percentile(99)));
        Summary.Line("neighbour p99 beside runaway", Summary.Micros(contended.Percentile(99)));
        Summary.Line("neighbour p99 ratio (beside / alone)", Summary.Number(ratio, "0.00") + "x", "<= 2x", ratio <= 2.0);
        Summary.Line($"runaway hits its {deadlineMs} ms deadline", $"{timeouts} timeouts, {completed} completed", "all timeouts", timeouts > 0 && completed == 0 && otherFailures == 0);
    }

    private static LatencySamples MedianByP99(LatencySamples[] rounds)
    {
        var sorted = (LatencySamples[])rounds.Clone();
        Array.Sort(sorted, static (a, b) => a.Percentile(99).CompareTo(b.Percentile(99)));
        return sorted[sorted.Length / 2];
    }

    private static LatencySamples Measure(PolicyInstancePool pool, int count)
    {
        int id = pool.Module.GetEntrypointId(Seed.Allow);
        var output = new ArrayBufferWriter<byte>(256);
        var samples = new LatencySamples(count);
        for (int i = 0; i < count; i++)
        {
            output.ResetWrittenCount();
            long start = Clock.Now();
            pool.Evaluate(id, Seed.Input, output);
            samples.Add(Clock.NanosSince(start));
        }
        return samples;
    }
}
