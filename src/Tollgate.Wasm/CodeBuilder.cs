namespace Tollgate.Wasm;

/// <summary>
/// Emits one function body. Calls are symbolic: each <see cref="Call"/> writes a 5-byte padded LEB128
/// placeholder and records the target, and the linker writes the final index. The function's closing
/// <c>end</c> is added by the linker; <see cref="End"/> closes blocks only.
/// </summary>
public sealed class CodeBuilder
{
    private readonly WasmBinaryWriter _code = new(64);
    private readonly List<ValType> _locals = [];
    private readonly List<CallFixup> _fixups = [];
    private readonly List<byte> _openBlocks = [];

    public CodeBuilder(FuncType signature)
    {
        Signature = signature;
    }

    public FuncType Signature { get; }

    /// <summary>Open block nesting depth (block, loop, if), to help callers compute br depths.</summary>
    public int CurrentDepth => _openBlocks.Count;

    /// <summary>Number of instruction bytes emitted so far (without locals).</summary>
    public int CodeLength => _code.Length;

    internal IReadOnlyList<CallFixup> Fixups => _fixups;

    internal ReadOnlySpan<byte> Code => _code.Written;

    internal List<ValType> Locals => _locals;

    /// <summary>Declares a local and returns its index (parameters come first).</summary>
    public int AddLocal(ValType type)
    {
        _locals.Add(type);
        return Signature.Params.Length + _locals.Count - 1;
    }

    public CodeBuilder I32Const(int v)
    {
        _code.WriteByte(0x41);
        _code.WriteS32(v);
        return this;
    }

    public CodeBuilder I64Const(long v)
    {
        _code.WriteByte(0x42);
        _code.WriteS64(v);
        return this;
    }

    public CodeBuilder LocalGet(int i) => WithIndex(0x20, i);

    public CodeBuilder LocalSet(int i) => WithIndex(0x21, i);

    public CodeBuilder LocalTee(int i) => WithIndex(0x22, i);

    public CodeBuilder GlobalGet(int i) => WithIndex(0x23, i);

    public CodeBuilder GlobalSet(int i) => WithIndex(0x24, i);

    public CodeBuilder Call(FunctionRef f)
    {
        _code.WriteByte(0x10);
        _fixups.Add(new CallFixup(_code.Length, f));
        _code.WritePaddedU32(0);
        return this;
    }

    public CodeBuilder Block() => Open(0x02, 0x40);

    public CodeBuilder Loop() => Open(0x03, 0x40);

    public CodeBuilder If() => Open(0x04, 0x40);

    public CodeBuilder Block(ValType result) => Open(0x02, (byte)result);

    public CodeBuilder Loop(ValType result) => Open(0x03, (byte)result);

    public CodeBuilder If(ValType result) => Open(0x04, (byte)result);

    public CodeBuilder Else()
    {
        if (_openBlocks.Count == 0 || _openBlocks[^1] != 0x04)
        {
            throw new InvalidOperationException("else without an open if");
        }
        _openBlocks[^1] = 0x05;
        _code.WriteByte(0x05);
        return this;
    }

    public CodeBuilder End()
    {
        if (_openBlocks.Count == 0)
        {
            throw new InvalidOperationException("end without an open block (the function's own end is added by the linker)");
        }
        _openBlocks.RemoveAt(_openBlocks.Count - 1);
        _code.WriteByte(0x0B);
        return this;
    }

    public CodeBuilder Br(int depth) => WithIndex(0x0C, CheckDepth(depth));

    public CodeBuilder BrIf(int depth) => WithIndex(0x0D, CheckDepth(depth));

    public CodeBuilder BrTable(int[] depths, int defaultDepth)
    {
        _code.WriteByte(0x0E);
        _code.WriteU32((uint)depths.Length);
        foreach (int depth in depths)
        {
            _code.WriteU32((uint)CheckDepth(depth));
        }
        _code.WriteU32((uint)CheckDepth(defaultDepth));
        return this;
    }

    public CodeBuilder Return() => Op(0x0F);

    public CodeBuilder Drop() => Op(0x1A);

    public CodeBuilder Select() => Op(0x1B);

    public CodeBuilder Unreachable() => Op(0x00);

    public CodeBuilder Nop() => Op(0x01);

    public CodeBuilder I32Eqz() => Op(0x45);

    public CodeBuilder I32Eq() => Op(0x46);

    public CodeBuilder I32Ne() => Op(0x47);

    public CodeBuilder I32LtS() => Op(0x48);

    public CodeBuilder I32LtU() => Op(0x49);

    public CodeBuilder I32GtS() => Op(0x4A);

    public CodeBuilder I32GtU() => Op(0x4B);

    public CodeBuilder I32LeS() => Op(0x4C);

    public CodeBuilder I32LeU() => Op(0x4D);

    public CodeBuilder I32GeS() => Op(0x4E);

    public CodeBuilder I32GeU() => Op(0x4F);

    public CodeBuilder I32Add() => Op(0x6A);

    public CodeBuilder I32Sub() => Op(0x6B);

    public CodeBuilder I32Mul() => Op(0x6C);

    public CodeBuilder I32And() => Op(0x71);

    public CodeBuilder I32Or() => Op(0x72);

    public CodeBuilder I32Xor() => Op(0x73);

    public CodeBuilder I32Shl() => Op(0x74);

    public CodeBuilder I32ShrS() => Op(0x75);

    public CodeBuilder I32ShrU() => Op(0x76);

    public CodeBuilder I64Eqz() => Op(0x50);

    public CodeBuilder I64Eq() => Op(0x51);

    public CodeBuilder I64Add() => Op(0x7C);

    public CodeBuilder I32WrapI64() => Op(0xA7);

    public CodeBuilder I64ExtendI32S() => Op(0xAC);

    public CodeBuilder I64ExtendI32U() => Op(0xAD);

    public CodeBuilder I32Load(int offset = 0, int align = 2) => MemoryAccess(0x28, offset, align);

    public CodeBuilder I64Load(int offset = 0, int align = 3) => MemoryAccess(0x29, offset, align);

    public CodeBuilder I32Load8U(int offset = 0, int align = 0) => MemoryAccess(0x2D, offset, align);

    public CodeBuilder I32Store(int offset = 0, int align = 2) => MemoryAccess(0x36, offset, align);

    public CodeBuilder I64Store(int offset = 0, int align = 3) => MemoryAccess(0x37, offset, align);

    public CodeBuilder I32Store8(int offset = 0, int align = 0) => MemoryAccess(0x3A, offset, align);

    /// <summary>A load or store (opcodes 0x28–0x3E) with its memarg; <paramref name="align"/> is log2 of the alignment.</summary>
    public CodeBuilder MemoryAccess(byte opcode, int offset, int align)
    {
        if (opcode is < 0x28 or > 0x3E)
        {
            throw new ArgumentOutOfRangeException(nameof(opcode), $"0x{opcode:X2} is not a load or store");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (align is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(align), "align is log2 of the access alignment (0-3)");
        }
        _code.WriteByte(opcode);
        _code.WriteU32((uint)align);
        _code.WriteU32((uint)offset);
        return this;
    }

    /// <summary>Escape hatch for an opcode without immediates (numeric, comparison, conversion).</summary>
    public CodeBuilder Op(byte opcode)
    {
        if ((opcode >= 0x02 && opcode <= 0x0E) || (opcode >= 0x10 && opcode <= 0x19)
            || (opcode >= 0x1C && opcode <= 0x44) || opcode >= 0xD0)
        {
            throw new ArgumentException($"opcode 0x{opcode:X2} takes immediates or changes nesting; use its method", nameof(opcode));
        }
        _code.WriteByte(opcode);
        return this;
    }

    private CodeBuilder WithIndex(byte opcode, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        _code.WriteByte(opcode);
        _code.WriteU32((uint)index);
        return this;
    }

    private int CheckDepth(int depth)
    {
        // depth == CurrentDepth targets the function body itself, which is legal.
        if (depth < 0 || depth > _openBlocks.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), $"branch depth {depth} exceeds the open depth {_openBlocks.Count}");
        }
        return depth;
    }

    private CodeBuilder Open(byte opcode, byte blockType)
    {
        _openBlocks.Add(opcode);
        _code.WriteByte(opcode);
        _code.WriteByte(blockType);
        return this;
    }
}

/// <summary>A call placeholder: position of the 5-byte index within the builder's code, and its target.</summary>
internal readonly record struct CallFixup(int Position, FunctionRef Target);
