namespace Tollgate.Wasm;

/// <summary>A malformed or unsupported wasm binary. <see cref="Offset"/> is the byte position of the problem.</summary>
public sealed class WasmFormatException : Exception
{
    public WasmFormatException(string message, long offset)
        : base(offset >= 0 ? $"{message} (at byte offset {offset})" : message)
    {
        Offset = offset;
    }

    public WasmFormatException()
    {
    }

    public WasmFormatException(string message)
        : base(message)
    {
    }

    public WasmFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Byte offset in the input at which decoding failed; -1 when unknown (e.g. a problem found while
    /// linking that is not tied to one position).</summary>
    public long Offset { get; } = -1;
}
