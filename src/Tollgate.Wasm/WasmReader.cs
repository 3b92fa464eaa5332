namespace Tollgate.Wasm;

/// <summary>Decodes a binary module into a <see cref="WasmModule"/>. Errors are <see cref="WasmFormatException"/>s carrying the byte offset.</summary>
public static class WasmReader
{
    private static ReadOnlySpan<byte> Preamble => [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    public static WasmModule Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new WasmSpanReader(bytes);
        if (bytes.Length < 8)
        {
            throw new WasmFormatException("input is shorter than the wasm preamble", bytes.Length);
        }
        if (!bytes[..4].SequenceEqual(Preamble[..4]))
        {
            throw new WasmFormatException("missing the \\0asm magic number", 0);
        }
        if (!bytes[4..8].SequenceEqual(Preamble[4..8]))
        {
            throw new WasmFormatException("unsupported wasm version (expected 1)", 4);
        }
        reader.Position = 8;

        var module = new WasmModule();
        var lastKnown = SectionId.Custom;
        int lastRank = 0;
        int? functionCount = null;
        while (!reader.AtEnd)
        {
            int sectionStart = reader.Position;
            byte id = reader.ReadByte();
            int size = reader.ReadCount();
            int contentStart = reader.Position;
            var content = reader.ReadBytes(size);
            var section = new WasmSpanReader(content, contentStart);
            if (id == (byte)SectionId.Custom)
            {
                string name = section.ReadName();
                module.CustomSections.Add(new CustomSection(name, section.Data[section.Position..].ToArray(), lastKnown));
                continue;
            }
            if (id > (byte)SectionId.DataCount)
            {
                throw new WasmFormatException($"unknown section id {id}", sectionStart);
            }
            var sectionId = (SectionId)id;
            int rank = SectionOrder.Rank(sectionId);
            if (rank <= lastRank)
            {
                throw new WasmFormatException($"section {sectionId} is duplicated or out of order", sectionStart);
            }
            lastRank = rank;
            lastKnown = sectionId;
            switch (sectionId)
            {
                case SectionId.Type:
                    ReadTypes(ref section, module);
                    break;
                case SectionId.Import:
                    ReadImports(ref section, module);
                    break;
                case SectionId.Function:
                    {
                        int count = section.ReadCount();
                        for (int i = 0; i < count; i++)
                        {
                            module.Functions.Add(ReadTypeIndex(ref section, module));
                        }
                        functionCount = count;
                        break;
                    }
                case SectionId.Table:
                    {
                        int count = section.ReadCount();
                        for (int i = 0; i < count; i++)
                        {
                            module.Tables.Add(ReadTableType(ref section));
                        }
                        break;
                    }
                case SectionId.Memory:
                    {
                        int count = section.ReadCount();
                        for (int i = 0; i < count; i++)
                        {
                            module.Memories.Add(ReadLimits(ref section));
                        }
                        break;
                    }
                case SectionId.Global:
                    {
                        int count = section.ReadCount();
                        for (int i = 0; i < count; i++)
                        {
                            var type = ReadGlobalType(ref section);
                            module.Globals.Add(new Global(type, ReadConstExpr(ref section)));
                        }
                        break;
                    }
                case SectionId.Export:
                    ReadExports(ref section, module);
                    break;
                case SectionId.Start:
                    module.Start = ReadIndexBelow(ref section, SpaceSize(module, ExternalKind.Function), "function");
                    break;
                case SectionId.Element:
                    ReadElements(ref section, module);
                    break;
                case SectionId.DataCount:
                    module.DataCount = section.ReadU32();
                    break;
                case SectionId.Code:
                    ReadCode(ref section, module, functionCount ?? 0);
                    break;
                case SectionId.Data:
                    ReadData(ref section, module);
                    break;
            }
            if (!section.AtEnd)
            {
                throw section.Error($"{section.Remaining} unread bytes at the end of the {sectionId} section");
            }
        }
        if (module.Codes.Count != module.Functions.Count)
        {
            throw new WasmFormatException(
                $"function section declares {module.Functions.Count} functions but the code section has {module.Codes.Count} bodies",
                bytes.Length);
        }
        if (module.DataCount is uint dc && dc != module.Data.Count)
        {
            throw new WasmFormatException($"data count {dc} differs from the {module.Data.Count} data segments", bytes.Length);
        }
        return module;
    }

    /// <summary>Size of an index space: imports of that kind, then definitions.</summary>
    private static int SpaceSize(WasmModule module, ExternalKind kind) => module.CountImports(kind) + kind switch
    {
        ExternalKind.Function => module.Functions.Count,
        ExternalKind.Table => module.Tables.Count,
        ExternalKind.Memory => module.Memories.Count,
        _ => module.Globals.Count,
    };

    private static uint ReadTypeIndex(ref WasmSpanReader r, WasmModule module) =>
        ReadIndexBelow(ref r, module.Types.Count, "type");

    private static uint ReadIndexBelow(ref WasmSpanReader r, int limit, string what)
    {
        int at = r.Position;
        uint index = r.ReadU32();
        if (index >= (uint)limit)
        {
            throw r.ErrorAt($"{what} index {index} is out of range (there are {limit})", at);
        }
        return index;
    }

    private static void ReadTypes(ref WasmSpanReader r, WasmModule module)
    {
        int count = r.ReadCount();
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            byte form = r.ReadByte();
            if (form != 0x60)
            {
                throw r.ErrorAt($"expected function type 0x60, found 0x{form:X2}", at);
            }
            var parameters = new ValType[r.ReadCount()];
            for (int p = 0; p < parameters.Length; p++)
            {
                parameters[p] = r.ReadValType();
            }
            var results = new ValType[r.ReadCount()];
            for (int p = 0; p < results.Length; p++)
            {
                results[p] = r.ReadValType();
            }
            module.Types.Add(new FuncType(parameters, results));
        }
    }

    private static void ReadImports(ref WasmSpanReader r, WasmModule module)
    {
        int count = r.ReadCount();
        for (int i = 0; i < count; i++)
        {
            string moduleName = r.ReadName();
            string name = r.ReadName();
            int at = r.Position;
            byte kind = r.ReadByte();
            var import = kind switch
            {
                0 => new Import(moduleName, name, ExternalKind.Function),
                1 => new Import(moduleName, name, ExternalKind.Table),
                2 => new Import(moduleName, name, ExternalKind.Memory),
                3 => new Import(moduleName, name, ExternalKind.Global),
                _ => throw r.ErrorAt($"unknown import kind 0x{kind:X2}", at),
            };
            switch (import.Kind)
            {
                case ExternalKind.Function:
                    import.FunctionType = ReadTypeIndex(ref r, module);
                    break;
                case ExternalKind.Table:
                    import.Table = ReadTableType(ref r);
                    break;
                case ExternalKind.Memory:
                    import.Memory = ReadLimits(ref r);
                    break;
                case ExternalKind.Global:
                    import.Global = ReadGlobalType(ref r);
                    break;
            }
            module.Imports.Add(import);
        }
    }

    private static void ReadExports(ref WasmSpanReader r, WasmModule module)
    {
        int count = r.ReadCount();
        for (int i = 0; i < count; i++)
        {
            string name = r.ReadName();
            int at = r.Position;
            byte kind = r.ReadByte();
            if (kind > 3)
            {
                throw r.ErrorAt($"unknown export kind 0x{kind:X2}", at);
            }
            var exportKind = (ExternalKind)kind;
            module.Exports.Add(new Export(name, exportKind, ReadIndexBelow(ref r, SpaceSize(module, exportKind), exportKind.ToString().ToLowerInvariant())));
        }
    }

    internal static Limits ReadLimits(ref WasmSpanReader r)
    {
        int at = r.Position;
        byte flags = r.ReadByte();
        if (flags > 7)
        {
            throw r.ErrorAt($"invalid limits flags 0x{flags:X2}", at);
        }
        var limits = new Limits { Flags = flags };
        bool is64 = (flags & 4) != 0;
        limits.Min = is64 ? r.ReadU64() : r.ReadU32();
        if ((flags & 1) != 0)
        {
            limits.Max = is64 ? r.ReadU64() : r.ReadU32();
        }
        return limits;
    }

    private static TableType ReadTableType(ref WasmSpanReader r)
    {
        int at = r.Position;
        var type = r.ReadValType();
        if (type is not (ValType.FuncRef or ValType.ExternRef))
        {
            throw r.ErrorAt($"table element type must be a reference type, found {type}", at);
        }
        return new TableType { ElementType = type, Limits = ReadLimits(ref r) };
    }

    private static GlobalType ReadGlobalType(ref WasmSpanReader r)
    {
        var type = r.ReadValType();
        int at = r.Position;
        byte mutability = r.ReadByte();
        if (mutability > 1)
        {
            throw r.ErrorAt($"invalid global mutability 0x{mutability:X2}", at);
        }
        return new GlobalType { ValueType = type, Mutable = mutability == 1 };
    }

    /// <summary>Reads a constant expression up to and including its final <c>end</c>, returning its raw bytes.</summary>
    internal static byte[] ReadConstExpr(ref WasmSpanReader r)
    {
        int start = r.Position;
        var decoder = new InstructionDecoder(r.Data, start, r.BaseOffset);
        while (decoder.Next(out _))
        {
        }
        r.Position = decoder.Position;
        return r.Data[start..r.Position].ToArray();
    }

    private static void ReadElements(ref WasmSpanReader r, WasmModule module)
    {
        int count = r.ReadCount();
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            uint flags = r.ReadU32();
            if (flags > 7)
            {
                throw r.ErrorAt($"invalid element segment flags {flags}", at);
            }
            var segment = new ElementSegment { Flags = flags };
            bool passiveOrDeclarative = (flags & 1) != 0;
            bool explicitTable = (flags & 2) != 0;
            if (!passiveOrDeclarative)
            {
                if (explicitTable)
                {
                    segment.TableIndex = ReadIndexBelow(ref r, SpaceSize(module, ExternalKind.Table), "table");
                }
                segment.Offset = ReadConstExpr(ref r);
            }
            if (passiveOrDeclarative || explicitTable)
            {
                // Forms 1-3 carry an element kind, forms 5-7 a reference type; forms 0 and 4 imply funcref.
                segment.ElementKind = r.ReadByte();
            }
            int n = r.ReadCount();
            if (segment.UsesExpressions)
            {
                var expressions = new byte[n][];
                for (int e = 0; e < n; e++)
                {
                    expressions[e] = ReadConstExpr(ref r);
                }
                segment.Expressions = expressions;
            }
            else
            {
                var indices = new uint[n];
                int functions = SpaceSize(module, ExternalKind.Function);
                for (int e = 0; e < n; e++)
                {
                    indices[e] = ReadIndexBelow(ref r, functions, "function");
                }
                segment.FunctionIndices = indices;
            }
            module.Elements.Add(segment);
        }
    }

    private static void ReadCode(ref WasmSpanReader r, WasmModule module, int declared)
    {
        int count = r.ReadCount();
        if (count != declared)
        {
            throw r.Error($"code section has {count} bodies but the function section declares {declared}");
        }
        for (int i = 0; i < count; i++)
        {
            int size = r.ReadCount();
            long offset = r.AbsolutePosition;
            module.Codes.Add(new FunctionBody(r.ReadBytes(size).ToArray()) { SourceOffset = offset });
        }
    }

    private static void ReadData(ref WasmSpanReader r, WasmModule module)
    {
        int count = r.ReadCount();
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            uint flags = r.ReadU32();
            var segment = new DataSegment { Flags = flags };
            switch (flags)
            {
                case 0:
                    segment.Offset = ReadConstExpr(ref r);
                    break;
                case 1:
                    break;
                case 2:
                    segment.MemoryIndex = ReadIndexBelow(ref r, SpaceSize(module, ExternalKind.Memory), "memory");
                    segment.Offset = ReadConstExpr(ref r);
                    break;
                default:
                    throw r.ErrorAt($"invalid data segment flags {flags}", at);
            }
            segment.Bytes = r.ReadBytes(r.ReadCount()).ToArray();
            module.Data.Add(segment);
        }
    }
}
