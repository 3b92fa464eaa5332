using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>Collects the var names a term uses, not looking into closures (comprehension bodies).</summary>
internal sealed class NameCollector(HashSet<string> into) : EvaluatedTermVisitor
{
    public static void Collect(Term term, HashSet<string> into) => new NameCollector(into).VisitTerm(term);

    protected override void VisitVar(VarTerm variable)
    {
        if (!LocalTable.IsWildcardName(variable.Name)) into.Add(variable.Name);
    }

    /// <summary>A comprehension is a closure, head included: its names are its own.</summary>
    protected override void VisitComprehension(Term comprehension, Term head, Term? value, Body body)
    {
    }

    /// <summary>Only nested bodies come here (a term is the unit visited): closures too.</summary>
    public override void VisitBody(Body body)
    {
    }
}
