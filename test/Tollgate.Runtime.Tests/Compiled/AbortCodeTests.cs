namespace Tollgate.Runtime.Tests.Compiled;

/// <summary>
/// Strict-mode builtin errors raised inside the module reach the host as opa_abort text
/// ("test-0.rego:4: eval_type_error: …"); the exception's Code must be the code that text names.
/// </summary>
public sealed class AbortCodeTests
{
    [Theory]
    [InlineData("test-0.rego:4: eval_type_error: plus: operand 1 must be number but got string", "eval_type_error")]
    [InlineData("x.rego:2:3: eval_builtin_error: split: bad", "eval_builtin_error")]
    [InlineData("eval_conflict_error: complete rules must not produce multiple outputs", "eval_conflict_error")]
    [InlineData("x.rego:3:5: var assignment conflict", "eval_conflict_error")]
    [InlineData("x.rego:3:5: object insert conflict", "eval_conflict_error")]
    [InlineData("unreachable", "eval_internal_error")]
    // A code-like word that is not its own field of the text is the user's words, not the code.
    [InlineData("x.rego:1: my_eval_type_error_thing happened", "eval_internal_error")]
    public void The_code_comes_from_the_abort_text(string text, string code)
    {
        Assert.Equal(code, new PolicyEvaluationException(text).Code);
    }

    [Fact]
    public void A_strict_builtin_type_error_inside_the_module_carries_its_code()
    {
        const string policy = """
            package t
            x := input.a + 1
            """;
        using var engine = new PolicyEngine();
        using var pool = engine.CreatePool(engine.LoadModule(RegoModules.Compile(policy, "t/x", strictBuiltinErrors: true)), "{}"u8);

        Assert.Equal("""[{"result":3}]""", pool.EvaluateJson("t/x", """{"a":2}"""));
        var error = Assert.Throws<PolicyEvaluationException>(
            () => pool.Evaluate("t/x", """{"a":"two"}"""u8, new EvaluationOptions { StrictBuiltinErrors = true }));

        Assert.Equal(PolicyEvaluationException.TypeError, error.Code);
        Assert.Contains("eval_type_error", error.Message, StringComparison.Ordinal);
    }
}
