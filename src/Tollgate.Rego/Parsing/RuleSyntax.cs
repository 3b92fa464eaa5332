using System.Diagnostics.CodeAnalysis;
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

    /// <summary>
    /// The ref (and arguments) of the head a term names: <c>p</c>, <c>a.b[c]</c> or <c>f(x)</c> (a var at
    /// the front); false for any other term. The caller allocates the HeadSyntax itself: created in the
    /// parsing method and not outliving it, the JIT can place it on the stack.
    /// </summary>
    public static bool TryNameParts(Term term, [NotNullWhen(true)] out RefTerm? reference, out List<Term>? args)
    {
        args = null;
        switch (term)
        {
            case VarTerm v:
                reference = new RefTerm { Head = v, Location = v.Location };
                return true;
            case RefTerm { Head: VarTerm } r:
                reference = r;
                return true;
            case CallTerm c when c.Operator.Head is VarTerm:
                reference = c.Operator;
                args = c.Args;
                return true;
            default:
                reference = null;
                return false;
        }
    }
}

/// <summary>How a rule was written; the v1 checks need it after the AST is built.</summary>
internal readonly record struct RuleSyntax(bool HasIf, bool UsesContains, bool GeneratedBody, bool GeneratedValue);
