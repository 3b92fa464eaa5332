using System.Text;

namespace Tollgate.Wasm;

/// <summary>Growable byte buffer with the wasm encodings (LEB128, names). Reused across sections to avoid copying.</summary>
internal sealed class WasmBinaryWriter
{
    private byte[] _buffer;

    public WasmBinaryWriter(int capacity = 256)
    {
        _buffer = new byte[Math.Max(16, capacity)];
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    public void Clear() => Length = 0;

    private void Ensure(int extra)
    {
        int needed = Length + extra;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }

    public void WriteByte(byte b)
    {
        Ensure(1);
        _buffer[Length++] = b;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void WriteU32(uint value)
    {
        Ensure(5);
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0)
            {
                b |= 0x80;
            }
            _buffer[Length++] = b;
        }
        while (value != 0);
    }

    public void WriteU64(ulong value)
    {
        Ensure(10);
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0)
            {
                b |= 0x80;
            }
            _buffer[Length++] = b;
        }
        while (value != 0);
    }

    public void WriteS32(int value) => WriteS64(value);

    public void WriteS64(long value)
    {
        Ensure(10);
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            if (!done)
            {
                b |= 0x80;
            }
            _buffer[Length++] = b;
            if (done)
            {
                return;
            }
        }
    }

    /// <summary>Writes a u32 as exactly <paramref name="width"/> LEB bytes (padded with continuation bits).</summary>
    public void WritePaddedU32(uint value, int width = 5)
    {
        Ensure(width);
        PatchPaddedU32(Length, value, width);
        Length += width;
    }

    /// <summary>Overwrites <paramref name="width"/> bytes at <paramref name="position"/> with a padded LEB of <paramref name="value"/>.</summary>
    public void PatchPaddedU32(int position, uint value, int width = 5) =>
        Leb128.WritePaddedU32(_buffer.AsSpan(position, width), value);

    public void WriteName(string name)
    {
        int count = Encoding.UTF8.GetByteCount(name);
        WriteU32((uint)count);
        Ensure(count);
        Encoding.UTF8.GetBytes(name, _buffer.AsSpan(Length));
        Length += count;
    }

    /// <summary>Writes the bytes written since <paramref name="start"/> prefixed by their length, moving them as needed.</summary>
    public void InsertLengthPrefix(int start)
    {
        int bodyLength = Length - start;
        int prefix = Leb128.SizeU32((uint)bodyLength);
        Ensure(prefix);
        Array.Copy(_buffer, start, _buffer, start + prefix, bodyLength);
        int saved = Length;
        Length = start;
        WriteU32((uint)bodyLength);
        Length = saved + prefix;
    }
}
