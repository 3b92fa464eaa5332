namespace Tollgate.Wasm;

/// <summary>A WebAssembly value type, stored as its binary encoding.</summary>
public enum ValType : byte
{
    I32 = 0x7F,
    I64 = 0x7E,
    F32 = 0x7D,
    F64 = 0x7C,
    /// <summary>SIMD vector; only read and written, never generated.</summary>
    V128 = 0x7B,
    /// <summary>Function reference (reference-types proposal).</summary>
    FuncRef = 0x70,
    /// <summary>External reference (reference-types proposal).</summary>
    ExternRef = 0x6F,
}

internal static class ValTypes
{
    public static bool IsValid(byte b) =>
        b is 0x7F or 0x7E or 0x7D or 0x7C or 0x7B or 0x70 or 0x6F;
}
