using Tollgate.Compiler.Tests.Support;

namespace Tollgate.Compiler.Tests.EndToEnd;

/// <summary>Rego rules compiled to wasm and evaluated in the host.</summary>
public class RuleTests
{
    [Fact]
    public void Complete_rule_with_input_test()
    {
        const string policy = """
            package t
            allow if input.user == "alice"
            """;
        Assert.Equal("[{\"result\":true}]", RegoPolicy.EvalEntrypoint(policy, "t/allow", "{\"user\":\"alice\"}"));
        Assert.Equal("[]", RegoPolicy.EvalEntrypoint(policy, "t/allow", "{\"user\":\"bob\"}"));
    }

    [Fact]
    public void Default_rule_applies_when_undefined()
    {
        const string policy = """
            package t
            default allow := false
            allow if input.user == "alice"
            """;
        Assert.Equal("[{\"result\":false}]", RegoPolicy.EvalEntrypoint(policy, "t/allow", "{\"user\":\"bob\"}"));
        Assert.Equal("[{\"result\":true}]", RegoPolicy.EvalEntrypoint(policy, "t/allow", "{\"user\":\"alice\"}"));
    }

    [Fact]
    public void Partial_set_iterates_base_data()
    {
        const string policy = """
            package t
            names contains n if {
                some u in data.users
                u.admin
                n := u.name
            }
            """;
        const string data = """{"users":[{"name":"a","admin":true},{"name":"b","admin":false},{"name":"c","admin":true}]}""";
        Assert.Equal("[{\"result\":[\"a\",\"c\"]}]", RegoPolicy.EvalEntrypoint(policy, "t/names", "null", data));
    }

    [Fact]
    public void Partial_object_and_package_document()
    {
        const string policy = """
            package t
            sq[k] := v if {
                some k in [1, 2, 3]
                v := k * k
            }
            x := 7
            """;
        // JSON object keys are strings: the number keys 1, 2, 3 dump as "1", "2", "3".
        Assert.Equal("[{\"result\":{\"1\":1,\"2\":4,\"3\":9}}]", RegoPolicy.EvalEntrypoint(policy, "t/sq"));
        Assert.Equal("[{\"result\":{\"sq\":{\"1\":1,\"2\":4,\"3\":9},\"x\":7}}]", RegoPolicy.EvalEntrypoint(policy, "t"));
    }

    [Fact]
    public void Query_reports_bindings_per_solution()
    {
        const string policy = """
            package t
            p contains x if some x in [1, 2]
            """;
        var result = RegoPolicy.EvalQuery(policy, "data.t.p[x]");
        Assert.Contains("\"bindings\":{\"x\":1}", result, StringComparison.Ordinal);
        Assert.Contains("\"bindings\":{\"x\":2}", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_else_and_conflicts()
    {
        const string policy = """
            package t
            f(x) := "big" if x > 10
            else := "small"
            r := f(input.n)
            g(1) := "one"
            g(x) := "other" if x != 1
            s := g(input.n)
            """;
        Assert.Equal("[{\"result\":\"big\"}]", RegoPolicy.EvalEntrypoint(policy, "t/r", "{\"n\":11}"));
        Assert.Equal("[{\"result\":\"small\"}]", RegoPolicy.EvalEntrypoint(policy, "t/r", "{\"n\":1}"));
        Assert.Equal("[{\"result\":\"one\"}]", RegoPolicy.EvalEntrypoint(policy, "t/s", "{\"n\":1}"));
        Assert.Equal("[{\"result\":\"other\"}]", RegoPolicy.EvalEntrypoint(policy, "t/s", "{\"n\":2}"));
    }

    [Fact]
    public void Complete_rule_conflict_aborts()
    {
        const string policy = """
            package t
            p := 1 if input.a
            p := 2 if input.b
            """;
        Assert.Equal("[{\"result\":1}]", RegoPolicy.EvalEntrypoint(policy, "t/p", "{\"a\":true}"));
        var ex = Assert.ThrowsAny<Exception>(() => RegoPolicy.EvalEntrypoint(policy, "t/p", "{\"a\":true,\"b\":true}"));
        Assert.Contains("complete rules must not produce multiple outputs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negation_every_comprehensions_and_with()
    {
        const string policy = """
            package t
            all_pos if every x in input.xs { x > 0 }
            none_neg if not any_neg
            any_neg if { some x in input.xs; x < 0 }
            doubled := [y | some x in input.xs; y := x * 2]
            mocked := r if r := doubled with input.xs as [5]
            """;
        Assert.Equal("[{\"result\":true}]", RegoPolicy.EvalEntrypoint(policy, "t/all_pos", "{\"xs\":[1,2]}"));
        Assert.Equal("[]", RegoPolicy.EvalEntrypoint(policy, "t/all_pos", "{\"xs\":[1,-2]}"));
        Assert.Equal("[{\"result\":true}]", RegoPolicy.EvalEntrypoint(policy, "t/none_neg", "{\"xs\":[1,2]}"));
        Assert.Equal("[]", RegoPolicy.EvalEntrypoint(policy, "t/none_neg", "{\"xs\":[1,-2]}"));
        Assert.Equal("[{\"result\":[2,4]}]", RegoPolicy.EvalEntrypoint(policy, "t/doubled", "{\"xs\":[1,2]}"));
        Assert.Equal("[{\"result\":[10]}]", RegoPolicy.EvalEntrypoint(policy, "t/mocked", "{\"xs\":[1,2]}"));
    }

    [Fact]
    public void Composite_unification_binds_pattern_vars()
    {
        const string policy = """
            package t
            p := [b, a] if [a, b] = input.pair
            q := v if {"k": v} = input.obj
            """;
        Assert.Equal("[{\"result\":[2,1]}]", RegoPolicy.EvalEntrypoint(policy, "t/p", "{\"pair\":[1,2]}"));
        Assert.Equal("[]", RegoPolicy.EvalEntrypoint(policy, "t/p", "{\"pair\":[1,2,3]}"));
        Assert.Equal("[{\"result\":\"x\"}]", RegoPolicy.EvalEntrypoint(policy, "t/q", "{\"obj\":{\"k\":\"x\"}}"));
    }

    [Fact]
    public void Every_body_that_iterates_holds_only_when_each_element_has_a_solution()
    {
        // Regression: a negated body with a scan must not "succeed" by running to its end.
        const string policy = """
            package t
            p if {
                every c in input.cs {
                    some r in {"a", "b"}
                    startswith(c, r)
                }
            }
            """;
        Assert.Equal("[{\"result\":true}]", RegoPolicy.EvalEntrypoint(policy, "t/p", "{\"cs\":[\"ax\",\"by\"]}"));
        Assert.Equal("[]", RegoPolicy.EvalEntrypoint(policy, "t/p", "{\"cs\":[\"ax\",\"zz\"]}"));
    }

    [Fact]
    public void Walk_is_a_relation_over_every_path_and_value()
    {
        const string policy = """
            package t
            strings contains v if {
                walk(input, [_, v])
                is_string(v)
            }
            """;
        Assert.Equal("[{\"result\":[\"a\",\"b\"]}]", RegoPolicy.EvalEntrypoint(policy, "t/strings", "{\"x\":[\"a\",{\"y\":\"b\"}],\"n\":1}"));
    }

    [Fact]
    public void Strict_builtin_errors_abort_with_location_code_and_message()
    {
        const string policy = """
            package t
            p := x if {
                x := input.a / input.b
            }
            """;
        var compiled = RegoPolicy.Compile([policy], entrypoints: ["t/p"], strict: true);
        using var run = new PolicyRunner(compiled.Wasm!);
        Assert.Equal("[{\"result\":2}]", run.Eval("t/p", "{\"a\":4,\"b\":2}", strict: true));
        var ex = Assert.ThrowsAny<Exception>(() => run.Eval("t/p", "{\"a\":4,\"b\":0}", strict: true));
        Assert.Contains("m0.rego:3: eval_builtin_error: div: divide by zero", ex.Message, StringComparison.Ordinal);
        // Non-strict: the same error makes the expression undefined.
        var lenient = RegoPolicy.Compile([policy], entrypoints: ["t/p"]);
        using var run2 = new PolicyRunner(lenient.Wasm!);
        Assert.Equal("[]", run2.Eval("t/p", "{\"a\":4,\"b\":0}"));
    }
}
