using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Tollgate.Runtime.Builtins.Library.Values;

namespace Tollgate.Runtime.Builtins.Library.Time;

/// <summary>
/// time.* builtins over nanoseconds since the Unix epoch (int64, as in Go). Time zones are IANA ids
/// resolved through TimeZoneInfo ("" and "UTC" mean UTC, "Local" the host's zone).
/// </summary>
internal static class TimeBuiltins
{
    private static readonly string[] Weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static void Register(BuiltinRegistry r)
    {
        r.Register("time.now_ns", (_, context) => RegoNumber.Of(context.NowNs));
        r.Register("time.parse_ns", ParseNs);
        r.Register("time.parse_rfc3339_ns", (a, _) => RegoNumber.Of(GoLayout.Parse(GoLayout.Rfc3339, Args.String(a, 0, "time.parse_rfc3339_ns"), "time.parse_rfc3339_ns").ToInt64Nanos("time.parse_rfc3339_ns")));
        r.Register("time.parse_duration_ns", (a, _) => RegoNumber.Of(GoDuration.Parse(Args.String(a, 0, "time.parse_duration_ns"), "time.parse_duration_ns")));
        r.Register("time.date", Date);
        r.Register("time.clock", Clock);
        r.Register("time.weekday", (a, _) => JsonValue.Create(Weekdays[(int)Instant(a[0], "time.weekday").Wall.DayOfWeek]));
        r.Register("time.add_date", AddDate);
        r.Register("time.diff", Diff);
        r.Register("time.format", Format);
    }

    private static JsonNode? ParseNs(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var layout = GoLayout.Resolve(Args.String(a, 0, "time.parse_ns"));
        var value = Args.String(a, 1, "time.parse_ns");
        return RegoNumber.Of(GoLayout.Parse(layout, value, "time.parse_ns").ToInt64Nanos("time.parse_ns"));
    }

    /// <summary>The operand as "ns" or "[ns, zone]" (or "[ns, zone, layout]" for time.format).</summary>
    private static GoTime Instant(JsonNode? operand, string builtin) => Instant(operand, builtin, out _);

    private static GoTime Instant(JsonNode? operand, string builtin, out string? layout)
    {
        layout = null;
        JsonNode? nsNode;
        var zone = TimeZoneInfo.Utc;
        switch (operand)
        {
            case JsonArray array when array.Count is >= 1 and <= 3:
                nsNode = array[0];
                if (array.Count >= 2)
                {
                    var name = array[1] is JsonValue zv && zv.TryGetValue<string>(out var z) ? z : throw BuiltinException.Type(builtin, 1, "string", RegoTypes.Name(array[1]));
                    zone = Zone(name, builtin);
                }
                if (array.Count == 3)
                {
                    layout = array[2] is JsonValue lv && lv.TryGetValue<string>(out var l) ? GoLayout.Resolve(l) : throw BuiltinException.Type(builtin, 1, "string", RegoTypes.Name(array[2]));
                }
                break;
            case JsonArray:
                throw Args.Error(builtin, "array must have 1 to 3 elements");
            default:
                nsNode = operand;
                break;
        }
        if (!RegoTypes.IsNumber(nsNode))
        {
            throw Args.OneOf(builtin, 0, "number, array", operand);
        }
        if (!RegoNumber.TryBigInteger(nsNode!, out var ns))
        {
            ns = new BigInteger(Math.Truncate(RegoNumber.ToDouble(nsNode!)));
        }
        if (ns > long.MaxValue || ns < long.MinValue)
        {
            throw Args.Error(builtin, "timestamp too big");
        }
        return GoTime.FromUnixNanos((long)ns, zone);
    }

    internal static TimeZoneInfo Zone(string name, string builtin)
    {
        if (name is "" or "UTC")
        {
            return TimeZoneInfo.Utc;
        }
        if (name == "Local")
        {
            return TimeZoneInfo.Local;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw Args.Error(builtin, $"unknown time zone {name}");
        }
    }

    private static JsonNode? Date(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var t = Instant(a[0], "time.date").Wall;
        return new JsonArray(RegoNumber.Of(t.Year), RegoNumber.Of(t.Month), RegoNumber.Of(t.Day));
    }

    private static JsonNode? Clock(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var t = Instant(a[0], "time.clock").Wall;
        return new JsonArray(RegoNumber.Of(t.Hour), RegoNumber.Of(t.Minute), RegoNumber.Of(t.Second));
    }

    /// <summary>Go's AddDate: years, months and days are added to the date, then normalized (Jan 31 + 1 month = Mar 3).</summary>
    private static JsonNode? AddDate(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        const string Name = "time.add_date";
        var ns = Args.Integer(a, 0, Name);
        var years = Args.Integer(a, 1, Name);
        var months = Args.Integer(a, 2, Name);
        var days = Args.Integer(a, 3, Name);
        var t = GoTime.FromUnixNanos(ns, TimeZoneInfo.Utc);
        var totalMonths = (t.Wall.Year * 12L) + (t.Wall.Month - 1) + (years * 12) + months;
        var year = Math.DivRem(totalMonths, 12, out var monthIndex);
        if (monthIndex < 0)
        {
            monthIndex += 12;
            year--;
        }
        if (year < 1 || year > 9998)
        {
            throw Args.Error(Name, "time outside of valid range");
        }
        var first = new DateTime((int)year, (int)monthIndex + 1, 1, t.Wall.Hour, t.Wall.Minute, t.Wall.Second, DateTimeKind.Unspecified);
        double offsetDays = t.Wall.Day - 1 + days;
        if (Math.Abs(offsetDays) > 3_000_000)
        {
            throw Args.Error(Name, "time outside of valid range");
        }
        DateTime wall;
        try
        {
            wall = first.AddDays(offsetDays);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Args.Error(Name, "time outside of valid range");
        }
        return RegoNumber.Of(new GoTime(wall, t.Nanosecond, TimeSpan.Zero, "UTC").ToInt64Nanos(Name));
    }

    private static JsonNode? Diff(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var first = Instant(a[0], "time.diff");
        var second = Instant(a[1], "time.diff");
        // Compare both in the first operand's zone, earliest first.
        var secondWall = second.Wall - second.Offset + first.Offset;
        var x = first.Wall;
        var y = secondWall;
        if (x > y || (x == y && first.Nanosecond > second.Nanosecond))
        {
            (x, y) = (y, x);
        }
        var year = y.Year - x.Year;
        var month = y.Month - x.Month;
        var day = y.Day - x.Day;
        var hour = y.Hour - x.Hour;
        var minute = y.Minute - x.Minute;
        var sec = y.Second - x.Second;
        if (sec < 0)
        {
            sec += 60;
            minute--;
        }
        if (minute < 0)
        {
            minute += 60;
            hour--;
        }
        if (hour < 0)
        {
            hour += 24;
            day--;
        }
        if (day < 0)
        {
            day += DateTime.DaysInMonth(x.Year, x.Month);
            month--;
        }
        if (month < 0)
        {
            month += 12;
            year--;
        }
        return new JsonArray(RegoNumber.Of(year), RegoNumber.Of(month), RegoNumber.Of(day), RegoNumber.Of(hour), RegoNumber.Of(minute), RegoNumber.Of(sec));
    }

    private static JsonNode? Format(ReadOnlySpan<JsonNode?> a, BuiltinContext _)
    {
        var t = Instant(a[0], "time.format", out var layout);
        return JsonValue.Create(GoLayout.Format(t, layout ?? GoLayout.Rfc3339Nano));
    }
}
