#!/usr/bin/env bash
# The one benchmark command (see bench/README.md):
#   bash bench/run.sh                      1M and 10M stores: generate or reuse, queries vs naive, recording,
#                                          purge under load, 50-session load test against the real app
#   BENCH_SIZES=1000000 bash bench/run.sh  a quicker run on 1M only
# Stores live in $BENCH_DATA (default /work/benchdata, outside the repository: 10M is ~17 GB); they are
# deterministic and reused when present. Tables are printed and written to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
DATA=${BENCH_DATA:-/work/benchdata}
SIZES=${BENCH_SIZES:-1000000,10000000}
SESSIONS=${BENCH_SESSIONS:-50}
LOAD_SECONDS=${BENCH_LOAD_SECONDS:-120}
PORT=${BENCH_PORT:-5080}
RESULTS=$PWD/bench/results
mkdir -p "$DATA" "$RESULTS"

dotnet build bench/IpaasMonitor.Bench/IpaasMonitor.Bench.csproj -c Release -v q -nologo
# Published (not just built): the browser sessions need the static assets (MudBlazor, blazor.web.js) in Production.
dotnet publish src/IpaasMonitor.Web/IpaasMonitor.Web.csproj -c Release -o "$DATA/web" -v q -nologo
BENCH=(dotnet artifacts/bin/IpaasMonitor.Bench/release/IpaasMonitor.Bench.dll)

# Timings run at a higher priority when we can (root): on a shared machine other processes otherwise decide the
# percentiles. Store generation runs at normal priority.
PRIO=()
if [ "$(id -u)" -eq 0 ]; then PRIO=(nice -n -10); fi

"${BENCH[@]}" generate --sizes "$SIZES" --data "$DATA" --results "$RESULTS"
"${PRIO[@]}" "${BENCH[@]}" all --sizes "$SIZES" --data "$DATA" --results "$RESULTS"

# Load test: the real app (Release, Production) serving the grid over the largest store, nothing else running in it.
LARGEST=$(echo "$SIZES" | tr ',' '\n' | sort -n | tail -1)
LABEL=$((LARGEST / 1000000))m
[ $((LARGEST % 1000000)) -eq 0 ] || LABEL=$LARGEST
# Environment "Testing": Production in every respect but the auth cookie, which may travel over plain http on loopback.
# The embedded sandbox stays (the connections need its addresses) but idle: 10 references, no data changes, no runs.
Database__ConnectionString="Data Source=$DATA/store-$LABEL.db" Sandbox__Embedded=true Sandbox__ReferenceCount=10 \
  Sandbox__ChangeInterval=1.00:00:00 Scheduling__Enabled=false \
  Auth__DemoAccounts=true Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning \
  ASPNETCORE_URLS="http://127.0.0.1:$PORT" ASPNETCORE_ENVIRONMENT=Testing \
  "${PRIO[@]}" dotnet "$DATA/web/IpaasMonitor.Web.dll" --contentRoot "$DATA/web" > "$DATA/web.log" 2>&1 &
WEB=$!
trap 'kill $WEB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 1
done
"${BENCH[@]}" load --sizes "$LARGEST" --data "$DATA" --results "$RESULTS" --url "http://127.0.0.1:$PORT" \
  --sessions "$SESSIONS" --seconds "$LOAD_SECONDS" --server-pid "$WEB"

# The same app, now with real browsers: one Chromium, one context (cookies + Blazor circuit) per session, live
# refresh on. Needs Debian's chromium (apt-get install -y chromium; ./test.sh installs it too).
"${BENCH[@]}" browsers --sizes "$LARGEST" --data "$DATA" --results "$RESULTS" --url "http://127.0.0.1:$PORT" \
  --sessions "$SESSIONS" --seconds "${BENCH_BROWSER_SECONDS:-180}" --server-pid "$WEB"
