namespace Tollgate.Wasm;

/// <summary>
/// The "name" custom section, decoded enough to renumber functions: function names and local names are keyed
/// by function index; every other subsection (module, globals, data segments, ...) is kept as raw bytes.
/// </summary>
internal sealed class NameSection
{
    public const byte ModuleSubsection = 0;
    public const byte FunctionSubsection = 1;
    public const byte LocalSubsection = 2;
    public const byte LabelSubsection = 3;
    public const byte GlobalSubsection = 7;

    public Dictionary<uint, string> FunctionNames { get; } = [];

    /// <summary>Per function index, the raw name map of its locals.</summary>
    public Dictionary<uint, byte[]> LocalNames { get; } = [];

    public Dictionary<uint, string> GlobalNames { get; } = [];

    /// <summary>Subsections other than function, local and label names, in input order.</summary>
    public List<(byte Id, byte[] Content)> Other { get; } = [];

    public static NameSection Parse(ReadOnlySpan<byte> content)
    {
        var names = new NameSection();
        var r = new WasmSpanReader(content);
        while (!r.AtEnd)
        {
            byte id = r.ReadByte();
            int size = r.ReadCount();
            int start = r.Position;
            var sub = new WasmSpanReader(r.ReadBytes(size), start);
            switch (id)
            {
                case FunctionSubsection:
                    ReadNameMap(ref sub, names.FunctionNames);
                    break;
                case LocalSubsection:
                    {
                        int count = sub.ReadCount();
                        for (int i = 0; i < count; i++)
                        {
                            uint function = sub.ReadU32();
                            int mapStart = sub.Position;
                            var ignored = new Dictionary<uint, string>();
                            ReadNameMap(ref sub, ignored);
                            names.LocalNames[function] = sub.Data[mapStart..sub.Position].ToArray();
                        }
                        break;
                    }
                case LabelSubsection:
                    // Label names are keyed by function index like local names; they are rare (wasm-ld never
                    // writes them) and dropped rather than renumbered.
                    break;
                case GlobalSubsection:
                    ReadNameMap(ref sub, names.GlobalNames);
                    names.Other.Add((id, sub.Data.ToArray()));
                    break;
                default:
                    names.Other.Add((id, sub.Data.ToArray()));
                    break;
            }
        }
        return names;
    }

    private static void ReadNameMap(ref WasmSpanReader r, Dictionary<uint, string> map)
    {
        int count = r.ReadCount();
        for (int i = 0; i < count; i++)
        {
            uint index = r.ReadU32();
            map[index] = r.ReadName();
        }
    }

    /// <summary>Encodes the section with function and local names given in the new index space.</summary>
    public static byte[] Encode(
        IReadOnlyList<(byte Id, byte[] Content)> other,
        IReadOnlyList<(uint Index, string Name)> functionNames,
        IReadOnlyList<(uint Index, byte[] Map)> localNames)
    {
        var w = new WasmBinaryWriter(1024);
        // Subsections must appear in increasing id order: module (0), functions (1), locals (2), then the rest.
        foreach (var (id, content) in other)
        {
            if (id == ModuleSubsection)
            {
                WriteSubsection(w, id, content);
            }
        }
        if (functionNames.Count > 0)
        {
            w.WriteByte(FunctionSubsection);
            int start = w.Length;
            w.WriteU32((uint)functionNames.Count);
            foreach (var (index, name) in functionNames)
            {
                w.WriteU32(index);
                w.WriteName(name);
            }
            w.InsertLengthPrefix(start);
        }
        if (localNames.Count > 0)
        {
            w.WriteByte(LocalSubsection);
            int start = w.Length;
            w.WriteU32((uint)localNames.Count);
            foreach (var (index, map) in localNames)
            {
                w.WriteU32(index);
                w.WriteBytes(map);
            }
            w.InsertLengthPrefix(start);
        }
        foreach (var (id, content) in other)
        {
            if (id != ModuleSubsection)
            {
                WriteSubsection(w, id, content);
            }
        }
        return w.ToArray();
    }

    private static void WriteSubsection(WasmBinaryWriter w, byte id, byte[] content)
    {
        w.WriteByte(id);
        w.WriteU32((uint)content.Length);
        w.WriteBytes(content);
    }
}
