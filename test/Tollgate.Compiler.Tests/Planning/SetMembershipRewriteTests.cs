using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Tests.EndToEnd;
using Tollgate.Compiler.Tests.Support;

namespace Tollgate.Compiler.Tests.Planning;

/// <summary>
/// <c>x in set_rule</c> answered without building the set (<see cref="SetMembershipRewrite"/>): rewritten only when
/// provably the same, and answering as the built set does.
/// </summary>
public class SetMembershipRewriteTests
{
    private static int Rewrites(string source, string entrypoint = "t/allow") =>
        SetMembershipRewrite.Apply(PlannerGoldenTests.Plan(source, entrypoint));

    [Fact]
    public void Seed_membership_is_rewritten() => Assert.Equal(1, Rewrites(SeedTemplateTests.Template, "tenant/authz/allow"));

    [Theory]
    [InlineData("package t\nallow if input.x in s\ns contains v if { some v in data.xs }", 1)]
    [InlineData("package t\nallow if input.x in s\ns contains v if { some v in data.xs }\ns contains v if { v := input.y }", 1)]
    // A call in the set's bodies (it could fail or abort): the set is built.
    [InlineData("package t\nallow if input.x in s\ns contains v if { some v in data.xs; startswith(v, \"a\") }", 0)]
    // The set's value is used for more than the membership test.
    [InlineData("package t\nallow if { y := s; input.x in y; count(y) > 1 }\ns contains v if { some v in data.xs }", 0)]
    // Input replaced for the call: the set is built.
    [InlineData("package t\nallow if input.x in s with input.y as 1\ns contains v if { some v in data.xs }", 0)]
    // Not a partial set rule.
    [InlineData("package t\nallow if input.x in s\ns := {v | some v in data.xs}", 0)]
    public void Rewritten_only_when_provably_the_same(string source, int expected) => Assert.Equal(expected, Rewrites(source));

    private const string Policy = """
        package t
        import rego.v1
        allow if input.x in s
        deny if not input.x in s
        s contains v if { some v in data.xs }
        s contains v if { some k, v in data.named; k != "skip" }
        s contains "literal"
        """;

    [Fact]
    public void Policy_below_takes_the_rewrite()
    {
        Assert.Equal(1, Rewrites(Policy, "t/allow"));
        Assert.Equal(1, Rewrites(Policy, "t/deny"));
    }

    [Theory]
    [InlineData("""{"x": "a"}""", "true")]
    [InlineData("""{"x": "b"}""", "true")]
    [InlineData("""{"x": "n1"}""", "true")]
    [InlineData("""{"x": "n2"}""", "false")]
    [InlineData("""{"x": "literal"}""", "true")]
    [InlineData("""{"x": "zzz"}""", "false")]
    // Numbers compare by value, as set membership does.
    [InlineData("""{"x": 1.0}""", "true")]
    [InlineData("""{"x": 2}""", "false")]
    [InlineData("""{"x": [1, {"k": null}]}""", "true")]
    [InlineData("""{"x": {"k": null}}""", "false")]
    public void Answers_as_the_built_set(string input, string allowed)
    {
        var compiled = RegoPolicy.Compile([Policy], entrypoints: ["t/allow", "t/deny", "t/s"]);
        using var run = new PolicyRunner(compiled.Wasm!, """{"xs": ["a", "b", "a", 1, [1, {"k": null}]], "named": {"one": "n1", "skip": "n2"}}""");
        Assert.Equal(allowed == "true" ? "[{\"result\":true}]" : "[]", run.Eval("t/allow", input));
        Assert.Equal(allowed == "true" ? "[]" : "[{\"result\":true}]", run.Eval("t/deny", input));
        // The set itself is still built where it is the value asked for.
        Assert.Equal("""[{"result":[1,"a","b","literal","n1",[1,{"k":null}]]}]""", run.Eval("t/s", input));
    }

    [Fact]
    public void Undefined_element_is_undefined_not_false()
    {
        var compiled = RegoPolicy.Compile([Policy], entrypoints: ["t/allow", "t/deny"]);
        using var run = new PolicyRunner(compiled.Wasm!, """{"xs": ["a"], "named": {}}""");
        Assert.Equal("[]", run.Eval("t/allow", "{}"));
        Assert.Equal("[{\"result\":true}]", run.Eval("t/deny", "{}"));
    }
}
