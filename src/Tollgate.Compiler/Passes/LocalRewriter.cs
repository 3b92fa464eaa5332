using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// Normal-form rules 1, 2, 3 and 5 for one rule or query: makes data references absolute (rule names of
/// the package and import aliases), renames every local to a unique <c>__localN__</c>, checks and turns
/// <c>:=</c> into <c>eq</c>, and rewrites <c>some</c> declarations.
/// </summary>
internal sealed partial class LocalRewriter
{
    private readonly IReadOnlyDictionary<string, RefTerm> _globals;
    private readonly LocalTable _locals;
    private readonly DiagnosticBag _diagnostics;

    private readonly HashSet<string>? _usedGlobals;

    public LocalRewriter(IReadOnlyDictionary<string, RefTerm> globals, LocalTable locals, DiagnosticBag diagnostics, HashSet<string>? usedGlobals = null)
    {
        _usedGlobals = usedGlobals;
        _globals = globals;
        _locals = locals;
        _diagnostics = diagnostics;
    }

    /// <summary>A lexical scope: a rule's arguments, a body, a comprehension body or an every body.</summary>
    private sealed class Scope(Scope? parent, object owner)
    {
        public Scope? Parent { get; } = parent;
        public object Owner { get; } = owner;
        public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);
        /// <summary>Names declared here by := or some (redeclaring them is an error).</summary>
        public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);
        /// <summary>Names used anywhere in this body outside nested closures: closures share them.</summary>
        public HashSet<string> OwnNames { get; } = new(StringComparer.Ordinal);
        /// <summary>Names declared anywhere in this body: they shadow rule names for the whole body.</summary>
        public HashSet<string> DeclaredAnywhere { get; } = new(StringComparer.Ordinal);
    }

    public void RewriteRule(Rule rule)
    {
        var args = new Scope(null, LocalTable.ArgsOwner);
        for (var r = rule; r != null; r = r.Else)
        {
            if (r.Head.Args is { } headArgs)
            {
                for (var i = 0; i < headArgs.Count; i++)
                {
                    // Else branches repeat the arguments; they must map to the same locals.
                    headArgs[i] = r == rule ? DeclareArgument(args, headArgs[i]) : ResolveTerm(args, headArgs[i]);
                }
            }
            var scope = new Scope(args, r.Body);
            Prescan(scope, r.Body);
            PrescanHead(scope, r.Head);
            RewriteBody(scope, r.Body);
            RewriteHead(scope, r.Head);
        }
    }

    /// <summary>Rewrites a query; its user vars keep their names (the table does not rename them).</summary>
    public void RewriteQuery(Body query)
    {
        var scope = new Scope(null, query);
        Prescan(scope, query);
        RewriteBody(scope, query);
    }

    private void RewriteHead(Scope scope, RuleHead head)
    {
        var parts = head.Ref.Parts;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is not StringTerm) parts[i] = ResolveTerm(scope, parts[i]);
        }
        if (head.Key != null) head.Key = ResolveTerm(scope, head.Key);
        if (head.Value != null) head.Value = ResolveTerm(scope, head.Value);
    }

    private void RewriteBody(Scope scope, Body body)
    {
        var output = new List<Expr>(body.Exprs.Count);
        foreach (var expr in body.Exprs)
        {
            if (RewriteExpr(scope, expr) is { } rewritten) output.Add(rewritten);
        }
        body.Exprs.Clear();
        body.Exprs.AddRange(output);
    }

    /// <summary>Returns the rewritten expression, or null when it disappears (<c>some x</c>).</summary>
    private Expr? RewriteExpr(Scope scope, Expr expr)
    {
        foreach (var with in expr.With)
        {
            with.Target = ResolveWithTarget(with.Target);
            with.Value = ResolveTerm(scope, with.Value);
        }
        switch (expr.Kind)
        {
            case ExprKind.Some when expr.Domain == null:
                if (expr.Vars != null)
                {
                    foreach (var v in expr.Vars) Declare(scope, v, isAssignment: false);
                }
                return null;
            case ExprKind.Some:
                return RewriteSomeIn(scope, expr);
            case ExprKind.Every:
                RewriteEvery(scope, expr);
                return expr;
            case ExprKind.And or ExprKind.Or:
                // Each operand is checked once, like a closure: it sees the outer locals, binds none.
                foreach (var operand in expr.Operands ?? []) EnterClosure(scope, operand);
                return expr;
            case ExprKind.Block:
                if (expr.Body != null) EnterClosure(scope, expr.Body);
                return expr;
            case ExprKind.Call when expr.OperatorName == "assign" && expr.Args is { Count: 2 } assignArgs:
                assignArgs[1] = ResolveTerm(scope, assignArgs[1]);
                assignArgs[0] = DeclareAssigned(scope, assignArgs[0], expr.Negated);
                expr.Operator = new RefTerm { Head = new VarTerm("eq") { Location = expr.Operator!.Location }, Location = expr.Operator.Location };
                return expr;
            case ExprKind.Call:
                expr.Operator = ResolveOperator(expr.Operator!);
                if (expr.Args != null)
                {
                    for (var i = 0; i < expr.Args.Count; i++) expr.Args[i] = ResolveTerm(scope, expr.Args[i]);
                }
                return expr;
            default:
                if (expr.Term != null) expr.Term = ResolveTerm(scope, expr.Term);
                return expr;
        }
    }

    /// <summary><c>some k, v in xs</c> becomes <c>eq(v, xs[k])</c> with k a fresh local when not named.</summary>
    private Expr RewriteSomeIn(Scope scope, Expr expr)
    {
        var domain = ResolveTerm(scope, expr.Domain!);
        var key = expr.Key != null
            ? DeclarePattern(scope, expr.Key)
            : new VarTerm(_locals.Temp(scope.Owner)) { Location = expr.Location };
        var value = expr.Value != null ? DeclarePattern(scope, expr.Value) : new VarTerm(_locals.Temp(scope.Owner)) { Location = expr.Location };
        var element = TermFactory.Index(domain, key);
        var eq = TermFactory.Call("eq", expr.Location, value, element);
        eq.With.AddRange(expr.With);
        return eq;
    }

    private void RewriteEvery(Scope scope, Expr expr)
    {
        expr.Domain = ResolveTerm(scope, expr.Domain!);
        var body = expr.Body ?? new Body();
        expr.Body = body;
        var inner = new Scope(scope, body);
        expr.Key = expr.Key != null
            ? DeclarePattern(inner, expr.Key)
            : new VarTerm(_locals.Temp(body)) { Location = expr.Location };
        if (expr.Value != null) expr.Value = DeclarePattern(inner, expr.Value);
        Prescan(inner, body);
        RewriteBody(inner, body);
    }

    private Term DeclareArgument(Scope args, Term term)
    {
        switch (term)
        {
            case VarTerm v:
                if (LocalTable.IsRoot(v.Name))
                {
                    _diagnostics.Add(DiagnosticCodes.CompileError, $"args must not shadow {v.Name} (use a different variable name)", v.Location);
                }
                var name = _locals.Fresh(v.Name, LocalTable.ArgsOwner);
                if (!LocalTable.IsWildcardName(v.Name)) args.Names[v.Name] = name;
                return new VarTerm(name) { Location = v.Location };
            case ArrayTerm a:
                for (var i = 0; i < a.Items.Count; i++) a.Items[i] = DeclareArgument(args, a.Items[i]);
                return a;
            case ObjectTerm o:
                for (var i = 0; i < o.Items.Count; i++)
                {
                    o.Items[i] = new(ResolveTerm(args, o.Items[i].Key), DeclareArgument(args, o.Items[i].Value));
                }
                return o;
            default:
                return ResolveTerm(args, term);
        }
    }

    /// <summary>The left side of <c>:=</c>: a var or an array/object pattern of vars.</summary>
    private Term DeclareAssigned(Scope scope, Term lhs, bool negated)
    {
        if (lhs is RefTerm { Parts.Count: 0, Head: VarTerm bare }) lhs = bare;
        if (negated)
        {
            _diagnostics.Add(DiagnosticCodes.CompileError, "cannot assign vars inside negated expression", lhs.Location);
        }
        switch (lhs)
        {
            case VarTerm or ArrayTerm or ObjectTerm:
                return DeclarePattern(scope, lhs, isAssignment: true);
            case RefTerm:
                _diagnostics.Add(DiagnosticCodes.CompileError, "cannot assign to ref", lhs.Location);
                return ResolveTerm(scope, lhs);
            default:
                // A template string is a string to OPA here, not the parser's "templatestring".
                var kind = lhs is TemplateStringTerm ? "string" : TermKindNames.Of(lhs);
                _diagnostics.Add(DiagnosticCodes.CompileError, "cannot assign to " + kind, lhs.Location);
                return ResolveTerm(scope, lhs);
        }
    }

    private Term DeclarePattern(Scope scope, Term term, bool isAssignment = false)
    {
        switch (term)
        {
            case VarTerm v:
                return Declare(scope, v, isAssignment);
            case ArrayTerm a:
                for (var i = 0; i < a.Items.Count; i++) a.Items[i] = DeclarePattern(scope, a.Items[i], isAssignment);
                return a;
            case ObjectTerm o:
                for (var i = 0; i < o.Items.Count; i++)
                {
                    o.Items[i] = new(ResolveTerm(scope, o.Items[i].Key), DeclarePattern(scope, o.Items[i].Value, isAssignment));
                }
                return o;
            default:
                return ResolveTerm(scope, term);
        }
    }

    private VarTerm Declare(Scope scope, VarTerm v, bool isAssignment)
    {
        if (LocalTable.IsWildcardName(v.Name))
        {
            return new VarTerm(_locals.Fresh(v.Name, scope.Owner)) { Location = v.Location };
        }
        if (LocalTable.IsRoot(v.Name))
        {
            _diagnostics.Add(DiagnosticCodes.CompileError, $"variables must not shadow {v.Name} (use a different variable name)", v.Location);
        }
        else if (scope.Names.ContainsKey(v.Name))
        {
            if (scope.Declared.Contains(v.Name))
            {
                _diagnostics.Add(DiagnosticCodes.CompileError, $"var {v.Name} {(isAssignment ? "assigned" : "declared")} above", v.Location);
            }
            else
            {
                _diagnostics.Add(DiagnosticCodes.CompileError, $"var {v.Name} referenced above", v.Location);
            }
        }
        var name = _locals.Fresh(v.Name, scope.Owner);
        scope.Names[v.Name] = name;
        scope.Declared.Add(v.Name);
        var declared = new VarTerm(name) { Location = v.Location };
        _locals.Declarations.Add((declared, isAssignment));
        return declared;
    }
}
