using System.Numerics;

namespace Tollgate.Runtime.Builtins.Library.Time;

/// <summary>
/// An instant with nanosecond precision and the zone it is viewed in: the wall-clock DateTime (whole
/// seconds), the nanoseconds within the second, and the zone's UTC offset and name at that instant.
/// </summary>
internal readonly record struct GoTime(DateTime Wall, int Nanosecond, TimeSpan Offset, string ZoneName)
{
    private const long NanosPerSecond = 1_000_000_000;

    public static readonly BigInteger MinNs = long.MinValue;
    public static readonly BigInteger MaxNs = long.MaxValue;

    /// <summary>The instant from nanoseconds since the Unix epoch, viewed in <paramref name="zone"/>.</summary>
    public static GoTime FromUnixNanos(long ns, TimeZoneInfo zone)
    {
        var seconds = Math.DivRem(ns, NanosPerSecond, out var nanos);
        if (nanos < 0)
        {
            nanos += NanosPerSecond;
            seconds--;
        }
        var utc = DateTime.UnixEpoch.AddSeconds(seconds);
        var offset = zone.GetUtcOffset(utc);
        return new GoTime(DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified), (int)nanos, offset, ZoneLabel(zone, offset));
    }

    public static string ZoneLabel(TimeZoneInfo zone, TimeSpan offset) =>
        zone == TimeZoneInfo.Utc ? "UTC" : string.Empty;

    /// <summary>Nanoseconds since the epoch, exact (may fall outside int64; callers check).</summary>
    public BigInteger UnixNanos
    {
        get
        {
            var utc = Wall - Offset;
            var seconds = (BigInteger)((utc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);
            return (seconds * NanosPerSecond) + Nanosecond;
        }
    }

    public long ToInt64Nanos(string builtin)
    {
        var ns = UnixNanos;
        if (ns < MinNs || ns > MaxNs)
        {
            throw Values.Args.Error(builtin, "time outside of valid range");
        }
        return (long)ns;
    }
}
