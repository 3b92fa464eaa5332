using System.Diagnostics;
using System.Text;

namespace Tollgate.Runtime.Tests;

public sealed class FaultTests : IDisposable
{
    private readonly PolicyEngine _engine = TestEngines.Create(timeout: TimeSpan.FromMilliseconds(50), maxMemoryPages: 64);

    public void Dispose() => _engine.Dispose();

    private PolicyInstancePool Pool(int maxInstances = 2) =>
        _engine.CreatePool(_engine.LoadModule(WatModules.Policy()), "{}"u8, new PoolOptions { MaxInstances = maxInstances });

    [Fact]
    public void Abort_text_becomes_the_error_message_with_the_conflict_code()
    {
        using var pool = Pool();

        var error = Assert.Throws<PolicyEvaluationException>(() => pool.EvaluateJson("test/abort", "{}"));

        Assert.Equal("x.rego:3:5: var assignment conflict", error.Message);
        Assert.Equal(PolicyEvaluationException.ConflictError, error.Code);
    }

    [Fact]
    public void A_trap_is_an_internal_error_and_the_instance_is_replaced()
    {
        using var pool = Pool(maxInstances: 1);
        Assert.Equal(1, pool.InstanceCount);

        var error = Assert.Throws<PolicyEvaluationException>(() => pool.EvaluateJson("test/trap", "{}"));

        Assert.Equal(PolicyEvaluationException.InternalError, error.Code);
        Assert.Equal("policy trapped: wasm `unreachable` instruction executed", error.Message);
        Assert.Equal(0, pool.InstanceCount);
        Assert.Equal(1, pool.DiscardedInstanceCount);
        // The next call gets a fresh instance with the data loaded again.
        Assert.Equal("[{\"result\":{}}]", pool.EvaluateJson("test/data", "{}"));
        Assert.Equal(1, pool.InstanceCount);
    }

    [Fact]
    public void Stack_exhaustion_is_an_evaluation_error()
    {
        using var pool = Pool();

        var error = Assert.Throws<PolicyEvaluationException>(() => pool.EvaluateJson("test/recurse", "{}"));

        Assert.Equal("policy trapped: call stack exhausted", error.Message);
        Assert.Equal("[{\"result\":9}]", pool.EvaluateJson("test/echo", "9"));
    }

    [Fact]
    public void An_infinite_loop_times_out_while_another_pool_keeps_answering()
    {
        using var looping = Pool();
        using var healthy = Pool();
        using var started = new ManualResetEventSlim();
        var answered = 0;
        var stop = false;
        var neighbour = new Thread(() =>
        {
            started.Set();
            while (!Volatile.Read(ref stop))
            {
                Assert.Equal("[{\"result\":1}]", healthy.EvaluateJson("test/echo", "1"));
                Interlocked.Increment(ref answered);
            }
        });
        neighbour.Start();
        started.Wait();

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<PolicyTimeoutException>(() =>
            looping.Evaluate("test/loop", "{}"u8, new EvaluationOptions { Timeout = TimeSpan.FromMilliseconds(200) }));
        clock.Stop();
        int answeredDuringLoop = Volatile.Read(ref answered);
        Volatile.Write(ref stop, true);
        neighbour.Join();

        Assert.Contains("200 ms", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.ElapsedMilliseconds, 190, 2000);
        Assert.True(answeredDuringLoop > 10, $"the other pool answered only {answeredDuringLoop} times during the loop");
        Assert.Equal(0, looping.InstanceCount);
        Assert.Equal("[{\"result\":2}]", looping.EvaluateJson("test/echo", "2"));
    }

    [Fact]
    public void The_engine_default_timeout_applies_without_options()
    {
        using var pool = Pool();

        Assert.Throws<PolicyTimeoutException>(() => pool.EvaluateJson("test/loop", "{}"));
    }

    [Fact]
    public void Growing_memory_beyond_the_cap_is_a_memory_limit_error()
    {
        using var pool = Pool();

        var error = Assert.Throws<PolicyMemoryLimitException>(() => pool.EvaluateJson("test/grow", "{}"));

        Assert.Contains("of 64 pages", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, pool.InstanceCount);
        Assert.Equal("[{\"result\":3}]", pool.EvaluateJson("test/echo", "3"));
    }

    [Fact]
    public void Allocation_failure_reported_by_the_module_is_a_memory_limit_error()
    {
        using var engine = TestEngines.Create(maxMemoryPages: 3);
        var module = engine.LoadModule(WatModules.Policy());
        // The data alone needs more than 3 pages: the module's allocator aborts with "out of memory".
        string data = "{\"blob\":\"" + new string('d', 4 * 65536) + "\"}";

        var error = Assert.Throws<PolicyLoadException>(() => engine.CreatePool(module, Encoding.UTF8.GetBytes(data)));

        Assert.IsType<PolicyMemoryLimitException>(error.InnerException);
    }

    [Fact]
    public void Input_that_does_not_fit_in_memory_is_a_memory_limit_error_and_keeps_the_instance()
    {
        using var engine = new PolicyEngine(new PolicyEngineOptions
        {
            Builtins = TestEngines.CustomBuiltins(),
            MaxMemoryPages = 2,
            MaxInputBytes = 1 << 20,
        });
        using var pool = engine.CreatePool(engine.LoadModule(WatModules.Policy()), "{}"u8);
        string input = "\"" + new string('i', 200_000) + "\"";

        Assert.Throws<PolicyMemoryLimitException>(() => pool.EvaluateJson("test/echo", input));

        Assert.Equal(1, pool.InstanceCount);
        Assert.Equal("[{\"result\":4}]", pool.EvaluateJson("test/echo", "4"));
    }
}
