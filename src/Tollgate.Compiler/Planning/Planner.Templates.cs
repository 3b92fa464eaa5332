using Tollgate.Compiler.Ir;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

public sealed partial class Planner
{
    private const string TemplateString = "internal.template_string";

    /// <summary>
    /// internal.template_string([parts…], out): each part is evaluated on its own; strings are inserted
    /// as they are, an undefined part as "&lt;undefined&gt;", other values formatted. The runtime's
    /// builtin formats values when it has one; otherwise values are formatted with json.marshal and
    /// joined with concat (exact for scalars; collections print in JSON rather than Rego syntax).
    /// </summary>
    private void PlanTemplateString(List<Term> args, Action k)
    {
        var items = args.Count > 0 && args[0] is ArrayTerm a ? a.Items : [];
        var parts = _scope.NewLocal();
        Emit(new MakeCollectionStmt(CollectionKind.Array, parts));
        var native = _options.IsRuntimeBuiltin(TemplateString);
        foreach (var item in items)
        {
            var value = _scope.NewLocal();
            Emit(new ResetLocalStmt(value));
            var eval = new IrBlock();
            var saved = new Dictionary<string, int>(_scope.Vars, StringComparer.Ordinal);
            _scope.Into(eval, () => EvalTerm(item, v => Emit(new AssignStmt(v, value))));
            RestoreVars(saved);
            var undefined = new IrBlock();
            undefined.Add(new IsUndefinedStmt(value));
            undefined.Add(new MakeScalarStmt(IrScalar.String("<undefined>"), value));
            Emit(new BlockStmt([eval, undefined]));
            if (!native)
            {
                var formatted = _scope.NewLocal();
                var asString = new IrBlock();
                asString.Add(new IsTypeStmt(value, TypeCodes.String, -1));
                asString.Add(new AssignStmt(value, formatted));
                asString.Add(new BreakStmt(1));
                var other = new IrBlock();
                _scope.Into(other, () => EmitCall("json.marshal", [value], formatted));
                Emit(new BlockStmt([new IrBlock { Stmts = { new BlockStmt([asString, other]) } }]));
                value = formatted;
            }
            Emit(new ArrayAppendStmt(parts, value));
        }
        var result = _scope.NewLocal();
        if (native)
        {
            EmitCall(TemplateString, [parts], result);
        }
        else
        {
            EmitCall("concat", [Scalar(IrScalar.String("")), parts], result);
        }
        if (args.Count > 1) UnifyLocal(args[1], result, k);
        else
        {
            Emit(new NotFalseStmt(result));
            k();
        }
    }
}
