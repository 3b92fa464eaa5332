namespace Tollgate.Wasm;

/// <summary>An import; the field matching <see cref="Kind"/> is meaningful.</summary>
public sealed class Import
{
    public Import(string module, string name, ExternalKind kind)
    {
        Module = module;
        Name = name;
        Kind = kind;
    }

    public string Module { get; set; }

    public string Name { get; set; }

    public ExternalKind Kind { get; }

    /// <summary>Type index of an imported function.</summary>
    public uint FunctionType { get; set; }

    public TableType Table { get; set; }

    public Limits Memory { get; set; }

    public GlobalType Global { get; set; }

    public override string ToString() => $"{Kind} {Module}.{Name}";
}
