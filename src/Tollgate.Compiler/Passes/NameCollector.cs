using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>Collects the var names a term uses, not looking into closures (comprehension bodies).</summary>
internal static class NameCollector
{
    public static void Collect(Term term, HashSet<string> into)
    {
        switch (term)
        {
            case VarTerm v:
                if (!LocalTable.IsWildcardName(v.Name)) into.Add(v.Name);
                break;
            case RefTerm r:
                Collect(r.Head, into);
                foreach (var p in r.Parts) Collect(p, into);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) Collect(i, into);
                break;
            case SetTerm s:
                foreach (var i in s.Items) Collect(i, into);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items)
                {
                    Collect(kv.Key, into);
                    Collect(kv.Value, into);
                }
                break;
            case CallTerm c:
                foreach (var a in c.Args) Collect(a, into);
                break;
            case TemplateStringTerm t:
                foreach (var p in t.Parts) Collect(p, into);
                break;
            case ExprTerm et:
                if (et.Expr.Term != null) Collect(et.Expr.Term, into);
                if (et.Expr.Args != null)
                {
                    foreach (var a in et.Expr.Args) Collect(a, into);
                }
                foreach (var w in et.Expr.With) Collect(w.Value, into);
                break;
        }
    }
}
