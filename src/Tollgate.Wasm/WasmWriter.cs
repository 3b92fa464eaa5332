namespace Tollgate.Wasm;

/// <summary>Encodes a <see cref="WasmModule"/> with canonical (shortest) LEB128 headers.</summary>
public static class WasmWriter
{
    public static byte[] Write(WasmModule module)
    {
        var w = new WasmBinaryWriter(EstimateSize(module));
        w.WriteBytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);
        WriteCustomSections(w, module, SectionId.Custom);
        foreach (var id in SectionOrder.Emission)
        {
            if (HasSection(module, id))
            {
                w.WriteByte((byte)id);
                int start = w.Length;
                WriteSectionContent(w, module, id);
                w.InsertLengthPrefix(start);
            }
            WriteCustomSections(w, module, id);
        }
        return w.ToArray();
    }

    /// <summary>An upper-bound guess of the output size, so the buffer is allocated once (large buffers live
    /// on the large object heap, where regrowing costs a gen-2 collection).</summary>
    private static int EstimateSize(WasmModule module)
    {
        long estimate = 1024 + (module.Types.Count * 16L) + (module.Functions.Count * 5L) + (module.Globals.Count * 16L);
        foreach (var import in module.Imports)
        {
            estimate += import.Module.Length * 3L + import.Name.Length * 3L + 24;
        }
        foreach (var export in module.Exports)
        {
            estimate += export.Name.Length * 3L + 12;
        }
        foreach (var segment in module.Elements)
        {
            estimate += 32 + (segment.FunctionIndices.Length * 5L);
            foreach (var expression in segment.Expressions)
            {
                estimate += expression.Length;
            }
        }
        foreach (var body in module.Codes)
        {
            estimate += body.Code.Length + 5;
        }
        foreach (var segment in module.Data)
        {
            estimate += segment.Bytes.Length + 32;
        }
        foreach (var custom in module.CustomSections)
        {
            estimate += custom.Content.Length + (custom.Name.Length * 3L) + 16;
        }
        return (int)Math.Min(estimate, Array.MaxLength);
    }

    private static bool HasSection(WasmModule m, SectionId id) => id switch
    {
        SectionId.Type => m.Types.Count > 0,
        SectionId.Import => m.Imports.Count > 0,
        SectionId.Function => m.Functions.Count > 0,
        SectionId.Table => m.Tables.Count > 0,
        SectionId.Memory => m.Memories.Count > 0,
        SectionId.Global => m.Globals.Count > 0,
        SectionId.Export => m.Exports.Count > 0,
        SectionId.Start => m.Start.HasValue,
        SectionId.Element => m.Elements.Count > 0,
        SectionId.DataCount => m.DataCount.HasValue,
        SectionId.Code => m.Codes.Count > 0,
        SectionId.Data => m.Data.Count > 0,
        _ => false,
    };

    private static void WriteCustomSections(WasmBinaryWriter w, WasmModule module, SectionId after)
    {
        foreach (var custom in module.CustomSections)
        {
            if (custom.After != after)
            {
                continue;
            }
            w.WriteByte(0);
            int start = w.Length;
            w.WriteName(custom.Name);
            w.WriteBytes(custom.Content);
            w.InsertLengthPrefix(start);
        }
    }

    private static void WriteSectionContent(WasmBinaryWriter w, WasmModule m, SectionId id)
    {
        switch (id)
        {
            case SectionId.Type:
                w.WriteU32((uint)m.Types.Count);
                foreach (var type in m.Types)
                {
                    w.WriteByte(0x60);
                    w.WriteU32((uint)type.Params.Length);
                    foreach (var p in type.Params)
                    {
                        w.WriteByte((byte)p);
                    }
                    w.WriteU32((uint)type.Results.Length);
                    foreach (var r in type.Results)
                    {
                        w.WriteByte((byte)r);
                    }
                }
                break;
            case SectionId.Import:
                w.WriteU32((uint)m.Imports.Count);
                foreach (var import in m.Imports)
                {
                    w.WriteName(import.Module);
                    w.WriteName(import.Name);
                    w.WriteByte((byte)import.Kind);
                    switch (import.Kind)
                    {
                        case ExternalKind.Function:
                            w.WriteU32(import.FunctionType);
                            break;
                        case ExternalKind.Table:
                            WriteTableType(w, import.Table);
                            break;
                        case ExternalKind.Memory:
                            WriteLimits(w, import.Memory);
                            break;
                        case ExternalKind.Global:
                            WriteGlobalType(w, import.Global);
                            break;
                    }
                }
                break;
            case SectionId.Function:
                w.WriteU32((uint)m.Functions.Count);
                foreach (var typeIndex in m.Functions)
                {
                    w.WriteU32(typeIndex);
                }
                break;
            case SectionId.Table:
                w.WriteU32((uint)m.Tables.Count);
                foreach (var table in m.Tables)
                {
                    WriteTableType(w, table);
                }
                break;
            case SectionId.Memory:
                w.WriteU32((uint)m.Memories.Count);
                foreach (var memory in m.Memories)
                {
                    WriteLimits(w, memory);
                }
                break;
            case SectionId.Global:
                w.WriteU32((uint)m.Globals.Count);
                foreach (var global in m.Globals)
                {
                    WriteGlobalType(w, global.Type);
                    w.WriteBytes(global.Init);
                }
                break;
            case SectionId.Export:
                w.WriteU32((uint)m.Exports.Count);
                foreach (var export in m.Exports)
                {
                    w.WriteName(export.Name);
                    w.WriteByte((byte)export.Kind);
                    w.WriteU32(export.Index);
                }
                break;
            case SectionId.Start:
                w.WriteU32(m.Start!.Value);
                break;
            case SectionId.Element:
                w.WriteU32((uint)m.Elements.Count);
                foreach (var segment in m.Elements)
                {
                    WriteElement(w, segment);
                }
                break;
            case SectionId.DataCount:
                w.WriteU32(m.DataCount!.Value);
                break;
            case SectionId.Code:
                w.WriteU32((uint)m.Codes.Count);
                foreach (var body in m.Codes)
                {
                    w.WriteU32((uint)body.Code.Length);
                    w.WriteBytes(body.Code);
                }
                break;
            case SectionId.Data:
                w.WriteU32((uint)m.Data.Count);
                foreach (var segment in m.Data)
                {
                    w.WriteU32(segment.Flags);
                    if (segment.Flags == 2)
                    {
                        w.WriteU32(segment.MemoryIndex);
                    }
                    if (segment.Flags != 1)
                    {
                        w.WriteBytes(segment.Offset ?? throw new InvalidOperationException("active data segment without an offset"));
                    }
                    w.WriteU32((uint)segment.Bytes.Length);
                    w.WriteBytes(segment.Bytes);
                }
                break;
        }
    }

    private static void WriteElement(WasmBinaryWriter w, ElementSegment segment)
    {
        uint flags = segment.Flags;
        w.WriteU32(flags);
        bool passiveOrDeclarative = (flags & 1) != 0;
        bool explicitTable = (flags & 2) != 0;
        if (!passiveOrDeclarative)
        {
            if (explicitTable)
            {
                w.WriteU32(segment.TableIndex);
            }
            w.WriteBytes(segment.Offset ?? throw new InvalidOperationException("active element segment without an offset"));
        }
        if (passiveOrDeclarative || explicitTable)
        {
            w.WriteByte(segment.ElementKind);
        }
        if (segment.UsesExpressions)
        {
            w.WriteU32((uint)segment.Expressions.Length);
            foreach (var expression in segment.Expressions)
            {
                w.WriteBytes(expression);
            }
        }
        else
        {
            w.WriteU32((uint)segment.FunctionIndices.Length);
            foreach (var index in segment.FunctionIndices)
            {
                w.WriteU32(index);
            }
        }
    }

    private static void WriteLimits(WasmBinaryWriter w, Limits limits)
    {
        w.WriteByte(limits.Flags);
        w.WriteU64(limits.Min);
        if (limits.HasMax)
        {
            w.WriteU64(limits.Max);
        }
    }

    private static void WriteTableType(WasmBinaryWriter w, TableType table)
    {
        w.WriteByte((byte)table.ElementType);
        WriteLimits(w, table.Limits);
    }

    private static void WriteGlobalType(WasmBinaryWriter w, GlobalType type)
    {
        w.WriteByte((byte)type.ValueType);
        w.WriteByte(type.Mutable ? (byte)1 : (byte)0);
    }
}
