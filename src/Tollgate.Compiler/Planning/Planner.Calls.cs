using Tollgate.Compiler.Ir;
using Tollgate.Compiler.Passes;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

public sealed partial class Planner
{
    private void PlanCall(Expr expr, Action k)
    {
        var name = expr.OperatorName;
        var args = expr.Args ?? [];
        switch (name)
        {
            case "eq":
            case "assign":
                if (_scope.ExprValues != null) _scope.ExprValues[expr] = -1;
                Unify(args[0], args[1], () =>
                {
                    if (_scope.ExprValues != null) _scope.ExprValues.Remove(expr);
                    k();
                });
                return;
            case "equal" when args.Count == 2 && !_scope.Mocks.ContainsKey(name):
                EvalTerm(args[0], a => EvalTerm(args[1], b =>
                {
                    Emit(new EqualStmt(a, b));
                    k();
                }));
                return;
            case "neq" when args.Count == 2 && !_scope.Mocks.ContainsKey(name):
                EvalTerm(args[0], a => EvalTerm(args[1], b =>
                {
                    Emit(new NotEqualStmt(a, b));
                    k();
                }));
                return;
            case "print":
                PlanPrint(args, k);
                return;
            case TemplateString:
                PlanTemplateString(args, k);
                return;
        }
        PlanFunctionCall(name, args, expr, k);
    }

    private void PlanFunctionCall(string name, List<Term> args, Expr expr, Action k)
    {
        if (_scope.Mocks.TryGetValue(name, out var mock))
        {
            PlanMockedCall(name, mock, args, expr, k);
            return;
        }
        var arity = Arity(name, expr);
        var inputs = Math.Min(arity, args.Count);
        var output = args.Count > arity ? args[arity] : null;
        EvalArgs(args, 0, inputs, new int[inputs], values =>
        {
            var result = _scope.NewLocal();
            EmitCall(name, values, result);
            if (output == null)
            {
                Emit(new NotFalseStmt(result));
                k();
            }
            else if (IsRelation(name))
            {
                // A relation's output unifies with each of its results in turn.
                var key = _scope.NewLocal();
                var each = _scope.NewLocal();
                var body = new IrBlock();
                Emit(new ScanStmt(result, key, each, body));
                _scope.Into(body, () => UnifyLocal(output, each, k));
            }
            else
            {
                UnifyLocal(output, result, k);
            }
        });
    }

    /// <summary>Builtins that are relations (OPA's walk): the call yields every [path, value] pair.</summary>
    private static bool IsRelation(string name) => name == "walk";

    // `with f as g` / `with f as value`: calls in this expression use the replacement.
    private void PlanMockedCall(string name, Term mock, List<Term> args, Expr expr, Action k)
    {
        var arity = Arity(name, expr);
        var output = args.Count > arity ? args[arity] : null;
        var inputs = Math.Min(arity, args.Count);
        string? replacement = mock switch
        {
            RefTerm r when r.Head is VarTerm { Name: "data" } && FindRuleSet(r.ToDottedString()) is { Kind: Rego.Ast.RuleKind.Function } => r.ToDottedString(),
            RefTerm r when r.Head is VarTerm { Name: not "data" } && _options.BuiltinArity(r.ToDottedString()) != null => r.ToDottedString(),
            VarTerm v when _options.BuiltinArity(v.Name) != null => v.Name,
            _ => null,
        };
        if (replacement == null)
        {
            var value = EvalSimple(mock);
            EvalArgs(args, 0, inputs, new int[inputs], _ =>
            {
                if (output == null)
                {
                    Emit(new NotFalseStmt(value));
                    k();
                }
                else UnifyLocal(output, value, k);
            });
            return;
        }
        var saved = _scope.Mocks[name];
        _scope.Mocks.Remove(name);
        EvalArgs(args, 0, inputs, new int[inputs], values =>
        {
            var result = _scope.NewLocal();
            EmitCall(replacement, values, result);
            _scope.Mocks[name] = saved;
            if (output == null)
            {
                Emit(new NotFalseStmt(result));
                k();
            }
            else UnifyLocal(output, result, k);
        });
        _scope.Mocks[name] = saved;
    }

    private void EvalArgs(List<Term> args, int i, int count, int[] values, Action<int[]> k)
    {
        if (i == count)
        {
            k(values);
            return;
        }
        EvalTerm(args[i], v =>
        {
            values[i] = v;
            EvalArgs(args, i + 1, count, values, k);
        });
    }

    private int Arity(string name, Expr expr)
    {
        if (name.StartsWith("data.", StringComparison.Ordinal))
        {
            var rs = FindRuleSet(name);
            if (rs == null) throw new PlanningException("undefined function " + name, expr.Location);
            return rs.Arity;
        }
        var arity = _options.BuiltinArity(name);
        if (arity != null) return arity.Value;
        // Not in the catalogue (internal helpers): a trailing unbound variable is the output.
        var args = expr.Args ?? [];
        return args.Count > 0 && IsUnbound(args[^1]) ? args.Count - 1 : args.Count;
    }

    private RuleSet? FindRuleSet(string dotted)
    {
        var path = new List<string>();
        var text = dotted.AsSpan("data.".Length);
        foreach (var range in text.Split('.')) path.Add(text[range].ToString());
        return _compiled.Rules.Find(path);
    }

    /// <summary>Emits a call of a user function or builtin; fails when the result is undefined.</summary>
    private void EmitCall(string name, int[] args, int target)
    {
        if (name.StartsWith("data.", StringComparison.Ordinal))
        {
            var rs = FindRuleSet(name) ?? throw new PlanningException("undefined function " + name, default);
            var all = new int[args.Length + 2];
            all[0] = _scope.Input;
            all[1] = _scope.Data;
            Array.Copy(args, 0, all, 2, args.Length);
            Emit(new CallStmt(CallKind.Plan, RuleFunction(rs), all, target));
            return;
        }
        if (_options.IsRuntimeBuiltin(name))
        {
            Emit(new CallStmt(CallKind.Builtin, name, args, target, _options.StrictBuiltinErrors) { ErrorPrefix = ErrorPrefix() });
        }
        else
        {
            HostBuiltinId(name, args.Length);
            Emit(new CallStmt(CallKind.Host, name, args, target, _options.StrictBuiltinErrors) { ErrorPrefix = ErrorPrefix() });
        }
    }

    /// <summary>"file:row: " of the expression being planned, as OPA prefixes builtin errors.</summary>
    private string? ErrorPrefix()
    {
        var loc = _currentExpr?.Location;
        return loc is { IsKnown: true } l ? $"{l.File}:{l.Line}: " : null;
    }

    // print(a, b): each argument is evaluated on its own; an undefined one prints as <undefined>.
    private void PlanPrint(List<Term> args, Action k)
    {
        var values = _scope.NewLocal();
        Emit(new MakeCollectionStmt(CollectionKind.Array, values));
        foreach (var arg in args)
        {
            var slot = _scope.NewLocal();
            Emit(new ResetLocalStmt(slot));
            var block = new IrBlock();
            var saved = new Dictionary<string, int>(_scope.Vars, StringComparer.Ordinal);
            _scope.Into(block, () => EvalTerm(arg, v => Emit(new AssignStmt(v, slot))));
            RestoreVars(saved);
            var missing = new IrBlock();
            missing.Add(new IsUndefinedStmt(slot));
            missing.Add(new MakeScalarStmt(IrScalar.String("<undefined>"), slot));
            Emit(new BlockStmt([block, missing]));
            Emit(new ArrayAppendStmt(values, slot));
        }
        Emit(new PrintStmt(values));
        k();
    }
}
