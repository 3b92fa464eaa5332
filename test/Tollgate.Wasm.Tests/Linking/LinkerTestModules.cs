using Tollgate.Wasm.Tests.Support;

namespace Tollgate.Wasm.Tests.Linking;

/// <summary>Signatures and small helpers shared by the linker tests.</summary>
internal static class LinkerTestModules
{
    public static readonly FuncType I32ToVoid = new([ValType.I32], []);
    public static readonly FuncType VoidToI32 = new([], [ValType.I32]);
    public static readonly FuncType I32ToI32 = new([ValType.I32], [ValType.I32]);
    public static readonly FuncType I32I32ToI32 = new([ValType.I32, ValType.I32], [ValType.I32]);
    public static readonly FuncType EvalType = new([ValType.I32, ValType.I32, ValType.I32], [ValType.I32]);

    public static ModuleLinker Runtime(string opt = "-O2") => new(FixtureModules.MiniRuntime(opt));

    public static WasmModule Parse(LinkResult result) => WasmReader.Read(result.Bytes);

    public static List<string> ExportNames(WasmModule module)
    {
        var names = new List<string>();
        foreach (var export in module.Exports)
        {
            names.Add(export.Name);
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public static List<string> FunctionImportNames(WasmModule module)
    {
        var names = new List<string>();
        foreach (var import in module.Imports)
        {
            if (import.Kind == ExternalKind.Function)
            {
                names.Add(import.Module + "." + import.Name);
            }
        }
        return names;
    }
}
