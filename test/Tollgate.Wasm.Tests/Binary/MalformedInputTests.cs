using Tollgate.Wasm.Tests.Support;

namespace Tollgate.Wasm.Tests.Binary;

public class MalformedInputTests
{
    private static WasmFormatException Rejects(byte[] bytes) => Assert.Throws<WasmFormatException>(() => WasmReader.Read(bytes));

    [Fact]
    public void Empty_and_short_inputs_are_rejected()
    {
        Rejects([]);
        Rejects([0x00, 0x61, 0x73]);
    }

    [Fact]
    public void Bad_magic_and_version_are_rejected_with_offset()
    {
        Assert.Equal(0, Rejects([0x00, 0x61, 0x73, 0x6E, 0x01, 0, 0, 0]).Offset);
        Assert.Equal(4, Rejects([0x00, 0x61, 0x73, 0x6D, 0x02, 0, 0, 0]).Offset);
    }

    [Fact]
    public void Unknown_section_id_is_rejected_at_its_offset()
    {
        var e = Rejects([0x00, 0x61, 0x73, 0x6D, 0x01, 0, 0, 0, 0x0D, 0x00]);
        Assert.Equal(8, e.Offset);
        Assert.Contains("section id 13", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_order_and_duplicate_sections_are_rejected()
    {
        // memory section (5) then type section (1)
        Rejects([0x00, 0x61, 0x73, 0x6D, 0x01, 0, 0, 0, 0x05, 0x03, 0x01, 0x00, 0x01, 0x01, 0x01, 0x00]);
        Rejects([0x00, 0x61, 0x73, 0x6D, 0x01, 0, 0, 0, 0x01, 0x01, 0x00, 0x01, 0x01, 0x00]);
    }

    [Fact]
    public void Oversize_section_length_leb_is_rejected()
    {
        var e = Rejects([0x00, 0x61, 0x73, 0x6D, 0x01, 0, 0, 0, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
        Assert.Equal(9, e.Offset);
    }

    [Fact]
    public void Section_length_past_the_end_is_rejected()
    {
        Rejects([0x00, 0x61, 0x73, 0x6D, 0x01, 0, 0, 0, 0x01, 0x10, 0x00]);
    }

    [Fact]
    public void Trailing_bytes_inside_a_section_are_rejected()
    {
        // type section of size 2 holding an empty vector and one extra byte
        var e = Rejects([0x00, 0x61, 0x73, 0x6D, 0x01, 0, 0, 0, 0x01, 0x02, 0x00, 0x00]);
        Assert.Equal(11, e.Offset);
    }

    [Fact]
    public void Every_truncation_of_a_real_module_is_a_format_error_unless_it_ends_on_a_section_boundary()
    {
        var bytes = FixtureModules.MiniRuntime();
        var boundaries = SectionBoundaries(bytes);
        int parsed = 0;
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            try
            {
                WasmReader.Read(bytes.AsSpan(0, cut));
                // Only a prefix made of whole sections can be a module (and only if it is self-consistent).
                Assert.Contains(cut, boundaries);
                parsed++;
            }
            catch (WasmFormatException e)
            {
                Assert.InRange(e.Offset, 0, cut);
            }
        }
        Assert.InRange(parsed, 1, boundaries.Count);
    }

    private static HashSet<int> SectionBoundaries(byte[] bytes)
    {
        var boundaries = new HashSet<int> { 8 };
        int pos = 8;
        while (pos < bytes.Length)
        {
            pos++; // id
            uint size = 0;
            int shift = 0;
            byte b;
            do
            {
                b = bytes[pos++];
                size |= (uint)(b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            pos += (int)size;
            boundaries.Add(pos);
        }
        return boundaries;
    }

    [Fact]
    public void Random_corruption_never_escapes_as_another_exception()
    {
        var original = FixtureModules.Features();
        var random = new Random(1234);
        for (int round = 0; round < 3000; round++)
        {
            var bytes = (byte[])original.Clone();
            int flips = 1 + random.Next(3);
            for (int i = 0; i < flips; i++)
            {
                bytes[8 + random.Next(bytes.Length - 8)] = (byte)random.Next(256);
            }
            try
            {
                var module = WasmReader.Read(bytes);
                // Whatever parses must write a module that reads back to the same encoding (a corrupted
                // count may have become a padded LEB, which the writer shortens, so compare after one pass).
                var written = WasmWriter.Write(module);
                Assert.Equal(written, WasmWriter.Write(WasmReader.Read(written)));
            }
            catch (WasmFormatException e)
            {
                Assert.InRange(e.Offset, -1, bytes.Length);
            }
        }
    }
}
