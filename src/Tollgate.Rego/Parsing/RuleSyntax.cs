using Tollgate.Rego.Ast;
using Tollgate.Rego.Text;

namespace Tollgate.Rego.Parsing;

/// <summary>A rule head as written, before it is classified into a <see cref="RuleKind"/>.</summary>
internal sealed class HeadSyntax
{
    public required RefTerm Ref { get; set; }
    public List<Term>? Args { get; set; }
    /// <summary>The <c>contains</c> element, or the v0 set element of <c>p[x] { … }</c>.</summary>
    public Term? Key { get; set; }
    public Term? Value { get; set; }
    public AssignOperator Assign { get; set; }
    public bool GeneratedValue { get; set; }
    public bool UsesContains { get; set; }
    public SourceLocation Location { get; set; }

    /// <summary>The head a term names: <c>p</c>, <c>a.b[c]</c> or <c>f(x)</c> (a var at the front); null otherwise.</summary>
    public static HeadSyntax? From(Term term) => term switch
    {
        VarTerm v => new HeadSyntax { Ref = new RefTerm { Head = v, Location = v.Location } },
        RefTerm { Head: VarTerm } r => new HeadSyntax { Ref = r },
        CallTerm c when c.Operator.Head is VarTerm => new HeadSyntax { Ref = c.Operator, Args = c.Args },
        _ => null,
    };
}

/// <summary>How a rule was written; the v1 checks need it after the AST is built.</summary>
internal readonly record struct RuleSyntax(bool HasIf, bool UsesContains, bool GeneratedBody, bool GeneratedValue);
