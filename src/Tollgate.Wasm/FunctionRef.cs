namespace Tollgate.Wasm;

/// <summary>A function in the module being linked: an existing runtime function, an import, or a new one.</summary>
public sealed class FunctionRef
{
    internal FunctionRef(ModuleLinker owner, string name, FuncType type, FunctionOrigin origin, int index)
    {
        Owner = owner;
        Name = name;
        Type = type;
        Origin = origin;
        Index = index;
    }

    public string Name { get; }

    public FuncType Type { get; }

    internal ModuleLinker Owner { get; }

    internal FunctionOrigin Origin { get; }

    /// <summary>Import: position among the linker's function imports. Runtime: defined-function index in the
    /// runtime module. Generated: declaration order.</summary>
    internal int Index { get; }

    public override string ToString() => $"{Origin} function '{Name}' {Type}";
}

internal enum FunctionOrigin
{
    Import,
    Runtime,
    Generated,
}
