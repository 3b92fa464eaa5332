using Wasmtime;

namespace Tollgate.Runtime.Instances;

/// <summary>Span helpers over a module's linear memory. Spans die at the next wasm call or memory growth.</summary>
internal static class LinearMemory
{
    /// <summary>The bytes of the NUL-terminated string at <paramref name="addr"/>, without the NUL.</summary>
    public static ReadOnlySpan<byte> CString(Memory memory, int addr) => CString(memory, addr, memory.GetLength());

    /// <summary>As above, with the memory's current length already known.</summary>
    public static ReadOnlySpan<byte> CString(Memory memory, int addr, long length)
    {
        if (addr <= 0 || addr >= length)
        {
            throw new PolicyEvaluationException($"module returned an invalid string address {addr}");
        }
        var tail = memory.GetSpan(addr, (int)Math.Min(length - addr, int.MaxValue));
        int end = tail.IndexOf((byte)0);
        if (end < 0)
        {
            throw new PolicyEvaluationException("module returned a string that is not NUL-terminated");
        }
        return tail[..end];
    }

    /// <summary>
    /// As above, through a base pointer the caller keeps (see PolicyInstance.RefreshMemory): no Wasmtime call.
    /// <paramref name="length"/> must be a length the memory has (memory only grows, so any earlier reading is).
    /// </summary>
    public static unsafe ReadOnlySpan<byte> CString(nint memoryBase, int addr, long length)
    {
        if (addr <= 0 || addr >= length)
        {
            throw new PolicyEvaluationException($"module returned an invalid string address {addr}");
        }
        var tail = new ReadOnlySpan<byte>((byte*)memoryBase + addr, (int)Math.Min(length - addr, int.MaxValue));
        int end = tail.IndexOf((byte)0);
        if (end < 0)
        {
            throw new PolicyEvaluationException("module returned a string that is not NUL-terminated");
        }
        return tail[..end];
    }

    /// <summary>Copies <paramref name="bytes"/> to <paramref name="addr"/> through a kept base pointer; the caller has
    /// checked that the range lies inside the memory.</summary>
    public static unsafe void Write(nint memoryBase, int addr, ReadOnlySpan<byte> bytes) =>
        bytes.CopyTo(new Span<byte>((byte*)memoryBase + addr, bytes.Length));

    /// <summary>Grows memory so that <paramref name="endExclusive"/> is addressable.</summary>
    public static void EnsureAddressable(Memory memory, long endExclusive)
    {
        long length = memory.GetLength();
        if (endExclusive <= length)
        {
            return;
        }
        long pages = (endExclusive - length + Memory.PageSize - 1) / Memory.PageSize;
        long maximum = memory.Maximum ?? long.MaxValue;
        if (memory.GetSize() + pages > maximum)
        {
            throw new PolicyMemoryLimitException(
                $"input needs {memory.GetSize() + pages} memory pages, more than the limit of {maximum}");
        }
        try
        {
            memory.Grow(pages);
        }
        catch (WasmtimeException ex)
        {
            throw new PolicyMemoryLimitException($"memory could not grow by {pages} pages: {ex.Message}", ex);
        }
    }

    /// <summary>Copies <paramref name="bytes"/> into memory at <paramref name="addr"/>.</summary>
    public static void Write(Memory memory, int addr, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return;
        }
        bytes.CopyTo(memory.GetSpan(addr, bytes.Length));
    }
}
