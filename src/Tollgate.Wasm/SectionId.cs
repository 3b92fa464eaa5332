namespace Tollgate.Wasm;

/// <summary>Section ids of the binary format.</summary>
public enum SectionId : byte
{
    Custom = 0,
    Type = 1,
    Import = 2,
    Function = 3,
    Table = 4,
    Memory = 5,
    Global = 6,
    Export = 7,
    Start = 8,
    Element = 9,
    Code = 10,
    Data = 11,
    DataCount = 12,
}

internal static class SectionOrder
{
    /// <summary>Position of a known section in the required order (DataCount sits between Element and Code).</summary>
    public static int Rank(SectionId id) => id switch
    {
        SectionId.Type => 1,
        SectionId.Import => 2,
        SectionId.Function => 3,
        SectionId.Table => 4,
        SectionId.Memory => 5,
        SectionId.Global => 6,
        SectionId.Export => 7,
        SectionId.Start => 8,
        SectionId.Element => 9,
        SectionId.DataCount => 10,
        SectionId.Code => 11,
        SectionId.Data => 12,
        _ => 0,
    };

    /// <summary>Known sections in the order the writer emits them.</summary>
    public static readonly SectionId[] Emission =
    [
        SectionId.Type, SectionId.Import, SectionId.Function, SectionId.Table, SectionId.Memory,
        SectionId.Global, SectionId.Export, SectionId.Start, SectionId.Element, SectionId.DataCount,
        SectionId.Code, SectionId.Data,
    ];
}
