using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// Finds the locals an expression uses, for safety: every local outside closures, plus the closures'
/// free locals (those owned by an enclosing body, which must be bound before the closure runs).
/// </summary>
internal sealed class VarUses(LocalTable locals)
{
    private readonly HashSet<object> _innerOwners = new(ReferenceEqualityComparer.Instance);

    public void AllVars(Expr expr, List<VarTerm> into)
    {
        foreach (var with in expr.With) AllVars(with.Value, into);
        switch (expr.Kind)
        {
            case ExprKind.Call:
                if (expr.Args != null)
                {
                    foreach (var a in expr.Args) AllVars(a, into);
                }
                break;
            case ExprKind.Every:
                if (expr.Domain != null) AllVars(expr.Domain, into);
                if (expr.Body != null) ClosureVars(expr.Body, null, null, into);
                break;
            case ExprKind.And or ExprKind.Or:
                foreach (var operand in expr.Operands ?? []) ClosureVars(operand, null, null, into);
                break;
            case ExprKind.Block:
                if (expr.Body != null) ClosureVars(expr.Body, null, null, into);
                break;
            default:
                if (expr.Term != null) AllVars(expr.Term, into);
                break;
        }
    }

    public void AllVars(Term term, List<VarTerm> into)
    {
        switch (term)
        {
            case VarTerm v:
                if (locals.IsLocal(v.Name) && !_innerOwners.Contains(locals.OwnerOf(v.Name)!)) into.Add(v);
                break;
            case RefTerm r:
                AllVars(r.Head, into);
                foreach (var p in r.Parts) AllVars(p, into);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) AllVars(i, into);
                break;
            case SetTerm s:
                foreach (var i in s.Items) AllVars(i, into);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items)
                {
                    AllVars(kv.Key, into);
                    AllVars(kv.Value, into);
                }
                break;
            case ArrayComprehension ac:
                ClosureVars(ac.Body, ac.Head, null, into);
                break;
            case SetComprehension sc:
                ClosureVars(sc.Body, sc.Head, null, into);
                break;
            case ObjectComprehension oc:
                ClosureVars(oc.Body, oc.Key, oc.Value, into);
                break;
            case CallTerm c:
                foreach (var a in c.Args) AllVars(a, into);
                break;
            case TemplateStringTerm t:
                foreach (var p in t.Parts) AllVars(p, into);
                break;
        }
    }

    private void ClosureVars(Body body, Term? head, Term? value, List<VarTerm> into)
    {
        var added = _innerOwners.Add(body);
        if (head != null) AllVars(head, into);
        if (value != null) AllVars(value, into);
        foreach (var e in body.Exprs) AllVars(e, into);
        if (added) _innerOwners.Remove(body);
    }

    /// <summary>A composite key (<c>s[[x, y]]</c>, <c>xs[{"a": x}]</c>) is a pattern: its vars are bound by the lookup.</summary>
    private void CompositeKeyVars(Term part, List<VarTerm> into)
    {
        switch (part)
        {
            case VarTerm v when locals.IsLocal(v.Name):
                into.Add(v);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) CompositeKeyVars(i, into);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items) CompositeKeyVars(kv.Value, into);
                break;
            case RefTerm r:
                RefPartVars(r, into);
                break;
        }
    }

    /// <summary>Vars in ref parts (outside closures): iteration outputs when unbound.</summary>
    public void RefPartVars(Term term, List<VarTerm> into)
    {
        switch (term)
        {
            case RefTerm r:
                RefPartVars(r.Head, into);
                foreach (var p in r.Parts)
                {
                    if (p is VarTerm v && locals.IsLocal(v.Name)) into.Add(v);
                    else if (p is ArrayTerm or ObjectTerm) CompositeKeyVars(p, into);
                    else RefPartVars(p, into);
                }
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) RefPartVars(i, into);
                break;
            case SetTerm s:
                foreach (var i in s.Items) RefPartVars(i, into);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items)
                {
                    RefPartVars(kv.Key, into);
                    RefPartVars(kv.Value, into);
                }
                break;
        }
    }
}
