using Tollgate.Compiler.Ir;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

public sealed partial class Planner
{
    private void PlanExprs(List<Expr> exprs, int index, Action k)
    {
        if (index == exprs.Count)
        {
            k();
            return;
        }
        PlanExpr(exprs[index], () => PlanExprs(exprs, index + 1, k));
    }

    private void PlanExpr(Expr expr, Action k)
    {
        if (expr.With.Count > 0)
        {
            PlanWith(expr, k);
            return;
        }
        PlanExprNoWith(expr, k);
    }

    private void PlanExprNoWith(Expr expr, Action k)
    {
        if (expr.Negated)
        {
            EmitNot(success => PlanExprBody(expr, success));
            k();
            return;
        }
        PlanExprBody(expr, k);
    }

    /// <summary>
    /// Negation: the planned body may iterate, so it cannot succeed by merely completing; its
    /// continuation sets a flag, and the negation holds when no solution set it.
    /// </summary>
    private void EmitNot(Action<Action> plan)
    {
        var found = _scope.NewLocal();
        Emit(new ResetLocalStmt(found));
        var body = new IrBlock();
        var saved = new Dictionary<string, int>(_scope.Vars, StringComparer.Ordinal);
        var savedValues = _scope.ExprValues;
        _scope.ExprValues = null;
        _scope.Into(body, () => plan(() => Emit(new MakeScalarStmt(IrScalar.True, found))));
        _scope.ExprValues = savedValues;
        RestoreVars(saved);
        Emit(new BlockStmt([body]));
        Emit(new IsUndefinedStmt(found));
    }

    private void RestoreVars(Dictionary<string, int> saved)
    {
        _scope.Vars.Clear();
        foreach (var kv in saved) _scope.Vars[kv.Key] = kv.Value;
    }

    private void PlanExprBody(Expr expr, Action k)
    {
        _currentExpr = expr;
        switch (expr.Kind)
        {
            case ExprKind.Term:
                EvalTerm(expr.Term!, v =>
                {
                    if (_scope.ExprValues != null) _scope.ExprValues[expr] = v;
                    Emit(new NotFalseStmt(v));
                    k();
                });
                return;
            case ExprKind.Call:
                PlanCall(expr, k);
                return;
            case ExprKind.Every:
                PlanEvery(expr, k);
                return;
            case ExprKind.Some:
                PlanSome(expr, k);
                return;
            case ExprKind.And:
                PlanAnd(expr, k);
                return;
            case ExprKind.Or:
                PlanOr(expr, k);
                return;
            case ExprKind.Block:
                PlanBlockExpr(expr, k);
                return;
            default:
                throw new PlanningException("unsupported expression", expr.Location);
        }
    }

    // `some x` declarations are removed by the passes; `some v in xs` is kept only by older pass
    // versions, so it is handled here as iteration over the domain.
    private void PlanSome(Expr expr, Action k)
    {
        if (expr.Domain == null)
        {
            k();
            return;
        }
        EvalTerm(expr.Domain, domain =>
        {
            var key = _scope.NewLocal();
            var value = _scope.NewLocal();
            var body = new IrBlock();
            Emit(new ScanStmt(domain, key, value, body));
            _scope.Into(body, () =>
            {
                if (expr.Key != null) UnifyLocal(expr.Key, key, () => UnifyLocal(expr.Value!, value, k));
                else UnifyLocal(expr.Value!, value, k);
            });
        });
    }

    private void PlanEvery(Expr expr, Action k)
    {
        // every holds unless some element fails the body: scan, and flag an element whose body fails.
        // An undefined domain or a scalar one makes the expression undefined, as in OPA.
        EvalTerm(expr.Domain!, domain =>
        {
            Emit(new IsTypeStmt(domain, IsTypeStmt.AnyCollection, -1));
            PlanEveryScan(expr, domain, k);
        });
    }

    private void PlanEveryScan(Expr expr, int domain, Action k)
    {
        var failed = _scope.NewLocal();
        Emit(new ResetLocalStmt(failed));
        var saved = new Dictionary<string, int>(_scope.Vars, StringComparer.Ordinal);
        var outer = new IrBlock();
        _scope.Into(outer, () =>
        {
            var key = _scope.NewLocal();
            var value = _scope.NewLocal();
            var scanBody = new IrBlock();
            Emit(new ScanStmt(domain, key, value, scanBody));
            _scope.Into(scanBody, () =>
            {
                EmitNot(success =>
                {
                    if (expr.Key != null) UnifyLocal(expr.Key, key, () => UnifyLocal(expr.Value!, value, () => PlanExprs(expr.Body!.Exprs, 0, success)));
                    else UnifyLocal(expr.Value!, value, () => PlanExprs(expr.Body!.Exprs, 0, success));
                });
                Emit(new MakeScalarStmt(IrScalar.True, failed));
            });
        });
        RestoreVars(saved);
        Emit(new BlockStmt([outer]));
        Emit(new IsUndefinedStmt(failed));
        k();
    }

    private void PlanWith(Expr expr, Action k)
    {
        var savedInput = _scope.Input;
        var savedData = _scope.Data;
        var savedOverrides = _scope.DataOverrides.Count;
        var savedMocks = new Dictionary<string, Term>(_scope.Mocks, StringComparer.Ordinal);
        foreach (var with in expr.With)
        {
            var target = with.Target as RefTerm;
            var headName = target?.Head is VarTerm hv ? hv.Name : (with.Target as VarTerm)?.Name;
            var isFunction = headName == "data" && target != null && FindRuleSet(target.ToDottedString()) is { Kind: RuleKind.Function };
            if (!isFunction && (headName == "input" || headName == "data"))
            {
                var parts = target?.Parts ?? [];
                var value = EvalSimple(with.Value);
                var baseLocal = headName == "input" ? _scope.Input : _scope.Data;
                int replaced;
                if (parts.Count == 0)
                {
                    replaced = value;
                }
                else
                {
                    var path = _scope.NewLocal();
                    Emit(new MakeCollectionStmt(CollectionKind.Array, path));
                    var staticPath = new string[parts.Count];
                    for (var i = 0; i < parts.Count; i++)
                    {
                        Emit(new ArrayAppendStmt(path, EvalSimple(parts[i])));
                        staticPath[i] = parts[i] is StringTerm s ? s.Value : "";
                    }
                    replaced = _scope.NewLocal();
                    Emit(new UpsertStmt(baseLocal, path, value, replaced));
                    if (headName == "data") _scope.DataOverrides.Add(staticPath);
                }
                if (headName == "input") _scope.Input = replaced;
                else
                {
                    _scope.Data = replaced;
                    if (parts.Count == 0) _scope.DataOverrides.Add([]);
                }
            }
            else
            {
                var name = target?.ToDottedString() ?? headName ?? "";
                _scope.Mocks[name] = with.Value;
            }
        }
        var input = _scope.Input;
        var data = _scope.Data;
        var overrides = _scope.DataOverrides.GetRange(savedOverrides, _scope.DataOverrides.Count - savedOverrides);
        var mocks = new Dictionary<string, Term>(_scope.Mocks, StringComparer.Ordinal);
        PlanExprNoWith(expr, () =>
        {
            // The rest of the query runs without this expression's `with` modifiers.
            _scope.Input = savedInput;
            _scope.Data = savedData;
            _scope.DataOverrides.RemoveRange(savedOverrides, _scope.DataOverrides.Count - savedOverrides);
            var innerMocks = new Dictionary<string, Term>(_scope.Mocks, StringComparer.Ordinal);
            _scope.Mocks.Clear();
            foreach (var kv in savedMocks) _scope.Mocks[kv.Key] = kv.Value;
            k();
            _scope.Input = input;
            _scope.Data = data;
            _scope.DataOverrides.AddRange(overrides);
            _scope.Mocks.Clear();
            foreach (var kv in innerMocks) _scope.Mocks[kv.Key] = kv.Value;
        });
        _scope.Input = savedInput;
        _scope.Data = savedData;
        _scope.DataOverrides.RemoveRange(savedOverrides, _scope.DataOverrides.Count - savedOverrides);
        _scope.Mocks.Clear();
        foreach (var kv in savedMocks) _scope.Mocks[kv.Key] = kv.Value;
    }

    /// <summary>Evaluates a term that cannot iterate (with values, keys): fails the block when undefined.</summary>
    private int EvalSimple(Term term)
    {
        var result = -1;
        EvalTerm(term, v => result = v);
        if (result < 0) throw new PlanningException("term must have a single value here", term.Location);
        return result;
    }
}
