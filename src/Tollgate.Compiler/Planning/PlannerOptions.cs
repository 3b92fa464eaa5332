namespace Tollgate.Compiler.Planning;

/// <summary>What the planner needs to know beyond the program: builtin arities and where builtins live.</summary>
public sealed class PlannerOptions
{
    /// <summary>Rule indexing on equality tests against input (OptimizationLevel >= 1).</summary>
    public bool Indexing { get; init; } = true;
    /// <summary>Raise builtin errors (abort) instead of treating them as undefined.</summary>
    public bool StrictBuiltinErrors { get; init; }
    /// <summary>Declared argument count of a builtin, or null when unknown.</summary>
    public Func<string, int?> BuiltinArity { get; init; } = static _ => null;
    /// <summary>True when the runtime library implements the builtin (export "tg.builtin.NAME").</summary>
    public Func<string, bool> IsRuntimeBuiltin { get; init; } = static _ => false;
    /// <summary>Minimum number of rules sharing an indexable test before the rule set is indexed.</summary>
    public int IndexThreshold { get; init; } = 4;
}
