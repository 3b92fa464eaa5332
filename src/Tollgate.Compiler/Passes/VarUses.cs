using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// Finds the locals an expression uses, for safety: every local outside closures, plus the closures'
/// free locals (those owned by an enclosing body, which must be bound before the closure runs).
/// </summary>
internal sealed class VarUses(LocalTable locals) : EvaluatedTermVisitor
{
    private readonly HashSet<object> _innerOwners = new(ReferenceEqualityComparer.Instance);
    private List<VarTerm> _into = [];

    public void AllVars(Expr expr, List<VarTerm> into)
    {
        _into = into;
        VisitExpr(expr);
    }

    public void AllVars(Term term, List<VarTerm> into)
    {
        _into = into;
        VisitTerm(term);
    }

    protected override void VisitVar(VarTerm variable)
    {
        if (locals.IsLocal(variable.Name) && !_innerOwners.Contains(locals.OwnerOf(variable.Name)!)) _into.Add(variable);
    }

    /// <summary>The domain is evaluated outside; the key and value vars belong to the body.</summary>
    protected override void VisitEvery(Expr every)
    {
        VisitOptional(every.Domain);
        if (every.Body != null) VisitBody(every.Body);
    }

    /// <summary>Only nested bodies come here (an expression is the unit visited): each is a closure.</summary>
    public override void VisitBody(Body body) => VisitClosure(body, null, null);

    protected override void VisitComprehension(Term comprehension, Term head, Term? value, Body body) =>
        VisitClosure(body, head, value);

    private void VisitClosure(Body body, Term? head, Term? value)
    {
        var added = _innerOwners.Add(body);
        VisitOptional(head);
        VisitOptional(value);
        base.VisitBody(body);
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
