using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Rego.Tests;

/// <summary>The public entry points other stages call.</summary>
public sealed class ApiTests
{
    [Fact]
    public void ParseQuery_reads_a_conformance_style_query()
    {
        var result = RegoParser.ParseQuery("data.test.p = x");
        Assert.True(result.Success);
        var expr = Assert.Single(result.Value!.Exprs);
        Assert.Equal(ExprKind.Call, expr.Kind);
        Assert.Equal("eq", expr.OperatorName);
        var target = Assert.IsType<RefTerm>(expr.Args![0]);
        Assert.Equal("data.test.p", target.ToDottedString());
        Assert.Equal("x", Assert.IsType<VarTerm>(expr.Args[1]).Name);
    }

    [Fact]
    public void ParseQuery_reads_several_expressions()
    {
        var result = RegoParser.ParseQuery("x := 1; y = x + 1\nz := [x, y]");
        Assert.True(result.Success);
        Assert.Equal(3, result.Value!.Exprs.Count);
        Assert.Equal("assign", result.Value.Exprs[0].OperatorName);
        var plus = Assert.IsType<CallTerm>(result.Value.Exprs[1].Args![1]);
        Assert.Equal("plus", plus.OperatorName);
    }

    [Fact]
    public void ParseQuery_rejects_module_statements()
    {
        var result = RegoParser.ParseQuery("package x");
        Assert.False(result.Success);
        Assert.Equal(DiagnosticCodes.ParseError, result.Diagnostics[0].Code);
    }

    [Fact]
    public void ParseTerm_reads_an_input_term()
    {
        var result = RegoParser.ParseTerm("{\"a\": [1, 2.5, \"x\"], \"b\": {true, null}}");
        Assert.True(result.Success);
        var obj = Assert.IsType<ObjectTerm>(result.Value);
        Assert.Equal(2, obj.Items.Count);
        Assert.True(obj.IsGround);
    }

    [Fact]
    public void ParseTerm_rejects_more_than_one_expression()
    {
        var result = RegoParser.ParseTerm("1; 2");
        Assert.False(result.Success);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void ParseModule_reports_the_file_name_in_diagnostics()
    {
        var result = RegoParser.ParseModule("package p\n\np { true }\n", "policy.rego");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("policy.rego", diagnostic.Location.File);
        Assert.Equal("policy.rego:3: rego_parse_error: `if` keyword is required before rule body", diagnostic.ToString());
        // The module is still returned for tools, but it is not a success.
        Assert.NotNull(result.Value);
        Assert.False(result.Success);
    }

    [Fact]
    public void Unary_minus_applies_to_number_literals_only_as_in_opa()
    {
        Assert.Equal("-1", Assert.IsType<NumberTerm>(RegoParser.ParseTerm("-1").Value).Text);
        Assert.Equal("-1.5", Assert.IsType<NumberTerm>(RegoParser.ParseTerm("- 1.5").Value).Text);
        var minusVar = RegoParser.ParseTerm("-x");
        Assert.False(minusVar.Success);
        Assert.Equal("unexpected ident token: expected number", minusVar.Diagnostics[0].Message);
    }

    [Fact]
    public void Wildcards_are_numbered_per_module()
    {
        var result = RegoParser.ParseModule("package p\n\na if { _ = 1 }\nb if { _ = 2; _ = 3 }\n");
        var names = new List<string>();
        foreach (var rule in result.Value!.Rules)
        {
            foreach (var expr in rule.Body.Exprs)
            {
                names.Add(Assert.IsType<VarTerm>(expr.Args![0]).Name);
            }
        }
        Assert.Equal(["$_0", "$_1", "$_2"], names);
    }

    [Fact]
    public void Bad_metadata_yaml_is_a_parse_error()
    {
        var result = RegoParser.ParseModule("package p\n\n# METADATA\n# title: [unclosed\np := 1\n");
        Assert.False(result.Success);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.ParseError && d.Location.Line == 3);
    }

    [Fact]
    public void Metadata_custom_fields_become_plain_values()
    {
        var result = RegoParser.ParseModule("package p\n\n# METADATA\n# entrypoint: true\n# custom:\n#   level: 3\n#   tags: [a, b]\n#   ratio: 0.5\nallow := true\n");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var annotation = Assert.Single(result.Value!.Rules[0].Annotations);
        Assert.True(annotation.Entrypoint);
        Assert.Equal("rule", annotation.Scope);
        Assert.Equal(3L, annotation.Custom["level"]);
        Assert.Equal(0.5, annotation.Custom["ratio"]);
        Assert.Equal(["a", "b"], Assert.IsType<List<object?>>(annotation.Custom["tags"]));
    }

    [Fact]
    public void Backtracking_does_not_duplicate_metadata_blocks()
    {
        // The body of q is first tried as a set literal and re-read; the comment after it must count once.
        var source = "package p\n\nq if {\n    input.x == 1\n}\n\n# METADATA\n# title: Another annotation\np := 1 if {\n    q\n}\n";
        var result = RegoParser.ParseModule(source);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Single(result.Value!.Annotations);
        Assert.Single(result.Value.Rules[1].Annotations);
        Assert.Empty(result.Value.Rules[0].Annotations);
    }
}
