namespace Tollgate.Compiler.CodeGen;

/// <summary>The runtime library (runtime/dist/tollgate-runtime.wasm) embedded in this assembly at build time.</summary>
public static class EmbeddedRuntime
{
    private static readonly Lazy<byte[]?> Wasm = new(Load);

    /// <summary>The module's bytes, or null when the build had no runtime library to embed.</summary>
    public static byte[]? Bytes => Wasm.Value;

    private static byte[]? Load()
    {
        using var stream = typeof(EmbeddedRuntime).Assembly.GetManifestResourceStream("tollgate-runtime.wasm");
        if (stream == null) return null;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
