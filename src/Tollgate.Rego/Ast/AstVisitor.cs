namespace Tollgate.Rego.Ast;

/// <summary>
/// A walk over the AST with one virtual method per kind of node; each default visits the node's children,
/// so a pass overrides only the nodes it acts on (calling base to keep walking below them). The defaults
/// reach every node: a pass that must not look somewhere (a <c>with</c> target, a call's operator)
/// overrides that method to stop there.
/// </summary>
public abstract class AstVisitor
{
    public virtual void VisitModule(Module module)
    {
        VisitPackage(module.Package);
        foreach (var import in module.Imports) VisitImport(import);
        foreach (var rule in module.Rules) VisitRule(rule);
    }

    public virtual void VisitPackage(Package package) => VisitTerm(package.Path);

    public virtual void VisitImport(Import import) => VisitTerm(import.Path);

    /// <summary>The head, the body, then the rest of the else chain.</summary>
    public virtual void VisitRule(Rule rule)
    {
        VisitRuleHead(rule.Head);
        VisitBody(rule.Body);
        if (rule.Else != null) VisitRule(rule.Else);
    }

    public virtual void VisitRuleHead(RuleHead head)
    {
        VisitTerm(head.Ref);
        VisitTerms(head.Args);
        VisitOptional(head.Key);
        VisitOptional(head.Value);
    }

    /// <summary>A rule body, a query, or a body nested in an expression (<c>every</c>, <c>and</c>/<c>or</c>, a block).</summary>
    public virtual void VisitBody(Body body)
    {
        foreach (var expr in body.Exprs) VisitExpr(expr);
    }

    /// <summary>The modifiers first (their values are evaluated before the expression), then what its kind holds.</summary>
    public virtual void VisitExpr(Expr expr)
    {
        foreach (var with in expr.With) VisitWith(with);
        switch (expr.Kind)
        {
            case ExprKind.Term:
                VisitOptional(expr.Term);
                break;
            case ExprKind.Call:
                if (expr.Operator != null) VisitOperator(expr.Operator);
                VisitTerms(expr.Args);
                break;
            case ExprKind.Some:
                VisitTerms(expr.Vars);
                VisitOptional(expr.Key);
                VisitOptional(expr.Value);
                VisitOptional(expr.Domain);
                break;
            case ExprKind.Every:
                VisitEvery(expr);
                break;
            case ExprKind.And or ExprKind.Or:
                foreach (var operand in expr.Operands ?? []) VisitBody(operand);
                break;
            case ExprKind.Block:
                if (expr.Body != null) VisitBody(expr.Body);
                break;
        }
    }

    /// <summary><c>every k, v in domain { body }</c>: the iteration variables, the domain, the body.</summary>
    protected virtual void VisitEvery(Expr every)
    {
        VisitOptional(every.Key);
        VisitOptional(every.Value);
        VisitOptional(every.Domain);
        if (every.Body != null) VisitBody(every.Body);
    }

    public virtual void VisitWith(With with)
    {
        VisitTerm(with.Target);
        VisitTerm(with.Value);
    }

    public virtual void VisitTerm(Term term)
    {
        switch (term)
        {
            case VarTerm v:
                VisitVar(v);
                break;
            case RefTerm r:
                VisitRef(r);
                break;
            case CallTerm c:
                VisitCall(c);
                break;
            case ArrayTerm a:
                VisitTerms(a.Items);
                break;
            case SetTerm s:
                VisitTerms(s.Items);
                break;
            case ObjectTerm o:
                foreach (var item in o.Items)
                {
                    VisitTerm(item.Key);
                    VisitTerm(item.Value);
                }
                break;
            case ArrayComprehension ac:
                VisitComprehension(ac, ac.Head, null, ac.Body);
                break;
            case SetComprehension sc:
                VisitComprehension(sc, sc.Head, null, sc.Body);
                break;
            case ObjectComprehension oc:
                VisitComprehension(oc, oc.Key, oc.Value, oc.Body);
                break;
            case TemplateStringTerm t:
                VisitTerms(t.Parts);
                break;
            case ExprTerm et:
                VisitExpr(et.Expr);
                break;
        }
    }

    protected virtual void VisitVar(VarTerm variable)
    {
    }

    protected virtual void VisitRef(RefTerm reference)
    {
        VisitTerm(reference.Head);
        VisitTerms(reference.Parts);
    }

    /// <summary>A call used as a value: its operator, then its arguments.</summary>
    protected virtual void VisitCall(CallTerm call)
    {
        VisitOperator(call.Operator);
        VisitTerms(call.Args);
    }

    /// <summary>The function a call (statement or value) names, e.g. <c>count</c> or <c>data.lib.f</c>.</summary>
    protected virtual void VisitOperator(RefTerm op) => VisitRef(op);

    /// <summary>
    /// An array, set or object comprehension: <paramref name="head"/> is its term (an object's key),
    /// <paramref name="value"/> an object's value (null for the others). The heads come first, then the body.
    /// </summary>
    protected virtual void VisitComprehension(Term comprehension, Term head, Term? value, Body body)
    {
        VisitTerm(head);
        VisitOptional(value);
        VisitBody(body);
    }

    protected void VisitOptional(Term? term)
    {
        if (term != null) VisitTerm(term);
    }

    protected void VisitTerms<T>(List<T>? terms) where T : Term
    {
        if (terms == null) return;
        foreach (var term in terms) VisitTerm(term);
    }
}
