namespace Tollgate.Compiler.Ir;

// The IR's statements. A statement either succeeds (execution continues with the next statement of
// its block) or fails, which leaves the innermost enclosing block; as in OPA's IR, a query's
// iteration is nested: the rest of the query lives inside a Scan's body.
// Operands are locals (i32 value addresses; 0 = undefined). Local 0 is input, local 1 is data.

/// <summary>A statement of a block.</summary>
public abstract record IrStmt;

/// <summary>Runs each block in order; a failing statement leaves its own block only.</summary>
public sealed record BlockStmt(List<IrBlock> Blocks) : IrStmt;

/// <summary>Leaves <see cref="Index"/> + 1 enclosing blocks (0 = the current block).</summary>
public sealed record BreakStmt(int Index) : IrStmt;

/// <summary>For each element of Source (no iterations for scalars), sets Key and Value and runs Body.</summary>
public sealed record ScanStmt(int Source, int Key, int Value, IrBlock Body) : IrStmt;

/// <summary>Target = Source[Key]; fails when undefined.</summary>
public sealed record DotStmt(int Source, int Key, int Target) : IrStmt;

/// <summary>Who implements a called function.</summary>
public enum CallKind
{
    /// <summary>An IR function of this program: called with (input, data, args…).</summary>
    Plan,
    /// <summary>A builtin implemented in the runtime (export "tg.builtin.NAME"): called with (args…).</summary>
    Builtin,
    /// <summary>A builtin supplied by the host through opa_builtinN.</summary>
    Host,
}

/// <summary>
/// Target = Func(args); fails when the result is undefined. With CheckError (strict builtin errors)
/// a pending builtin error aborts the evaluation first.
/// </summary>
public sealed record CallStmt(CallKind Kind, string Func, int[] Args, int Target, bool CheckError = false) : IrStmt
{
    /// <summary>With CheckError: the call's location ("file:row: ") put before the error text.</summary>
    public string? ErrorPrefix { get; init; }
}

/// <summary>Fails unless A equals B.</summary>
public sealed record EqualStmt(int A, int B) : IrStmt;

/// <summary>Fails if A equals B.</summary>
public sealed record NotEqualStmt(int A, int B) : IrStmt;

/// <summary>Fails unless the local is defined.</summary>
public sealed record IsDefinedStmt(int Local) : IrStmt;

/// <summary>Fails if the local is defined.</summary>
public sealed record IsUndefinedStmt(int Local) : IrStmt;

/// <summary>Fails if the local is undefined or the boolean false (an expression's truth test).</summary>
public sealed record NotFalseStmt(int Local) : IrStmt;

/// <summary>Fails unless the local has the type code (TG_ARRAY…) and, when Length >= 0, that many elements.</summary>
public sealed record IsTypeStmt(int Local, int TypeCode, int Length) : IrStmt
{
    /// <summary>TypeCode matching any array, object or set.</summary>
    public const int AnyCollection = 0;
}

/// <summary>Target = Source.</summary>
public sealed record AssignStmt(int Source, int Target) : IrStmt;

/// <summary>Target = Source unless Target is defined with a different value: then abort with Message.</summary>
public sealed record AssignOnceStmt(int Source, int Target, string Message) : IrStmt;

/// <summary>Target = undefined.</summary>
public sealed record ResetLocalStmt(int Target) : IrStmt;

/// <summary>Target = a constant scalar: null, true/false, a number (exact text) or a string.</summary>
public sealed record MakeScalarStmt(IrScalar Value, int Target) : IrStmt;

public enum CollectionKind { Array, Object, Set }

/// <summary>Target = a new empty array, object or set.</summary>
public sealed record MakeCollectionStmt(CollectionKind Kind, int Target) : IrStmt;

public sealed record ArrayAppendStmt(int Array, int Value) : IrStmt;

public sealed record SetAddStmt(int Set, int Value) : IrStmt;

/// <summary>Insert or overwrite.</summary>
public sealed record ObjectInsertStmt(int Object, int Key, int Value) : IrStmt;

/// <summary>Insert; a different value under the same key aborts with Message.</summary>
public sealed record ObjectInsertOnceStmt(int Object, int Key, int Value, string Message) : IrStmt;

/// <summary>Target = deep merge of A and B (B wins), either may be undefined.</summary>
public sealed record MergeStmt(int A, int B, int Target) : IrStmt;

/// <summary>Target = Base with Path (an array value) set to Value (copy on write).</summary>
public sealed record UpsertStmt(int Base, int Path, int Value, int Target) : IrStmt;

/// <summary>Fails if Body completes; bindings made inside do not escape.</summary>
public sealed record NotStmt(IrBlock Body) : IrStmt;

/// <summary>Returns Source from the function (undefined when 0).</summary>
public sealed record ReturnStmt(int Source) : IrStmt;

/// <summary>Raises a fatal error through opa_abort.</summary>
public sealed record AbortStmt(string Message) : IrStmt;

/// <summary>Prints the values of Args (an array value local) through opa_println.</summary>
public sealed record PrintStmt(int Args) : IrStmt;

/// <summary>
/// Rule index: finds the case whose constant equals Value (binary search over the sorted constants)
/// and runs that case's block; runs nothing when none matches.
/// </summary>
public sealed record SwitchStmt(int Value, List<IrSwitchCase> Cases) : IrStmt;

public sealed record IrSwitchCase(IrScalar Constant, IrBlock Body);

/// <summary>In strict mode, after a builtin call: aborts with the pending builtin error, if any.</summary>
public sealed record CheckBuiltinErrorStmt : IrStmt;
