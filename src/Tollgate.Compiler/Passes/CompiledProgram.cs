using Tollgate.Rego.Ast;
using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler.Passes;

/// <summary>The compile passes' output: modules in normal form (docs/compiler-normal-form.md) and their rules by path.</summary>
public sealed class CompiledProgram
{
    internal CompiledProgram(IReadOnlyList<Module> modules, RuleTree rules, IReadOnlyList<Diagnostic> diagnostics,
        Body? query, IReadOnlyList<string> queryVars, Capabilities capabilities)
    {
        Modules = modules;
        Rules = rules;
        Diagnostics = diagnostics;
        Query = query;
        QueryVars = queryVars;
        Capabilities = capabilities;
        Success = diagnostics.Count == 0;
    }

    public IReadOnlyList<Module> Modules { get; }
    public RuleTree Rules { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when no error was reported (every diagnostic the passes emit is an error).</summary>
    public bool Success { get; }

    public Body? Query { get; }

    /// <summary>User-visible vars of the query, in first-appearance order.</summary>
    public IReadOnlyList<string> QueryVars { get; }

    /// <summary>The builtin catalogue the program was checked against.</summary>
    public Capabilities Capabilities { get; }
}
