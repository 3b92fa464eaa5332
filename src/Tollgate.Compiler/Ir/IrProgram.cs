namespace Tollgate.Compiler.Ir;

/// <summary>The planned program: functions, entrypoints (id = position) and host builtins (id = position).</summary>
public sealed class IrProgram
{
    public List<IrFunction> Functions { get; } = [];
    public List<IrEntrypoint> Entrypoints { get; } = [];
    public List<string> HostBuiltins { get; } = [];
    /// <summary>Arity of each host builtin, same order.</summary>
    public List<int> HostBuiltinArities { get; } = [];

    public IrFunction? Find(string name)
    {
        foreach (var f in Functions)
        {
            if (f.Name == name) return f;
        }
        return null;
    }
}

/// <summary>An entrypoint's public name and the function evaluating it.</summary>
public sealed record IrEntrypoint(string Name, string Function);
