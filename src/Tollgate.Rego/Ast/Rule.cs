namespace Tollgate.Rego.Ast;

/// <summary>
/// A rule: head, body and an optional else chain. A rule written without a body (<c>p := 1</c>) has a
/// body holding the single expression <c>true</c>, as OPA does.
/// </summary>
public sealed class Rule : Node
{
    public required RuleHead Head { get; set; }
    public required Body Body { get; set; }
    /// <summary><c>default p := v</c>.</summary>
    public bool IsDefault { get; set; }
    /// <summary>The next rule in an <c>else</c> chain (its head holds the else value and shares the name).</summary>
    public Rule? Else { get; set; }
    /// <summary>METADATA blocks directly above this rule.</summary>
    public List<Annotation> Annotations { get; } = [];
    /// <summary>The module this rule belongs to (set by the parser).</summary>
    public Module? Module { get; set; }

    /// <summary>How the rule was written (keywords, generated parts); the parser's v1 checks read it.</summary>
    internal Parsing.RuleSyntax Syntax { get; set; }
}
