using System.Buffers;
using System.Text;

namespace Tollgate.Runtime.Tests;

public sealed class EvaluationTests : IDisposable
{
    private readonly PolicyEngine _engine = TestEngines.Create();

    public void Dispose() => _engine.Dispose();

    private PolicyInstancePool Pool(int minor = 3, string data = """{"roles":{"alice":["admin"]}}""", PoolOptions? options = null) =>
        _engine.CreatePool(_engine.LoadModule(WatModules.Policy(minor)), Encoding.UTF8.GetBytes(data), options);

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(1)]
    [InlineData(0)]
    public void Every_abi_minor_evaluates_input_data_and_undefined(int minor)
    {
        using var pool = Pool(minor);

        Assert.Equal("""[{"result":{"user":"alice"}}]""", pool.EvaluateJson("test/echo", """{"user":"alice"}"""));
        Assert.Equal("""[{"result":{"roles":{"alice":["admin"]}}}]""", pool.EvaluateJson("test/data", "{}"));
        Assert.Equal("[]", pool.EvaluateJson("test/undefined", "{}"));
    }

    [Fact]
    public void Empty_input_means_no_input()
    {
        using var pool = Pool();

        Assert.Equal("[]", Encoding.UTF8.GetString(pool.Evaluate("test/echo", ReadOnlySpan<byte>.Empty)));
    }

    [Fact]
    public void Evaluate_by_id_writes_to_the_buffer_writer_and_returns_the_length()
    {
        using var pool = Pool();
        var output = new ArrayBufferWriter<byte>();

        int written = pool.Evaluate(0, "[1,2]"u8, output);
        written += pool.Evaluate(0, "true"u8, output);

        Assert.Equal("""[{"result":[1,2]}][{"result":true}]""", Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(output.WrittenCount, written);
    }

    [Fact]
    public async Task EvaluateAsync_returns_the_result()
    {
        using var pool = Pool();

        byte[] result = await pool.EvaluateAsync("test/echo", "\"hi\""u8.ToArray());

        Assert.Equal("""[{"result":"hi"}]""", Encoding.UTF8.GetString(result));
    }

    [Fact]
    public void The_heap_is_reset_after_each_evaluation()
    {
        using var pool = Pool(options: new PoolOptions { MaxInstances = 1 });
        string input = "{\"pad\":\"" + new string('x', 3000) + "\"}";
        pool.EvaluateJson("test/echo", input);
        long before = pool.ApproximateMemoryBytes;

        for (int i = 0; i < 2000; i++)
        {
            pool.EvaluateJson("test/echo", input);
        }

        // 2000 × 6 KB would need ~190 pages without the reset; memory must not have grown at all.
        Assert.Equal(before, pool.ApproximateMemoryBytes);
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("{} {}")]
    [InlineData("nope")]
    public void Non_json_input_is_rejected_when_the_module_has_no_value_parser(string input)
    {
        // ctx_only.wat exports no opa_value_parse, so only JSON can be input. (With a value parser the module
        // decides: see Compiled/RegoValueInputTests for sets accepted and garbage rejected by the real parser.)
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Build("ctx_only.wat")), "{}"u8);

        Assert.Throws<PolicyInputException>(() => pool.EvaluateJson("test/echo", input));
        Assert.Equal(0, pool.DiscardedInstanceCount);
    }

    [Fact]
    public void Input_over_the_limit_is_rejected()
    {
        using var pool = Pool();
        string big = "\"" + new string('a', 5000) + "\"";

        var error = Assert.Throws<PolicyInputTooLargeException>(() => pool.EvaluateJson("test/echo", big));

        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_entrypoint_is_reported()
    {
        using var pool = Pool();

        var error = Assert.Throws<PolicyException>(() => pool.EvaluateJson("test/nope", "{}"));

        Assert.Contains("test/nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_data_fails_pool_creation()
    {
        var module = _engine.LoadModule(WatModules.Policy());

        Assert.Throws<PolicyLoadException>(() => _engine.CreatePool(module, "{\"a\""u8));
    }

    [Fact]
    public void Println_reaches_the_print_option()
    {
        using var pool = Pool();
        var lines = new List<string>();

        pool.Evaluate("test/print", "1"u8, new EvaluationOptions { Print = lines.Add });

        Assert.Equal(["hello from wasm"], lines);
    }

    [Fact]
    public async Task A_caller_waiting_for_a_busy_pool_can_cancel()
    {
        using var pool = Pool(options: new PoolOptions { MaxInstances = 1 });
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holding = Task.Run(() => pool.Evaluate("test/print", "1"u8, new EvaluationOptions
        {
            Print = _ => { inside.Set(); release.Wait(TimeSpan.FromSeconds(10)); },
        }));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(10)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await pool.EvaluateAsync("test/echo", "2"u8.ToArray(), ct: cancel.Token));

        release.Set();
        Assert.Equal("[{\"result\":1}]", Encoding.UTF8.GetString(await holding));
        Assert.Equal("[{\"result\":3}]", Encoding.UTF8.GetString(await pool.EvaluateAsync("test/echo", "3"u8.ToArray())));
    }

    [Fact]
    public void Concurrent_callers_share_the_pool_up_to_its_maximum()
    {
        using var pool = Pool(options: new PoolOptions { MaxInstances = 3, InitialInstances = 1 });

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            string result = pool.EvaluateJson("test/echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal($"[{{\"result\":{i}}}]", result);
        });

        Assert.InRange(pool.InstanceCount, 1, 3);
    }
}
