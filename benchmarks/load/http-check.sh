#!/usr/bin/env bash
# Load benchmark of the edge's HTTP ext_authz (/check) on loopback:
#   1,000 tenants sharing one compiled template (own data each), then
#   (1) an open-loop client at a fixed rate (default 10,000 checks/s) measuring p50/p90/p99/p99.9 from the
#       scheduled send time (no coordinated omission), and
#   (2) wrk (closed loop, Lua script spreading requests over the tenants) for the maximum throughput.
# usage: benchmarks/load/http-check.sh [TENANTS=1000] [RATE=10000] [SECONDS=15]
set -euo pipefail
cd "$(dirname "$0")/../.."
TENANTS="${1:-1000}"; RATE="${2:-10000}"; SECONDS_="${3:-15}"; PORT="${PORT:-18181}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build -c Release -v q -nologo benchmarks/load/EdgeLoad/EdgeLoad.csproj >/tmp/edgeload-build.log 2>&1 || { tail -20 /tmp/edgeload-build.log; exit 1; }
TOOL="benchmarks/load/EdgeLoad/bin/Release/net10.0/EdgeLoad.dll"

dotnet "$TOOL" serve --tenants "$TENANTS" --http-port "$PORT" > /tmp/edgeload-serve.log 2>&1 &
SERVER=$!
stop_server() {
  kill "$SERVER" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$SERVER" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$SERVER" 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 1 600); do
  grep -q '^ready' /tmp/edgeload-serve.log && break
  kill -0 $SERVER 2>/dev/null || { cat /tmp/edgeload-serve.log; exit 1; }
  sleep 0.2
done
grep '^ready' /tmp/edgeload-serve.log || { echo "edge did not become ready"; cat /tmp/edgeload-serve.log; exit 1; }
echo "cores: $(nproc), $(uname -sr)"

echo "== open loop: ${RATE} checks/s for ${SECONDS_}s"
dotnet "$TOOL" load --url "http://127.0.0.1:${PORT}" --rate "$RATE" --duration "$SECONDS_" --tenants "$TENANTS" --connections 32

if command -v wrk >/dev/null; then
  echo "== wrk closed loop (max throughput), 2 threads, 32 connections, ${SECONDS_}s"
  TENANTS="$TENANTS" wrk -t2 -c32 -d"${SECONDS_}s" --latency -s benchmarks/load/check.lua "http://127.0.0.1:${PORT}"
else
  echo "wrk not installed (apt-get install wrk): skipped the closed-loop run"
fi
ps -o rss= -p $SERVER | awk '{printf "edge RSS after load: %d MiB\n", $1/1024}'
