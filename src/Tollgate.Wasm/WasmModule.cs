namespace Tollgate.Wasm;

/// <summary>
/// A whole module, section by section. Function bodies, constant expressions and custom sections are kept as
/// raw bytes so that reading then writing reproduces the input exactly (for canonically encoded headers).
/// </summary>
public sealed class WasmModule
{
    public List<FuncType> Types { get; } = [];

    public List<Import> Imports { get; } = [];

    /// <summary>Type index of each defined function (the function section).</summary>
    public List<uint> Functions { get; } = [];

    public List<TableType> Tables { get; } = [];

    public List<Limits> Memories { get; } = [];

    public List<Global> Globals { get; } = [];

    public List<Export> Exports { get; } = [];

    public uint? Start { get; set; }

    public List<ElementSegment> Elements { get; } = [];

    /// <summary>The data count section's value, when present (required by bulk-memory's data.drop/memory.init).</summary>
    public uint? DataCount { get; set; }

    public List<FunctionBody> Codes { get; } = [];

    public List<DataSegment> Data { get; } = [];

    public List<CustomSection> CustomSections { get; } = [];

    /// <summary>Number of imports of the given kind (they come first in that kind's index space).</summary>
    public int CountImports(ExternalKind kind)
    {
        int n = 0;
        foreach (var import in Imports)
        {
            if (import.Kind == kind)
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>Type of a function by its index in the function index space (imports first).</summary>
    public FuncType GetFunctionType(uint functionIndex)
    {
        uint i = 0;
        foreach (var import in Imports)
        {
            if (import.Kind == ExternalKind.Function)
            {
                if (i == functionIndex)
                {
                    return Types[(int)import.FunctionType];
                }
                i++;
            }
        }
        return Types[(int)Functions[(int)(functionIndex - i)]];
    }

    public Export? FindExport(string name)
    {
        foreach (var export in Exports)
        {
            if (export.Name == name)
            {
                return export;
            }
        }
        return null;
    }
}
