using Tollgate.Runtime.Builtins;

namespace Tollgate.Runtime.Tests.Builtins;

public sealed class TimeBuiltinsTests
{
    [Theory]
    [InlineData("\"2006-01-02\"", "\"2017-06-02\"", "1496361600000000000")]
    [InlineData("\"2006-01-02T15:04:05Z07:00\"", "\"2017-06-02T19:00:00-05:00\"", "1496448000000000000")]
    [InlineData("\"Mon Jan _2 15:04:05 2006\"", "\"Fri Jun  2 19:00:00 2017\"", "1496430000000000000")]
    [InlineData("\"RFC822Z\"", "\"02 Jun 17 19:00 +0100\"", "1496426400000000000")]
    [InlineData("\"3:04PM\"", "\"7:30PM\"", "-62135523000000000000")]
    public void Parse_ns_uses_go_layouts(string layout, string value, string expected)
    {
        if (expected.StartsWith("-62", StringComparison.Ordinal))
        {
            // Year 1 is outside int64 nanoseconds, as in Go.
            Assert.Contains("time outside of valid range", BuiltinCall.Error("time.parse_ns", layout, value).Message, StringComparison.Ordinal);
            return;
        }
        Assert.Equal(expected, BuiltinCall.Json("time.parse_ns", layout, value));
    }

    [Fact]
    public void Parse_rfc3339_keeps_nanoseconds() =>
        Assert.Equal("-9223372036854775808", BuiltinCall.Json("time.parse_rfc3339_ns", "\"1677-09-21T00:12:43.145224192-00:00\""));

    [Theory]
    [InlineData("\"1h2m3.5s\"", "3723500000000")]
    [InlineData("\"-1.5h\"", "-5400000000000")]
    [InlineData("\"300ms\"", "300000000")]
    [InlineData("\"2us\"", "2000")]
    public void Parse_duration(string text, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json("time.parse_duration_ns", text));

    [Fact]
    public void Parse_duration_rejects_missing_units() =>
        Assert.Contains("missing unit", BuiltinCall.Error("time.parse_duration_ns", "\"12\"").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("time.date", "1517832000000000000", "[2018,2,5]")]
    [InlineData("time.clock", "[1517832000000000000, \"America/Los_Angeles\"]", "[4,0,0]")]
    [InlineData("time.clock", "[1517832000000000000, \"America/New_York\"]", "[7,0,0]")]
    [InlineData("time.weekday", "1517832000000000000", "\"Monday\"")]
    [InlineData("time.format", "1670006453141828752", "\"2022-12-02T18:40:53.141828752Z\"")]
    [InlineData("time.format", "[1670006453141828752, \"Asia/Kolkata\", \"Mon Jan 02 15:04:05 -0700 2006\"]", "\"Sat Dec 03 00:10:53 +0530 2022\"")]
    [InlineData("time.format", "[1670006453141828752, \"UTC\", \"RFC1123Z\"]", "\"Fri, 02 Dec 2022 18:40:53 +0000\"")]
    public void Calendar_views(string builtin, string argument, string expected) =>
        Assert.Equal(expected, BuiltinCall.Json(builtin, argument));

    [Fact]
    public void Add_date_normalizes_like_go()
    {
        Assert.Equal("1705257221593912000", BuiltinCall.Json("time.add_date", "1585852421593912000", "3", "9", "12"));
        Assert.Contains("time outside of valid range", BuiltinCall.Error("time.add_date", "0", "2262", "1", "1").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_counts_calendar_units()
    {
        // 2020-02-02 .. 2020-03-01 (leap year): 0 years, 0 months, 28 days.
        Assert.Equal("[0,0,28,0,0,0]", BuiltinCall.Json("time.diff", "1580601600000000000", "1583020800000000000"));
    }

    [Fact]
    public void Timestamps_beyond_int64_are_errors() =>
        Assert.Contains("timestamp too big", BuiltinCall.Error("time.date", "1e30").Message, StringComparison.Ordinal);

    [Fact]
    public void Now_is_fixed_for_one_evaluation()
    {
        var context = new BuiltinContext { Clock = new SteppingClock() };
        var first = BuiltinCall.Invoke("time.now_ns", context)!.ToJsonString();
        Assert.Equal(first, BuiltinCall.Invoke("time.now_ns", context)!.ToJsonString());
        context.Reset();
        Assert.NotEqual(first, BuiltinCall.Invoke("time.now_ns", context)!.ToJsonString());
    }

    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).Ticks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
