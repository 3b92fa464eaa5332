#!/usr/bin/env bash
# Starts the external services the control-plane tests use, idempotently, and prints the exports:
#   eval "$(.ci/services.sh)"
# PostgreSQL: the distribution's cluster (apt-get install -y postgresql), user/db "tollgate".
# S3: npm s3rver from test/s3 on 127.0.0.1 with a temporary directory (when test/s3 exists).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
log() { echo "services: $*" >&2; }

# --- PostgreSQL ---------------------------------------------------------------------------------
if command -v pg_ctlcluster >/dev/null 2>&1; then
  version="$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)"
  if [ -n "$version" ]; then
    pg_ctlcluster "$version" main start >/dev/null 2>&1 || true   # already running is fine
  fi
elif command -v service >/dev/null 2>&1; then
  service postgresql start >/dev/null 2>&1 || true
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -tAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 0.5
done
if su postgres -c "psql -tAc 'SELECT 1'" >/dev/null 2>&1; then
  if [ "$(su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='tollgate'\"")" != "1" ]; then
    su postgres -c "psql -qc \"CREATE USER tollgate PASSWORD 'tollgate' SUPERUSER;\"" >&2
  fi
  if [ "$(su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='tollgate'\"")" != "1" ]; then
    su postgres -c "createdb -O tollgate tollgate" >&2
  fi
  echo "export TOLLGATE_TEST_POSTGRES='Host=127.0.0.1;Username=tollgate;Password=tollgate;Database=tollgate'"
else
  log "PostgreSQL is not available (apt-get install -y postgresql)"
fi

# --- S3 (s3rver) --------------------------------------------------------------------------------
if [ -f "$repo/test/s3/package.json" ]; then
  port="${TOLLGATE_S3_PORT:-4569}"
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    [ -d "$repo/test/s3/node_modules" ] || (cd "$repo/test/s3" && npm ci --silent >&2)
    dir="$(mktemp -d /tmp/tollgate-s3rver.XXXXXX)"
    # Fully detached (new session, no inherited fds), so "$(.ci/services.sh)" returns at once.
    (cd "$repo/test/s3" && exec setsid -f node node_modules/.bin/s3rver --address 127.0.0.1 --port "$port" --directory "$dir" --silent) \
      </dev/null >"$dir.log" 2>&1
    for _ in $(seq 1 40); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
      sleep 0.25
    done
  fi
  echo "export TOLLGATE_TEST_S3=http://127.0.0.1:$port"
fi
