namespace Tollgate.Wasm;

/// <summary>
/// One decoded instruction: where it starts and, for instructions that name a function (call, return_call,
/// ref.func), where that index immediate sits so the linker can rewrite it.
/// </summary>
internal struct DecodedInstruction
{
    /// <summary>Offset of the opcode within the decoded span.</summary>
    public int Start;

    /// <summary>The opcode byte; for prefixed opcodes (0xFC, 0xFD, 0xFE) the prefix.</summary>
    public byte Opcode;

    /// <summary>Sub-opcode of a prefixed instruction.</summary>
    public uint SubOpcode;

    /// <summary>Offset of the function index immediate, or -1.</summary>
    public int FunctionIndexPosition;

    /// <summary>Encoded byte length of the function index immediate.</summary>
    public int FunctionIndexLength;

    public uint FunctionIndex;

    /// <summary>True for the <c>end</c> that closes the whole expression.</summary>
    public bool IsFinalEnd;
}
