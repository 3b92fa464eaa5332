using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// Which locals <c>eq(a, b)</c> binds given the already bound ones: an unbound var unified with a term
/// whose locals are all known becomes bound; arrays and objects unify element-wise; a composite pattern
/// unified with a known value binds its vars; ref part vars iterate. Repeats until nothing changes.
/// </summary>
internal readonly struct Unification(VarUses uses, HashSet<string> bound, HashSet<string> outputs)
{
    public void Run(Term a, Term b)
    {
        var iter = new List<VarTerm>();
        uses.RefPartVars(a, iter);
        uses.RefPartVars(b, iter);
        foreach (var v in iter)
        {
            if (!bound.Contains(v.Name)) outputs.Add(v.Name);
        }
        int before;
        do
        {
            before = outputs.Count;
            Unify(a, b);
        }
        while (outputs.Count != before);
    }

    private void Unify(Term a, Term b)
    {
        if (a is VarTerm va && IsLocal(va) && !Known(va.Name))
        {
            if (Evaluable(b)) outputs.Add(va.Name);
            return;
        }
        if (b is VarTerm vb && IsLocal(vb) && !Known(vb.Name))
        {
            if (Evaluable(a)) outputs.Add(vb.Name);
            return;
        }
        if (a is ArrayTerm aa && b is ArrayTerm ab)
        {
            if (aa.Items.Count == ab.Items.Count)
            {
                for (var i = 0; i < aa.Items.Count; i++) Unify(aa.Items[i], ab.Items[i]);
            }
            return;
        }
        if (a is ObjectTerm oa && b is ObjectTerm ob)
        {
            if (oa.Items.Count != ob.Items.Count) return;
            foreach (var kv in oa.Items)
            {
                var key = NormalFormPrinter.Print(kv.Key);
                foreach (var other in ob.Items)
                {
                    if (NormalFormPrinter.Print(other.Key) == key)
                    {
                        Unify(kv.Value, other.Value);
                        break;
                    }
                }
            }
            return;
        }
        if (a is ArrayTerm or ObjectTerm && Evaluable(b))
        {
            Destructure(a);
        }
        else if (b is ArrayTerm or ObjectTerm && Evaluable(a))
        {
            Destructure(b);
        }
    }

    private void Destructure(Term pattern)
    {
        switch (pattern)
        {
            case VarTerm v when IsLocal(v) && !Known(v.Name):
                outputs.Add(v.Name);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) Destructure(i);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items) Destructure(kv.Value);
                break;
        }
    }

    /// <summary>Vars a call's output argument binds: the var itself, or the vars of an array/object pattern.</summary>
    public static void PatternVars(VarUses uses, Term output, List<VarTerm> into)
    {
        switch (output)
        {
            case VarTerm v:
                into.Add(v);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items) PatternVars(uses, i, into);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items) PatternVars(uses, kv.Value, into);
                break;
            case RefTerm r:
                uses.RefPartVars(r, into);
                break;
        }
    }

    private bool Evaluable(Term t)
    {
        var vars = new List<VarTerm>();
        uses.AllVars(t, vars);
        foreach (var v in vars)
        {
            if (!Known(v.Name)) return false;
        }
        return true;
    }

    private bool Known(string name) => bound.Contains(name) || outputs.Contains(name);

    private static bool IsLocal(VarTerm v) => !LocalTable.IsRoot(v.Name);
}
