namespace Tollgate.Wasm.Tests.Building;

public class CodeBuilderTests
{
    private static readonly FuncType I32ToI32 = new([ValType.I32], [ValType.I32]);

    private static byte[] Bytes(CodeBuilder b) => b.Code.ToArray();

    [Fact]
    public void Constants_use_signed_leb128()
    {
        var b = new CodeBuilder(I32ToI32).I32Const(-1).I32Const(64).I32Const(int.MinValue).I64Const(-129);
        Assert.Equal(new byte[]
        {
            0x41, 0x7F,
            0x41, 0xC0, 0x00,
            0x41, 0x80, 0x80, 0x80, 0x80, 0x78,
            0x42, 0xFF, 0x7E,
        }, Bytes(b));
    }

    [Fact]
    public void Locals_are_numbered_after_parameters()
    {
        var b = new CodeBuilder(new FuncType([ValType.I32, ValType.I64], []));
        Assert.Equal(2, b.AddLocal(ValType.I32));
        Assert.Equal(3, b.AddLocal(ValType.I64));
        b.LocalGet(3).LocalSet(2).LocalTee(0).GlobalGet(200).GlobalSet(1);
        Assert.Equal(new byte[] { 0x20, 0x03, 0x21, 0x02, 0x22, 0x00, 0x23, 0xC8, 0x01, 0x24, 0x01 }, Bytes(b));
    }

    [Fact]
    public void Blocks_track_depth_and_encode_block_types()
    {
        var b = new CodeBuilder(I32ToI32);
        b.Block();
        Assert.Equal(1, b.CurrentDepth);
        b.Loop().If(ValType.I32);
        Assert.Equal(3, b.CurrentDepth);
        b.I32Const(1).Else().I32Const(2).End().Drop().Br(1).End().BrIf(0).End();
        Assert.Equal(0, b.CurrentDepth);
        Assert.Equal(new byte[]
        {
            0x02, 0x40, 0x03, 0x40, 0x04, 0x7F, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0B, 0x1A, 0x0C, 0x01, 0x0B, 0x0D, 0x00, 0x0B,
        }, Bytes(b));
    }

    [Fact]
    public void Branch_table_and_memory_access_immediates()
    {
        var b = new CodeBuilder(I32ToI32).Block().Block();
        b.LocalGet(0).BrTable([0, 1], 2).End().End();
        b.I32Const(8).I32Load().I32Const(8).I32Load(300, 0).I32Store(4).Drop();
        Assert.Equal(new byte[]
        {
            0x02, 0x40, 0x02, 0x40, 0x20, 0x00, 0x0E, 0x02, 0x00, 0x01, 0x02, 0x0B, 0x0B,
            0x41, 0x08, 0x28, 0x02, 0x00, 0x41, 0x08, 0x28, 0x00, 0xAC, 0x02, 0x36, 0x02, 0x04, 0x1A,
        }, Bytes(b));
    }

    [Fact]
    public void Calls_leave_padded_placeholders_and_fixups()
    {
        var linker = new ModuleLinker(Tollgate.Wasm.Tests.Support.FixtureModules.MiniRuntime());
        var add = linker.FindExport("tg_add")!;
        var b = new CodeBuilder(I32ToI32).LocalGet(0).LocalGet(0).Call(add);
        Assert.Equal(new byte[] { 0x20, 0x00, 0x20, 0x00, 0x10, 0x80, 0x80, 0x80, 0x80, 0x00 }, Bytes(b));
        var fixup = Assert.Single(b.Fixups);
        Assert.Equal(5, fixup.Position);
        Assert.Same(add, fixup.Target);
    }

    [Fact]
    public void Simple_operators_have_their_opcodes()
    {
        var b = new CodeBuilder(I32ToI32)
            .I32Eqz().I32Eq().I32Ne().I32LtS().I32LtU().I32GtS().I32GeS().I32LeS()
            .I32Add().I32Sub().I32Mul().I32And().I32Or().I32Xor()
            .Select().Unreachable().Nop().Return().Op(0x67);
        Assert.Equal(new byte[]
        {
            0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4E, 0x4C, 0x6A, 0x6B, 0x6C, 0x71, 0x72, 0x73, 0x1B, 0x00, 0x01, 0x0F, 0x67,
        }, Bytes(b));
    }

    [Fact]
    public void Invalid_uses_throw()
    {
        Assert.Throws<InvalidOperationException>(() => new CodeBuilder(I32ToI32).End());
        Assert.Throws<InvalidOperationException>(() => new CodeBuilder(I32ToI32).Loop().Else());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodeBuilder(I32ToI32).Br(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodeBuilder(I32ToI32).BrTable([0], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodeBuilder(I32ToI32).LocalGet(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodeBuilder(I32ToI32).I32Load(0, 4));
        Assert.Throws<ArgumentException>(() => new CodeBuilder(I32ToI32).Op(0x10));
        Assert.Throws<ArgumentException>(() => new CodeBuilder(I32ToI32).Op(0x02));
        // Br to the function body itself (depth == CurrentDepth) is legal.
        Assert.Equal(2, new CodeBuilder(I32ToI32).Br(0).Code.Length);
    }

    [Fact]
    public void FuncType_equality_compares_contents()
    {
        var a = new FuncType([ValType.I32, ValType.I64], [ValType.I32]);
        var b = new FuncType([ValType.I32, ValType.I64], [ValType.I32]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new FuncType([ValType.I32], [ValType.I64, ValType.I32]));
        Assert.NotEqual(a, new FuncType([ValType.I32, ValType.I64], []));
    }
}
