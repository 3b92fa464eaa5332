namespace Tollgate.Wasm;

/// <summary>The kind of an import or export, as encoded in the binary.</summary>
public enum ExternalKind : byte
{
    Function = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
}
