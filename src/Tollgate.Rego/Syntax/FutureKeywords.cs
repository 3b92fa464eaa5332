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
    All = In | Every | If | Contains,
}
