using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// Normal-form rules 4, 7, 8 and 9: every call becomes a statement of its own whose arguments are simple
/// terms; a call whose value is used gets a fresh output local as its last argument. Template strings
/// become <c>internal.template_string([parts…], out)</c>; <c>print(a, b)</c> becomes
/// <c>internal.print([{a}, {b}])</c> (each argument in a set comprehension so an undefined one prints as
/// undefined, as OPA does).
/// </summary>
internal sealed class CallFlattener(LocalTable locals, bool rewritePrint)
{
    public const string TemplateStringBuiltin = "internal.template_string";

    public void FlattenRule(Rule rule)
    {
        for (var r = rule; r != null; r = r.Else)
        {
            FlattenBody(r.Body);
            var support = new List<Expr>();
            var head = r.Head;
            for (var i = 0; i < head.Ref.Parts.Count; i++)
            {
                if (head.Ref.Parts[i] is not StringTerm) head.Ref.Parts[i] = Simplify(head.Ref.Parts[i], support, r.Body);
            }
            if (head.Key != null) head.Key = ExtractIteratingRefs(Simplify(head.Key, support, r.Body), support, r.Body);
            if (head.Value != null) head.Value = ExtractIteratingRefs(Simplify(head.Value, support, r.Body), support, r.Body);
            if (head.Args != null) FlattenArguments(head.Args, support, r.Body);
            r.Body.Exprs.AddRange(support);
        }
    }

    /// <summary>
    /// <c>a and b with input as x</c>: the modifiers apply to every expression of every operand (before
    /// the operand's own modifiers, which are more specific), so the operands carry them themselves.
    /// </summary>
    private static void PushModifiersDown(Expr expr, List<Body> operands)
    {
        if (expr.With.Count == 0) return;
        foreach (var operand in operands)
        {
            foreach (var inner in operand.Exprs) inner.With.InsertRange(0, expr.With);
        }
        expr.With.Clear();
    }

    /// <summary>
    /// A function argument holding a call or template string (<c>f($"{x}")</c>) becomes a fresh argument
    /// local, unified in the body with the computed value.
    /// </summary>
    private void FlattenArguments(List<Term> args, List<Expr> support, Body body)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!NeedsSupport(args[i])) continue;
            var arg = new VarTerm(locals.Temp(LocalTable.ArgsOwner)) { Location = args[i].Location };
            var value = Simplify(args[i], support, body);
            support.Add(TermFactory.Call("eq", args[i].Location, new VarTerm(arg.Name) { Location = arg.Location }, value));
            args[i] = arg;
        }
    }

    private static bool NeedsSupport(Term term) => term switch
    {
        CallTerm or TemplateStringTerm or ExprTerm => true,
        ArrayTerm a => a.Items.Exists(NeedsSupport),
        SetTerm s => s.Items.Exists(NeedsSupport),
        ObjectTerm o => o.Items.Exists(static kv => NeedsSupport(kv.Key) || NeedsSupport(kv.Value)),
        RefTerm r => NeedsSupport(r.Head) || r.Parts.Exists(NeedsSupport),
        _ => false,
    };

    /// <summary>
    /// <c>eq([a, b], [1, x])</c> and <c>eq({"k": a}, {"k": 1})</c> (same length, same ground keys) become
    /// one <c>eq</c> per element, so the planner only ever unifies against a single composite.
    /// </summary>
    private static void SplitComposite(Expr expr, List<Expr> output)
    {
        if (!expr.Negated && expr.Kind == ExprKind.Call && expr.OperatorName == "eq" && expr.Args is { Count: 2 } args)
        {
            if (args[0] is ArrayTerm la && args[1] is ArrayTerm ra && la.Items.Count == ra.Items.Count)
            {
                for (var i = 0; i < la.Items.Count; i++) SplitComposite(ElementEq(expr, la.Items[i], ra.Items[i]), output);
                return;
            }
            if (args[0] is ObjectTerm lo && args[1] is ObjectTerm ro && MatchKeys(lo, ro) is { } pairs)
            {
                foreach (var (l, r) in pairs) SplitComposite(ElementEq(expr, l, r), output);
                return;
            }
        }
        output.Add(expr);
    }

    private static Expr ElementEq(Expr parent, Term left, Term right)
    {
        var eq = TermFactory.Call("eq", parent.Location, left, right);
        eq.With.AddRange(parent.With);
        return eq;
    }

    /// <summary>Value pairs of two objects with the same ground scalar keys, or null.</summary>
    private static List<(Term, Term)>? MatchKeys(ObjectTerm left, ObjectTerm right)
    {
        if (left.Items.Count != right.Items.Count) return null;
        var pairs = new List<(Term, Term)>(left.Items.Count);
        foreach (var kv in left.Items)
        {
            if (kv.Key is not (StringTerm or NumberTerm or BooleanTerm or NullTerm)) return null;
            var key = NormalFormPrinter.Print(kv.Key);
            Term? match = null;
            foreach (var other in right.Items)
            {
                if (other.Key is (StringTerm or NumberTerm or BooleanTerm or NullTerm) && NormalFormPrinter.Print(other.Key) == key)
                {
                    match = other.Value;
                    break;
                }
            }
            if (match == null) return null;
            pairs.Add((kv.Value, match));
        }
        return pairs;
    }

    public void FlattenBody(Body body)
    {
        var output = new List<Expr>(body.Exprs.Count);
        foreach (var expr in body.Exprs) FlattenExpr(expr, body, output);
        body.Exprs.Clear();
        body.Exprs.AddRange(output);
    }

    private void FlattenExpr(Expr expr, Body owner, List<Expr> output)
    {
        // With values are evaluated before the expression, outside its modifiers.
        foreach (var with in expr.With) with.Value = Simplify(with.Value, output, owner);

        var support = new List<Expr>();
        switch (expr.Kind)
        {
            case ExprKind.Term when expr.Term is CallTerm call:
                expr.Kind = ExprKind.Call;
                expr.Operator = call.Operator;
                expr.Args = new List<Term>(call.Args);
                expr.Term = null;
                FlattenCallArgs(expr, support, owner);
                break;
            case ExprKind.Term when expr.Term != null:
                expr.Term = Simplify(expr.Term, support, owner);
                break;
            case ExprKind.Call:
                FlattenCallArgs(expr, support, owner);
                break;
            case ExprKind.Every:
                expr.Domain = Simplify(expr.Domain!, support, owner);
                FlattenBody(expr.Body!);
                break;
            case ExprKind.And or ExprKind.Or:
                foreach (var operand in expr.Operands ?? []) FlattenBody(operand);
                PushModifiersDown(expr, expr.Operands ?? []);
                break;
            case ExprKind.Block:
                if (expr.Body != null)
                {
                    FlattenBody(expr.Body);
                    PushModifiersDown(expr, [expr.Body]);
                }
                break;
        }
        if (support.Count == 0)
        {
            SplitComposite(expr, output);
            return;
        }
        foreach (var s in support) s.With.AddRange(expr.With);
        if (!expr.Negated)
        {
            output.AddRange(support);
            SplitComposite(expr, output);
            return;
        }

        // not E, where E needs support calls: those must fail inside the negation, not outside it, so
        // E and its support become a set comprehension {true | support; E}, and the negation holds when
        // that set is empty: count(set, n), equal(n, 0).
        var inner = new Body { Location = expr.Location };
        foreach (var s in support)
        {
            AdoptTemps(s, inner);
            inner.Exprs.Add(s);
        }
        expr.Negated = false;
        inner.Exprs.Add(expr);
        var set = new SetComprehension { Head = new BooleanTerm(true) { Location = expr.Location }, Body = inner, Location = expr.Location };
        var n = Temp(owner, expr);
        output.Add(TermFactory.Call("count", expr.Location, set, n));
        output.Add(TermFactory.Call("equal", expr.Location, new VarTerm(n.Name) { Location = expr.Location }, new NumberTerm("0") { Location = expr.Location }));
    }

    private void FlattenCallArgs(Expr expr, List<Expr> support, Body owner)
    {
        var args = expr.Args!;
        if (rewritePrint && expr.OperatorName == "print")
        {
            RewritePrint(expr);
            return;
        }
        var isEq = expr.OperatorName == "eq";
        for (var i = 0; i < args.Count; i++)
        {
            args[i] = Simplify(args[i], support, owner);
            // A ref that may iterate (a var part) is looked up before the call, so the call only ever
            // sees values: equal(foo, input.foos[foo]) becomes eq(t, input.foos[foo]), equal(foo, t).
            if (!isEq && args[i] is RefTerm r && HasVarPart(r))
            {
                var value = Temp(owner, r);
                support.Add(TermFactory.Call("eq", r.Location, value, r));
                args[i] = new VarTerm(value.Name) { Location = r.Location };
            }
        }
    }

    /// <summary>
    /// A head (rule or comprehension) that iterates (<c>q(_) := xs[_]</c>) gets its lookup moved into the
    /// body, as OPA does, so heads only hold values: <c>eq(t, xs[k])</c>, head value t.
    /// </summary>
    private Term ExtractIteratingRefs(Term term, List<Expr> support, Body owner)
    {
        switch (term)
        {
            case RefTerm r when HasVarPart(r):
                {
                    var value = Temp(owner, r);
                    support.Add(TermFactory.Call("eq", r.Location, value, r));
                    return new VarTerm(value.Name) { Location = r.Location };
                }
            case ArrayTerm a:
                for (var i = 0; i < a.Items.Count; i++) a.Items[i] = ExtractIteratingRefs(a.Items[i], support, owner);
                return a;
            case SetTerm st:
                for (var i = 0; i < st.Items.Count; i++) st.Items[i] = ExtractIteratingRefs(st.Items[i], support, owner);
                return st;
            case ObjectTerm o:
                for (var i = 0; i < o.Items.Count; i++)
                {
                    o.Items[i] = new(ExtractIteratingRefs(o.Items[i].Key, support, owner), ExtractIteratingRefs(o.Items[i].Value, support, owner));
                }
                return o;
            default:
                return term;
        }
    }

    private static bool HasVarPart(RefTerm r)
    {
        foreach (var p in r.Parts)
        {
            if (p is VarTerm) return true;
        }
        return false;
    }

    private void RewritePrint(Expr expr)
    {
        var array = new ArrayTerm { Location = expr.Location };
        foreach (var arg in expr.Args!)
        {
            var body = new Body { Location = arg.Location };
            var value = Temp(body, arg);
            var argSupport = new List<Expr>();
            var simple = Simplify(arg, argSupport, body);
            body.Exprs.AddRange(argSupport);
            body.Exprs.Add(TermFactory.Call("eq", arg.Location, value, simple));
            array.Items.Add(new SetComprehension { Head = new VarTerm(value.Name) { Location = arg.Location }, Body = body, Location = arg.Location });
        }
        expr.Operator = TermFactory.Operator("internal.print", expr.Operator!.Location);
        expr.Args!.Clear();
        expr.Args.Add(array);
    }

    /// <summary>Returns a simple term for <paramref name="term"/>, emitting the calls it holds into <paramref name="support"/>.</summary>
    private Term Simplify(Term term, List<Expr> support, Body owner)
    {
        switch (term)
        {
            case CallTerm call:
                {
                    var args = new List<Term>(call.Args.Count + 1);
                    foreach (var a in call.Args) args.Add(Simplify(a, support, owner));
                    var output = Temp(owner, call);
                    args.Add(output);
                    var expr = TermFactory.Call(call.Operator, call.Location, args);
                    if (rewritePrint && call.OperatorName == "print")
                    {
                        // print used as a value still prints; its "value" is the call's success.
                        args.RemoveAt(args.Count - 1);
                        FlattenCallArgs(expr, support, owner);
                        support.Add(expr);
                        return new BooleanTerm(true) { Location = call.Location };
                    }
                    support.Add(expr);
                    return new VarTerm(output.Name) { Location = call.Location };
                }
            case TemplateStringTerm template:
                {
                    var parts = new ArrayTerm { Location = template.Location };
                    foreach (var p in template.Parts) parts.Items.Add(Simplify(p, support, owner));
                    var output = Temp(owner, template);
                    support.Add(TermFactory.Call(TemplateStringBuiltin, template.Location, parts, output));
                    return new VarTerm(output.Name) { Location = template.Location };
                }
            case ExprTerm et:
                return SimplifyEmbeddedExpr(et, support, owner);
            case RefTerm r:
                r.Head = Simplify(r.Head, support, owner);
                for (var i = 0; i < r.Parts.Count; i++)
                {
                    if (r.Parts[i] is not StringTerm) r.Parts[i] = Simplify(r.Parts[i], support, owner);
                }
                return r;
            case ArrayTerm a:
                for (var i = 0; i < a.Items.Count; i++) a.Items[i] = Simplify(a.Items[i], support, owner);
                return a;
            case SetTerm s:
                for (var i = 0; i < s.Items.Count; i++) s.Items[i] = Simplify(s.Items[i], support, owner);
                return s;
            case ObjectTerm o:
                for (var i = 0; i < o.Items.Count; i++)
                {
                    o.Items[i] = new(Simplify(o.Items[i].Key, support, owner), Simplify(o.Items[i].Value, support, owner));
                }
                return o;
            case ArrayComprehension ac:
                FlattenBody(ac.Body);
                ac.Head = SimplifyInto(ac.Head, ac.Body);
                return ac;
            case SetComprehension sc:
                FlattenBody(sc.Body);
                sc.Head = SimplifyInto(sc.Head, sc.Body);
                return sc;
            case ObjectComprehension oc:
                FlattenBody(oc.Body);
                oc.Key = SimplifyInto(oc.Key, oc.Body);
                oc.Value = SimplifyInto(oc.Value, oc.Body);
                return oc;
            default:
                return term;
        }
    }

    /// <summary>
    /// A template string's embedded expression with modifiers (<c>{f(x) with input as 1}</c>): its value
    /// goes to a fresh local, computed under the modifiers.
    /// </summary>
    private VarTerm SimplifyEmbeddedExpr(ExprTerm et, List<Expr> support, Body owner)
    {
        var expr = et.Expr;
        foreach (var w in expr.With) w.Value = Simplify(w.Value, support, owner);
        var inner = new List<Expr>();
        var output = Temp(owner, et);
        Expr final;
        if (expr.Kind == ExprKind.Call && expr.Args != null)
        {
            for (var i = 0; i < expr.Args.Count; i++) expr.Args[i] = Simplify(expr.Args[i], inner, owner);
            expr.Args.Add(output);
            final = expr;
        }
        else
        {
            var value = Simplify(expr.Term ?? new NullTerm(), inner, owner);
            final = TermFactory.Call("eq", et.Location, output, value);
            final.With.AddRange(expr.With);
        }
        foreach (var s in inner) s.With.AddRange(expr.With);
        support.AddRange(inner);
        support.Add(final);
        return new VarTerm(output.Name) { Location = et.Location };
    }

    /// <summary>A comprehension head's calls run at the end of the comprehension body.</summary>
    private Term SimplifyInto(Term head, Body body)
    {
        var support = new List<Expr>();
        var simple = ExtractIteratingRefs(Simplify(head, support, body), support, body);
        body.Exprs.AddRange(support);
        return simple;
    }

    private VarTerm Temp(Body owner, Node near) => new(locals.Temp(owner)) { Location = near.Location };

    /// <summary>Support calls moved into a negation's comprehension: their temporaries now live there.</summary>
    private void AdoptTemps(Expr expr, Body inner)
    {
        if (expr.Args == null) return;
        foreach (var a in expr.Args)
        {
            if (a is VarTerm v && locals.IsLocal(v.Name) && !locals.IsUserVar(v.Name)) locals.Adopt(v.Name, inner);
        }
    }
}
