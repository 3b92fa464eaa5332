namespace Tollgate.Wasm;

/// <summary>LEB128 size computation and fixed-width encoding.</summary>
internal static class Leb128
{
    public static int SizeU32(uint value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    /// <summary>Encodes <paramref name="value"/> into all of <paramref name="target"/>, padding with 0x80 continuation bytes.</summary>
    public static void WritePaddedU32(Span<byte> target, uint value)
    {
        int width = target.Length;
        if (width < SizeU32(value) || width > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit in a {width}-byte LEB128");
        }
        for (int i = 0; i < width - 1; i++)
        {
            target[i] = (byte)((value & 0x7F) | 0x80);
            value >>= 7;
        }
        target[width - 1] = (byte)(value & 0x7F);
    }
}
