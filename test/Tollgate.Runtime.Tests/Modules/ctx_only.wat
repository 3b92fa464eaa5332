;; ABI 1.0: no memory export, no opa_eval, no data patch exports; evaluation uses the context protocol.
(module
  (import "env" "memory" (memory 1))
  (import "env" "opa_abort" (func $opa_abort (param i32)))

;;INCLUDE core.watinc

  (func $dispatch (param $ep i32) (param $data i32) (param $input i32) (result i32) (local.get $input))
  (func $builtins (result i32) (call $json_parse (i32.const 2048) (i32.const 2)))
  (func $entrypoints (result i32) (call $json_parse (i32.const 2100) (i32.const 15)))
  (data (i32.const 2048) "{}")
  (data (i32.const 2100) "{\"test/echo\":0}")

  (global (export "opa_wasm_abi_version") i32 (i32.const 1))
  (global (export "opa_wasm_abi_minor_version") i32 (i32.const 0))
  (export "opa_malloc" (func $malloc))
  (export "opa_free" (func $opa_free))
  (export "opa_heap_ptr_get" (func $heap_ptr_get))
  (export "opa_heap_ptr_set" (func $heap_ptr_set))
  (export "opa_json_parse" (func $json_parse))
  (export "opa_json_dump" (func $json_dump))
  (export "builtins" (func $builtins))
  (export "entrypoints" (func $entrypoints))
  (export "opa_eval_ctx_new" (func $ctx_new))
  (export "opa_eval_ctx_set_input" (func $ctx_set_input))
  (export "opa_eval_ctx_set_data" (func $ctx_set_data))
  (export "opa_eval_ctx_set_entrypoint" (func $ctx_set_entrypoint))
  (export "opa_eval_ctx_get_result" (func $ctx_get_result))
  (export "eval" (func $ctx_eval))
)
