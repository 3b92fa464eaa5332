namespace Tollgate.Wasm;

/// <summary>
/// An element segment in any of the eight binary forms (<see cref="Flags"/> 0–7). Bit 0: passive or declarative;
/// bit 1: explicit table index (active) or declarative (passive); bit 2: initializers are expressions instead
/// of function indices.
/// </summary>
public sealed class ElementSegment
{
    public uint Flags { get; set; }

    public uint TableIndex { get; set; }

    /// <summary>Offset expression of an active segment (raw bytes ending with <c>end</c>); null if passive/declarative.</summary>
    public byte[]? Offset { get; set; }

    /// <summary>Element kind byte (0x00 = funcref) for forms 1–3, or reference type for forms 5–7.</summary>
    public byte ElementKind { get; set; }

    /// <summary>Function indices (forms 0–3).</summary>
    public uint[] FunctionIndices { get; set; } = [];

    /// <summary>Initializer expressions (forms 4–7), each raw bytes ending with <c>end</c>.</summary>
    public byte[][] Expressions { get; set; } = [];

    public bool IsActive => (Flags & 1) == 0;

    public bool UsesExpressions => (Flags & 4) != 0;
}
