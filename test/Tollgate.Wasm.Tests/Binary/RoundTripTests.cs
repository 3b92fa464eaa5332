using Tollgate.Wasm.Tests.Support;

namespace Tollgate.Wasm.Tests.Binary;

public class RoundTripTests
{
    public static TheoryData<string> Modules() =>
        ["runtime-O0", "runtime-O2", "runtime-Os", "features", "numeric-O0", "numeric-O3", "multivalue"];

    internal static byte[] Load(string name) => name switch
    {
        "runtime-O0" => FixtureModules.MiniRuntime("-O0"),
        "runtime-O2" => FixtureModules.MiniRuntime("-O2"),
        "runtime-Os" => FixtureModules.MiniRuntime("-Os"),
        "features" => FixtureModules.Features(),
        "numeric-O0" => FixtureModules.Numeric("-O0"),
        "numeric-O3" => FixtureModules.Numeric("-O3"),
        "multivalue" => FixtureModules.MultiValue(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Modules))]
    public void Read_then_write_reproduces_the_bytes(string name)
    {
        var bytes = Load(name);
        var module = WasmReader.Read(bytes);
        var written = WasmWriter.Write(module);
        Assert.Equal(bytes, written);
    }

    [Fact]
    public void Reader_exposes_sections_of_the_runtime()
    {
        var module = WasmReader.Read(FixtureModules.MiniRuntime());
        Assert.Contains(module.Imports, i => i is { Module: "env", Name: "memory", Kind: ExternalKind.Memory });
        Assert.Contains(module.Imports, i => i is { Module: "env", Name: "opa_abort", Kind: ExternalKind.Function });
        Assert.Equal(module.Functions.Count, module.Codes.Count);
        var add = module.FindExport("tg_add");
        Assert.NotNull(add);
        Assert.Equal(new FuncType([ValType.I32, ValType.I32], [ValType.I32]), module.GetFunctionType(add.Index));
        Assert.Single(module.Elements);
        Assert.Contains(module.CustomSections, c => c.Name == "name");
        Assert.NotEmpty(module.Data);
    }

    [Fact]
    public void Reader_exposes_every_element_and_data_form()
    {
        var module = WasmReader.Read(FixtureModules.Features());
        Assert.Equal(6u, module.Start); // after the import and the five helper functions
        Assert.Equal(4, module.Elements.Count);
        Assert.True(module.Elements[0].IsActive);
        Assert.False(module.Elements[1].IsActive);
        Assert.True(module.Elements[3].UsesExpressions);
        Assert.Equal(2, module.Data.Count);
        Assert.Equal(2u, module.DataCount);
        Assert.False(module.Data[1].IsActive);
        Assert.Equal(2, module.Tables.Count);
        Assert.Equal(ValType.ExternRef, module.Tables[1].ElementType);
    }

    [Fact]
    public void Writer_builds_a_module_from_scratch_that_validates()
    {
        var module = new WasmModule();
        module.Types.Add(new FuncType([ValType.I32], [ValType.I32]));
        module.Memories.Add(new Limits(1, 2));
        module.Functions.Add(0);
        var body = new CodeBuilder(module.Types[0]).LocalGet(0).I32Const(1).I32Add();
        // Bodies written by hand: no locals, the instructions, end.
        module.Codes.Add(new FunctionBody([0x00, .. body.Code.ToArray(), 0x0B]));
        module.Exports.Add(new Export("inc", ExternalKind.Function, 0));
        module.Exports.Add(new Export("mem", ExternalKind.Memory, 0));
        module.Data.Add(new DataSegment { Offset = [0x41, 0x10, 0x0B], Bytes = [1, 2, 3] });
        var bytes = WasmWriter.Write(module);
        NativeTools.AssertValid(bytes, "scratch");
        Assert.Equal(bytes, WasmWriter.Write(WasmReader.Read(bytes)));
    }
}
