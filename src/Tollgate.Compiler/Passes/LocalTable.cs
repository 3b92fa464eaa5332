using Tollgate.Rego.Ast;

namespace Tollgate.Compiler.Passes;

/// <summary>
/// The locals of one rule (or query): generates unique <c>__localN__</c> names and remembers, for each,
/// the user's name (for messages) and the body that owns it (for closure safety).
/// </summary>
internal sealed class LocalTable
{
    private readonly Dictionary<string, string> _original = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _owner = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>Marks locals that are always bound (function arguments).</summary>
    public static readonly object ArgsOwner = new();

    /// <summary>When false (queries), user-named locals keep their names.</summary>
    public bool RenameUserVars { get; init; } = true;

    public string Fresh(string original, object owner)
    {
        string name;
        if (!RenameUserVars && original.Length > 0 && !IsWildcardName(original) && !_owner.ContainsKey(original))
        {
            name = original;
        }
        else
        {
            do
            {
                name = "__local" + _next++ + "__";
            }
            while (_owner.ContainsKey(name));
        }
        _original[name] = original;
        _owner[name] = owner;
        Order.Add(name);
        return name;
    }

    /// <summary>A compiler-introduced temporary (call output, some-in key).</summary>
    public string Temp(object owner) => Fresh("", owner);

    /// <summary>Every local in allocation order (query vars are reported in this order).</summary>
    public List<string> Order { get; } = [];

    /// <summary>Locals declared with := (true) or some (false), for strict mode's unused-variable check.</summary>
    public List<(VarTerm Var, bool Assigned)> Declarations { get; } = [];

    public bool IsLocal(string name) => _owner.ContainsKey(name);

    public object? OwnerOf(string name) => _owner.TryGetValue(name, out var o) ? o : null;

    /// <summary>The name the user wrote, or the local's own name for compiler temporaries.</summary>
    public string OriginalName(string name) =>
        _original.TryGetValue(name, out var o) && o.Length > 0 ? (IsWildcardName(o) ? "_" : o) : name;

    public bool IsUserVar(string name) =>
        _original.TryGetValue(name, out var o) && o.Length > 0 && !IsWildcardName(o);

    public void Adopt(string name, object owner) => _owner[name] = owner;

    public static bool IsWildcardName(string name) => name == "_" || name.StartsWith("$_", StringComparison.Ordinal);

    public static bool IsRoot(string name) => name is "data" or "input";

    public static VarTerm Var(string name, Term near) => new(name) { Location = near.Location };
}
