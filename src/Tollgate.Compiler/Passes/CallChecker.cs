using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// Checks every call against the rule tree and the capabilities: unknown functions, wrong arity, and
/// <c>with</c> targets. Also tells the safety pass which argument of a call is its output.
/// </summary>
internal sealed class CallChecker(RuleTree rules, Capabilities capabilities, DiagnosticBag diagnostics) : ICallShapes
{
    /// <summary>Builtins the passes themselves introduce; they are not in OPA's catalogue.</summary>
    private static readonly Dictionary<string, int> InternalArity = new(StringComparer.Ordinal)
    {
        [CallFlattener.TemplateStringBuiltin] = 1,
    };

    public int OutputIndex(Expr call)
    {
        var n = call.Args?.Count ?? 0;
        var name = call.OperatorName;
        if (IsUnknown(name))
        {
            // Already reported as an undefined function: let a trailing var count as its output so the
            // error does not cascade into "var … is unsafe" for everything downstream.
            return n > 0 && call.Args![n - 1] is VarTerm ? n - 1 : -1;
        }
        var arity = ValueArity(name);
        return arity >= 0 && n == arity + 1 ? n - 1 : -1;
    }

    private bool IsUnknown(string name)
    {
        if (name == "eq" || InternalArity.ContainsKey(name)) return false;
        if (name.StartsWith("data.", StringComparison.Ordinal)) return FindFunction(name) == null;
        return capabilities.Find(name) == null;
    }

    /// <summary>The number of inputs of a value-producing function, or -1 (unknown, or produces no value).</summary>
    private int ValueArity(string name)
    {
        if (name == "eq") return -1;
        if (name.StartsWith("data.", StringComparison.Ordinal))
        {
            var set = FindFunction(name);
            return set != null ? set.Arity : -1;
        }
        if (InternalArity.TryGetValue(name, out var internalArity)) return internalArity;
        var sig = capabilities.Find(name);
        if (sig == null || sig.Result == null || sig.Variadic) return -1;
        return sig.Arity;
    }

    private RuleSet? FindFunction(string dottedName)
    {
        var segments = dottedName.Split('.');
        var path = new List<string>(segments.Length - 1);
        for (var i = 1; i < segments.Length; i++) path.Add(segments[i]);
        var set = rules.Find(path);
        return set is { Kind: RuleKind.Function } ? set : null;
    }

    public void CheckBody(Body body) => new CallVisitor(this).VisitBody(body);

    public void CheckRule(Rule rule) => new CallVisitor(this).VisitRule(rule);

    /// <summary>Finds the calls (statements and values) and <c>with</c> targets of a rule or query.</summary>
    private sealed class CallVisitor(CallChecker checker) : EvaluatedTermVisitor
    {
        public override void VisitExpr(Expr expr)
        {
            if (expr.Kind == ExprKind.Call)
            {
                checker.CheckCall(expr.Operator!, expr.Args?.Count ?? 0, statement: true, expr.Location);
            }
            base.VisitExpr(expr);
        }

        public override void VisitWith(With with)
        {
            checker.CheckWithTarget(with);
            base.VisitWith(with);
        }

        protected override void VisitCall(CallTerm call)
        {
            checker.CheckCall(call.Operator, call.Args.Count, statement: false, call.Location);
            base.VisitCall(call);
        }
    }

    /// <summary>A statement call may carry one extra (output) argument; a call used as a value may not.</summary>
    private void CheckCall(RefTerm op, int argCount, bool statement, Rego.Text.SourceLocation location)
    {
        var name = op.ToDottedString();
        if (name is "eq" or "assign")
        {
            if (argCount != 2) ReportArity(name, 2, argCount, location);
            return;
        }
        if (name.StartsWith("data.", StringComparison.Ordinal))
        {
            var set = FindFunction(name);
            if (set == null)
            {
                diagnostics.Add(DiagnosticCodes.TypeError, $"undefined function {name}", location);
                return;
            }
            if (argCount != set.Arity && !(statement && argCount == set.Arity + 1))
            {
                ReportArity(name, set.Arity, argCount, location);
            }
            return;
        }
        if (InternalArity.ContainsKey(name)) return;
        var sig = capabilities.Find(name);
        if (sig == null)
        {
            diagnostics.Add(DiagnosticCodes.TypeError, $"undefined function {name}", location);
            return;
        }
        if (sig.Variadic) return;
        var allowsOutput = statement && sig.Result != null;
        if (argCount != sig.Arity && !(allowsOutput && argCount == sig.Arity + 1))
        {
            // Builtins get OPA's richer form; argument types are only known after flattening, so "have"
            // lists one "any" per argument given.
            var have = new System.Text.StringBuilder("(");
            for (var i = 0; i < argCount; i++) have.Append(i > 0 ? ", any" : "any");
            have.Append(')');
            diagnostics.Add(DiagnosticCodes.TypeError, $"{name}: arity mismatch\n\thave: {have}\n\twant: {sig.DescribeArgs()}", location);
        }
    }

    private void ReportArity(string name, int arity, int got, Rego.Text.SourceLocation location)
    {
        diagnostics.Add(DiagnosticCodes.TypeError,
            $"function {name} has arity {arity}, got {got} argument{(got == 1 ? "" : "s")}", location);
    }

    private void CheckWithTarget(With with)
    {
        if (with.Target is RefTerm r && r.Head is VarTerm head)
        {
            if (head.Name is "input") return;
            if (head.Name == "data")
            {
                return;
            }
            var name = r.ToDottedString();
            if (capabilities.Find(name) != null) return;
        }
        diagnostics.Add(DiagnosticCodes.TypeError, "with keyword target must reference existing input, data, or a function", with.Target.Location);
    }
}
