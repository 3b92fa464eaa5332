using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Passes;

/// <summary>Tells which argument of a call expression is its output (-1 when none).</summary>
internal interface ICallShapes
{
    int OutputIndex(Expr call);
}

/// <summary>
/// Normal-form rule 6: reorders each body (stable, like OPA) so every local is bound before an input
/// position uses it; reports <c>var x is unsafe</c> for locals nothing can bind. Closures (comprehension
/// and every bodies) are ordered with the bindings of the point where they run.
/// </summary>
internal sealed class SafetyReorderer(LocalTable locals, ICallShapes shapes, DiagnosticBag diagnostics)
{
    private readonly VarUses _uses = new(locals);

    public void CheckRule(Rule rule)
    {
        var argsBound = new HashSet<string>(StringComparer.Ordinal);
        if (rule.Head.Args != null)
        {
            var argVars = new List<VarTerm>();
            foreach (var a in rule.Head.Args) _uses.AllVars(a, argVars);
            foreach (var v in argVars) argsBound.Add(v.Name);
        }
        for (var r = rule; r != null; r = r.Else)
        {
            var bound = Reorder(r.Body, argsBound);
            // As OPA: a head var the body mentions is reported there (if unsafe), not again for the head.
            var bodyVars = new List<VarTerm>();
            foreach (var e in r.Body.Exprs) _uses.AllVars(e, bodyVars);
            foreach (var v in bodyVars) bound.Add(v.Name);
            var headVars = new List<VarTerm>();
            foreach (var p in r.Head.Ref.Parts) _uses.AllVars(p, headVars);
            if (r.Head.Key != null) _uses.AllVars(r.Head.Key, headVars);
            if (r.Head.Value != null) _uses.AllVars(r.Head.Value, headVars);
            ReportUnbound(headVars, bound, new HashSet<string>(StringComparer.Ordinal));
        }
    }

    public HashSet<string> CheckQuery(Body query) => Reorder(query, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Orders <paramref name="body"/> in place; returns the locals bound after it.</summary>
    public HashSet<string> Reorder(Body body, HashSet<string> outerBound)
    {
        var bound = new HashSet<string>(outerBound, StringComparer.Ordinal);
        var remaining = new List<Expr>(body.Exprs);
        var ordered = new List<Expr>(remaining.Count);
        var inputs = new List<VarTerm>();
        var outputs = new HashSet<string>(StringComparer.Ordinal);
        bool progress;
        do
        {
            progress = false;
            for (var i = 0; i < remaining.Count; i++)
            {
                var expr = remaining[i];
                Analyze(expr, bound, inputs, outputs);
                if (!AllBound(inputs, bound)) continue;

                // Closures run here: order them with the bindings available at this point.
                ReorderClosures(expr, bound);
                ordered.Add(expr);
                remaining.RemoveAt(i);
                i--;
                bound.UnionWith(outputs);
                progress = true;
            }
        }
        while (progress && remaining.Count > 0);

        if (remaining.Count > 0)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var expr in remaining)
            {
                Analyze(expr, bound, inputs, outputs);
                ReportUnbound(inputs, bound, reported);
            }
            ordered.AddRange(remaining);
        }
        body.Exprs.Clear();
        body.Exprs.AddRange(ordered);
        return bound;
    }

    private void ReportUnbound(List<VarTerm> vars, HashSet<string> bound, HashSet<string> reported)
    {
        VarTerm? hiddenOnly = null;
        var any = false;
        foreach (var v in vars)
        {
            if (bound.Contains(v.Name)) continue;
            if (!locals.IsUserVar(v.Name) && !LocalTable.IsWildcardName(locals.OriginalName(v.Name)))
            {
                hiddenOnly ??= v;
                continue;
            }
            any = true;
            var name = locals.OriginalName(v.Name);
            if (reported.Add(v.Name))
            {
                diagnostics.Add(DiagnosticCodes.UnsafeVarError, $"var {name} is unsafe", v.Location);
            }
        }
        // Only compiler temporaries unbound (their producing call is unsafe for another reason): still an error.
        if (!any && hiddenOnly != null && reported.Add(hiddenOnly.Name))
        {
            diagnostics.Add(DiagnosticCodes.UnsafeVarError, $"var {hiddenOnly.Name} is unsafe", hiddenOnly.Location);
        }
    }

    private static bool AllBound(List<VarTerm> vars, HashSet<string> bound)
    {
        foreach (var v in vars)
        {
            if (!bound.Contains(v.Name)) return false;
        }
        return true;
    }

    /// <summary>Computes the locals <paramref name="expr"/> needs bound (inputs) and the ones it binds (outputs).</summary>
    private void Analyze(Expr expr, HashSet<string> bound, List<VarTerm> inputs, HashSet<string> outputs)
    {
        inputs.Clear();
        outputs.Clear();
        var all = new List<VarTerm>();
        _uses.AllVars(expr, all);
        if (!expr.Negated)
        {
            switch (expr.Kind)
            {
                case ExprKind.Call when expr.OperatorName == "eq" && expr.Args is { Count: 2 } eqArgs:
                    new Unification(_uses, bound, outputs).Run(eqArgs[0], eqArgs[1]);
                    break;
                case ExprKind.Call when expr.Args != null:
                    {
                        var iter = new List<VarTerm>();
                        foreach (var a in expr.Args) _uses.RefPartVars(a, iter);
                        var outIndex = shapes.OutputIndex(expr);
                        if (outIndex >= 0 && outIndex < expr.Args.Count) Unification.PatternVars(_uses, expr.Args[outIndex], iter);
                        foreach (var v in iter)
                        {
                            if (!bound.Contains(v.Name)) outputs.Add(v.Name);
                        }
                        break;
                    }
                case ExprKind.Term when expr.Term != null:
                    {
                        var iter = new List<VarTerm>();
                        _uses.RefPartVars(expr.Term, iter);
                        foreach (var v in iter)
                        {
                            if (!bound.Contains(v.Name)) outputs.Add(v.Name);
                        }
                        break;
                    }
            }
        }
        foreach (var v in all)
        {
            if (!outputs.Contains(v.Name)) inputs.Add(v);
        }
    }

    private void ReorderClosures(Expr expr, HashSet<string> bound) => new ClosureOrderer(this, bound).VisitExpr(expr);

    /// <summary>Orders the closures of one expression with the locals bound where it runs.</summary>
    private sealed class ClosureOrderer(SafetyReorderer reorderer, HashSet<string> bound) : EvaluatedTermVisitor
    {
        /// <summary>Only nested bodies come here (<c>and</c>/<c>or</c> operands, blocks): each is a closure.</summary>
        public override void VisitBody(Body body) => reorderer.Reorder(body, bound);

        /// <summary>The body runs once per element, with the key and value vars bound.</summary>
        protected override void VisitEvery(Expr every)
        {
            VisitOptional(every.Domain);
            var inner = new HashSet<string>(bound, StringComparer.Ordinal);
            var kv = new List<VarTerm>();
            if (every.Key != null) reorderer._uses.AllVars(every.Key, kv);
            if (every.Value != null) reorderer._uses.AllVars(every.Value, kv);
            foreach (var v in kv) inner.Add(v.Name);
            if (every.Body != null) reorderer.Reorder(every.Body, inner);
        }

        /// <summary>The head is computed after the body, from what the body binds.</summary>
        protected override void VisitComprehension(Term comprehension, Term head, Term? value, Body body)
        {
            var after = reorderer.Reorder(body, bound);
            reorderer.CheckClosureHead(after, head);
            if (value != null) reorderer.CheckClosureHead(after, value);
        }
    }

    private void CheckClosureHead(HashSet<string> bound, Term head)
    {
        new ClosureOrderer(this, bound).VisitTerm(head);
        var vars = new List<VarTerm>();
        _uses.AllVars(head, vars);
        ReportUnbound(vars, bound, new HashSet<string>(StringComparer.Ordinal));
    }
}
