namespace Tollgate.Rego.Ast;

/// <summary>The Rego syntax a module was written in. V1 (OPA 1.x) is the default; V0 needs --v0-compatible.</summary>
public enum RegoVersion
{
    V1 = 1,
    V0 = 0,
}
