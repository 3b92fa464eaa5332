// Evaluates many modules with OPA's JS SDK in one process (used by the conformance cross-check).
// usage: node batch.mjs <jobs.json>   jobs: [{"wasm": path, "data": {...}|null, "input": any, "has_input": bool, "entrypoint": "..."}]
// prints: a JSON array, one entry per job: the SDK's result set, or {"error": "..."}.
import { readFileSync } from "node:fs";
import opa from "@open-policy-agent/opa-wasm";

const jobs = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = [];
for (const job of jobs) {
  try {
    const policy = await opa.loadPolicy(readFileSync(job.wasm));
    if (job.data) policy.setData(job.data);
    out.push(policy.evaluate(job.has_input ? job.input : undefined, job.entrypoint));
  } catch (e) {
    out.push({ error: String(e && e.message ? e.message : e) });
  }
}
process.stdout.write(JSON.stringify(out));
