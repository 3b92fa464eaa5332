using System.Text.Json;
using Tollgate.Compiler.Passes;
using Tollgate.Compiler.Tests.Passes;
using Tollgate.Compiler.TypeChecking;

namespace Tollgate.Compiler.Tests.TypeChecking;

public class BuiltinTypeTests
{
    private static RegoType Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return RegoType.Parse(doc.RootElement);
    }

    [Fact]
    public void Types_print_as_opa_does()
    {
        Assert.Equal("any<string, array[any], object[any: any], set[any]>", Capabilities.Default.Find("count")!.Args[0].ToString());
        Assert.Equal("object[string: number]", Parse("""{"type":"object","dynamic":{"key":{"type":"string"},"value":{"type":"number"}}}""").ToString());
        Assert.Equal("set[string]", Parse("""{"type":"set","of":{"type":"string"}}""").ToString());
    }

    [Fact]
    public void Union_accepts_each_alternative_only()
    {
        var t = Capabilities.Default.Find("count")!.Args[0];
        Assert.True(t.Accepts(TypeKind.String));
        Assert.True(t.Accepts(TypeKind.Set));
        Assert.False(t.Accepts(TypeKind.Number));
        Assert.True(t.Accepts(TypeKind.Any));
        Assert.True(RegoType.AnyType.Accepts(TypeKind.Null));
    }

    [Fact]
    public void Result_types_flow_into_later_calls()
    {
        var errors = PassTestHelper.Errors(PassTestHelper.Compile("package x\np if { n := count(input.xs); upper(n) == \"1\" }"));
        Assert.Equal(["rego_type_error: upper: invalid argument(s)\n\thave: (number)\n\twant: (x: string)"], errors);
    }

    [Fact]
    public void Values_from_input_and_data_are_never_reported()
    {
        var program = PassTestHelper.Compile("package x\np if { upper(input.n) == data.m; abs(input.s) > 1 }");
        Assert.True(program.Success, string.Join("\n", program.Diagnostics));
    }

    [Fact]
    public void Composite_literals_are_checked()
    {
        var errors = PassTestHelper.Errors(PassTestHelper.Compile("package x\np if { count(5) > 1 }"));
        Assert.Single(errors);
        Assert.StartsWith("rego_type_error: count: invalid argument(s)\n\thave: (number)", errors[0]);
        Assert.True(PassTestHelper.Compile("package x\np if { count({1, 2}) > 1; count([x | x := 1]) == 1 }").Success);
    }
}
