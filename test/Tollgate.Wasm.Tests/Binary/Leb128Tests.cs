namespace Tollgate.Wasm.Tests.Binary;

public class Leb128Tests
{
    private static uint U32(params byte[] bytes)
    {
        var r = new WasmSpanReader(bytes);
        uint v = r.ReadU32();
        Assert.True(r.AtEnd);
        return v;
    }

    private static int S32(params byte[] bytes)
    {
        var r = new WasmSpanReader(bytes);
        int v = r.ReadS32();
        Assert.True(r.AtEnd);
        return v;
    }

    private static long S64(params byte[] bytes)
    {
        var r = new WasmSpanReader(bytes);
        long v = r.ReadS64();
        Assert.True(r.AtEnd);
        return v;
    }

    private static WasmFormatException Fails(Func<uint> read) => Assert.Throws<WasmFormatException>(() => read());

    [Fact]
    public void U32_decodes_canonical_and_padded_forms()
    {
        Assert.Equal(0u, U32(0x00));
        Assert.Equal(127u, U32(0x7F));
        Assert.Equal(128u, U32(0x80, 0x01));
        Assert.Equal(624485u, U32(0xE5, 0x8E, 0x26));
        Assert.Equal(0u, U32(0x80, 0x80, 0x80, 0x80, 0x00));
        Assert.Equal(3u, U32(0x83, 0x80, 0x80, 0x80, 0x00));
        Assert.Equal(uint.MaxValue, U32(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
    }

    [Fact]
    public void U32_rejects_overlong_and_overflowing_encodings_with_offset()
    {
        var sixBytes = Fails(() => U32(0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
        Assert.Equal(0, sixBytes.Offset);
        Assert.Contains("offset 0", sixBytes.Message, StringComparison.Ordinal);
        Fails(() => U32(0xFF, 0xFF, 0xFF, 0xFF, 0x1F)); // bit 32 set
        Fails(() => U32(0xFF, 0xFF, 0xFF, 0xFF, 0x4F));
        var truncated = Fails(() => U32(0x80, 0x80));
        Assert.Equal(2, truncated.Offset);
    }

    [Fact]
    public void Error_offset_includes_the_base_offset()
    {
        byte[] bytes = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80];
        var e = Assert.Throws<WasmFormatException>(() =>
        {
            var r = new WasmSpanReader(bytes, 1000);
            r.ReadU32();
        });
        Assert.Equal(1000, e.Offset);
    }

    [Fact]
    public void S32_decodes_extremes_and_sign()
    {
        Assert.Equal(0, S32(0x00));
        Assert.Equal(-1, S32(0x7F));
        Assert.Equal(63, S32(0x3F));
        Assert.Equal(-64, S32(0x40));
        Assert.Equal(64, S32(0xC0, 0x00));
        Assert.Equal(int.MaxValue, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x07));
        Assert.Equal(int.MinValue, S32(0x80, 0x80, 0x80, 0x80, 0x78));
        Assert.Equal(-1, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
    }

    [Fact]
    public void S32_rejects_values_outside_32_bits()
    {
        Assert.Throws<WasmFormatException>(() => S32(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)); // 2^32-1 is not an s32
        Assert.Throws<WasmFormatException>(() => S32(0x80, 0x80, 0x80, 0x80, 0x70));
        Assert.Throws<WasmFormatException>(() => S32(0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
    }

    [Fact]
    public void S64_decodes_extremes_and_rejects_overflow()
    {
        Assert.Equal(long.MaxValue, S64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00));
        Assert.Equal(long.MinValue, S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F));
        Assert.Equal(-2, S64(0x7E));
        Assert.Throws<WasmFormatException>(() => S64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
        Assert.Throws<WasmFormatException>(() => S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
    }

    [Fact]
    public void U64_is_capped_at_ten_bytes()
    {
        byte[] max = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];
        var r = new WasmSpanReader(max);
        Assert.Equal(ulong.MaxValue, r.ReadU64());
        byte[] overflow = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x03];
        Assert.Throws<WasmFormatException>(() => new WasmSpanReader(overflow).ReadU64());
        byte[] eleven = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00];
        Assert.Throws<WasmFormatException>(() => new WasmSpanReader(eleven).ReadU64());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(-64)]
    [InlineData(-65)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(1L << 40)]
    public void Signed_values_round_trip_through_the_writer(long value)
    {
        var w = new WasmBinaryWriter();
        w.WriteS64(value);
        var r = new WasmSpanReader(w.Written);
        Assert.Equal(value, r.ReadS64());
        Assert.True(r.AtEnd);
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            var r32 = new WasmSpanReader(w.Written);
            Assert.Equal((int)value, r32.ReadS32());
        }
    }

    [Theory]
    [InlineData(0u, 1)]
    [InlineData(127u, 1)]
    [InlineData(128u, 2)]
    [InlineData(16383u, 2)]
    [InlineData(16384u, 3)]
    [InlineData(uint.MaxValue, 5)]
    public void Unsigned_values_round_trip_canonically_and_padded(uint value, int size)
    {
        var w = new WasmBinaryWriter();
        w.WriteU32(value);
        Assert.Equal(size, w.Length);
        Assert.Equal(size, Leb128.SizeU32(value));
        w.WritePaddedU32(value);
        Assert.Equal(size + 5, w.Length);
        var r = new WasmSpanReader(w.Written);
        Assert.Equal(value, r.ReadU32());
        Assert.Equal(value, r.ReadU32());
        Assert.True(r.AtEnd);
    }

    [Fact]
    public void Length_prefix_insertion_moves_the_body()
    {
        var w = new WasmBinaryWriter(16);
        w.WriteByte(0xAA);
        int start = w.Length;
        for (int i = 0; i < 200; i++)
        {
            w.WriteByte((byte)i);
        }
        w.InsertLengthPrefix(start);
        var r = new WasmSpanReader(w.Written);
        Assert.Equal(0xAA, r.ReadByte());
        Assert.Equal(200u, r.ReadU32());
        var body = r.ReadBytes(200);
        Assert.Equal(199, body[199]);
        Assert.True(r.AtEnd);
    }
}
