using Tollgate.Runtime.Builtins;

namespace Tollgate.Runtime;

/// <summary>
/// A compiled policy module, immutable and shared by every pool (tenant) that runs the same wasm bytes.
/// Created by <see cref="PolicyEngine.LoadModule"/>, which also checked its ABI version, exports and builtins.
/// </summary>
public sealed class PolicyModule
{
    internal PolicyModule(
        Wasmtime.Module compiled,
        string sha256,
        int byteSize,
        int abiMajor,
        int abiMinor,
        IReadOnlyDictionary<string, int> entrypoints,
        IReadOnlyDictionary<string, int> requiredBuiltins,
        BuiltinFunction?[] builtinsById,
        string?[] builtinNamesById,
        MemoryShape memory)
    {
        Compiled = compiled;
        Sha256 = sha256;
        ByteSize = byteSize;
        AbiMajor = abiMajor;
        AbiMinor = abiMinor;
        Entrypoints = entrypoints;
        RequiredBuiltins = requiredBuiltins;
        BuiltinsById = builtinsById;
        BuiltinNamesById = builtinNamesById;
        Memory = memory;
        foreach (var export in compiled.Exports)
        {
            if (export.Name == EvalChecksInputExport && export is Wasmtime.FunctionExport)
            {
                EvalChecksInput = true;
            }
        }
    }

    /// <summary>Export by which Tollgate's runtime says its opa_eval returns 0 for input that is no value.</summary>
    internal const string EvalChecksInputExport = "tollgate_eval_checks_input";

    /// <summary>Lowercase hex SHA-256 of the wasm bytes; the module's identity.</summary>
    public string Sha256 { get; }

    /// <summary>Value of the <c>opa_wasm_abi_version</c> global (always 1).</summary>
    public int AbiMajor { get; }

    /// <summary>Value of the <c>opa_wasm_abi_minor_version</c> global (0–3).</summary>
    public int AbiMinor { get; }

    /// <summary>Entrypoint path (<c>"tenant/authz/allow"</c>) to id, from the module's <c>entrypoints()</c>.</summary>
    public IReadOnlyDictionary<string, int> Entrypoints { get; }

    /// <summary>Host builtin name to id, from the module's <c>builtins()</c>.</summary>
    public IReadOnlyDictionary<string, int> RequiredBuiltins { get; }

    /// <summary>Size of the wasm bytes.</summary>
    public int ByteSize { get; }

    internal Wasmtime.Module Compiled { get; }

    /// <summary>Host builtins resolved by id (ids may have gaps: null entries).</summary>
    internal BuiltinFunction?[] BuiltinsById { get; }

    internal string?[] BuiltinNamesById { get; }

    internal MemoryShape Memory { get; }

    /// <summary>
    /// True when the module's <c>opa_eval</c> validates its input itself (returns 0 for input that is no value,
    /// rather than aborting or evaluating garbage): the host then skips its own validation scan.
    /// </summary>
    internal bool EvalChecksInput { get; }

    /// <summary>True when the single-call <c>opa_eval</c> export is used (ABI 1.2+).</summary>
    internal bool UsesSingleCallEval => AbiMinor >= 2;

    /// <summary>Looks up an entrypoint id by path, failing with a clear message.</summary>
    public int GetEntrypointId(string entrypoint)
    {
        if (Entrypoints.TryGetValue(entrypoint, out var id))
        {
            return id;
        }
        throw new PolicyException($"module {Sha256[..12]} has no entrypoint \"{entrypoint}\"");
    }
}
