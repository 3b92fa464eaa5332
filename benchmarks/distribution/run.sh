#!/usr/bin/env bash
# Distribution benchmark (issue 8): one control plane + EDGES edge processes on loopback, TENANTS tenants from
# the seed template; warm-up publish, then measured publishes of every tenant (new data, then a new template
# version = a new module per tenant). Prints p50/p99/max per (node, tenant) pair and a JSON line per round.
#
#   benchmarks/distribution/run.sh [EDGES=20] [TENANTS=100] [Fanout options...]
#     --mode substitution|shared   (default substitution: the seed's one-module-per-tenant mode)
#     --rounds data,template       measured publishes, in order (repeatable kinds: data,template,data,...)
#     --no-shared-cache            each edge compiles its own modules (no shared --cache-dir)
#     --poll-ms N                  /status poll period per node (serve times come from the edge's own stamp)
#     --edge-arg ARG               extra argument for every edge (repeat)
#     --keep                       keep the work dir (logs, state) at the end
#   R2R=1 benchmarks/distribution/run.sh ...   runs a ReadyToRun publish (linux-x64) of tollgate instead of the
#                                              plain Release build: how an edge would be deployed; far less JIT
#                                              work in 21 processes on 2 cores
set -euo pipefail
EDGES=${1:-20}
TENANTS=${2:-100}
shift $(( $# >= 2 ? 2 : $# ))
repo=$(cd "$(dirname "$0")/../.." && pwd)

# Run from a snapshot of the build so a concurrent rebuild cannot swap DLLs under the 21 running processes.
snapshot=$(mktemp -d /tmp/tollgate-fanout-bin.XXXXXX)
trap 'rm -rf "$snapshot"' EXIT
if [ "${R2R:-0}" = 1 ]; then
  echo "publishing tollgate (Release, ReadyToRun, linux-x64) ..." >&2
  dotnet publish "$repo/src/Tollgate.Cli/Tollgate.Cli.csproj" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$snapshot" -nologo -v q >&2
else
  echo "building tollgate (Release) ..." >&2
  dotnet build "$repo/src/Tollgate.Cli/Tollgate.Cli.csproj" -c Release -nologo -v q >&2
  cp -r "$repo/src/Tollgate.Cli/bin/Release/net10.0/." "$snapshot/"
fi
dotnet build "$repo/benchmarks/distribution/Fanout/Fanout.csproj" -c Release -nologo -v q >&2

dotnet "$repo/benchmarks/distribution/Fanout/bin/Release/net10.0/Fanout.dll" \
  --bin "$snapshot" --repo "$repo" --edges "$EDGES" --tenants "$TENANTS" "$@"
