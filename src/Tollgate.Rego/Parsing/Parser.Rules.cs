using Tollgate.Rego.Ast;
using Tollgate.Rego.Syntax;
using Tollgate.Rego.Text;

namespace Tollgate.Rego.Parsing;

/// <summary>
/// Rules with heads and bodies: <c>p if …</c>, <c>p contains x if …</c>, <c>f(x) := y if …</c>,
/// <c>default p := v</c>, else chains, multiple bodies, and v0's <c>p[x] { … }</c>. Rules without a
/// body such as <c>p := 1</c> are statements, converted in <see cref="RuleFromStatement"/>.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>The rules a statement defines, or null (with no new error) when it is not a rule with a body.</summary>
    private List<Rule>? ParseRules()
    {
        var start = _tok;
        KeywordStartsRef();
        var isDefault = false;
        if (_tok.Kind == TokenKind.Default)
        {
            Scan();
            isDefault = true;
            KeywordStartsRef();
        }
        if (_tok.Kind != TokenKind.Identifier)
        {
            return null;
        }
        var head = ParseHead(isDefault);
        if (head is null)
        {
            return null;
        }

        var ruleLocation = Loc(start);
        if (isDefault)
        {
            if (!ValidateDefault(head, ruleLocation))
            {
                return null;
            }
            var defaultRule = MakeRule(head, TrueBody(ruleLocation), ruleLocation);
            defaultRule.IsDefault = true;
            defaultRule.Syntax = new RuleSyntax(false, head.UsesContains, true, head.GeneratedValue);
            return [defaultRule];
        }

        var hasIf = _tok.Kind == TokenKind.If && !KeywordStartsRef();
        var refParts = head.Ref.Parts.Count;

        // "p[x] if …" is a single-value rule at p[x] (value true unless given).
        if (hasIf && !head.UsesContains && refParts == 1 && head.Value is null)
        {
            head.Value = new BooleanTerm(true) { Location = head.Location };
            head.GeneratedValue = true;
        }
        // v0 "p[x] { … }" is a multi-value rule p with element x; "p[k] = v { … }" stays a ref head.
        if (!hasIf && !head.UsesContains && head.Args is null && refParts == 1 && head.Value is null)
        {
            head.Key = head.Ref.Parts[0];
            head.Ref.Parts.Clear();
            head.Ref.Location = head.Ref.Head.Location;
        }

        Body? body;
        var generatedBody = false;
        if (hasIf)
        {
            Scan();
            var state = Save();
            body = TryBracedBodyFirst();
            var single = body is null ? ParseBodyLiteral() : null;
            // "p if { true }" must read braces as a body, not as a set literal or a block expression.
            if (body is not null)
            {
                // Already parsed as "{ body }".
            }
            else if (single is not null && !(single.Kind == ExprKind.Term && single.Term is SetTerm)
                && !(single.Kind == ExprKind.Block && !single.Negated && single.With.Count == 0))
            {
                body = new Body { Location = single.Location };
                body.Exprs.Add(single);
            }
            else
            {
                Restore(state);
                if (_tok.Kind != TokenKind.LeftBrace)
                {
                    // Report what the single-expression attempt found.
                    ParseBodyLiteral();
                    if (_errors.Count == state.ErrorCount)
                    {
                        Illegal("rule body expected");
                    }
                    return null;
                }
            }
        }
        else
        {
            body = null;
        }

        if (body is null)
        {
            if (_tok.Kind == TokenKind.LeftBrace)
            {
                Scan();
                body = ParseBody(TokenKind.RightBrace);
                if (body is null)
                {
                    return null;
                }
                Scan();
            }
            else if (head.UsesContains)
            {
                body = TrueBody(head.Location);
                generatedBody = true;
            }
            else
            {
                return null;
            }
        }

        var rule = MakeRule(head, body, ruleLocation);
        rule.Syntax = new RuleSyntax(hasIf, head.UsesContains, generatedBody, head.GeneratedValue);
        if (generatedBody)
        {
            rule.Location = head.Location;
            return [rule];
        }

        if (_tok.Kind == TokenKind.Else && !KeywordStartsRef())
        {
            if (head.Ref.Parts.Count > 0 && !IsGroundRef(head.Ref))
            {
                Error(_tok, "else keyword cannot be used on rules with variables in head");
                return null;
            }
            if (head.Key is not null)
            {
                Error(_tok, "else keyword cannot be used on multi-value rules");
                return null;
            }
            rule.Else = ParseElse(head);
            if (rule.Else is null)
            {
                return null;
            }
        }
        rule.Location = Span(start);

        var rules = new List<Rule> { rule };
        while (_tok.Kind == TokenKind.LeftBrace)
        {
            if (rule.Else is not null)
            {
                Error(_tok, "expected else keyword");
                return null;
            }
            var open = _tok;
            Scan();
            var nextBody = ParseBody(TokenKind.RightBrace);
            if (nextBody is null)
            {
                return null;
            }
            Scan();
            // Each extra body is a rule of its own with a copy of the head, located at its body.
            var nextHead = CopyHead(head, Span(open));
            var next = MakeRule(nextHead, nextBody, Span(open));
            next.Syntax = new RuleSyntax(hasIf, head.UsesContains, false, head.GeneratedValue);
            rules.Add(next);
        }
        return rules;
    }

    /// <summary>
    /// A shortcut for the common <c>p if { … }</c>: OPA first tries the braces as one expression (a set
    /// literal, which it then rejects) and only then as a body. Parsing the body first gives the same
    /// result whenever it succeeds and the rule ends right after the '}' — except for
    /// <c>{ a | b }</c>, which OPA reads as a set comprehension; that case, and every failure, returns
    /// null with the state restored so the caller follows OPA's order.
    /// </summary>
    private Body? TryBracedBodyFirst()
    {
        if (_tok.Kind != TokenKind.LeftBrace)
        {
            return null;
        }
        var state = Save();
        Scan();
        var body = _tok.Kind == TokenKind.RightBrace ? null : ParseBody(TokenKind.RightBrace);
        if (body is not null && _errors.Count == state.ErrorCount)
        {
            Scan();
            // The rule must visibly end: another statement's first word on a new line, else, another body or EOF.
            var endsRule = _tok.Kind is TokenKind.EndOfFile or TokenKind.Else or TokenKind.LeftBrace
                || (_tok.NewlineBefore && _tok.IsWordLike
                    && _tok.Kind is not (TokenKind.In or TokenKind.With or TokenKind.As or TokenKind.AndKeyword or TokenKind.OrKeyword));
            var comprehensionLike = body.Exprs.Count == 1 && body.Exprs[0] is { Kind: ExprKind.Term, Term: CallTerm { Operator: { Parts.Count: 0, Head: VarTerm { Name: "or" } } } };
            if (endsRule && !comprehensionLike)
            {
                return body;
            }
        }
        Restore(state);
        return null;
    }

    private HeadSyntax? ParseHead(bool isDefault)
    {
        var start = _tok;
        var name = ParseVar();
        // Unlike other refs, a head may have whitespace before its first '.', '[' or '('.
        Scan();
        switch (_tok.Kind)
        {
            case TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or TokenKind.Percent
                or TokenKind.Ampersand or TokenKind.Pipe or TokenKind.Equal or TokenKind.NotEqual
                or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.Less or TokenKind.LessEqual:
                Illegal("");
                return null;
        }
        Term? term = name;
        if (_tok.Kind is TokenKind.Dot or TokenKind.LeftBracket or TokenKind.LeftParen)
        {
            term = ParseRef(name);
            if (term is null)
            {
                if (NoStatementErrors)
                {
                    Illegal("expected rule head name");
                }
                return null;
            }
        }

        if (!HeadSyntax.TryNameParts(term, out var headRef, out var headArgs))
        {
            if (term is RefTerm r)
            {
                Illegal($"rule head ref {r.ToDottedString()} invalid");
            }
            return null;
        }
        var head = new HeadSyntax { Ref = headRef, Args = headArgs };

        switch (_tok.Kind)
        {
            case TokenKind.Contains:
                if (head.Args is not null)
                {
                    Illegal($"the contains keyword can only be used with multi-value rule definitions (e.g., {head.Ref.ToDottedString()} contains <VALUE> {{ ... }})");
                    return null;
                }
                Scan();
                head.Key = ParseTermInfix();
                if (head.Key is null)
                {
                    if (NoStatementErrors)
                    {
                        Illegal($"expected rule key term (e.g., {head.Ref.ToDottedString()} contains <VALUE> {{ ... }})");
                    }
                    return null;
                }
                head.UsesContains = true;
                head.Location = Span(start);
                return head;
            case TokenKind.Unify:
                Scan();
                head.Assign = AssignOperator.Unify;
                head.Value = ParseTermInfix();
                if (head.Value is null)
                {
                    if (NoStatementErrors)
                    {
                        Illegal($"expected rule value term (e.g., {head.Ref.ToDottedString()} = <VALUE> {{ ... }})");
                    }
                    return null;
                }
                break;
            case TokenKind.Assign:
                Scan();
                head.Assign = AssignOperator.Assign;
                head.Value = ParseTermInfix();
                if (head.Value is null)
                {
                    if (NoStatementErrors)
                    {
                        var example = head.Args is not null ? $"expected function value term (e.g., {head.Ref.ToDottedString()}(...) := <VALUE> {{ ... }})"
                            : isDefault ? $"expected default rule value term (e.g., default {head.Ref.ToDottedString()} := <VALUE>)"
                            : $"expected rule value term (e.g., {head.Ref.ToDottedString()} := <VALUE> {{ ... }})";
                        Illegal(example);
                    }
                    return null;
                }
                break;
        }

        head.Location = Span(start);
        if (head.Value is null && head.Key is null && (head.Ref.Parts.Count != 1 || head.Args is not null))
        {
            head.Value = new BooleanTerm(true) { Location = head.Location };
            head.GeneratedValue = true;
        }
        return head;
    }

    private Rule? ParseElse(HeadSyntax parent)
    {
        var start = _tok;
        var head = CopyHead(parent, Loc(_tok));
        head.Value = null;
        head.GeneratedValue = false;
        head.Assign = AssignOperator.None;
        Scan();
        switch (_tok.Kind)
        {
            case TokenKind.LeftBrace or TokenKind.If:
                head.Value = new BooleanTerm(true) { Location = Loc(start) };
                head.GeneratedValue = true;
                break;
            case TokenKind.Assign or TokenKind.Unify:
                head.Assign = _tok.Kind == TokenKind.Assign ? AssignOperator.Assign : AssignOperator.Unify;
                Scan();
                head.Value = ParseTermInfix();
                if (head.Value is null)
                {
                    return null;
                }
                break;
            default:
                Illegal("expected else value term or rule body");
                return null;
        }
        head.Location = Span(start);

        var hasIf = _tok.Kind == TokenKind.If && !KeywordStartsRef();
        if (!hasIf && _tok.Kind != TokenKind.LeftBrace)
        {
            var bare = MakeRule(head, TrueBody(Span(start)), Span(start));
            bare.Syntax = new RuleSyntax(false, false, true, head.GeneratedValue);
            return bare;
        }
        if (hasIf)
        {
            Scan();
        }
        Body body;
        if (_tok.Kind == TokenKind.LeftBrace)
        {
            Scan();
            var braced = ParseBody(TokenKind.RightBrace);
            if (braced is null)
            {
                return null;
            }
            Scan();
            body = braced;
        }
        else if (_tok.Kind != TokenKind.EndOfFile)
        {
            var expr = ParseBodyLiteral();
            if (expr is null)
            {
                return null;
            }
            body = new Body { Location = expr.Location };
            body.Exprs.Add(expr);
        }
        else
        {
            Illegal("rule body expected");
            return null;
        }

        var rule = MakeRule(head, body, Span(start));
        rule.Syntax = new RuleSyntax(hasIf, false, false, head.GeneratedValue);
        if (_tok.Kind == TokenKind.Else && !KeywordStartsRef())
        {
            rule.Else = ParseElse(parent);
            if (rule.Else is null)
            {
                return null;
            }
        }
        return rule;
    }

    /// <summary>Builds the AST rule, classifying the head into OPA's kinds.</summary>
    private static Rule MakeRule(HeadSyntax syntax, Body body, SourceLocation location)
    {
        var head = new RuleHead
        {
            Ref = syntax.Ref,
            Args = syntax.Args,
            Assign = syntax.Assign,
            Location = syntax.Location,
        };
        if (syntax.Args is not null)
        {
            head.Kind = RuleKind.Function;
            head.Value = syntax.Value;
        }
        else if (syntax.Key is not null)
        {
            head.Kind = RuleKind.PartialSet;
            head.Key = syntax.Key;
        }
        else
        {
            head.Kind = AllStringParts(syntax.Ref) ? RuleKind.Complete : RuleKind.PartialObject;
            head.Value = syntax.Value;
        }
        return new Rule { Head = head, Body = body, Location = location };
    }

    /// <summary>A copy of a head for another body or an else branch: same ref, fresh wildcard arguments.</summary>
    private HeadSyntax CopyHead(HeadSyntax head, SourceLocation location)
    {
        List<Term>? args = null;
        if (head.Args is not null)
        {
            args = new List<Term>(head.Args.Count);
            foreach (var arg in head.Args)
            {
                args.Add(arg is VarTerm v && v.IsWildcard ? NewWildcard(v.Location) : arg);
            }
        }
        return new HeadSyntax
        {
            Ref = head.Ref,
            Args = args,
            Key = head.Key,
            Value = head.Value,
            Assign = head.Assign,
            GeneratedValue = head.GeneratedValue,
            UsesContains = head.UsesContains,
            Location = location,
        };
    }

    private static Body TrueBody(SourceLocation location)
    {
        var body = new Body { Location = location };
        body.Exprs.Add(new Expr { Kind = ExprKind.Term, Term = new BooleanTerm(true) { Location = location }, Location = location });
        return body;
    }

    private static bool AllStringParts(RefTerm reference)
    {
        foreach (var part in reference.Parts)
        {
            if (part is not StringTerm)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsGroundRef(RefTerm reference)
    {
        foreach (var part in reference.Parts)
        {
            if (!part.IsGround)
            {
                return false;
            }
        }
        return true;
    }
}
