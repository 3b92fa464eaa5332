namespace Tollgate.Wasm;

/// <summary>A code section entry: the raw body bytes (local declarations followed by the expression and its final <c>end</c>).</summary>
public sealed class FunctionBody
{
    public FunctionBody(byte[] code)
    {
        Code = code;
    }

    public byte[] Code { get; set; }

    /// <summary>Offset of the body in the binary it was read from (for error messages); -1 for new bodies.</summary>
    public long SourceOffset { get; set; } = -1;
}
