using System.Text.Json.Nodes;

namespace Tollgate.Runtime.Tests;

public sealed class BuiltinDispatchTests : IDisposable
{
    private readonly PolicyEngine _engine = TestEngines.Create();

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public void Opa_builtin1_dispatches_by_id_with_json_arguments_and_result(int minor)
    {
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Policy(minor)), "{}"u8);

        Assert.Equal("[{\"result\":42}]", pool.EvaluateJson("test/double", "21"));
        Assert.Equal("[{\"result\":-1.5}]", pool.EvaluateJson("test/double", "-0.75"));
    }

    [Fact]
    public void A_builtin_error_is_undefined_unless_strict()
    {
        using var pool = _engine.CreatePool(_engine.LoadModule(WatModules.Policy()), "{}"u8);

        Assert.Equal("[]", pool.EvaluateJson("test/double", "\"x\""));

        var error = Assert.Throws<PolicyBuiltinException>(() =>
            pool.Evaluate("test/double", "\"x\""u8, new EvaluationOptions { StrictBuiltinErrors = true }));
        Assert.Equal("eval_type_error", error.Code);
        Assert.Equal("custom.double", error.BuiltinName);
        Assert.Equal("custom.double: operand 1 must be number but got string", error.Message);
        // The strict failure discarded the instance; the pool still answers.
        Assert.Equal("[{\"result\":2}]", pool.EvaluateJson("test/double", "1"));
    }

    [Fact]
    public void A_builtin_returning_null_is_undefined()
    {
        var registry = new global::Tollgate.Runtime.Builtins.BuiltinRegistry();
        registry.Register("custom.double", static (args, context) => null);
        using var engine = new PolicyEngine(new PolicyEngineOptions { Builtins = registry });
        using var pool = engine.CreatePool(engine.LoadModule(WatModules.Policy()), "{}"u8);

        Assert.Equal("[]", pool.EvaluateJson("test/double", "1"));
    }

    [Fact]
    public void Builtins_see_one_clock_reading_per_evaluation_from_the_engine_time_provider()
    {
        var fixedTime = new FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var registry = new global::Tollgate.Runtime.Builtins.BuiltinRegistry();
        registry.Register("custom.double", static (args, context) => JsonValue.Create(context.NowNs));
        using var engine = new PolicyEngine(new PolicyEngineOptions { Builtins = registry, Time = fixedTime });
        using var pool = engine.CreatePool(engine.LoadModule(WatModules.Policy()), "{}"u8);

        Assert.Equal("[{\"result\":1700000000000000000}]", pool.EvaluateJson("test/double", "1"));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
