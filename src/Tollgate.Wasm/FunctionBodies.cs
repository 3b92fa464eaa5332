namespace Tollgate.Wasm;

/// <summary>Decoding helpers over raw function bodies and constant expressions: find and rewrite function indices.</summary>
internal static class FunctionBodies
{
    /// <summary>Skips the local declarations of a body and returns the position of its first instruction.</summary>
    public static int SkipLocals(ReadOnlySpan<byte> code, long baseOffset)
    {
        var r = new WasmSpanReader(code, baseOffset);
        int groups = r.ReadCount();
        for (int i = 0; i < groups; i++)
        {
            r.ReadU32();
            r.ReadValType();
        }
        return r.Position;
    }

    /// <summary>Appends every function index named by the instructions (call, return_call, ref.func) to <paramref name="targets"/>.</summary>
    public static void CollectFunctionReferences(ReadOnlySpan<byte> code, int start, long baseOffset, List<uint> targets)
    {
        var decoder = new InstructionDecoder(code, start, baseOffset);
        while (decoder.Next(out var instruction))
        {
            if (instruction.FunctionIndexPosition >= 0)
            {
                targets.Add(instruction.FunctionIndex);
            }
        }
        if (decoder.Position != code.Length)
        {
            throw new WasmFormatException("bytes after the final 'end' of an expression", baseOffset + decoder.Position);
        }
    }

    /// <summary>
    /// Returns a copy of <paramref name="code"/> with every function index mapped through <paramref name="newIndex"/>
    /// (written as canonical LEB128, so padded indices shrink). Returns the input itself when nothing changes.
    /// </summary>
    public static byte[] RenumberFunctions(byte[] code, int start, long baseOffset, uint[] newIndex, WasmBinaryWriter scratch)
    {
        scratch.Clear();
        int copied = 0;
        bool changed = false;
        var decoder = new InstructionDecoder(code, start, baseOffset);
        while (decoder.Next(out var instruction))
        {
            if (instruction.FunctionIndexPosition < 0)
            {
                continue;
            }
            uint old = instruction.FunctionIndex;
            if (old >= newIndex.Length || newIndex[old] == uint.MaxValue)
            {
                throw new WasmFormatException($"reference to function {old}, which does not exist or was removed",
                    baseOffset + instruction.FunctionIndexPosition);
            }
            uint mapped = newIndex[old];
            if (mapped == old && instruction.FunctionIndexLength == Leb128.SizeU32(old))
            {
                continue;
            }
            changed = true;
            scratch.WriteBytes(code.AsSpan(copied, instruction.FunctionIndexPosition - copied));
            scratch.WriteU32(mapped);
            copied = instruction.FunctionIndexPosition + instruction.FunctionIndexLength;
        }
        if (decoder.Position != code.Length)
        {
            throw new WasmFormatException("bytes after the final 'end' of an expression", baseOffset + decoder.Position);
        }
        if (!changed)
        {
            return code;
        }
        scratch.WriteBytes(code.AsSpan(copied));
        return scratch.ToArray();
    }

    /// <summary>Value of an <c>i32.const N; end</c> constant expression, or null for anything else.</summary>
    public static int? ConstantI32(byte[]? expression)
    {
        if (expression is null || expression.Length < 2 || expression[0] != 0x41)
        {
            return null;
        }
        var r = new WasmSpanReader(expression);
        r.ReadByte();
        int value = r.ReadS32();
        return r.Remaining == 1 && r.ReadByte() == 0x0B ? value : null;
    }

    public static byte[] I32ConstExpression(int value)
    {
        var w = new WasmBinaryWriter(8);
        w.WriteByte(0x41);
        w.WriteS32(value);
        w.WriteByte(0x0B);
        return w.ToArray();
    }
}
