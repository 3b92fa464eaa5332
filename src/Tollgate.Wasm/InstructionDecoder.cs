namespace Tollgate.Wasm;

/// <summary>
/// Walks an expression instruction by instruction: MVP, sign extension, non-trapping float-to-int, bulk memory,
/// reference types, multi-value block types, tail calls, SIMD (0xFD) and threads (0xFE). An opcode it does
/// not know is a <see cref="WasmFormatException"/> with its offset: skipping it would misread every later byte.
/// </summary>
internal ref struct InstructionDecoder
{
    private WasmSpanReader _reader;
    private int _depth;
    private bool _finished;

    /// <param name="code">Bytes starting at the first instruction.</param>
    /// <param name="start">Position in <paramref name="code"/> of the first instruction.</param>
    /// <param name="baseOffset">Absolute offset of <paramref name="code"/>[0] in the original input, for errors.</param>
    public InstructionDecoder(ReadOnlySpan<byte> code, int start, long baseOffset)
    {
        _reader = new WasmSpanReader(code, baseOffset) { Position = start };
        _depth = 0;
        _finished = false;
    }

    /// <summary>Position just after the last decoded instruction.</summary>
    public readonly int Position => _reader.Position;

    public readonly bool Finished => _finished;

    public bool Next(out DecodedInstruction instruction)
    {
        instruction = default;
        if (_finished)
        {
            return false;
        }
        instruction.Start = _reader.Position;
        instruction.FunctionIndexPosition = -1;
        if (_reader.AtEnd)
        {
            throw _reader.Error("expression ends without a final 'end'");
        }
        byte op = _reader.ReadByte();
        instruction.Opcode = op;
        switch (op)
        {
            case 0x00: // unreachable
            case 0x01: // nop
            case 0x05: // else
            case 0x0F: // return
            case 0x1A: // drop
            case 0x1B: // select
            case 0xD1: // ref.is_null
                break;
            case 0x02: // block
            case 0x03: // loop
            case 0x04: // if
                ReadBlockType();
                _depth++;
                break;
            case 0x0B: // end
                if (_depth == 0)
                {
                    _finished = true;
                    instruction.IsFinalEnd = true;
                }
                else
                {
                    _depth--;
                }
                break;
            case 0x0C: // br
            case 0x0D: // br_if
            case 0x20: // local.get
            case 0x21: // local.set
            case 0x22: // local.tee
            case 0x23: // global.get
            case 0x24: // global.set
            case 0x25: // table.get
            case 0x26: // table.set
            case 0x3F: // memory.size
            case 0x40: // memory.grow
                _reader.ReadU32();
                break;
            case 0x0E: // br_table
                {
                    int count = _reader.ReadCount();
                    for (int i = 0; i < count; i++)
                    {
                        _reader.ReadU32();
                    }
                    _reader.ReadU32();
                    break;
                }
            case 0x10: // call
            case 0x12: // return_call
            case 0xD2: // ref.func
                ReadFunctionIndex(ref instruction);
                break;
            case 0x11: // call_indirect: type index, table index
            case 0x13: // return_call_indirect
                _reader.ReadU32();
                _reader.ReadU32();
                break;
            case 0x1C: // select t*
                {
                    int count = _reader.ReadCount();
                    for (int i = 0; i < count; i++)
                    {
                        _reader.ReadValType();
                    }
                    break;
                }
            case 0x41: // i32.const
                _reader.ReadS32();
                break;
            case 0x42: // i64.const
                _reader.ReadS64();
                break;
            case 0x43: // f32.const
                _reader.ReadBytes(4);
                break;
            case 0x44: // f64.const
                _reader.ReadBytes(8);
                break;
            case 0xD0: // ref.null t
                _reader.ReadByte();
                break;
            case 0xFC:
                DecodeMiscPrefix(ref instruction);
                break;
            case 0xFD:
                DecodeSimdPrefix(ref instruction);
                break;
            case 0xFE:
                DecodeAtomicPrefix(ref instruction);
                break;
            default:
                if (op is >= 0x28 and <= 0x3E)
                {
                    ReadMemArg();
                }
                else if (op is < 0x45 or > 0xC4)
                {
                    // 0x45..0xC4 are the numeric instructions (comparisons, arithmetic, conversions, sign
                    // extension), none with immediates; anything else here is unknown.
                    throw _reader.ErrorAt($"unknown opcode 0x{op:X2}", instruction.Start);
                }
                break;
        }
        return true;
    }

    private void ReadFunctionIndex(ref DecodedInstruction instruction)
    {
        int at = _reader.Position;
        instruction.FunctionIndex = _reader.ReadU32();
        instruction.FunctionIndexPosition = at;
        instruction.FunctionIndexLength = _reader.Position - at;
    }

    private void ReadBlockType()
    {
        byte b = _reader.PeekByte();
        if (b == 0x40 || ValTypes.IsValid(b))
        {
            _reader.Position++;
            return;
        }
        int start = _reader.Position;
        long typeIndex = _reader.ReadS33();
        if (typeIndex < 0)
        {
            throw _reader.ErrorAt($"invalid block type 0x{b:X2}", start);
        }
    }

    private void ReadMemArg()
    {
        uint align = _reader.ReadU32();
        if ((align & 0x40) != 0)
        {
            _reader.ReadU32(); // multi-memory: explicit memory index
        }
        _reader.ReadU64(); // offset (u64 under memory64; u32 otherwise, same LEB)
    }

    private void DecodeMiscPrefix(ref DecodedInstruction instruction)
    {
        int start = instruction.Start;
        uint sub = _reader.ReadU32();
        instruction.SubOpcode = sub;
        switch (sub)
        {
            case <= 7: // i32/i64.trunc_sat_f32/f64_s/u
                break;
            case 8: // memory.init data, mem
            case 12: // table.init elem, table
            case 14: // table.copy dst, src
            case 10: // memory.copy dst, src
                _reader.ReadU32();
                _reader.ReadU32();
                break;
            case 9: // data.drop
            case 11: // memory.fill
            case 13: // elem.drop
            case 15: // table.grow
            case 16: // table.size
            case 17: // table.fill
                _reader.ReadU32();
                break;
            default:
                throw _reader.ErrorAt($"unknown opcode 0xFC {sub}", start);
        }
    }

    private void DecodeSimdPrefix(ref DecodedInstruction instruction)
    {
        int start = instruction.Start;
        uint sub = _reader.ReadU32();
        instruction.SubOpcode = sub;
        switch (sub)
        {
            case <= 11: // v128.load*, v128.store
            case 92: // v128.load32_zero
            case 93: // v128.load64_zero
                ReadMemArg();
                break;
            case 12: // v128.const
            case 13: // i8x16.shuffle
                _reader.ReadBytes(16);
                break;
            case >= 21 and <= 34: // extract_lane / replace_lane
                _reader.ReadByte();
                break;
            case >= 84 and <= 91: // v128.load/store*_lane
                ReadMemArg();
                _reader.ReadByte();
                break;
            case <= 275:
                // Every other SIMD and relaxed-SIMD opcode takes no immediate, so decoding stays in step.
                break;
            default:
                throw _reader.ErrorAt($"unknown opcode 0xFD {sub}", start);
        }
    }

    private void DecodeAtomicPrefix(ref DecodedInstruction instruction)
    {
        int start = instruction.Start;
        uint sub = _reader.ReadU32();
        instruction.SubOpcode = sub;
        if (sub == 3)
        {
            _reader.ReadByte(); // atomic.fence: reserved byte
            return;
        }
        if (sub <= 2 || (sub >= 0x10 && sub <= 0x4E))
        {
            ReadMemArg();
            return;
        }
        throw _reader.ErrorAt($"unknown opcode 0xFE {sub}", start);
    }
}
