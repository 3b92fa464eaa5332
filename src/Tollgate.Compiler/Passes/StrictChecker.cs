using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// The extra checks of <c>opa check --strict</c>: duplicate and unused imports, locals assigned or
/// declared but never used, and calls of deprecated builtins.
/// </summary>
internal sealed class StrictChecker(DiagnosticBag diagnostics)
{
    /// <summary>Import aliases the module's rules resolved to (filled by the local rewriter).</summary>
    public HashSet<string> UsedGlobals { get; } = new(StringComparer.Ordinal);

    public void CheckImports(Module module)
    {
        UsedGlobals.Clear();
        // Two imports binding the same name (OPA: "import must not shadow import data.x.y").
        var seen = new Dictionary<string, Import>(StringComparer.Ordinal);
        foreach (var import in module.Imports)
        {
            var name = import.Alias;
            if (name == null && import.Path.Parts.Count > 0 && import.Path.Parts[^1] is StringTerm last) name = last.Value;
            name ??= import.Path.ToDottedString();
            if (seen.TryGetValue(name, out var first))
            {
                var shown = first.Path.ToDottedString() + (first.Alias != null ? " as " + first.Alias : "");
                diagnostics.Add(DiagnosticCodes.CompileError, $"import must not shadow import {shown}", import.Location);
            }
            else
            {
                seen.Add(name, import);
            }
        }
    }

    public void ReportUnusedImports(Module module)
    {
        foreach (var import in module.Imports)
        {
            if (import.Path.Head is not VarTerm root || !LocalTable.IsRoot(root.Name)) continue;
            var alias = import.Alias;
            if (alias == null && import.Path.Parts.Count > 0 && import.Path.Parts[^1] is StringTerm last) alias = last.Value;
            if (alias == null || UsedGlobals.Contains(alias)) continue;
            diagnostics.Add(DiagnosticCodes.CompileError, $"import {import.Path.ToDottedString()} unused", import.Location);
        }
    }

    /// <summary>Locals declared with := or some that appear nowhere else in the rule.</summary>
    public void Record(Rule rule, LocalTable locals)
    {
        if (locals.Declarations.Count == 0) return;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        new UseCounter(counts).VisitRule(rule);
        foreach (var (v, assigned) in locals.Declarations)
        {
            var original = locals.OriginalName(v.Name);
            if (original == "_" || original.StartsWith('_')) continue;
            if (counts.TryGetValue(v.Name, out var n) && n > 1) continue;
            diagnostics.Add(DiagnosticCodes.CompileError, $"{(assigned ? "assigned" : "declared")} var {original} unused", v.Location);
        }
    }

    public static void CheckDeprecatedBuiltins(IReadOnlyList<Module> modules, Capabilities capabilities, DiagnosticBag diagnostics)
    {
        foreach (var module in modules)
        {
            foreach (var rule in module.Rules)
            {
                for (var r = rule; r != null; r = r.Else) DeprecatedInBody(r.Body, capabilities, diagnostics);
            }
        }
    }

    private static void DeprecatedInBody(Body body, Capabilities capabilities, DiagnosticBag diagnostics)
    {
        foreach (var e in body.Exprs)
        {
            if (e.Kind == ExprKind.Call && capabilities.Find(e.OperatorName) is { Deprecated: true } sig)
            {
                diagnostics.Add(DiagnosticCodes.TypeError, $"deprecated built-in function calls in expression: {sig.Name}", e.Location);
            }
            if (e.Body != null) DeprecatedInBody(e.Body, capabilities, diagnostics);
            if (e.Operands != null)
            {
                foreach (var operand in e.Operands) DeprecatedInBody(operand, capabilities, diagnostics);
            }
            if (e.Args != null)
            {
                foreach (var a in e.Args) DeprecatedInTerm(a, capabilities, diagnostics);
            }
            if (e.Term != null) DeprecatedInTerm(e.Term, capabilities, diagnostics);
        }
    }

    private static void DeprecatedInTerm(Term term, Capabilities capabilities, DiagnosticBag diagnostics)
    {
        switch (term)
        {
            case ArrayComprehension ac:
                DeprecatedInBody(ac.Body, capabilities, diagnostics);
                break;
            case SetComprehension sc:
                DeprecatedInBody(sc.Body, capabilities, diagnostics);
                break;
            case ObjectComprehension oc:
                DeprecatedInBody(oc.Body, capabilities, diagnostics);
                break;
        }
    }

    /// <summary>How often each var appears in a rule (its declaration included).</summary>
    private sealed class UseCounter(Dictionary<string, int> counts) : EvaluatedTermVisitor
    {
        public override void VisitTerm(Term term)
        {
            // Expressions embedded in template strings were never counted; kept so that --strict reports
            // exactly what it did (a var used only in one is still reported unused).
            if (term is not ExprTerm) base.VisitTerm(term);
        }

        protected override void VisitVar(VarTerm variable) =>
            counts[variable.Name] = counts.TryGetValue(variable.Name, out var n) ? n + 1 : 1;
    }
}
