namespace Tollgate.Wasm;

/// <summary>
/// Limits of a memory or table. <see cref="Flags"/> keeps the encoding: bit 0 = has maximum, bit 1 = shared
/// (threads), bit 2 = 64-bit indices (memory64, whose limits are u64).
/// </summary>
public struct Limits
{
    public byte Flags;
    public ulong Min;
    public ulong Max;

    public Limits(ulong min, ulong? max = null)
    {
        Min = min;
        Max = max ?? 0;
        Flags = max.HasValue ? (byte)1 : (byte)0;
    }

    public readonly bool HasMax => (Flags & 1) != 0;

    public readonly bool Shared => (Flags & 2) != 0;

    public readonly bool Is64 => (Flags & 4) != 0;
}

/// <summary>A table: element reference type and limits.</summary>
public struct TableType
{
    public ValType ElementType;
    public Limits Limits;
}

/// <summary>A global's value type and mutability.</summary>
public struct GlobalType
{
    public ValType ValueType;
    public bool Mutable;
}
