#!/usr/bin/env node
// Runs an OPA-ABI policy module on OPA's own JS SDK (@open-policy-agent/opa-wasm) and prints the same JSON
// shape as Tollgate's BenchRunner (BenchReport.ToJson), so one script can compare the two hosts.
//
// usage: node bench-opa-wasm.mjs --wasm policy.wasm --entrypoint a/b/allow
//          [--data data.json | --data-json '{...}'] [--input input.json | --input-json '{...}']
//          [--count 100000] [--warmup 1000] [--input-object] [--test-builtins]
//
// By default the input is handed to the SDK as pre-encoded bytes (an ArrayBuffer), as Tollgate's host receives
// it; --input-object passes a parsed object so the SDK's JSON.stringify is timed too. The SDK always parses
// the result with JSON.parse; Tollgate returns raw bytes, so this side does slightly more work per call.
import { readFileSync } from "node:fs";
import { loadPolicy } from "@open-policy-agent/opa-wasm";

function parseArgs(argv) {
  const args = { count: 100000, warmup: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const flag = (key) => { args[key] = true; };
    const value = (key) => { args[key] = argv[++i]; };
    switch (name) {
      case "--wasm": value("wasm"); break;
      case "--entrypoint": value("entrypoint"); break;
      case "--data": value("data"); break;
      case "--data-json": value("dataJson"); break;
      case "--input": value("input"); break;
      case "--input-json": value("inputJson"); break;
      case "--count": args.count = Number(argv[++i]); break;
      case "--warmup": args.warmup = Number(argv[++i]); break;
      case "--input-object": flag("inputObject"); break;
      case "--test-builtins": flag("testBuiltins"); break;
      default: throw new Error(`unknown argument ${name}`);
    }
  }
  if (!args.wasm || !args.entrypoint) {
    throw new Error("--wasm and --entrypoint are required");
  }
  return args;
}

function readJsonText(path, inline, fallback) {
  if (inline !== undefined) return inline;
  if (path !== undefined) return readFileSync(path, "utf8");
  return fallback;
}

// Nearest-rank percentile over sorted nanosecond samples.
function percentile(sorted, p) {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // Builtins the hand-written Tollgate test modules need (the standard ones come with the SDK).
  const customBuiltins = args.testBuiltins ? { "custom.double": (x) => x * 2 } : {};
  const policy = await loadPolicy(readFileSync(args.wasm), undefined, customBuiltins);
  policy.setData(JSON.parse(readJsonText(args.data, args.dataJson, "{}")));

  const inputText = readJsonText(args.input, args.inputJson, "{}");
  const input = args.inputObject ? JSON.parse(inputText) : new TextEncoder().encode(inputText).buffer;

  const result = policy.evaluate(input, args.entrypoint);
  for (let i = 0; i < args.warmup; i++) policy.evaluate(input, args.entrypoint);

  const samples = new Float64Array(args.count);
  const started = process.hrtime.bigint();
  for (let i = 0; i < args.count; i++) {
    const before = process.hrtime.bigint();
    policy.evaluate(input, args.entrypoint);
    samples[i] = Number(process.hrtime.bigint() - before);
  }
  const totalNs = Number(process.hrtime.bigint() - started);
  samples.sort();

  let sum = 0;
  for (const s of samples) sum += s;
  const opsPerSecond = Math.round((args.count / (totalNs / 1e9)) * 10) / 10;
  const p = (q) => percentile(samples, q);
  const report = {
    ops_per_second: opsPerSecond,
    p50_ns: p(50),
    p90_ns: p(90),
    p99_ns: p(99),
    p999_ns: p(99.9),
    histogram_timer_opa_rego_query_ns: {
      p50: p(50), p90: p(90), p99: p(99), p999: p(99.9),
      mean: Math.round((sum / args.count) * 10) / 10,
      max: samples[samples.length - 1],
      min: samples[0],
      count: args.count,
    },
    histogram_timer_opa_rego_query_hz: { mean: opsPerSecond },
    host: "@open-policy-agent/opa-wasm",
    result,
  };
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
}

main().catch((err) => {
  process.stderr.write(`bench-opa-wasm: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
