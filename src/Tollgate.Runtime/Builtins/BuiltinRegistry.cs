namespace Tollgate.Runtime.Builtins;

/// <summary>
/// The host builtins a <see c="PolicyEngine"/> can supply to modules, by OPA name. Starts with the
/// standard catalogue (<see cref="StandardBuiltins"/>); users add custom builtins with <see cref="Register"/>.
/// A module that imports a builtin missing here fails at load with an error naming it.
/// </summary>
public sealed class BuiltinRegistry
{
    private readonly Dictionary<string, BuiltinFunction> _functions = new(StringComparer.Ordinal);

    /// <summary>A registry holding every standard host builtin.</summary>
    public static BuiltinRegistry CreateDefault()
    {
        var registry = new BuiltinRegistry();
        StandardBuiltins.RegisterAll(registry);
        return registry;
    }

    /// <summary>Adds or replaces a builtin.</summary>
    public void Register(string name, BuiltinFunction function)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _functions[name] = function;
    }

    public bool TryGet(string name, out BuiltinFunction function) =>
        _functions.TryGetValue(name, out function!);

    public bool Contains(string name) => _functions.ContainsKey(name);

    public IEnumerable<string> Names => _functions.Keys;
}
