using Wasmtime;

namespace Tollgate.Runtime.Instances;

/// <summary>
/// Typed delegates for the ABI exports of one instance, bound once so the hot path makes no lookups.
/// Required exports are checked here; optional ones (by ABI minor version) are null when absent.
/// </summary>
internal sealed class AbiExports
{
    public required Func<int, int> Malloc { get; init; }
    public required Func<int, int, int> JsonParse { get; init; }
    public required Func<int, int> JsonDump { get; init; }
    public required Func<int> HeapPtrGet { get; init; }
    public required Action<int> HeapPtrSet { get; init; }
    public required Func<int> Builtins { get; init; }
    public required Func<int> Entrypoints { get; init; }

    /// <summary><c>opa_eval(reserved, entrypoint, data, input, input_len, heap, format)</c>, ABI 1.2+.</summary>
    public Func<int, int, int, int, int, int, int, int>? Eval { get; init; }

    public Func<int>? CtxNew { get; init; }
    public Action<int, int>? CtxSetInput { get; init; }
    public Action<int, int>? CtxSetData { get; init; }
    public Action<int, int>? CtxSetEntrypoint { get; init; }
    public Func<int, int>? CtxEval { get; init; }
    public Func<int, int>? CtxGetResult { get; init; }

    /// <summary><c>opa_value_parse(str, len)</c>: Rego value syntax (sets allowed); absent in some old modules.</summary>
    public Func<int, int, int>? ValueParse { get; init; }

    public Func<int, int, int, int>? ValueAddPath { get; init; }
    public Func<int, int, int>? ValueRemovePath { get; init; }

    /// <summary>Reads the version globals; fails with <see cref="PolicyLoadException"/> unless 1.0–1.3.</summary>
    public static (int Major, int Minor) ReadVersion(Instance instance)
    {
        int major = ReadIntGlobal(instance, "opa_wasm_abi_version");
        int minor = ReadIntGlobal(instance, "opa_wasm_abi_minor_version");
        if (major != 1 || minor < 0 || minor > 3)
        {
            throw new PolicyLoadException(
                $"unsupported OPA wasm ABI version {major}.{minor} (this host runs 1.0 to 1.3)");
        }
        return (major, minor);
    }

    public static AbiExports Bind(Instance instance, int minor)
    {
        var missing = new List<string>();
        var exports = new AbiExports
        {
            Malloc = Required(instance.GetFunction<int, int>("opa_malloc"), "opa_malloc", missing),
            JsonParse = Required(instance.GetFunction<int, int, int>("opa_json_parse"), "opa_json_parse", missing),
            JsonDump = Required(instance.GetFunction<int, int>("opa_json_dump"), "opa_json_dump", missing),
            HeapPtrGet = Required(instance.GetFunction<int>("opa_heap_ptr_get"), "opa_heap_ptr_get", missing),
            HeapPtrSet = Required(instance.GetAction<int>("opa_heap_ptr_set"), "opa_heap_ptr_set", missing),
            Builtins = Required(instance.GetFunction<int>("builtins"), "builtins", missing),
            Entrypoints = Required(instance.GetFunction<int>("entrypoints"), "entrypoints", missing),
            Eval = instance.GetFunction<int, int, int, int, int, int, int, int>("opa_eval"),
            CtxNew = instance.GetFunction<int>("opa_eval_ctx_new"),
            CtxSetInput = instance.GetAction<int, int>("opa_eval_ctx_set_input"),
            CtxSetData = instance.GetAction<int, int>("opa_eval_ctx_set_data"),
            CtxSetEntrypoint = instance.GetAction<int, int>("opa_eval_ctx_set_entrypoint"),
            CtxEval = instance.GetFunction<int, int>("eval"),
            CtxGetResult = instance.GetFunction<int, int>("opa_eval_ctx_get_result"),
            ValueParse = instance.GetFunction<int, int, int>("opa_value_parse"),
            ValueAddPath = instance.GetFunction<int, int, int, int>("opa_value_add_path"),
            ValueRemovePath = instance.GetFunction<int, int, int>("opa_value_remove_path"),
        };
        if (minor >= 2)
        {
            Required(exports.Eval, "opa_eval", missing);
        }
        else
        {
            Required(exports.CtxNew, "opa_eval_ctx_new", missing);
            Required(exports.CtxSetInput, "opa_eval_ctx_set_input", missing);
            Required(exports.CtxSetData, "opa_eval_ctx_set_data", missing);
            Required(exports.CtxSetEntrypoint, "opa_eval_ctx_set_entrypoint", missing);
            Required(exports.CtxEval, "eval", missing);
            Required(exports.CtxGetResult, "opa_eval_ctx_get_result", missing);
        }
        if (missing.Count > 0)
        {
            throw new PolicyLoadException(
                $"module is missing required ABI export(s) or has the wrong signature: {string.Join(", ", missing)}");
        }
        return exports;
    }

    private static T Required<T>(T? export, string name, List<string> missing) where T : class
    {
        if (export is null)
        {
            missing.Add(name);
        }
        return export!;
    }

    private static int ReadIntGlobal(Instance instance, string name)
    {
        var global = instance.GetGlobal(name)
            ?? throw new PolicyLoadException($"module does not export the ABI version global {name}");
        return global.GetValue() is int value
            ? value
            : throw new PolicyLoadException($"ABI version global {name} is not an i32");
    }
}
