using Tollgate.Compiler.Passes;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Tests.Passes;

/// <summary>Shapes of the normal form that the planner relies on (docs/compiler-normal-form.md).</summary>
public class NormalFormTests
{
    private static string Body(string source, string rulePath)
    {
        var program = PassTestHelper.Compile(source);
        Assert.True(program.Success, string.Join("\n", program.Diagnostics));
        var set = program.Rules.Find(rulePath.Split('.'));
        Assert.NotNull(set);
        return NormalFormPrinter.Print(set.Rules[0].Body).TrimEnd();
    }

    [Fact]
    public void Nested_calls_are_flattened_with_output_locals()
    {
        Assert.Equal(
            "eq(__local0__, input.y)\ncount(__local0__, __local2__)\nplus(__local2__, 1, __local3__)\neq(__local1__, __local3__)",
            Body("package a\np if { y := input.y; x := count(y) + 1 }", "a.p"));
    }

    [Fact]
    public void Rule_names_and_imports_become_absolute_refs()
    {
        Assert.Equal(
            "equal(data.a.q, data.other.thing.v)\ninternal.member_2(input.user.name, data.a.names)",
            Body("package a\nimport data.other.thing as t\nimport input.user\np if { q == t.v; user.name in names }\nq := 1\nnames := {\"x\"}", "a.p"));
    }

    [Fact]
    public void User_functions_are_called_by_absolute_name()
    {
        Assert.Equal("data.a.f(1, __local0__)\nequal(__local0__, 2)", Body("package a\nf(x) := x + 1\np if { f(1) == 2 }", "a.p"));
    }

    [Fact]
    public void Some_in_becomes_a_ref_lookup()
    {
        Assert.Equal("eq(__local1__, input.xs[__local0__])\nequal(__local1__, 1)", Body("package a\np if { some x in input.xs; x == 1 }", "a.p"));
        Assert.Equal("eq(__local1__, input.xs[__local0__])\nequal(__local0__, __local1__)", Body("package a\np if { some k, v in input.xs; k == v }", "a.p"));
    }

    [Fact]
    public void Wildcards_become_unique_locals()
    {
        Assert.Equal("input.a[__local0__][__local1__]", Body("package a\np if { input.a[_][_] }", "a.p"));
    }

    [Fact]
    public void Every_keeps_its_shape_with_a_fresh_key()
    {
        var program = PassTestHelper.Compile("package a\np if { every x in input.xs { x > 0 } }");
        var expr = Assert.Single(program.Rules.Find(["a", "p"])!.Rules[0].Body.Exprs);
        Assert.Equal(ExprKind.Every, expr.Kind);
        Assert.IsType<VarTerm>(expr.Key);
        Assert.Equal("__local1__", ((VarTerm)expr.Value!).Name);
        Assert.Equal("gt(__local1__, 0)", NormalFormPrinter.Print(expr.Body!).TrimEnd());
    }

    [Fact]
    public void Expressions_are_reordered_for_safety()
    {
        Assert.Equal("eq(__local1__, input.n)\nplus(__local1__, 1, __local2__)\neq(__local0__, __local2__)\ngt(__local0__, 1)",
            Body("package a\np if { z > 1; z = y + 1; y = input.n }", "a.p"));
    }

    [Fact]
    public void Closures_see_outer_bindings()
    {
        // x is the outer body's: the comprehension's use of it must wait until x is bound.
        Assert.Equal(
            "eq(__local2__, input.x)\neq(__local3__, [__local1__ | eq(__local1__, input.ys[__local0__]); gt(__local1__, __local2__)])\ncount(__local3__)",
            Body("package a\np if { ys := [y | some y in input.ys; y > x]; x = input.x; count(ys) }", "a.p"));
    }

    [Fact]
    public void Query_keeps_user_var_names_in_order()
    {
        var program = PassTestHelper.CompileQuery("x := data.a.p; y = x + 1; z := [w | w := y]", "package a\np := 1");
        Assert.True(program.Success, string.Join("\n", program.Diagnostics));
        Assert.Equal(["x", "y", "z"], program.QueryVars);
        Assert.Equal("eq(x, data.a.p)\nplus(x, 1, __local0__)\neq(y, __local0__)\neq(z, [w | eq(w, y)])",
            NormalFormPrinter.Print(program.Query!).TrimEnd());
    }

    [Fact]
    public void Rule_tree_groups_rules_by_path()
    {
        var program = PassTestHelper.Compile("package a.b\ndefault p := false\np if input.x\np if input.y\nq contains 1\nr[k] := 1 if some k in input.ks\ns.t.u := 2\nf(x) := x");
        var p = program.Rules.Find(["a", "b", "p"])!;
        Assert.Equal(RuleKind.Complete, p.Kind);
        Assert.Equal(2, p.Rules.Count);
        Assert.NotNull(p.Default);
        Assert.Equal(RuleKind.PartialSet, program.Rules.Find(["a", "b", "q"])!.Kind);
        Assert.Equal(RuleKind.PartialObject, program.Rules.Find(["a", "b", "r"])!.Kind);
        Assert.Equal(RuleKind.Complete, program.Rules.Find(["a", "b", "s", "t", "u"])!.Kind);
        var f = program.Rules.Find(["a", "b", "f"])!;
        Assert.Equal(RuleKind.Function, f.Kind);
        Assert.Equal(1, f.Arity);
        Assert.Equal(5, program.Rules.All.Count);
        Assert.True(program.Rules.Root.Children["a"].Children["b"].Children.ContainsKey("s"));
    }

    [Fact]
    public void Calls_in_with_values_are_extracted_and_support_calls_keep_modifiers()
    {
        var body = Body("package a\nq if input.x\np if { count(input.xs) > 1 with input as {\"x\": upper(\"a\")} }", "a.p");
        Assert.Equal(
            "upper(\"a\", __local0__)\ncount(input.xs, __local1__) with input as {\"x\": __local0__}\ngt(__local1__, 1) with input as {\"x\": __local0__}",
            body);
    }

    [Fact]
    public void Composite_unification_is_split_per_element()
    {
        Assert.Equal("eq(__local0__, 1)\neq(2, __local2__)\neq(__local1__, input.z)",
            Body("package a\np if { [{\"x\": x, \"y\": 2}, z] = [{\"x\": 1, \"y\": y}, input.z] }", "a.p"));
    }

    [Fact]
    public void Iterating_refs_are_looked_up_before_calls()
    {
        Assert.Equal("eq(__local1__, input.foos[__local0__])\nequal(__local0__, __local1__)",
            Body("package a\np if { some foo; foo == input.foos[foo] }", "a.p"));
    }

    [Fact]
    public void Iterating_head_values_move_into_the_body()
    {
        var program = PassTestHelper.Compile("package a\nxs := {1, 2}\nq(_) := xs[_]");
        var rule = program.Rules.Find(["a", "q"])!.Rules[0];
        Assert.Equal("__local2__", NormalFormPrinter.Print(rule.Head.Value!));
        Assert.Equal("true\neq(__local2__, data.a.xs[__local1__])", NormalFormPrinter.Print(rule.Body).TrimEnd());
    }

    [Fact]
    public void Template_string_arguments_become_unified_locals()
    {
        var program = PassTestHelper.Compile("package a\nf($\"{x} {input.y}\") := 42 if { x = \"foo\" }");
        Assert.True(program.Success, string.Join("\n", program.Diagnostics));
        var rule = program.Rules.Find(["a", "f"])!.Rules[0];
        Assert.IsType<Rego.Ast.VarTerm>(rule.Head.Args![0]);
        Assert.Equal("eq(__local0__, \"foo\")\ninternal.template_string([__local0__, \" \", input.y], __local2__)\neq(__local1__, __local2__)",
            NormalFormPrinter.Print(rule.Body).TrimEnd());
    }
}
