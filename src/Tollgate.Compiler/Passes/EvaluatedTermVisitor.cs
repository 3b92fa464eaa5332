using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// The walk the compile passes share: over what a rule evaluates. It leaves out what only names something —
/// a <c>with</c> target (what is replaced), a call's operator (which function), a rule head's name and its
/// arguments (bound by the caller) — and visits a rule's body before its head, which is computed from it.
/// </summary>
internal abstract class EvaluatedTermVisitor : AstVisitor
{
    public override void VisitRule(Rule rule)
    {
        VisitBody(rule.Body);
        VisitRuleHead(rule.Head);
        if (rule.Else != null) VisitRule(rule.Else);
    }

    /// <summary>The keys of a ref head (<c>p[k]</c>), the set element and the value.</summary>
    public override void VisitRuleHead(RuleHead head)
    {
        VisitTerms(head.Ref.Parts);
        VisitOptional(head.Key);
        VisitOptional(head.Value);
    }

    public override void VisitWith(With with) => VisitTerm(with.Value);

    protected override void VisitOperator(RefTerm op)
    {
    }
}
