namespace Tollgate.Rego.Ast;

/// <summary>What kind of document a rule defines.</summary>
public enum RuleKind
{
    /// <summary><c>p := v</c>, <c>p = v</c>, <c>p if …</c> (value true), <c>a.b.c := v</c>.</summary>
    Complete,
    /// <summary><c>p contains x if …</c> (v1), <c>p[x] { … }</c> (v0): a set; also multi-value ref heads <c>a.b[c] contains x</c>.</summary>
    PartialSet,
    /// <summary><c>p[k] := v</c>, <c>a.b[c].d := v</c>: a ref head whose last parts include variables (an object, possibly nested).</summary>
    PartialObject,
    /// <summary><c>f(x, y) := v</c>, <c>f(x) if …</c>.</summary>
    Function,
}

/// <summary>How the head's value is bound.</summary>
public enum AssignOperator
{
    /// <summary>No operator written (value is implicitly true, or set-kind head).</summary>
    None,
    /// <summary><c>=</c>, v0 style.</summary>
    Unify,
    /// <summary><c>:=</c>.</summary>
    Assign,
}

/// <summary>
/// A rule head. <see cref="Ref"/> is the rule's path relative to its package: for <c>p</c> it is the ref
/// <c>p</c> (head var "p"); for <c>a.b[c].d := 1</c> it is <c>a.b[c].d</c>. For a partial set
/// <c>p contains x</c>, Ref is <c>p</c> and <see cref="Key"/> is x. For a v0 partial object <c>p[k] = v</c>,
/// Ref is <c>p[k]</c> and Value is v.
/// </summary>
public sealed class RuleHead : Node
{
    public required RefTerm Ref { get; set; }
    public RuleKind Kind { get; set; }
    /// <summary>Function arguments (Kind = Function).</summary>
    public List<Term>? Args { get; set; }
    /// <summary>The element of a partial set (<c>contains x</c>).</summary>
    public Term? Key { get; set; }
    /// <summary>The value; null for partial sets. Complete rules without a value get <c>true</c>.</summary>
    public Term? Value { get; set; }
    public AssignOperator Assign { get; set; }

    /// <summary>The rule's simple name: the first part of <see cref="Ref"/> (e.g. "p" for <c>p.q[r]</c>).</summary>
    public string Name => Ref.Head is VarTerm v ? v.Name : "";
}
