namespace Tollgate.Wasm;

/// <summary>
/// Finds where the runtime's static memory ends, so generated data can be placed after it. wasm-ld lays out
/// data, then bss, then the shadow stack (unless --stack-first), with __heap_base above the stack: data
/// placed right after the last data segment would sit inside the stack. So the end is the maximum of the
/// data segments' ends and the initial values of __heap_base, __data_end and __stack_pointer (found by export
/// or by the name section); without any such name, every mutable i32 global's initial value is taken as a
/// candidate (in C modules the only one is the stack pointer).
/// </summary>
internal static class StaticDataLayout
{
    private static readonly string[] LayoutSymbols = ["__heap_base", "__data_end", "__stack_pointer"];

    public static int FindEnd(WasmModule module, NameSection? names)
    {
        long end = 0;
        foreach (var segment in module.Data)
        {
            if (!segment.IsActive || segment.MemoryIndex != 0)
            {
                continue;
            }
            int offset = FunctionBodies.ConstantI32(segment.Offset)
                ?? throw new WasmFormatException("data segment offset is not an i32.const; relocatable (PIC) runtimes are not supported", -1);
            end = Math.Max(end, (long)(uint)offset + segment.Bytes.Length);
        }

        int importedGlobals = module.CountImports(ExternalKind.Global);
        bool foundSymbol = false;
        foreach (string symbol in LayoutSymbols)
        {
            int? index = FindGlobal(module, names, symbol);
            if (index is int g && g >= importedGlobals && g - importedGlobals < module.Globals.Count)
            {
                foundSymbol = true;
                if (FunctionBodies.ConstantI32(module.Globals[g - importedGlobals].Init) is int value)
                {
                    end = Math.Max(end, (uint)value);
                }
            }
        }
        if (!foundSymbol)
        {
            foreach (var global in module.Globals)
            {
                if (global.Type.Mutable && global.Type.ValueType == ValType.I32
                    && FunctionBodies.ConstantI32(global.Init) is int value)
                {
                    end = Math.Max(end, (uint)value);
                }
            }
        }
        if (end > int.MaxValue)
        {
            throw new WasmFormatException($"static data ends at {end}, beyond the 2 GiB supported", -1);
        }
        return (int)end;
    }

    private static int? FindGlobal(WasmModule module, NameSection? names, string symbol)
    {
        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternalKind.Global && export.Name == symbol)
            {
                return (int)export.Index;
            }
        }
        if (names is not null)
        {
            foreach (var (index, name) in names.GlobalNames)
            {
                if (name == symbol)
                {
                    return (int)index;
                }
            }
        }
        return null;
    }
}
