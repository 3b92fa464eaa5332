// Evaluates a wasm policy module with OPA's JS SDK (@open-policy-agent/opa-wasm), the reference ABI client.
// usage: node evaluate.mjs <policy.wasm> <data.json | -> <cases.json>
//   cases.json: [{"entrypoint": "tenant/authz/allow", "input": {...}} | {"entrypoint": ..., "no_input": true}, ...]
// prints: a JSON array with one entry per case: the SDK's result set, or {"error": "..."}.
import { readFileSync } from "node:fs";
import opa from "@open-policy-agent/opa-wasm";

const [wasmPath, dataPath, casesPath] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
// Host builtins the SDK does not ship; the same semantics as Tollgate's host (one clock reading per call here).
const custom = {
  "time.now_ns": () => Number(process.hrtime.bigint()),
};
const policy = await opa.loadPolicy(wasm, undefined, custom);
if (dataPath && dataPath !== "-") {
  policy.setData(JSON.parse(readFileSync(dataPath, "utf8")));
}
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
const out = [];
for (const c of cases) {
  try {
    out.push(policy.evaluate(c.no_input ? undefined : c.input, c.entrypoint));
  } catch (e) {
    out.push({ error: String(e && e.message ? e.message : e) });
  }
}
process.stdout.write(JSON.stringify(out));
