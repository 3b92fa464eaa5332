using Tollgate.Compiler.Ir;

namespace Tollgate.Compiler.Planning;

/// <summary>The planning state of one IR function: locals, variable bindings, the block being filled.</summary>
internal sealed class FunctionScope(IrFunction function)
{
    public IrFunction Function { get; } = function;
    /// <summary>Rego variable name → the local holding its value, for variables bound on the current path.</summary>
    public Dictionary<string, int> Vars { get; } = new(StringComparer.Ordinal);
    public IrBlock Current { get; set; } = function.Body;
    public int Input { get; set; }
    public int Data { get; set; } = 1;
    /// <summary>Absolute data paths replaced by <c>with</c> in the expression being planned.</summary>
    public List<string[]> DataOverrides { get; } = [];
    /// <summary>Functions and builtins replaced by <c>with</c>: name → replacement term.</summary>
    public Dictionary<string, Rego.Ast.Term> Mocks { get; } = new(StringComparer.Ordinal);
    /// <summary>Top-level query expression values (query entrypoints only).</summary>
    public Dictionary<Rego.Ast.Expr, int>? ExprValues { get; set; }

    private int _next = function.ParamCount;

    public int NewLocal()
    {
        var l = _next++;
        Function.LocalCount = _next;
        return l;
    }

    public void Emit(IrStmt stmt) => Current.Add(stmt);

    /// <summary>Plans <paramref name="fill"/> into <paramref name="block"/>, then restores the current block.</summary>
    public void Into(IrBlock block, Action fill)
    {
        var saved = Current;
        Current = block;
        try { fill(); }
        finally { Current = saved; }
    }
}
