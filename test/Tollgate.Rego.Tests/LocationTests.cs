using Tollgate.Rego.Ast;
using Tollgate.Rego.Tests.Support;

namespace Tollgate.Rego.Tests;

/// <summary>Every node the parser builds carries a usable source location.</summary>
public sealed class LocationTests
{
    [Fact]
    public void Every_node_of_every_conformance_module_has_a_location_inside_its_source()
    {
        var nodes = 0;
        foreach (var c in ConformanceCase.LoadAll())
        {
            foreach (var source in c.Modules)
            {
                var result = RegoParser.ParseModule(source, "m.rego");
                if (!result.Success)
                {
                    continue;
                }
                AstWalker.Walk(result.Value!, node =>
                {
                    nodes++;
                    var loc = node.Location;
                    Assert.True(loc.IsKnown, $"{node.GetType().Name} without location in {c.File} [{c.Note}]");
                    Assert.Equal("m.rego", loc.File);
                    Assert.InRange(loc.Start, 0, source.Length);
                    Assert.InRange(loc.End, loc.Start, source.Length);
                });
            }
        }
        Assert.True(nodes > 50_000, $"only {nodes} nodes");
    }

    [Fact]
    public void Positions_are_one_based_lines_and_character_columns()
    {
        var source = "package p\n\n# é comment\nrule_x := 1\nr if {\n\tinput.x == \"é\"\n}\n";
        var result = RegoParser.ParseModule(source);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var module = result.Value!;
        Assert.Equal((1, 1), (module.Package.Location.Line, module.Package.Location.Column));
        var rule = module.Rules[^1];
        Assert.Equal((5, 1), (rule.Location.Line, rule.Location.Column));
        var expr = rule.Body.Exprs[0];
        Assert.Equal((6, 2), (expr.Location.Line, expr.Location.Column));
        Assert.Equal("input.x == \"é\"", source[expr.Location.Start..expr.Location.End]);
        var rhs = expr.Args![1];
        Assert.Equal((6, 13), (rhs.Location.Line, rhs.Location.Column));
    }

    [Fact]
    public void Bodyless_rules_get_a_true_body_located_at_the_head()
    {
        var result = RegoParser.ParseModule("package p\n\nq := 1\n");
        var rule = Assert.Single(result.Value!.Rules);
        var expr = Assert.Single(rule.Body.Exprs);
        var value = Assert.IsType<BooleanTerm>(expr.Term);
        Assert.True(value.Value);
        Assert.Equal((3, 1), (expr.Location.Line, expr.Location.Column));
    }
}
