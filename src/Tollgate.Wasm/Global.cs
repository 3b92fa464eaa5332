namespace Tollgate.Wasm;

/// <summary>A defined global: its type and its constant initializer expression (raw bytes, ending with <c>end</c>).</summary>
public sealed class Global
{
    public Global(GlobalType type, byte[] init)
    {
        Type = type;
        Init = init;
    }

    public GlobalType Type { get; set; }

    public byte[] Init { get; set; }
}
