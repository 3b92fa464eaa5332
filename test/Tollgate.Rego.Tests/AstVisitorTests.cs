using Tollgate.Rego.Ast;
using Tollgate.Rego.Tests.Support;

namespace Tollgate.Rego.Tests;

/// <summary>The shared walk every pass builds on: what its defaults reach, and how an override stops it.</summary>
public sealed class AstVisitorTests
{
    /// <summary>One module holding every kind of node the parser builds (annotations aside: they hang on rules, outside the walk).</summary>
    private const string EveryConstruct = """
        package p
        import future.keywords.and
        import future.keywords.or
        import future.keywords.not
        import input.x as y
        a := [v | some v in input.xs]
        b := {v | v := 1}
        c := {k: v | some k, v in input.o}
        f(x) := x + 1
        s contains z if z := 1
        q[k] := 1 if k := "a"
        r if {
            some m
            m := 1
            every i, j in [1] { i == j }
            count([1, 2]) == 2 with input as {"a": null, "b": true}
            t := $"n{1}{input.a with input as 2.5}"
            { true } and { false } or { true }
            not { false }
            set() == {1}
        } else := false
        """;

    private static Module Parse(string source)
    {
        var result = RegoParser.ParseModule(source, "m.rego");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Value!;
    }

    [Fact]
    public void Default_walk_reaches_every_kind_of_node()
    {
        var seen = new HashSet<Type>();
        AstWalker.Walk(Parse(EveryConstruct), node => seen.Add(node.GetType()));

        var missing = new List<string>();
        foreach (var type in typeof(Node).Assembly.GetTypes())
        {
            if (type.IsSubclassOf(typeof(Node)) && !type.IsAbstract && type != typeof(Annotation) && !seen.Contains(type))
            {
                missing.Add(type.Name);
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Default_walk_reaches_every_expression_kind()
    {
        var kinds = new HashSet<ExprKind>();
        AstWalker.Walk(Parse(EveryConstruct), node =>
        {
            if (node is Expr e)
            {
                kinds.Add(e.Kind);
            }
        });
        Assert.Equal(Enum.GetValues<ExprKind>().Length, kinds.Count);
    }

    [Fact]
    public void Modifiers_come_before_the_expression_and_a_rule_head_before_its_body()
    {
        var module = Parse("package p\nr if { x == 1 with input as y }\n");
        var vars = new VarNames();
        vars.VisitModule(module);
        // The package path (data.p), the head ref, then the with target and value, then the call: operator, operands.
        Assert.Equal(["data", "r", "input", "y", "equal", "x"], vars.Names);
    }

    [Fact]
    public void An_override_that_does_not_call_base_stops_the_walk_there()
    {
        var module = Parse("package p\nr := [x | x := outer; inner]\n");
        var outside = new NamesOutsideClosures();
        outside.VisitModule(module);
        Assert.Equal(["data", "r"], outside.Names);
    }

    private class VarNames : AstVisitor
    {
        public List<string> Names { get; } = [];

        protected override void VisitVar(VarTerm variable) => Names.Add(variable.Name);
    }

    private sealed class NamesOutsideClosures : VarNames
    {
        protected override void VisitComprehension(Term comprehension, Term head, Term? value, Body body)
        {
        }
    }
}
