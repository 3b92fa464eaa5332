using Tollgate.Rego.Ast;

namespace Tollgate.Rego.Tests.Support;

/// <summary>Visits every node of a parsed module (tests only; the compiler has its own visitors).</summary>
internal static class AstWalker
{
    public static void Walk(Node? node, Action<Node> visit)
    {
        if (node is null)
        {
            return;
        }
        visit(node);
        switch (node)
        {
            case Module m:
                Walk(m.Package, visit);
                foreach (var i in m.Imports) Walk(i, visit);
                foreach (var r in m.Rules) Walk(r, visit);
                break;
            case Package p:
                Walk(p.Path, visit);
                break;
            case Import i:
                Walk(i.Path, visit);
                break;
            case Rule r:
                Walk(r.Head, visit);
                Walk(r.Body, visit);
                Walk(r.Else, visit);
                break;
            case RuleHead h:
                Walk(h.Ref, visit);
                if (h.Args is not null) foreach (var a in h.Args) Walk(a, visit);
                Walk(h.Key, visit);
                Walk(h.Value, visit);
                break;
            case Body b:
                foreach (var e in b.Exprs) Walk(e, visit);
                break;
            case Expr e:
                Walk(e.Term, visit);
                Walk(e.Operator, visit);
                if (e.Args is not null) foreach (var a in e.Args) Walk(a, visit);
                if (e.Vars is not null) foreach (var v in e.Vars) Walk(v, visit);
                Walk(e.Key, visit);
                Walk(e.Value, visit);
                Walk(e.Domain, visit);
                Walk(e.Body, visit);
                if (e.Operands is not null) foreach (var o in e.Operands) Walk(o, visit);
                foreach (var w in e.With) Walk(w, visit);
                break;
            case With w:
                Walk(w.Target, visit);
                Walk(w.Value, visit);
                break;
            case RefTerm r:
                Walk(r.Head, visit);
                foreach (var p in r.Parts) Walk(p, visit);
                break;
            case ArrayTerm a:
                foreach (var t in a.Items) Walk(t, visit);
                break;
            case SetTerm s:
                foreach (var t in s.Items) Walk(t, visit);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items)
                {
                    Walk(kv.Key, visit);
                    Walk(kv.Value, visit);
                }
                break;
            case ArrayComprehension ac:
                Walk(ac.Head, visit);
                Walk(ac.Body, visit);
                break;
            case SetComprehension sc:
                Walk(sc.Head, visit);
                Walk(sc.Body, visit);
                break;
            case ObjectComprehension oc:
                Walk(oc.Key, visit);
                Walk(oc.Value, visit);
                Walk(oc.Body, visit);
                break;
            case CallTerm c:
                Walk(c.Operator, visit);
                foreach (var a in c.Args) Walk(a, visit);
                break;
            case TemplateStringTerm ts:
                foreach (var p in ts.Parts) Walk(p, visit);
                break;
            case ExprTerm et:
                Walk(et.Expr, visit);
                break;
        }
    }
}
