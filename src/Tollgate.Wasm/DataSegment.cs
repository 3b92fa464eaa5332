namespace Tollgate.Wasm;

/// <summary>A data segment. <see cref="Flags"/>: 0 = active in memory 0, 1 = passive, 2 = active with explicit memory.</summary>
public sealed class DataSegment
{
    public uint Flags { get; set; }

    public uint MemoryIndex { get; set; }

    /// <summary>Offset expression of an active segment (raw bytes ending with <c>end</c>); null if passive.</summary>
    public byte[]? Offset { get; set; }

    public byte[] Bytes { get; set; } = [];

    public bool IsActive => Flags != 1;
}
