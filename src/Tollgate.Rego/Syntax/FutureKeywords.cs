namespace Tollgate.Rego.Syntax;

/// <summary>
/// Keywords that v0 modules must import (<c>import future.keywords.x</c>, <c>import rego.v1</c>);
/// v1 modules always have all of them.
/// </summary>
[Flags]
internal enum FutureKeywords : byte
{
    None = 0,
    In = 1,
    Every = 2,
    If = 4,
    Contains = 8,
    /// <summary>The standard four; <c>import future.keywords</c> and v1 enable exactly these.</summary>
    All = In | Every | If | Contains,
    /// <summary>Experimental logic keywords, each behind its own import.</summary>
    And = 16,
    Or = 32,
    /// <summary><c>not { body }</c> blocks (<c>import future.keywords.not</c>); "not" itself is always a keyword.</summary>
    NotBlock = 64,
    LogicSyntax = And | Or | NotBlock,
}
