namespace Tollgate.Runtime.Tests.Compiled;

/// <summary>
/// opa_eval parses its input as a Rego value, so the host must let sets through (the module's parser decides),
/// still reject garbage with <see cref="PolicyInputException"/>, and treat an empty input as "no input".
/// </summary>
public sealed class RegoValueInputTests : IDisposable
{
    private const string Policy = """
        package t
        import rego.v1
        n := count(input.x)
        has_input if input
        missing if not input
        """;

    private readonly PolicyEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    private PolicyInstancePool Pool(string entrypoint) =>
        _engine.CreatePool(_engine.LoadModule(RegoModules.Compile(Policy, entrypoint)), "{}"u8);

    [Fact]
    public void A_set_in_rego_value_syntax_is_accepted()
    {
        using var pool = Pool("t/n");

        Assert.Equal("""[{"result":3}]""", pool.EvaluateJson("t/n", """{"x": {1, 2, 3}}"""));
        Assert.Equal("""[{"result":2}]""", pool.EvaluateJson("t/n", """{"x": [1, 2]}"""));
    }

    [Theory]
    [InlineData("{\"x\":")]
    [InlineData("nope nope")]
    [InlineData("{1, 2")]
    public void Garbage_is_still_rejected_and_the_pool_keeps_answering(string input)
    {
        using var pool = Pool("t/n");

        Assert.Throws<PolicyInputException>(() => pool.EvaluateJson("t/n", input));
        Assert.Equal("""[{"result":1}]""", pool.EvaluateJson("t/n", """{"x": {"a"}}"""));
        Assert.Equal(0, pool.DiscardedInstanceCount);
    }

    [Fact]
    public void An_empty_input_is_undefined_input()
    {
        using var missing = Pool("t/missing");
        using var has = Pool("t/has_input");

        Assert.Equal("""[{"result":true}]""", missing.EvaluateJson("t/missing", ""));
        Assert.Equal("[]", has.EvaluateJson("t/has_input", ""));
        Assert.Equal("""[{"result":true}]""", has.EvaluateJson("t/has_input", "{}"));
    }

    [Fact]
    public void Only_modules_that_say_so_skip_the_host_side_input_check()
    {
        // Tollgate's runtime exports tollgate_eval_checks_input: its opa_eval answers 0 for bad input, so the
        // host's own validation scan is skipped. A module without the export (here hand-written WAT, as OPA
        // builds it) keeps the host check.
        using var engine = TestEngines.Create();
        var tollgate = engine.LoadModule(RegoModules.Compile(Policy, "t/n"));
        var handWritten = engine.LoadModule(WatModules.Policy());

        Assert.True(tollgate.EvalChecksInput);
        Assert.False(handWritten.EvalChecksInput);
    }
}
