namespace Tollgate.Rego.Ast;

/// <summary>What an expression holds.</summary>
public enum ExprKind
{
    /// <summary>A single term (<c>input.x</c>, <c>true</c>, <c>f(x)</c> as a call term).</summary>
    Term,
    /// <summary>
    /// A call of an operator or builtin: <see cref="Expr.Operator"/> and <see cref="Expr.Args"/>.
    /// Infix forms are calls with OPA's names: <c>a = b</c> is eq(a, b), <c>x := 1</c> is assign(x, 1),
    /// <c>a == b</c> is equal(a, b), <c>x in xs</c> is internal.member_2(x, xs). A call written in
    /// statement position (<c>f(x, y)</c>, including output form <c>count(xs, n)</c>) is a Call too.
    /// </summary>
    Call,
    /// <summary><c>some x, y</c> (Vars) or <c>some x in xs</c> / <c>some k, v in xs</c> (Domain set).</summary>
    Some,
    /// <summary><c>every k, v in domain { body }</c>.</summary>
    Every,
    /// <summary>
    /// OPA's experimental <c>a and b</c> (<c>import future.keywords.and</c>): every operand in
    /// <see cref="Expr.Operands"/> must succeed; each operand is checked once, like a negated negation.
    /// </summary>
    And,
    /// <summary>
    /// OPA's experimental <c>a or b</c> (<c>import future.keywords.or</c>): at least one operand in
    /// <see cref="Expr.Operands"/> must succeed; the expression succeeds once.
    /// </summary>
    Or,
    /// <summary>
    /// A braced body used as one expression, <c>not { a; b }</c> (<c>import future.keywords.not</c>) or
    /// <c>{ a; b } and c</c>: <see cref="Expr.Body"/> holds it.
    /// </summary>
    Block,
}

/// <summary>One expression of a body, with its modifiers (<c>not</c>, <c>with</c>).</summary>
public sealed class Expr : Node
{
    public ExprKind Kind { get; set; }
    public bool Negated { get; set; }
    public List<With> With { get; } = [];

    /// <summary>Kind = Term: the term.</summary>
    public Term? Term { get; set; }

    /// <summary>Kind = Call: the operator ref (e.g. <c>eq</c>, <c>plus</c>, <c>count</c>, <c>data.pkg.f</c>).</summary>
    public RefTerm? Operator { get; set; }
    /// <summary>Kind = Call: the arguments.</summary>
    public List<Term>? Args { get; set; }

    /// <summary>Kind = Some (<c>some x, y</c>): the declared variables. Kind = Every: the key and value
    /// variables (key may be null when only a value is named).</summary>
    public List<VarTerm>? Vars { get; set; }
    /// <summary>Kind = Some with <c>in</c>, or Kind = Every: the key variable term (null if none), the
    /// value term (a var, or a pattern for some … in) and the collection.</summary>
    public Term? Key { get; set; }
    public Term? Value { get; set; }
    public Term? Domain { get; set; }
    /// <summary>Kind = Every: the body checked for each element. Kind = Block: the braced body.</summary>
    public Body? Body { get; set; }

    /// <summary>Kind = And / Or: the operands, each a body (a single expression, or a braced body's expressions).</summary>
    public List<Body>? Operands { get; set; }

    /// <summary>The operator's dotted name for Kind = Call (e.g. "eq", "internal.member_2", "data.a.f").</summary>
    public string OperatorName => Operator?.ToDottedString() ?? "";
}
