namespace Tollgate.Wasm;

/// <summary>An export: a name bound to an index in the function, table, memory or global index space.</summary>
public sealed class Export
{
    public Export(string name, ExternalKind kind, uint index)
    {
        Name = name;
        Kind = kind;
        Index = index;
    }

    public string Name { get; set; }

    public ExternalKind Kind { get; }

    public uint Index { get; set; }

    public override string ToString() => $"{Kind} {Index} as \"{Name}\"";
}
