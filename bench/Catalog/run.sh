#!/usr/bin/env bash
# Catalogue first-load benchmark under VTEX's latency and limits (bench/Catalog/README.md, issue #17). One command:
#   bash bench/Catalog/run.sh                       the adaptive hub, then the fixed-parallelism hub (the baseline), each
#                                                   on a fresh sandbox with the latency model and VTEX's limits on, with
#                                                   orders arriving during the load
#   BENCH_REFERENCES=9100 bash bench/Catalog/run.sh the issue's 100,000 SKUs (about 2 hours: pricing's 33/s binds)
#   BENCH_ONLY=adaptive bash bench/Catalog/run.sh   one run: adaptive | fixed | no-latency
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

run() { # label adaptive latency
  local label=$1 adaptive=$2 latency=$3
  dotnet artifacts/bin/IpaasMonitor.Sandbox/release/IpaasMonitor.Sandbox.dll --urls "http://127.0.0.1:$PORT" \
    --Sandbox:ReferenceCount="$REFERENCES" --Sandbox:ChangeInterval=00:00:00 --Sandbox:Latency:Enabled="$latency" \
    --Sandbox:RateLimits:Enabled=true --Sandbox:Orders:Interval=00:00:10 --Sandbox:Orders:FirstOrderDelay=00:00:05 \
    --Sandbox:InventoryLockHold=00:00:00 --Logging:LogLevel:Default=Warning > "$DATA/sandbox-$label.log" 2>&1 &
  local sandbox=$!
  trap "kill $sandbox 2>/dev/null || true" EXIT
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 1; done
  dotnet artifacts/bin/IpaasMonitor.Bench.Catalog/release/IpaasMonitor.Bench.Catalog.dll --sandbox "http://127.0.0.1:$PORT/" \
    --db "$DATA/$label.db" --pricing-limit 30 --adaptive "$adaptive" --orders true --label "$label" --results "$RESULTS"
  echo "sandbox peak memory: $(grep VmHWM /proc/$sandbox/status | awk '{print int($2/1024)" MB"}')" | tee "$RESULTS/$label.sandbox.txt"
  kill $sandbox; wait $sandbox 2>/dev/null || true
  trap - EXIT
}

ONLY=${BENCH_ONLY:-}
if [ -z "$ONLY" ] || [ "$ONLY" = adaptive ]; then run adaptive true true; fi
if [ -z "$ONLY" ] || [ "$ONLY" = fixed ]; then run fixed false true; fi
# The CPU-bound figure of issue #3 (sandbox answering at once), for comparison only.
if [ "$ONLY" = no-latency ]; then run no-latency true false; fi
