#!/usr/bin/env bash
# Catalogue first-load benchmark under VTEX's latency and limits (bench/Catalog/README.md, issue #17). One command:
#   bash bench/Catalog/run.sh                       the adaptive hub, then the fixed-parallelism hub (the baseline), each
#                                                   on a fresh sandbox with the latency model and VTEX's limits on, with
#                                                   orders arriving during the load
#   BENCH_REFERENCES=9100 bash bench/Catalog/run.sh the issue's 100,000 SKUs (about 3 hours for both runs: pricing's
#                                                   33.3/s binds 10, ~50 min adaptive, ~95 min fixed)
#   BENCH_ONLY=adaptive bash bench/Catalog/run.sh   one run: adaptive | fixed | no-latency
#   BENCH_ONLY=steady bash bench/Catalog/run.sh     the adaptive hub's first load, then a steady state of BENCH_STEADY_MINUTES
#                                                   (40) with 5 % of the SKUs changing price and stock per hour and VTEX
#                                                   answering 503 for BENCH_FAULT_MINUTES (10) in the middle of it
# Each run starts a fresh standalone sandbox (no injected faults, no ERP changes) and a fresh SQLite store.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
REFERENCES=${BENCH_REFERENCES:-200}
PORT=${BENCH_PORT:-5291}
DATA=${BENCH_DATA:-/tmp/ipaas-bench-catalog}
RESULTS=$PWD/bench/Catalog/results
mkdir -p "$DATA" "$RESULTS"

dotnet build src/IpaasMonitor.Sandbox/IpaasMonitor.Sandbox.csproj -c Release -v q -nologo
dotnet build bench/Catalog/IpaasMonitor.Bench.Catalog/IpaasMonitor.Bench.Catalog.csproj -c Release -v q -nologo

run() { # label adaptive latency [bench arguments...]
  local label=$1 adaptive=$2 latency=$3
  shift 3
  dotnet artifacts/bin/IpaasMonitor.Sandbox/release/IpaasMonitor.Sandbox.dll --urls "http://127.0.0.1:$PORT" \
    --Sandbox:ReferenceCount="$REFERENCES" --Sandbox:ChangeInterval=00:00:00 --Sandbox:Latency:Enabled="$latency" \
    --Sandbox:RateLimits:Enabled=true --Sandbox:Orders:Interval=00:00:10 --Sandbox:Orders:FirstOrderDelay=00:00:05 \
    --Sandbox:InventoryLockHold=00:00:00 --Logging:LogLevel:Default=Warning > "$DATA/sandbox-$label.log" 2>&1 &
  local sandbox=$!
  trap "kill $sandbox 2>/dev/null || true" EXIT
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 1; done
  echo "$label start: $(date -u +%FT%TZ) $(uptime)"
  # The hub's pricing ceiling is its default (VTEX's 2,000/min); BENCH_PRICING_LIMIT=30 gives the ceiling before ADR-023's amendment.
  dotnet artifacts/bin/IpaasMonitor.Bench.Catalog/release/IpaasMonitor.Bench.Catalog.dll --sandbox "http://127.0.0.1:$PORT/" \
    --sandbox-pid "$sandbox" ${BENCH_PRICING_LIMIT:+--pricing-limit "$BENCH_PRICING_LIMIT"} \
    --db "$DATA/$label.db" --adaptive "$adaptive" --orders true --label "$label" --results "$RESULTS" "$@"
  echo "$label end: $(date -u +%FT%TZ) $(uptime)"
  echo "sandbox peak memory: $(grep VmHWM /proc/$sandbox/status | awk '{print int($2/1024)" MB"}')" | tee "$RESULTS/$label.sandbox.txt"
  kill $sandbox; wait $sandbox 2>/dev/null || true
  trap - EXIT
}

ONLY=${BENCH_ONLY:-}
if [ -z "$ONLY" ] || [ "$ONLY" = adaptive ]; then run adaptive true true; fi
if [ -z "$ONLY" ] || [ "$ONLY" = fixed ]; then run fixed false true; fi
# The CPU-bound figure of issue #3 (sandbox answering at once), for comparison only.
if [ "$ONLY" = no-latency ]; then run no-latency true false; fi
# Steady state and a fault window after the first load (bench/Catalog/README.md, "Steady state").
if [ "$ONLY" = steady ]; then
  run steady true true --steady-minutes "${BENCH_STEADY_MINUTES:-40}" --fault-minutes "${BENCH_FAULT_MINUTES:-10}"
fi
