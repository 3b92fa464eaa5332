using System.Reflection;

namespace Tollgate.Wasm.Tests;

/// <summary>The public API the code generator codes against (names and signatures from the task contract).</summary>
public class ApiSurfaceTests
{
    private static void HasMethod(Type type, string name, Type returnType, params Type[] parameters)
    {
        var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static, parameters);
        Assert.True(method is not null, $"{type.Name}.{name}({string.Join(", ", parameters.Select(p => p.Name))}) is missing");
        Assert.Equal(returnType, method!.ReturnType);
    }

    [Fact]
    public void CodeBuilder_has_the_contract_methods()
    {
        var t = typeof(CodeBuilder);
        Assert.NotNull(t.GetConstructor([typeof(FuncType)]));
        HasMethod(t, "AddLocal", typeof(int), typeof(ValType));
        foreach (var name in new[] { "I32Const", "LocalGet", "LocalSet", "LocalTee", "GlobalGet", "GlobalSet", "Br", "BrIf" })
        {
            HasMethod(t, name, t, typeof(int));
        }
        HasMethod(t, "I64Const", t, typeof(long));
        HasMethod(t, "Call", t, typeof(FunctionRef));
        HasMethod(t, "Block", t, typeof(ValType));
        HasMethod(t, "If", t, typeof(ValType));
        HasMethod(t, "BrTable", t, typeof(int[]), typeof(int));
        HasMethod(t, "I32Load", t, typeof(int), typeof(int));
        HasMethod(t, "I32Store", t, typeof(int), typeof(int));
        HasMethod(t, "Op", t, typeof(byte));
        foreach (var name in new[]
        {
            "Block", "Loop", "If", "Else", "End", "Return", "Drop", "Select", "Unreachable", "Nop", "I32Eqz", "I32Eq", "I32Ne",
            "I32LtS", "I32LtU", "I32GtS", "I32GeS", "I32LeS", "I32Add", "I32Sub", "I32Mul", "I32And", "I32Or", "I32Xor",
        })
        {
            HasMethod(t, name, t);
        }
        Assert.Equal(typeof(int), t.GetProperty("CurrentDepth")!.PropertyType);
    }

    [Fact]
    public void ModuleLinker_and_results_have_the_contract_members()
    {
        var t = typeof(ModuleLinker);
        Assert.NotNull(t.GetConstructor([typeof(ReadOnlySpan<byte>)]));
        HasMethod(t, "FindExport", typeof(FunctionRef), typeof(string));
        HasMethod(t, "Import", typeof(FunctionRef), typeof(string), typeof(string), typeof(FuncType));
        HasMethod(t, "Declare", typeof(FunctionRef), typeof(string), typeof(FuncType));
        HasMethod(t, "Define", typeof(void), typeof(FunctionRef), typeof(CodeBuilder));
        HasMethod(t, "ReplaceBody", typeof(void), typeof(string), typeof(CodeBuilder));
        HasMethod(t, "AddData", typeof(int), typeof(ReadOnlySpan<byte>), typeof(int));
        HasMethod(t, "AddCString", typeof(int), typeof(string));
        HasMethod(t, "Export", typeof(void), typeof(string), typeof(FunctionRef));
        HasMethod(t, "Link", typeof(LinkResult), typeof(LinkOptions));
        HasMethod(typeof(WasmReader), "Read", typeof(WasmModule), typeof(ReadOnlySpan<byte>));
        HasMethod(typeof(WasmWriter), "Write", typeof(byte[]), typeof(WasmModule));

        var options = new LinkOptions();
        Assert.True(options.RemoveUnusedFunctions);
        Assert.Null(options.KeepExports);
        Assert.False(options.KeepNames);
        foreach (var name in new[] { "Bytes", "FunctionCount", "RemovedFunctions", "HeapBase" })
        {
            Assert.NotNull(typeof(LinkResult).GetProperty(name));
        }
        Assert.Equal(typeof(string), typeof(FunctionRef).GetProperty("Name")!.PropertyType);
        Assert.Equal(typeof(FuncType), typeof(FunctionRef).GetProperty("Type")!.PropertyType);
        Assert.Equal(typeof(long), typeof(WasmFormatException).GetProperty("Offset")!.PropertyType);
        Assert.Equal(0x7F, (byte)ValType.I32);
        Assert.Equal(0x7C, (byte)ValType.F64);
    }
}
