using Tollgate.Rego.Ast;

namespace Tollgate.Rego.Tests.Support;

/// <summary>Calls back for every node of a parsed module, parents before children (tests only).</summary>
internal sealed class AstWalker(Action<Node> visit) : AstVisitor
{
    public static void Walk(Module module, Action<Node> visit) => new AstWalker(visit).VisitModule(module);

    public override void VisitModule(Module module)
    {
        visit(module);
        base.VisitModule(module);
    }

    public override void VisitPackage(Package package)
    {
        visit(package);
        base.VisitPackage(package);
    }

    public override void VisitImport(Import import)
    {
        visit(import);
        base.VisitImport(import);
    }

    public override void VisitRule(Rule rule)
    {
        visit(rule);
        base.VisitRule(rule);
    }

    public override void VisitRuleHead(RuleHead head)
    {
        visit(head);
        base.VisitRuleHead(head);
    }

    public override void VisitBody(Body body)
    {
        visit(body);
        base.VisitBody(body);
    }

    public override void VisitExpr(Expr expr)
    {
        visit(expr);
        base.VisitExpr(expr);
    }

    public override void VisitWith(With with)
    {
        visit(with);
        base.VisitWith(with);
    }

    public override void VisitTerm(Term term)
    {
        visit(term);
        base.VisitTerm(term);
    }
}
