using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>What the compile passes check and which builtins they accept.</summary>
public sealed class CompileOptions
{
    public RegoVersion Version { get; init; } = RegoVersion.V1;

    /// <summary>The builtins a policy may call; null means every builtin of the embedded catalogue.</summary>
    public Capabilities? Capabilities { get; init; }

    /// <summary>Extra checks of <c>opa check --strict</c>: unused imports and locals, duplicate imports, deprecated builtins.</summary>
    public bool Strict { get; init; }

    /// <summary>Stop reporting after this many errors (OPA's default limit is 10); 0 or less means no limit.</summary>
    public int MaxErrors { get; init; } = 10;
}
