#!/usr/bin/env bash
# Runs every test of IpaasMonitor on a fresh machine: installs what the tests need (Debian's Chromium for the
# browser tests, Debian's PostgreSQL 15 server for the store tests on PostgreSQL), starts a throwaway PostgreSQL
# cluster (temp folder, free loopback port, stopped on exit), builds once, runs all test projects, and ends with one
# line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the browser tests..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi

PG_BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PG_BIN/pg_ctl" ]; then
  echo "Installing PostgreSQL 15 (Debian package) for the tests on PostgreSQL..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null \
    || { echo "Could not install postgresql-15"; echo "0 passed, 1 failed"; exit 1; }
fi

# A throwaway cluster: initdb and the server refuse to run as root, so as root they run as the postgres user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_dir=$(mktemp -d /tmp/ipaas-pg.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
# A free loopback port: a random one nobody answers on.
pg_port=0
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 30000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then pg_port=$candidate; break; fi
done
stop_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
if ! as_pg "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1 \
  || ! as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null; then
  echo "Could not start the test PostgreSQL cluster:"; cat "$pg_dir"/*.log 2>/dev/null | tail -n 20
  echo "0 passed, 1 failed"
  exit 1
fi
# The tests create a database of their own per app / test database on this server (PostgreSqlTestServer).
export IPAASMONITOR_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

# The docker-compose files (issue #16): each stack, production and demo profile, must validate. Debian's docker-compose
# is installed when missing (a small package); the check needs no Docker daemon.
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "Installing docker-compose (Debian package) for the compose file checks..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null \
    || echo "Could not install docker-compose"
fi
compose_passed=0
compose_failed=0
for compose_file in docker-compose.yml docker-compose.postgres.yml; do
  for env_file in "" demo.env; do
    # Placeholder passwords: the files refuse to start without one, and no secret lives in the repository.
    if MSSQL_SA_PASSWORD=check POSTGRES_PASSWORD=check docker-compose -f "$compose_file" ${env_file:+--env-file "$env_file"} config -q; then
      compose_passed=$((compose_passed + 1))
    else
      echo "docker-compose config failed: $compose_file ${env_file:+with $env_file}"
      compose_failed=$((compose_failed + 1))
    fi
  done
done
echo "docker-compose files: $compose_passed valid, $compose_failed invalid"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
status=0
dotnet build IpaasMonitor.sln -c Release 2>&1 | tail -n 30 | tee "$log" || true
if ! grep -q "Build succeeded" "$log"; then
  echo "Build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test IpaasMonitor.sln -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    83, Skipped: ..."
passed=$(grep -E '^(Passed|Failed)! +- Failed:' "$log" | sed -E 's/.*Passed: *([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
failed=$(grep -E '^(Passed|Failed)! +- Failed:' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed.*/\1/' | awk '{s+=$1} END {print s+0}')
rm -f "$log"
passed=$((passed + compose_passed))
failed=$((failed + compose_failed))
[ "$compose_failed" -gt 0 ] && status=1
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the run failed without a test failing (crash, aborted host): never report green
fi
echo "$passed passed, $failed failed"
exit "$status"
