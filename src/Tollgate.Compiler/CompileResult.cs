using Tollgate.Rego.Diagnostics;

namespace Tollgate.Compiler;

/// <summary>The compiled module, or the diagnostics explaining why there is none.</summary>
public sealed class CompileResult
{
    internal CompileResult(byte[]? wasm, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyDictionary<string, int> entrypoints,
        IReadOnlyList<string> hostBuiltins, TimeSpan elapsed, string? ir)
    {
        Wasm = wasm;
        Diagnostics = diagnostics;
        Entrypoints = entrypoints;
        HostBuiltins = hostBuiltins;
        Elapsed = elapsed;
        Ir = ir;
    }

    public byte[]? Wasm { get; }
    public bool Success => Wasm != null;
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    /// <summary>Entrypoint name → id (as the module's entrypoints() export).</summary>
    public IReadOnlyDictionary<string, int> Entrypoints { get; }
    /// <summary>Builtins the host must supply (id = position).</summary>
    public IReadOnlyList<string> HostBuiltins { get; }
    public TimeSpan Elapsed { get; }
    /// <summary>The planned IR as text (for debugging; null when planning did not happen).</summary>
    public string? Ir { get; }
}
