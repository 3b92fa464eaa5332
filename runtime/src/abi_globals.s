# The ABI version globals: exported immutable i32 globals, which C cannot declare.
	.globaltype	opa_wasm_abi_version, i32, immutable
	.globl	opa_wasm_abi_version
opa_wasm_abi_version:
	.export_name	opa_wasm_abi_version, opa_wasm_abi_version

	.globaltype	opa_wasm_abi_minor_version, i32, immutable
	.globl	opa_wasm_abi_minor_version
opa_wasm_abi_minor_version:
	.export_name	opa_wasm_abi_minor_version, opa_wasm_abi_minor_version
