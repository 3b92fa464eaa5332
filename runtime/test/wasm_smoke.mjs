// Loads dist/tollgate-runtime.wasm in Node (as OPA's JS SDK would) and checks the ABI basics.
// Prints "N passed, N failed". Usage: node test/wasm_smoke.mjs [module.wasm]
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? new URL("../dist/tollgate-runtime.wasm", import.meta.url).pathname;
const memory = new WebAssembly.Memory({ initial: 5 });
let aborted = null;
const text = (addr) => {
  const b = new Uint8Array(memory.buffer);
  let end = addr;
  while (b[end]) end++;
  return new TextDecoder().decode(b.subarray(addr, end));
};
const env = {
  memory,
  opa_abort: (a) => { aborted = text(a); throw new Error("abort: " + aborted); },
  opa_println: (a) => console.log(text(a)),
  opa_builtin0: () => 0, opa_builtin1: () => 0, opa_builtin2: () => 0, opa_builtin3: () => 0, opa_builtin4: () => 0,
};
const { instance } = await WebAssembly.instantiate(readFileSync(file), { env });
const x = instance.exports;
let passed = 0, failed = 0;
const check = (cond, what) => { if (cond) passed++; else { failed++; console.error("FAIL " + what); } };
const put = (s) => {
  const bytes = new TextEncoder().encode(s);
  const addr = x.opa_malloc(bytes.length);
  new Uint8Array(memory.buffer).set(bytes, addr);
  return [addr, bytes.length];
};
const parse = (s) => x.opa_json_parse(...put(s));

check(x.opa_wasm_abi_version.value === 1, "abi version");
check(x.opa_wasm_abi_minor_version.value === 3, "abi minor version");
check(x.memory instanceof WebAssembly.Memory, "memory export");
check(text(x.opa_json_dump(x.builtins())) === "{}", "builtins");
check(text(x.opa_json_dump(x.entrypoints())) === "{}", "entrypoints");
const v = parse('{"b":[1,2.50,"<"],"a":12345678901234567890123}');
check(text(x.opa_json_dump(v)) === '{"a":12345678901234567890123,"b":[1,2.50,"\\u003c"]}', "json round trip");
check(x.opa_json_parse(...put("{bad")) === 0, "invalid json");
const sum = x["tg.builtin.plus"](parse("18446744073709551617"), parse("1"));
check(text(x.opa_json_dump(sum)) === "18446744073709551618", "big plus");
check(x["tg.builtin.div"](parse("1"), parse("0")) === 0 && text(x.tg_builtin_error_message()) === "div: divide by zero", "div error");
// 1.2 fast path: data loaded once, heap reset per call.
const data = parse('{"x":1}');
const heap = x.opa_heap_ptr_get();
const [inAddr, inLen] = put('{"y": {1,2}}');
const out = text(x.opa_eval(0, 0, data, inAddr, inLen, inAddr + inLen, 0));
check(out === "[]", "opa_eval undefined result");
check(x.opa_heap_ptr_get() >= heap, "heap pointer after eval");
// 1.0 path.
x.opa_heap_ptr_set(heap);
const ctx = x.opa_eval_ctx_new();
x.opa_eval_ctx_set_input(ctx, parse("{}"));
x.opa_eval_ctx_set_data(ctx, data);
x.opa_eval_ctx_set_entrypoint(ctx, 0);
check(x.eval(ctx) === 0, "eval returns 0");
check(text(x.opa_json_dump(x.opa_eval_ctx_get_result(ctx))) === "[]", "eval result");
// Growing past the initial memory works.
x.opa_heap_ptr_set(heap);
const big = "[" + Array.from({ length: 50000 }, (_, i) => i).join(",") + "]";
const bigValue = parse(big);
check(text(x.opa_json_dump(bigValue)) === big, "large value grows memory");
check(aborted === null, "no abort");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
