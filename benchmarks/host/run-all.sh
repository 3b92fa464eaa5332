#!/usr/bin/env bash
# Runs every host measurement of issue 6 on the seed RBAC template and prints one summary table.
# usage: benchmarks/host/run-all.sh            (from anywhere; builds Release first)
# The machine is shared: compare figures within one run (ratios) rather than across runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dotnet build benchmarks/host/Tollgate.HostBench.csproj -c Release -v quiet -nologo >/dev/null
if [ ! -d benchmarks/js/node_modules/@open-policy-agent/opa-wasm ]; then
  npm ci --prefix benchmarks/js --silent
fi
bench="benchmarks/host/bin/Release/net10.0/Tollgate.HostBench"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

run() {
  echo "== $*" >&2
  "$bench" "$@" | tee -a "$log" | grep -v '^SUMMARY' >&2
}
run eval --count 200000
run js --count 100000
run tenants --count 5000
run coldstart --count 200 --cold-count 20
run isolation --count 100000 --deadline-ms 20

echo
printf '%-58s | %-26s | %-14s | %s\n' "measurement" "value" "target" "verdict"
printf '%s\n' "$(printf -- '-%.0s' {1..112})"
grep '^SUMMARY' "$log" | while IFS=$'\t' read -r _ name value target verdict; do
  printf '%-58s | %-26s | %-14s | %s\n' "$name" "$value" "$target" "$verdict"
done
