namespace Tollgate.Compiler.Ir;

/// <summary>A sequence of statements; the first failing statement leaves the block.</summary>
public sealed class IrBlock
{
    public List<IrStmt> Stmts { get; } = [];

    public void Add(IrStmt stmt) => Stmts.Add(stmt);
}
