;; A module keeping ABI {{MAJOR}}.{{MINOR}} with one entrypoint per host behaviour under test.
(module
  (import "env" "memory" (memory 2))
  (import "env" "opa_abort" (func $opa_abort (param i32)))
  (import "env" "opa_println" (func $opa_println (param i32)))
  (import "env" "opa_builtin1" (func $opa_builtin1 (param i32 i32 i32) (result i32)))

;;INCLUDE core.watinc

  ;; Set by opa_value_add_path (this module keeps the last patch instead of editing the data text).
  (global $patched (mut i32) (i32.const 0))
  (global $patched_path (mut i32) (i32.const 0))

  (func $dispatch (param $ep i32) (param $data i32) (param $input i32) (result i32)
    (block $unknown (block $recurse
      (block $print_patched (block $patch_path (block $patched (block $print (block $double
      (block $grow (block $loop (block $trap (block $abort (block $undefined (block $data_ep (block $echo
        (br_table $echo $data_ep $undefined $abort $trap $loop $grow $double $print $patched $patch_path
                  $print_patched $recurse $unknown (local.get $ep)))
      ;; 0 test/echo
      (return (local.get $input)))
      ;; 1 test/data
      (return (local.get $data)))
      ;; 2 test/undefined
      (return (i32.const 0)))
      ;; 3 test/abort
      (call $opa_abort (i32.const 1300)) (unreachable))
      ;; 4 test/trap
      (unreachable))
      ;; 5 test/loop
      (loop $forever (br $forever)) (unreachable))
      ;; 6 test/grow: take memory until refused, then trap
      (loop $more
        (br_if $more (i32.ne (memory.grow (i32.const 16)) (i32.const -1))))
      (unreachable))
      ;; 7 test/double: host builtin id 0 (custom.double) on the input
      (return (call $opa_builtin1 (i32.const 0) (i32.const 0) (local.get $input))))
      ;; 8 test/print
      (call $opa_println (i32.const 1400))
      (return (local.get $input)))
      ;; 9 test/patched
      (return (global.get $patched)))
      ;; 10 test/patch_path
      (return (global.get $patched_path)))
      ;; 11 test/print_patched: print (the test blocks in the callback to hold this instance), then the patch
      (call $opa_println (i32.const 1400))
      (return (global.get $patched)))
      ;; 12 test/recurse: unbounded recursion exhausts the wasm stack
      (return (call $recurse (i32.const 0))))
    (unreachable))

  (func $recurse (param $depth i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get $depth) (i32.const 1))) (i32.const 1)))

  (func $builtins (result i32) (call $json_parse (i32.const 2048) (i32.const 19)))
  (func $entrypoints (result i32) (call $json_parse (i32.const 2100) (i32.const {{ENTRYPOINTS_LEN}})))

  (func $add_path (param $base i32) (param $path i32) (param $value i32) (result i32)
    ;; An empty path cannot be patched: report OPA's "invalid path" (3).
    (if (i32.le_u (i32.load (local.get $path)) (i32.const 2)) (then (return (i32.const 3))))
    (global.set $patched (local.get $value))
    (global.set $patched_path (local.get $path))
    (i32.const 0))

  (func $remove_path (param $base i32) (param $path i32) (result i32)
    (if (i32.eqz (global.get $patched)) (then (return (i32.const 3))))
    (global.set $patched (i32.const 0))
    (global.set $patched_path (i32.const 0))
    (i32.const 0))

  (data (i32.const 1300) "x.rego:3:5: var assignment conflict\00")
  (data (i32.const 1400) "hello from wasm\00")
  (data (i32.const 2048) "{\"custom.double\":0}")
  (data (i32.const 2100) "{{ENTRYPOINTS}}")

  (global (export "opa_wasm_abi_version") i32 (i32.const {{MAJOR}}))
  (global (export "opa_wasm_abi_minor_version") i32 (i32.const {{MINOR}}))
  (export "opa_malloc" (func $malloc))
  (export "opa_free" (func $opa_free))
  (export "opa_heap_ptr_get" (func $heap_ptr_get))
  (export "opa_heap_ptr_set" (func $heap_ptr_set))
  (export "opa_json_parse" (func $json_parse))
  (export "opa_value_parse" (func $json_parse))
  (export "opa_json_dump" (func $json_dump))
  (export "opa_value_dump" (func $json_dump))
  (export "builtins" (func $builtins))
  (export "entrypoints" (func $entrypoints))
  (export "opa_eval_ctx_new" (func $ctx_new))
  (export "opa_eval_ctx_set_input" (func $ctx_set_input))
  (export "opa_eval_ctx_set_data" (func $ctx_set_data))
  (export "opa_eval_ctx_set_entrypoint" (func $ctx_set_entrypoint))
  (export "opa_eval_ctx_get_result" (func $ctx_get_result))
  (export "eval" (func $ctx_eval))
  {{EVAL_EXPORT}}
  (export "opa_value_add_path" (func $add_path))
  (export "opa_value_remove_path" (func $remove_path))
)
