using Tollgate.Compiler.Ir;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

public sealed partial class Planner
{
    // OPA's experimental `a and b`, `a or b` and braced bodies: each operand is checked once for a
    // solution, and its bindings stay inside it.
    private void PlanAnd(Expr expr, Action k)
    {
        foreach (var operand in expr.Operands ?? []) Emit(new IsDefinedStmt(PlanOnce(operand, -1)));
        k();
    }

    private void PlanOr(Expr expr, Action k)
    {
        var found = _scope.NewLocal();
        Emit(new ResetLocalStmt(found));
        foreach (var operand in expr.Operands ?? []) PlanOnce(operand, found);
        Emit(new IsDefinedStmt(found));
        k();
    }

    private void PlanBlockExpr(Expr expr, Action k)
    {
        Emit(new IsDefinedStmt(PlanOnce(expr.Body ?? new Body(), -1)));
        k();
    }

    /// <summary>
    /// Plans a body that sets a flag local when it has a solution (skipped when the flag is already
    /// set); returns the flag, a new one when <paramref name="flag"/> is negative.
    /// </summary>
    private int PlanOnce(Body body, int flag)
    {
        if (flag < 0)
        {
            flag = _scope.NewLocal();
            Emit(new ResetLocalStmt(flag));
        }
        var block = new IrBlock();
        var saved = new Dictionary<string, int>(_scope.Vars, StringComparer.Ordinal);
        var savedValues = _scope.ExprValues;
        _scope.ExprValues = null;
        var target = flag;
        _scope.Into(block, () =>
        {
            Emit(new IsUndefinedStmt(target));
            PlanExprs(body.Exprs, 0, () => Emit(new MakeScalarStmt(IrScalar.True, target)));
        });
        _scope.ExprValues = savedValues;
        RestoreVars(saved);
        Emit(new BlockStmt([block]));
        return flag;
    }
}
