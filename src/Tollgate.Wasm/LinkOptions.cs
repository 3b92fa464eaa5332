namespace Tollgate.Wasm;

/// <summary>Options of <see cref="ModuleLinker.Link"/>.</summary>
public sealed class LinkOptions
{
    /// <summary>Remove functions (and non-essential function imports) not reachable from kept exports,
    /// the start function and element segments.</summary>
    public bool RemoveUnusedFunctions { get; init; } = true;

    /// <summary>Runtime exports to keep; null = the OPA ABI set (<see cref="AbiExports.Names"/> plus every
    /// <c>opa_*</c> export). Exports added with <see cref="ModuleLinker.Export"/> are always kept.</summary>
    public IReadOnlySet<string>? KeepExports { get; init; }

    /// <summary>Keep the "name" custom section, rewritten for the new function indices (for debugging).</summary>
    public bool KeepNames { get; init; }
}
