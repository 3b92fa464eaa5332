using Tollgate.Wasm;

namespace Tollgate.Compiler.CodeGen;

/// <summary>The runtime library's functions (tollgate_codegen.h), found by export name once per link.</summary>
internal sealed class RuntimeFunctions(ModuleLinker linker)
{
    private readonly Dictionary<string, FunctionRef> _byName = new(StringComparer.Ordinal);

    public FunctionRef this[string exportName] => Get(exportName);

    public FunctionRef Get(string exportName)
    {
        if (_byName.TryGetValue(exportName, out var f)) return f;
        f = linker.FindExport(exportName)
            ?? throw new InvalidOperationException($"the runtime library does not export '{exportName}'");
        _byName[exportName] = f;
        return f;
    }

    public bool Has(string exportName) => _byName.ContainsKey(exportName) || linker.FindExport(exportName) != null;
}
