using Tollgate.Wasm.Tests.Support;

namespace Tollgate.Wasm.Tests.Binary;

public class InstructionDecoderTests
{
    private static List<DecodedInstruction> Decode(byte[] expression)
    {
        var list = new List<DecodedInstruction>();
        var decoder = new InstructionDecoder(expression, 0, 0);
        while (decoder.Next(out var instruction))
        {
            list.Add(instruction);
        }
        Assert.Equal(expression.Length, decoder.Position);
        return list;
    }

    [Theory]
    [InlineData("runtime-O0")]
    [InlineData("runtime-O2")]
    [InlineData("features")]
    [InlineData("numeric-O0")]
    [InlineData("numeric-O3")]
    [InlineData("multivalue")]
    public void Every_body_of_the_fixtures_decodes_to_its_end(string name)
    {
        var module = WasmReader.Read(RoundTripTests.Load(name));
        var targets = new List<uint>();
        foreach (var body in module.Codes)
        {
            int start = FunctionBodies.SkipLocals(body.Code, body.SourceOffset);
            FunctionBodies.CollectFunctionReferences(body.Code, start, body.SourceOffset, targets);
        }
        Assert.NotEmpty(module.Codes);
    }

    [Fact]
    public void Call_immediates_are_located_including_padded_ones()
    {
        // call 3 (canonical), call 2 (padded to 5 bytes), ref.func 1, end
        byte[] code = [0x10, 0x03, 0x10, 0x82, 0x80, 0x80, 0x80, 0x00, 0xD2, 0x01, 0x1A, 0x0B];
        var list = Decode(code);
        Assert.Equal(5, list.Count);
        Assert.Equal((1, 1, 3u), (list[0].FunctionIndexPosition, list[0].FunctionIndexLength, list[0].FunctionIndex));
        Assert.Equal((3, 5, 2u), (list[1].FunctionIndexPosition, list[1].FunctionIndexLength, list[1].FunctionIndex));
        Assert.Equal(1u, list[2].FunctionIndex);
        Assert.Equal(-1, list[3].FunctionIndexPosition);
        Assert.True(list[4].IsFinalEnd);
    }

    [Fact]
    public void Renumbering_rewrites_indices_canonically()
    {
        byte[] code = [0x10, 0x03, 0x10, 0x82, 0x80, 0x80, 0x80, 0x00, 0x0B];
        uint[] map = [0, 1, 200, 7];
        var rewritten = FunctionBodies.RenumberFunctions(code, 0, 0, map, new WasmBinaryWriter());
        Assert.Equal(new byte[] { 0x10, 0x07, 0x10, 0xC8, 0x01, 0x0B }, rewritten);
    }

    [Fact]
    public void Renumbering_a_removed_target_fails_loudly()
    {
        byte[] code = [0x10, 0x01, 0x0B];
        uint[] map = [0, uint.MaxValue];
        Assert.Throws<WasmFormatException>(() => FunctionBodies.RenumberFunctions(code, 0, 0, map, new WasmBinaryWriter()));
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0x01, 0x06, 0x0B }, 2)] // legacy try: unsupported
    [InlineData(new byte[] { 0xC5, 0x0B }, 0)]
    [InlineData(new byte[] { 0x01, 0x01, 0xFC, 0x12, 0x0B }, 2)]
    [InlineData(new byte[] { 0xFE, 0x04, 0x0B }, 0)]
    [InlineData(new byte[] { 0xFF, 0x0B }, 0)]
    public void Unknown_opcodes_fail_at_their_offset(byte[] code, int offset)
    {
        var e = Assert.Throws<WasmFormatException>(() => Decode(code));
        Assert.Equal(offset, e.Offset);
        Assert.Contains("opcode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expression_without_final_end_fails()
    {
        Assert.Throws<WasmFormatException>(() => Decode([0x02, 0x40, 0x0B]));
    }

    [Fact]
    public void Nested_blocks_do_not_end_the_expression_early()
    {
        // block (result i32) ; loop ; end ; i32.const 1 ; end ; drop ; end
        var list = Decode([0x02, 0x7F, 0x03, 0x40, 0x0B, 0x41, 0x01, 0x0B, 0x1A, 0x0B]);
        Assert.Equal(7, list.Count);
        Assert.True(list[^1].IsFinalEnd);
        Assert.False(list[2].IsFinalEnd);
    }

    [Fact]
    public void Multivalue_block_type_index_is_decoded()
    {
        // block (type 5) end end
        var list = Decode([0x02, 0x05, 0x0B, 0x0B]);
        Assert.Equal(3, list.Count);
        Assert.True(list[2].IsFinalEnd);
    }

    [Fact]
    public void Error_offsets_in_bodies_are_absolute()
    {
        var module = WasmReader.Read(FixtureModules.Features());
        var body = module.Codes[0];
        byte[] corrupt = [0x00, 0xFF, 0x0B]; // no locals, then an unknown opcode
        var e = Assert.Throws<WasmFormatException>(() =>
            FunctionBodies.CollectFunctionReferences(corrupt, 1, body.SourceOffset, []));
        Assert.Equal(body.SourceOffset + 1, e.Offset);
    }
}
