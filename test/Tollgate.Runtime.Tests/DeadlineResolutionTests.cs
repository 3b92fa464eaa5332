namespace Tollgate.Runtime.Tests;

/// <summary>The epoch tick: fine enough for the evaluation timeout, coarse enough that an idle engine sleeps.</summary>
public class DeadlineResolutionTests
{
    [Theory]
    [InlineData(100, 5)] // the default timeout: 5 ms ticks, 200 wake-ups a second instead of 1,000
    [InlineData(1, 1)] // never coarser than the timeout needs, never finer than 1 ms
    [InlineData(5_000, 10)] // never coarser than 10 ms
    public void Default_resolution_is_a_twentieth_of_the_timeout_between_1_and_10_ms(int timeoutMs, int expectedMs)
    {
        using var engine = new PolicyEngine(new PolicyEngineOptions { EvaluationTimeout = TimeSpan.FromMilliseconds(timeoutMs) });
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), engine.DeadlineResolution);
    }

    [Fact]
    public void An_explicit_resolution_is_used_and_deadlines_count_whole_ticks_plus_one()
    {
        using var engine = new PolicyEngine(new PolicyEngineOptions { DeadlineResolution = TimeSpan.FromMilliseconds(2) });
        Assert.Equal(TimeSpan.FromMilliseconds(2), engine.DeadlineResolution);
        Assert.Equal(51UL, engine.TicksFor(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(2UL, engine.TicksFor(TimeSpan.FromMilliseconds(1)));
    }
}
