namespace Tollgate.Wasm;

/// <summary>The exports OPA's wasm ABI requires (kept by default by the linker).</summary>
public static class AbiExports
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "memory", "opa_malloc", "opa_free", "opa_json_parse", "opa_value_parse", "opa_json_dump", "opa_value_dump",
        "opa_heap_ptr_get", "opa_heap_ptr_set", "opa_eval_ctx_new", "opa_eval_ctx_set_input", "opa_eval_ctx_set_data",
        "opa_eval_ctx_set_entrypoint", "opa_eval_ctx_get_result", "eval", "builtins", "entrypoints",
        "opa_value_add_path", "opa_value_remove_path", "opa_value_free", "opa_heap_blocks_stash",
        "opa_heap_blocks_restore", "opa_heap_stash_clear", "opa_eval", "opa_wasm_abi_version",
        "opa_wasm_abi_minor_version",
    };

    /// <summary>True if the default policy keeps this export: a listed name, any <c>opa_</c> name, since
    /// OPA's SDKs call further <c>opa_*</c> helpers, or a <c>tollgate_</c> capability marker that Tollgate's
    /// own host looks for (e.g. <c>tollgate_eval_checks_input</c>).</summary>
    public static bool IsKeptByDefault(string name) =>
        Names.Contains(name) || name.StartsWith("opa_", StringComparison.Ordinal)
        || name.StartsWith("tollgate_", StringComparison.Ordinal);
}
