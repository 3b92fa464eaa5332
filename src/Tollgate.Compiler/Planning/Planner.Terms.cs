using Tollgate.Compiler.Ir;
using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Planning;

public sealed partial class Planner
{
    /// <summary>Evaluates a term into a local; iteration inside the term nests the continuation.</summary>
    private void EvalTerm(Term term, Action<int> k)
    {
        switch (term)
        {
            case NullTerm:
                k(Scalar(IrScalar.Null));
                return;
            case BooleanTerm b:
                k(Scalar(b.Value ? IrScalar.True : IrScalar.False));
                return;
            case NumberTerm n:
                k(Scalar(IrScalar.Number(n.Text)));
                return;
            case StringTerm s:
                k(Scalar(IrScalar.String(s.Value)));
                return;
            case VarTerm v:
                k(VarLocal(v));
                return;
            case RefTerm r:
                EvalRef(r, k);
                return;
            case ArrayTerm a:
                EvalItems(a.Items, 0, new int[a.Items.Count], items =>
                {
                    var arr = _scope.NewLocal();
                    Emit(new MakeCollectionStmt(CollectionKind.Array, arr));
                    foreach (var item in items) Emit(new ArrayAppendStmt(arr, item));
                    k(arr);
                });
                return;
            case SetTerm st:
                EvalItems(st.Items, 0, new int[st.Items.Count], items =>
                {
                    var set = _scope.NewLocal();
                    Emit(new MakeCollectionStmt(CollectionKind.Set, set));
                    foreach (var item in items) Emit(new SetAddStmt(set, item));
                    k(set);
                });
                return;
            case ObjectTerm o:
                {
                    var flat = new List<Term>(o.Items.Count * 2);
                    foreach (var kv in o.Items)
                    {
                        flat.Add(kv.Key);
                        flat.Add(kv.Value);
                    }
                    EvalItems(flat, 0, new int[flat.Count], items =>
                    {
                        var obj = _scope.NewLocal();
                        Emit(new MakeCollectionStmt(CollectionKind.Object, obj));
                        for (var i = 0; i < items.Length; i += 2) Emit(new ObjectInsertStmt(obj, items[i], items[i + 1]));
                        k(obj);
                    });
                    return;
                }
            case ArrayComprehension ac:
                k(PlanComprehension(CollectionKind.Array, ac.Body, ac.Head, null));
                return;
            case SetComprehension sc:
                k(PlanComprehension(CollectionKind.Set, sc.Body, sc.Head, null));
                return;
            case ObjectComprehension oc:
                k(PlanComprehension(CollectionKind.Object, oc.Body, oc.Key, oc.Value));
                return;
            case CallTerm call:
                {
                    // Calls are flattened by the passes; a leftover call term is planned with a fresh output.
                    var outVar = new VarTerm("$call" + _scope.NewLocal().ToString(System.Globalization.CultureInfo.InvariantCulture));
                    var args = new List<Term>(call.Args) { outVar };
                    var expr = new Expr { Kind = ExprKind.Call, Operator = call.Operator, Args = args, Location = call.Location };
                    PlanFunctionCall(call.OperatorName, args, expr, () => k(_scope.Vars[outVar.Name]));
                    return;
                }
            default:
                throw new PlanningException("unsupported term " + term.GetType().Name, term.Location);
        }
    }

    private void EvalItems(List<Term> items, int i, int[] values, Action<int[]> k)
    {
        if (i == items.Count)
        {
            k(values);
            return;
        }
        EvalTerm(items[i], v =>
        {
            values[i] = v;
            EvalItems(items, i + 1, values, k);
        });
    }

    private int VarLocal(VarTerm v)
    {
        if (v.Name == "input")
        {
            Emit(new IsDefinedStmt(_scope.Input));
            return _scope.Input;
        }
        if (_scope.Vars.TryGetValue(v.Name, out var local)) return local;
        if (v.Name == "data")
        {
            var result = -1;
            EvalDataRef([], 0, l => result = l);
            return result;
        }
        throw new PlanningException("var " + v.Name + " is unsafe", v.Location);
    }

    private bool IsUnbound(Term t) => t is VarTerm v && v.Name != "input" && v.Name != "data" && !_scope.Vars.ContainsKey(v.Name);

    /// <summary>True when the term holds a variable not yet bound (a pattern to unify, not a value).</summary>
    private bool HasUnbound(Term t)
    {
        switch (t)
        {
            case VarTerm:
                return IsUnbound(t);
            case ArrayTerm a:
                foreach (var i in a.Items) if (HasUnbound(i)) return true;
                return false;
            case ObjectTerm o:
                foreach (var kv in o.Items) if (HasUnbound(kv.Value)) return true;
                return false;
            default:
                return false;
        }
    }

    private void Bind(VarTerm v, int local, Action k)
    {
        _scope.Vars[v.Name] = local;
        k();
        _scope.Vars.Remove(v.Name);
    }

    /// <summary>Unifies two terms (eq): binds unbound variables on either side, else compares.</summary>
    private void Unify(Term a, Term b, Action k)
    {
        if (IsUnbound(a))
        {
            if (IsUnbound(b)) throw new PlanningException("unsafe unification of two unbound vars", a.Location);
            EvalTerm(b, lb => Bind((VarTerm)a, lb, k));
            return;
        }
        if (IsUnbound(b))
        {
            EvalTerm(a, la => Bind((VarTerm)b, la, k));
            return;
        }
        if (a is ArrayTerm aa && b is ArrayTerm ba)
        {
            if (aa.Items.Count != ba.Items.Count)
            {
                Emit(new BreakStmt(0));
                return;
            }
            UnifyPairs(aa.Items, ba.Items, 0, k);
            return;
        }
        if (a is ObjectTerm oa && b is ObjectTerm ob && (HasUnbound(oa) || HasUnbound(ob)))
        {
            UnifyObjects(oa, ob, k);
            return;
        }
        if (HasUnbound(a))
        {
            EvalTerm(b, lb => UnifyLocal(a, lb, k));
            return;
        }
        if (HasUnbound(b))
        {
            EvalTerm(a, la => UnifyLocal(b, la, k));
            return;
        }
        EvalTerm(a, la => EvalTerm(b, lb =>
        {
            Emit(new EqualStmt(la, lb));
            k();
        }));
    }

    // {"x": a, "y": 2} = {"x": 1, "y": b}: same (ground) keys on both sides, values unified pairwise.
    private void UnifyObjects(ObjectTerm a, ObjectTerm b, Action k)
    {
        if (a.Items.Count != b.Items.Count)
        {
            Emit(new BreakStmt(0));
            return;
        }
        var left = new List<Term>(a.Items.Count);
        var right = new List<Term>(a.Items.Count);
        foreach (var kv in a.Items)
        {
            Term? match = null;
            foreach (var other in b.Items)
            {
                if (SameGroundKey(kv.Key, other.Key)) match = other.Value;
            }
            if (match == null)
            {
                Emit(new BreakStmt(0));
                return;
            }
            left.Add(kv.Value);
            right.Add(match);
        }
        UnifyPairs(left, right, 0, k);
    }

    private static bool SameGroundKey(Term a, Term b) => (a, b) switch
    {
        (StringTerm x, StringTerm y) => x.Value == y.Value,
        (NumberTerm x, NumberTerm y) => x.Text == y.Text,
        (BooleanTerm x, BooleanTerm y) => x.Value == y.Value,
        (NullTerm, NullTerm) => true,
        (VarTerm x, VarTerm y) => x.Name == y.Name,
        _ => false,
    };

    private void UnifyPairs(List<Term> a, List<Term> b, int i, Action k)
    {
        if (i == a.Count)
        {
            k();
            return;
        }
        Unify(a[i], b[i], () => UnifyPairs(a, b, i + 1, k));
    }

    /// <summary>Unifies a term (possibly a pattern) with a value held in a local.</summary>
    private void UnifyLocal(Term pattern, int local, Action k)
    {
        if (IsUnbound(pattern))
        {
            Bind((VarTerm)pattern, local, k);
            return;
        }
        if (pattern is ArrayTerm a && HasUnbound(a))
        {
            Emit(new IsTypeStmt(local, TypeCodes.Array, a.Items.Count));
            UnifyElements(a.Items, local, 0, k);
            return;
        }
        if (pattern is ObjectTerm o && HasUnbound(o))
        {
            Emit(new IsTypeStmt(local, TypeCodes.Object, o.Items.Count));
            UnifyObjectValues(o.Items, local, 0, k);
            return;
        }
        EvalTerm(pattern, lp =>
        {
            Emit(new EqualStmt(lp, local));
            k();
        });
    }

    private void UnifyElements(List<Term> items, int array, int i, Action k)
    {
        if (i == items.Count)
        {
            k();
            return;
        }
        var index = Scalar(IrScalar.Number(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var element = _scope.NewLocal();
        Emit(new DotStmt(array, index, element));
        UnifyLocal(items[i], element, () => UnifyElements(items, array, i + 1, k));
    }

    private void UnifyObjectValues(List<KeyValuePair<Term, Term>> items, int obj, int i, Action k)
    {
        if (i == items.Count)
        {
            k();
            return;
        }
        EvalTerm(items[i].Key, key =>
        {
            var value = _scope.NewLocal();
            Emit(new DotStmt(obj, key, value));
            UnifyLocal(items[i].Value, value, () => UnifyObjectValues(items, obj, i + 1, k));
        });
    }

    private int PlanComprehension(CollectionKind kind, Body body, Term head, Term? value)
    {
        var result = _scope.NewLocal();
        Emit(new MakeCollectionStmt(kind, result));
        var block = new IrBlock();
        var saved = new Dictionary<string, int>(_scope.Vars, StringComparer.Ordinal);
        var savedValues = _scope.ExprValues;
        _scope.ExprValues = null;
        _scope.Into(block, () => PlanExprs(body.Exprs, 0, () => EvalTerm(head, h =>
        {
            switch (kind)
            {
                case CollectionKind.Array:
                    Emit(new ArrayAppendStmt(result, h));
                    break;
                case CollectionKind.Set:
                    Emit(new SetAddStmt(result, h));
                    break;
                default:
                    EvalTerm(value!, v => Emit(new ObjectInsertOnceStmt(result, h, v, Conflict(head, "object keys must be unique"))));
                    break;
            }
        })));
        _scope.ExprValues = savedValues;
        RestoreVars(saved);
        Emit(new BlockStmt([block]));
        return result;
    }

    /// <summary>The text opa_abort receives for a conflict: "file:row:col: eval_conflict_error: message".</summary>
    private static string Conflict(Node at, string message)
    {
        var loc = at.Location;
        return $"{loc.File}:{loc.Line}:{loc.Column}: eval_conflict_error: {message}";
    }
}

/// <summary>Type codes of tg_value_type (tollgate_codegen.h).</summary>
public static class TypeCodes
{
    public const int Null = 1;
    public const int Boolean = 2;
    public const int Number = 3;
    public const int String = 4;
    public const int Array = 5;
    public const int Object = 6;
    public const int Set = 7;
}
