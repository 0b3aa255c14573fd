#!/usr/bin/env bash
# Catalogue initial-load benchmark (bench/Catalog/README.md). One command:
#   bash bench/Catalog/run.sh                         ~100,000 SKUs with no pricing limit, then ~10,000 SKUs with the
#                                                     VTEX pricing limit on (sandbox 33.3 writes/s, 500 burst; hub 33/s),
#                                                     then ~2,200 SKUs with the hub's limiter off (VTEX answers 429)
#   BENCH_REFERENCES=2000 BENCH_LIMITED_REFERENCES=300 bash bench/Catalog/run.sh   a quicker run
# Each run starts a fresh standalone sandbox (no faults, no latency, no data changes) and a fresh SQLite store.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
REFERENCES=${BENCH_REFERENCES:-9100}
LIMITED_REFERENCES=${BENCH_LIMITED_REFERENCES:-910}
PORT=${BENCH_PORT:-5291}
DATA=${BENCH_DATA:-/tmp/ipaas-bench-catalog}
RESULTS=$PWD/bench/Catalog/results
mkdir -p "$DATA" "$RESULTS"

dotnet build src/IpaasMonitor.Sandbox/IpaasMonitor.Sandbox.csproj -c Release -v q -nologo
dotnet build bench/Catalog/IpaasMonitor.Bench.Catalog/IpaasMonitor.Bench.Catalog.csproj -c Release -v q -nologo

run() { # label references sandbox-pricing-writes-per-second hub-pricing-permits
  local label=$1 references=$2 sandbox_limit=$3 hub_limit=$4
  dotnet artifacts/bin/IpaasMonitor.Sandbox/release/IpaasMonitor.Sandbox.dll --urls "http://127.0.0.1:$PORT" \
    --Sandbox:ReferenceCount="$references" --Sandbox:ChangeInterval=00:00:00 --Sandbox:PricingWritesPerSecond="$sandbox_limit" \
    --Sandbox:InventoryLockHold=00:00:00 --Logging:LogLevel:Default=Warning > "$DATA/sandbox-$label.log" 2>&1 &
  local sandbox=$!
  trap "kill $sandbox 2>/dev/null || true" EXIT
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 1; done
  dotnet artifacts/bin/IpaasMonitor.Bench.Catalog/release/IpaasMonitor.Bench.Catalog.dll --sandbox "http://127.0.0.1:$PORT/" \
    --db "$DATA/$label.db" --pricing-limit "$hub_limit" --label "$label" --results "$RESULTS"
  echo "sandbox peak memory: $(grep VmHWM /proc/$sandbox/status | awk '{print int($2/1024)" MB"}')" | tee -a "$RESULTS/$label.sandbox.txt"
  kill $sandbox; wait $sandbox 2>/dev/null || true
  trap - EXIT
}

ONLY=${BENCH_ONLY:-}   # no-limit | pricing-limit | pricing-429: one of the runs
if [ -z "$ONLY" ] || [ "$ONLY" = no-limit ]; then run no-limit "$REFERENCES" 0 0; fi
if [ -z "$ONLY" ] || [ "$ONLY" = pricing-limit ]; then run pricing-limit "$LIMITED_REFERENCES" 33.333 33; fi
# The hub's own limiter off while VTEX limits: what the 429 + Retry-After path achieves on its own.
if [ -z "$ONLY" ] || [ "$ONLY" = pricing-429 ]; then run pricing-429 "${BENCH_429_REFERENCES:-200}" 33.333 0; fi
