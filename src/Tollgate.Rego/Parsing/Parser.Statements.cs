using Tollgate.Rego.Ast;

namespace Tollgate.Rego.Parsing;

/// <summary>
/// Rules written as single statements without a body, as OPA reads them: <c>p := 1</c>, <c>p = 1</c>,
/// <c>p[x] = 1</c>, <c>f(x) := y</c>, <c>a.b.c</c> (value true), v0 <c>p[x]</c> (set element), <c>f(x)</c>.
/// </summary>
internal sealed partial class Parser
{
    private Rule? RuleFromStatement(Body body)
    {
        var expr = body.Exprs[0];
        if (body.Exprs.Count != 1)
        {
            Error(expr.Location, "multiple expressions cannot be used for rule head");
            return null;
        }
        if (expr.With.Count > 0)
        {
            Error(expr.Location, "expressions using with keyword cannot be used for rule head");
            return null;
        }
        if (expr.Negated)
        {
            Error(expr.Location, "negated expressions cannot be used for rule head");
            return null;
        }
        switch (expr.Kind)
        {
            case ExprKind.Some:
                Error(expr.Location, "'some' declarations cannot be used for rule head");
                return null;
            case ExprKind.Every or ExprKind.And or ExprKind.Or or ExprKind.Block:
                Error(expr.Location, "expression cannot be used for rule head");
                return null;
            case ExprKind.Term:
                return RuleFromTerm(expr);
        }

        var args = expr.Args!;
        if (expr.Operator is { Parts.Count: 0, Head: VarTerm { Name: "eq" or "assign" } op } && args.Count == 2)
        {
            return RuleFromAssignment(expr, args[0], args[1], op.Name == "assign" ? AssignOperator.Assign : AssignOperator.Unify);
        }
        return RuleFromCall(expr, expr.Operator!, args);
    }

    private Rule? RuleFromTerm(Expr expr)
    {
        var term = expr.Term!;
        if (term is not RefTerm reference)
        {
            Error(expr.Location, $"{TermKindNames.Of(term)} cannot be used for rule name");
            return null;
        }
        if (reference.Head is not VarTerm)
        {
            Error(expr.Location, $"invalid rule head: {reference.ToDottedString()}");
            return null;
        }
        if (reference.Parts.Count == 0)
        {
            Error(expr.Location, "refs cannot be used for rule head");
            return null;
        }
        var head = new HeadSyntax { Ref = reference, Location = term.Location };
        if (reference.Parts.Count == 1)
        {
            // v0's "p[x]": a set element without a body (v1 reports the missing "contains").
            head.Key = reference.Parts[0];
            head.Ref = new RefTerm { Head = reference.Head, Location = reference.Head.Location };
        }
        else
        {
            head.Value = new BooleanTerm(true) { Location = term.Location };
            head.GeneratedValue = true;
        }
        var rule = MakeRule(head, TrueBody(term.Location), term.Location);
        rule.Syntax = new RuleSyntax(false, false, true, head.GeneratedValue);
        return rule;
    }

    private Rule? RuleFromAssignment(Expr expr, Term lhs, Term rhs, AssignOperator assign)
    {
        if (!HeadSyntax.TryNameParts(lhs, out var headRef, out var headArgs))
        {
            Error(expr.Location, lhs switch
            {
                RefTerm r => $"invalid rule head: {r.ToDottedString()}",
                CallTerm c => $"invalid rule head: {c.OperatorName}",
                _ => $"{TermKindNames.Of(lhs)} cannot be used for rule name",
            });
            return null;
        }
        var head = new HeadSyntax { Ref = headRef, Args = headArgs, Value = rhs, Assign = assign, Location = expr.Location };
        var rule = MakeRule(head, TrueBody(lhs.Location), expr.Location);
        rule.Syntax = new RuleSyntax(false, false, true, false);
        return rule;
    }

    private Rule? RuleFromCall(Expr expr, RefTerm op, List<Term> args)
    {
        if (IsOperatorBuiltin(expr.OperatorName))
        {
            Error(expr.Location, "rule name conflicts with built-in function");
            return null;
        }
        if (args.Count == 0)
        {
            Error(expr.Location, "rule argument list must take at least one argument");
            return null;
        }
        if (op.Head is not VarTerm)
        {
            Error(expr.Location, $"invalid rule head: {op.ToDottedString()}");
            return null;
        }
        var head = new HeadSyntax
        {
            Ref = op,
            Args = args,
            Value = new BooleanTerm(true) { Location = op.Location },
            GeneratedValue = true,
            Location = expr.Location,
        };
        var rule = MakeRule(head, TrueBody(op.Location), expr.Location);
        rule.Syntax = new RuleSyntax(false, false, true, true);
        return rule;
    }

    /// <summary>Builtins the parser itself produces from infix syntax; a statement using one is never a rule.</summary>
    private static bool IsOperatorBuiltin(string name) => name switch
    {
        "equal" or "neq" or "lt" or "lte" or "gt" or "gte" or "plus" or "minus" or "mul" or "div" or "rem"
            or "and" or "or" or "internal.member_2" or "internal.member_3" => true,
        _ => false,
    };
}
