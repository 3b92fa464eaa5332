using Tollgate.Compiler.Passes;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Tests.Passes;

/// <summary>Each check of the passes, with OPA's code and message text.</summary>
public class CheckMessagesTests
{
    [Theory]
    [InlineData("package x\np if { x := 1; x := 2 }", "rego_compile_error: var x assigned above")]
    [InlineData("package x\np if { x = 1; x := 2 }", "rego_compile_error: var x referenced above")]
    [InlineData("package x\np if { input := 1 }", "rego_compile_error: variables must not shadow input (use a different variable name)")]
    [InlineData("package x\np if { input.a := 1 }", "rego_compile_error: cannot assign to ref")]
    [InlineData("package x\np if { 1 := 1 }", "rego_compile_error: cannot assign to number")]
    [InlineData("package x\np if { x }", "rego_unsafe_var_error: var x is unsafe")]
    [InlineData("package x\np contains y if { x := 1 }", "rego_unsafe_var_error: var y is unsafe")]
    [InlineData("package x\np if { not data.a[i] }", "rego_unsafe_var_error: var i is unsafe")]
    [InlineData("package x\np if { count(x) > 1 }", "rego_unsafe_var_error: var x is unsafe")]
    [InlineData("package x\np if { y := [z | z := w] }", "rego_unsafe_var_error: var w is unsafe")]
    [InlineData("package x\np if { every v in [1] { v > z } }", "rego_unsafe_var_error: var z is unsafe")]
    [InlineData("package x\np if { nosuch(1) }", "rego_type_error: undefined function nosuch")]
    [InlineData("package x\np if { data.x.g(1) }", "rego_type_error: undefined function data.x.g")]
    [InlineData("package x\nf(a) := a\np if { f(1, 2, 3) }", "rego_type_error: function data.x.f has arity 1, got 3 arguments")]
    [InlineData("package x\np if { x := count([1], 2) }", "rego_type_error: count: arity mismatch\n\thave: (any, any)\n\twant: (collection: any<string, array[any], object[any: any], set[any]>)")]
    [InlineData("package x\np := 1\np contains 2", "rego_type_error: conflicting rules data.x.p found")]
    [InlineData("package x\nf(a) := 1\nf(a, b) := 2", "rego_type_error: conflicting rules data.x.f found")]
    [InlineData("package x\ndefault p := 1\ndefault p := 2", "rego_type_error: multiple default rules data.x.p found")]
    [InlineData("package x\np := 1\np.q := 2", "rego_type_error: rule data.x.p conflicts with [data.x.p.q]")]
    [InlineData("package x\np if q\nq if p", "rego_recursion_error: rule data.x.p is recursive: data.x.p -> data.x.q -> data.x.p")]
    [InlineData("package x\np if { true with foo as 1 }", "rego_type_error: with keyword target must reference existing input, data, or a function")]
    [InlineData("package x\np if { x := \"a\" + 1 }", "rego_type_error: plus: invalid argument(s)\n\thave: (string, number)\n\twant: (x: number, y: number)")]
    [InlineData("package x\np if { x := upper(1) }", "rego_type_error: upper: invalid argument(s)\n\thave: (number)\n\twant: (x: string)")]
    public void Reports_opa_message(string source, string expected)
    {
        var errors = PassTestHelper.Errors(PassTestHelper.Compile(source));
        Assert.Contains(expected, errors);
    }

    [Fact]
    public void Recursion_is_reported_for_each_rule_of_the_cycle()
    {
        var errors = PassTestHelper.Errors(PassTestHelper.Compile("package x\np if q\nq if p"));
        Assert.Contains("rego_recursion_error: rule data.x.q is recursive: data.x.q -> data.x.p -> data.x.q", errors);
    }

    [Fact]
    public void Self_recursion_is_reported()
    {
        var errors = PassTestHelper.Errors(PassTestHelper.Compile("package x\np if { p }"));
        Assert.Equal(["rego_recursion_error: rule data.x.p is recursive: data.x.p -> data.x.p"], errors);
    }

    [Fact]
    public void Unsafe_var_location_points_at_the_var()
    {
        var program = PassTestHelper.Compile("package x\n\np if {\n  y := 1\n  x > y\n}");
        var d = Assert.Single(program.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnsafeVarError, d.Code);
        Assert.Equal(5, d.Location.Line);
        Assert.Equal(3, d.Location.Column);
        Assert.Equal("test.rego", d.Location.File);
    }

    [Fact]
    public void Several_errors_are_reported_sorted_by_position()
    {
        var program = PassTestHelper.Compile("package x\np if { nosuch(1) }\nq if { a }\nr if { b }");
        Assert.Equal(3, program.Diagnostics.Count);
        Assert.True(program.Diagnostics[0].Location.Line < program.Diagnostics[1].Location.Line);
        Assert.True(program.Diagnostics[1].Location.Line < program.Diagnostics[2].Location.Line);
    }

    [Fact]
    public void Error_count_is_cut_at_max_errors()
    {
        var source = "package x\n";
        for (var i = 0; i < 15; i++) source += $"p{i} if {{ v{i} }}\n";
        var program = ProgramCompiler.Compile([PassTestHelper.Parse(source)], new CompileOptions { MaxErrors = 4 });
        Assert.Equal(5, program.Diagnostics.Count);
        Assert.Equal("error limit reached", program.Diagnostics[4].Message);
        Assert.False(program.Success);
    }

    [Fact]
    public void Capabilities_restrict_builtins()
    {
        var caps = Capabilities.Default.Restrict(["eq", "assign", "equal", "count"]);
        var module = PassTestHelper.Parse("package x\np if { count([1]) == 1 }\nq if { upper(\"a\") == \"A\" }");
        var program = ProgramCompiler.Compile([module], new CompileOptions { Capabilities = caps });
        Assert.Equal(["rego_type_error: undefined function upper"], PassTestHelper.Errors(program));
    }

    [Fact]
    public void Capabilities_load_from_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"caps-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"builtins":[{"name":"eq","decl":{"type":"function","args":[{"type":"any"},{"type":"any"}],"result":{"type":"boolean"}}}]}""");
        try
        {
            var caps = Capabilities.Load(path);
            Assert.NotNull(caps.Find("eq"));
            Assert.Null(caps.Find("count"));
            Assert.Single(caps.Names);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Default_capabilities_hold_opa_catalogue()
    {
        var count = Capabilities.Default.Find("count");
        Assert.NotNull(count);
        Assert.Equal(1, count.Arity);
        Assert.NotNull(Capabilities.Default.Find("object.get"));
        Assert.True(Capabilities.Default.Find("print")!.Variadic);
        Assert.True(Capabilities.Default.Names.Count > 190);
    }

    [Fact]
    public void Valid_policies_have_no_diagnostics()
    {
        var program = PassTestHelper.Compile("""
            package x
            import data.lib.helpers as h
            default allow := false
            allow if { some role in input.roles; role == "admin" }
            allow if { h.ok(input.user) }
            names := [n | some u in input.users; n := u.name]
            f(a) := a + 1 if { a > 0 } else := 0
            total := sum([f(v) | some v in input.values])
            """, """
            package lib.helpers
            ok(u) if { u.active }
            """);
        Assert.True(program.Success, string.Join("\n", program.Diagnostics));
    }
}
