using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>Name resolution: a var is a local, a root document, a rule of the package or an import alias.</summary>
internal sealed partial class LocalRewriter
{
    private Term ResolveTerm(Scope scope, Term term)
    {
        switch (term)
        {
            case VarTerm v:
                return ResolveVar(scope, v);
            case RefTerm r:
                return ResolveRef(scope, r);
            case ArrayTerm a:
                for (var i = 0; i < a.Items.Count; i++) a.Items[i] = ResolveTerm(scope, a.Items[i]);
                return a;
            case SetTerm s:
                for (var i = 0; i < s.Items.Count; i++) s.Items[i] = ResolveTerm(scope, s.Items[i]);
                return s;
            case ObjectTerm o:
                for (var i = 0; i < o.Items.Count; i++)
                {
                    o.Items[i] = new(ResolveTerm(scope, o.Items[i].Key), ResolveTerm(scope, o.Items[i].Value));
                }
                return o;
            case ArrayComprehension ac:
                {
                    var inner = EnterClosure(scope, ac.Body);
                    ac.Head = ResolveTerm(inner, ac.Head);
                    return ac;
                }
            case SetComprehension sc:
                {
                    var inner = EnterClosure(scope, sc.Body);
                    sc.Head = ResolveTerm(inner, sc.Head);
                    return sc;
                }
            case ObjectComprehension oc:
                {
                    var inner = EnterClosure(scope, oc.Body);
                    oc.Key = ResolveTerm(inner, oc.Key);
                    oc.Value = ResolveTerm(inner, oc.Value);
                    return oc;
                }
            case CallTerm c:
                c.Operator = ResolveOperator(c.Operator);
                for (var i = 0; i < c.Args.Count; i++) c.Args[i] = ResolveTerm(scope, c.Args[i]);
                return c;
            case TemplateStringTerm t:
                for (var i = 0; i < t.Parts.Count; i++) t.Parts[i] = ResolveTerm(scope, t.Parts[i]);
                return t;
            case ExprTerm et:
                et.Expr = RewriteExpr(scope, et.Expr) ?? et.Expr;
                return et;
            default:
                return term;
        }
    }

    private Scope EnterClosure(Scope scope, Body body)
    {
        var inner = new Scope(scope, body);
        Prescan(inner, body);
        RewriteBody(inner, body);
        return inner;
    }

    private Term ResolveRef(Scope scope, RefTerm r)
    {
        var head = ResolveTerm(scope, r.Head);
        for (var i = 0; i < r.Parts.Count; i++)
        {
            if (r.Parts[i] is not StringTerm) r.Parts[i] = ResolveTerm(scope, r.Parts[i]);
        }
        if (head is RefTerm global && r.Head is VarTerm)
        {
            // A rule name or import alias at the head: splice its absolute path in front of the parts.
            var merged = new RefTerm { Head = global.Head, Location = r.Location };
            merged.Parts.AddRange(global.Parts);
            merged.Parts.AddRange(r.Parts);
            return merged;
        }
        r.Head = head;
        return r;
    }

    private Term ResolveVar(Scope scope, VarTerm v)
    {
        var name = v.Name;
        if (LocalTable.IsWildcardName(name))
        {
            return new VarTerm(_locals.Fresh(name, scope.Owner)) { Location = v.Location };
        }
        for (var s = scope; s != null; s = s.Parent)
        {
            if (s.Names.TryGetValue(name, out var local)) return new VarTerm(local) { Location = v.Location };
        }
        if (LocalTable.IsRoot(name)) return v;
        for (var s = scope; s != null; s = s.Parent)
        {
            if (s.DeclaredAnywhere.Contains(name)) return Allocate(s, v);
        }
        if (_globals.TryGetValue(name, out var global))
        {
            _usedGlobals?.Add(name);
            return TermFactory.CloneRef(global, v.Location);
        }

        // A var first seen here: it belongs to the outermost body that also uses it, so closures share it.
        var owner = scope;
        for (var s = scope.Parent; s != null; s = s.Parent)
        {
            if (s.OwnNames.Contains(name)) owner = s;
        }
        return Allocate(owner, v);
    }

    private VarTerm Allocate(Scope owner, VarTerm v)
    {
        var local = _locals.Fresh(v.Name, owner.Owner);
        owner.Names[v.Name] = local;
        return new VarTerm(local) { Location = v.Location };
    }

    /// <summary>User function names become absolute (<c>data.pkg.f</c>); builtin names stay as written.</summary>
    private RefTerm ResolveOperator(RefTerm op)
    {
        if (op.Head is VarTerm v && !LocalTable.IsRoot(v.Name) && _globals.TryGetValue(v.Name, out var global))
        {
            _usedGlobals?.Add(v.Name);
            var merged = TermFactory.CloneRef(global, op.Location);
            merged.Parts.AddRange(op.Parts);
            return merged;
        }
        return op;
    }

    /// <summary>With targets: input/data refs, user functions (made absolute) or builtin names.</summary>
    private Term ResolveWithTarget(Term target)
    {
        switch (target)
        {
            case VarTerm v:
                {
                    var asRef = new RefTerm { Head = v, Location = v.Location };
                    return ResolveOperator(asRef);
                }
            case RefTerm r:
                return ResolveOperator(r);
            default:
                return target;
        }
    }

    /// <summary>Records the names a body uses and declares, before any of its exprs is rewritten.</summary>
    private static void Prescan(Scope scope, Body body)
    {
        foreach (var expr in body.Exprs)
        {
            foreach (var with in expr.With) NameCollector.Collect(with.Value, scope.OwnNames);
            switch (expr.Kind)
            {
                case ExprKind.Some:
                    if (expr.Vars != null)
                    {
                        foreach (var v in expr.Vars) scope.DeclaredAnywhere.Add(v.Name);
                    }
                    if (expr.Key != null) NameCollector.Collect(expr.Key, scope.DeclaredAnywhere);
                    if (expr.Value != null) NameCollector.Collect(expr.Value, scope.DeclaredAnywhere);
                    if (expr.Domain != null) NameCollector.Collect(expr.Domain, scope.OwnNames);
                    break;
                case ExprKind.Every:
                    if (expr.Domain != null) NameCollector.Collect(expr.Domain, scope.OwnNames);
                    break;
                case ExprKind.Call:
                    if (expr.Args == null) break;
                    for (var i = 0; i < expr.Args.Count; i++)
                    {
                        NameCollector.Collect(expr.Args[i], scope.OwnNames);
                        if (i == 0 && expr.OperatorName == "assign") NameCollector.Collect(expr.Args[0], scope.DeclaredAnywhere);
                    }
                    break;
                default:
                    if (expr.Term != null) NameCollector.Collect(expr.Term, scope.OwnNames);
                    break;
            }
        }
        scope.DeclaredAnywhere.Remove("_");
    }

    private static void PrescanHead(Scope scope, RuleHead head)
    {
        foreach (var part in head.Ref.Parts) NameCollector.Collect(part, scope.OwnNames);
        if (head.Key != null) NameCollector.Collect(head.Key, scope.OwnNames);
        if (head.Value != null) NameCollector.Collect(head.Value, scope.OwnNames);
    }
}
