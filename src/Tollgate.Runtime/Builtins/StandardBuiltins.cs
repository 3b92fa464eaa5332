using Tollgate.Runtime.Builtins.Library.Strings;

namespace Tollgate.Runtime.Builtins;

/// <summary>Registers the standard host-side builtin catalogue (implementations live under Library/).</summary>
public static partial class StandardBuiltins
{
    /// <summary>Adds every standard host builtin to <paramref name="registry"/>.</summary>
    public static void RegisterAll(BuiltinRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        StringBuiltins.Register(registry);
    }
}
