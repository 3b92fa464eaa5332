using System.Diagnostics;

namespace Tollgate.HostBench;

internal static class Clock
{
    public static long Now() => Stopwatch.GetTimestamp();

    public static long NanosSince(long start) =>
        (long)((Stopwatch.GetTimestamp() - start) * (1_000_000_000.0 / Stopwatch.Frequency));
}
