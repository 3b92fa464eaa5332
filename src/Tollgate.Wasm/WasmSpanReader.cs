using System.Text;

namespace Tollgate.Wasm;

/// <summary>
/// Cursor over wasm bytes. Every LEB128 read is capped at the encoding's maximum length (5 bytes for 32-bit,
/// 10 for 64-bit) and every error reports the absolute byte offset (<see cref="BaseOffset"/> + position).
/// </summary>
internal ref struct WasmSpanReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly ReadOnlySpan<byte> _data;

    public WasmSpanReader(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        _data = data;
        BaseOffset = baseOffset;
        Position = 0;
    }

    public int Position { get; set; }

    public long BaseOffset { get; }

    public readonly bool AtEnd => Position >= _data.Length;

    public readonly int Remaining => _data.Length - Position;

    public readonly long AbsolutePosition => BaseOffset + Position;

    public readonly ReadOnlySpan<byte> Data => _data;

    public readonly WasmFormatException Error(string message) => new(message, BaseOffset + Position);

    public readonly WasmFormatException ErrorAt(string message, int position) => new(message, BaseOffset + position);

    public byte ReadByte()
    {
        if (Position >= _data.Length)
        {
            throw Error("unexpected end of input");
        }
        return _data[Position++];
    }

    public readonly byte PeekByte()
    {
        if (Position >= _data.Length)
        {
            throw Error("unexpected end of input");
        }
        return _data[Position];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error($"length {count} exceeds the {Remaining} remaining bytes");
        }
        var slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }

    public uint ReadU32()
    {
        int start = Position;
        uint result = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift >= 35)
            {
                throw ErrorAt("LEB128 u32 longer than 5 bytes", start);
            }
            byte b = ReadByte();
            if (shift == 28 && (b & 0x70) != 0)
            {
                throw ErrorAt("LEB128 u32 overflows 32 bits", start);
            }
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    /// <summary>A u32 used as a count or index into .NET arrays; rejects values above int.MaxValue.</summary>
    public int ReadIndex()
    {
        int start = Position;
        uint v = ReadU32();
        if (v > int.MaxValue)
        {
            throw ErrorAt($"value {v} is too large", start);
        }
        return (int)v;
    }

    /// <summary>A vector length; rejects counts that cannot fit in the remaining bytes (one byte per element minimum).</summary>
    public int ReadCount()
    {
        int start = Position;
        uint v = ReadU32();
        if (v > (uint)Remaining)
        {
            throw ErrorAt($"count {v} exceeds the {Remaining} remaining bytes", start);
        }
        return (int)v;
    }

    public ulong ReadU64()
    {
        int start = Position;
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift >= 70)
            {
                throw ErrorAt("LEB128 u64 longer than 10 bytes", start);
            }
            byte b = ReadByte();
            if (shift == 63 && (b & 0x7E) != 0)
            {
                throw ErrorAt("LEB128 u64 overflows 64 bits", start);
            }
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    public int ReadS32()
    {
        int start = Position;
        int result = 0;
        int shift = 0;
        byte b;
        do
        {
            if (shift >= 35)
            {
                throw ErrorAt("LEB128 s32 longer than 5 bytes", start);
            }
            b = ReadByte();
            if (shift == 28)
            {
                // The unused high bits of the last byte must all equal the sign bit (bit 3).
                int high = b & 0x78;
                if ((b & 0x80) != 0 || (high != 0 && high != 0x78))
                {
                    throw ErrorAt("LEB128 s32 overflows 32 bits", start);
                }
            }
            result |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if (shift < 32 && (b & 0x40) != 0)
        {
            result |= -1 << shift;
        }
        return result;
    }

    public long ReadS64()
    {
        int start = Position;
        long result = 0;
        int shift = 0;
        byte b;
        do
        {
            if (shift >= 70)
            {
                throw ErrorAt("LEB128 s64 longer than 10 bytes", start);
            }
            b = ReadByte();
            if (shift == 63)
            {
                int high = b & 0x7F;
                if ((b & 0x80) != 0 || (high != 0 && high != 0x7F))
                {
                    throw ErrorAt("LEB128 s64 overflows 64 bits", start);
                }
            }
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0)
        {
            result |= -1L << shift;
        }
        return result;
    }

    /// <summary>A signed 33-bit LEB (block types); at most 5 bytes.</summary>
    public long ReadS33()
    {
        int start = Position;
        long result = 0;
        int shift = 0;
        byte b;
        do
        {
            if (shift >= 35)
            {
                throw ErrorAt("LEB128 s33 longer than 5 bytes", start);
            }
            b = ReadByte();
            if (shift == 28)
            {
                int high = b & 0x70;
                if ((b & 0x80) != 0 || (high != 0 && high != 0x70))
                {
                    throw ErrorAt("LEB128 s33 overflows 33 bits", start);
                }
            }
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0)
        {
            result |= -1L << shift;
        }
        return result;
    }

    public string ReadName()
    {
        int length = ReadCount();
        int start = Position;
        var bytes = ReadBytes(length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw ErrorAt("name is not valid UTF-8", start);
        }
    }

    public ValType ReadValType()
    {
        int start = Position;
        byte b = ReadByte();
        if (!ValTypes.IsValid(b))
        {
            throw ErrorAt($"invalid value type 0x{b:X2}", start);
        }
        return (ValType)b;
    }
}
