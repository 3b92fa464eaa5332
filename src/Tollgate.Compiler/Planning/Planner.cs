using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Passes;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

/// <summary>
/// Plans a compiled program (normal form, see docs/compiler-normal-form.md) into IR functions.
/// Planning is continuation-passing, as OPA's planner: each expression is planned with the rest of
/// the query as a continuation, so iteration nests the remainder inside a scan's body.
/// Rule sets are planned on demand, once each, as the entrypoints reach them.
/// </summary>
public sealed partial class Planner
{
    /// <summary>Result local of the complete rule set being planned whose bodies may stop at the first success; -1 when none.</summary>
    private int _earlyExitResult = -1;

    /// <summary>Bodies of that rule set planned so far.</summary>
    private int _earlyExitBodies;

    private readonly CompiledProgram _compiled;
    private readonly PlannerOptions _options;
    private readonly DocumentTree _docs;
    private readonly Dictionary<(RuleSet, string), string> _ruleFunctions = [];
    private readonly Queue<PendingRuleSet> _pending = new();
    private readonly Dictionary<string, int> _hostBuiltins = new(StringComparer.Ordinal);
    private FunctionScope _scope = null!;
    private Expr? _currentExpr;

    public Planner(CompiledProgram compiled, PlannerOptions? options = null)
    {
        _compiled = compiled;
        _options = options ?? new PlannerOptions();
        _docs = new DocumentTree(compiled.Rules, compiled.Modules);
    }

    public IrProgram Program { get; } = new();

    /// <summary>Adds an entrypoint evaluating the document at <paramref name="path"/> (no "data" prefix).</summary>
    public void AddDocumentEntrypoint(string name, IReadOnlyList<string> path)
    {
        var fn = NewFunction("entry." + name, 0, "entrypoint " + name);
        Begin(fn);
        var parts = new List<Term>(path.Count);
        foreach (var p in path) parts.Add(new StringTerm(p));
        EvalDataRef(parts, 0, v => _scope.Emit(new ReturnStmt(v)));
        Program.Entrypoints.Add(new IrEntrypoint(name, fn.Name));
        Drain();
    }

    /// <summary>
    /// Adds an entrypoint evaluating a query: an array with one element per solution,
    /// {"bindings": {var: value}, "expressions": [value of each top-level expression]}.
    /// </summary>
    public void AddQueryEntrypoint(string name, Body query, IReadOnlyList<string> queryVars)
    {
        var fn = NewFunction("query." + name, 0, "query " + name);
        Begin(fn);
        var results = _scope.NewLocal();
        _scope.Emit(new MakeCollectionStmt(CollectionKind.Array, results));
        _scope.ExprValues = new Dictionary<Expr, int>();
        var exprs = query.Exprs;
        var block = new IrBlock();
        _scope.Emit(new BlockStmt([block]));
        _scope.Into(block, () => PlanExprs(exprs, 0, () => EmitSolution(results, exprs, queryVars)));
        _scope.Emit(new ReturnStmt(results));
        Program.Entrypoints.Add(new IrEntrypoint(name, fn.Name));
        Drain();
    }

    private void EmitSolution(int results, List<Expr> exprs, IReadOnlyList<string> queryVars)
    {
        var bindings = _scope.NewLocal();
        Emit(new MakeCollectionStmt(CollectionKind.Object, bindings));
        foreach (var v in queryVars)
        {
            if (!_scope.Vars.TryGetValue(v, out var local)) continue;
            var key = Scalar(IrScalar.String(v));
            Emit(new ObjectInsertStmt(bindings, key, local));
        }
        var values = _scope.NewLocal();
        Emit(new MakeCollectionStmt(CollectionKind.Array, values));
        foreach (var e in exprs)
        {
            var value = _scope.ExprValues!.TryGetValue(e, out var l) ? l : Scalar(IrScalar.True);
            Emit(new ArrayAppendStmt(values, value));
        }
        var solution = _scope.NewLocal();
        Emit(new MakeCollectionStmt(CollectionKind.Object, solution));
        Emit(new ObjectInsertStmt(solution, Scalar(IrScalar.String("bindings")), bindings));
        Emit(new ObjectInsertStmt(solution, Scalar(IrScalar.String("expressions")), values));
        Emit(new ArrayAppendStmt(results, solution));
    }

    private IrFunction NewFunction(string name, int args, string origin)
    {
        var fn = new IrFunction(name, args) { Origin = origin };
        fn.LocalCount = fn.ParamCount;
        Program.Functions.Add(fn);
        return fn;
    }

    private void Begin(IrFunction fn) => _scope = new FunctionScope(fn);

    /// <summary>Plans rule sets reached so far and not yet planned.</summary>
    private void Drain()
    {
        while (_pending.Count > 0)
        {
            PlanRuleSet(_pending.Dequeue());
        }
    }

    /// <summary>
    /// The IR function name of a rule set under the current `with` context, queuing it for planning
    /// on first use.
    /// </summary>
    private string RuleFunction(RuleSet rs)
    {
        var context = CurrentContext();
        if (_ruleFunctions.TryGetValue((rs, context.Key), out var name)) return name;
        name = "rule." + string.Join(".", rs.Path);
        if (context.Key.Length > 0) name += "$with" + _ruleFunctions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _ruleFunctions[(rs, context.Key)] = name;
        _pending.Enqueue(new PendingRuleSet(rs, context, name));
        return name;
    }

    private WithContext CurrentContext()
    {
        if (_scope.DataOverrides.Count == 0 && _scope.Mocks.Count == 0) return WithContext.None;
        var mocks = new Dictionary<string, Term>(StringComparer.Ordinal);
        foreach (var (name, term) in _scope.Mocks)
        {
            if (WithContext.IsPortable(term)) mocks[name] = term;
        }
        return new WithContext(new List<string[]>(_scope.DataOverrides), mocks);
    }

    private int HostBuiltinId(string name, int arity)
    {
        if (_hostBuiltins.TryGetValue(name, out var id)) return id;
        id = Program.HostBuiltins.Count;
        Program.HostBuiltins.Add(name);
        Program.HostBuiltinArities.Add(arity);
        _hostBuiltins[name] = id;
        return id;
    }

    private void Emit(IrStmt stmt) => _scope.Emit(stmt);

    private int Scalar(IrScalar value)
    {
        var l = _scope.NewLocal();
        Emit(new MakeScalarStmt(value, l));
        return l;
    }
}
