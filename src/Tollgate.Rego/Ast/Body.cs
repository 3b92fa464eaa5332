namespace Tollgate.Rego.Ast;

/// <summary>A query: expressions joined by AND, evaluated in order.</summary>
public sealed class Body : Node
{
    public List<Expr> Exprs { get; } = [];

    public Body() { }

    public Body(IEnumerable<Expr> exprs) => Exprs.AddRange(exprs);
}
