#!/usr/bin/env bash
# Fault soak of the catalogue diagrams (bench/Retry/README.md, ADR-018). One command:
#   bash bench/Retry/run.sh                       heavy faults (20 % 503 + 10 % 429 + 5 % lost responses on VTEX POST/PUT)
#                                                 and the demo's faults, each with in-run retries on and off, 10 min each
#   BENCH_MINUTES=3 BENCH_ONLY=heavy-retry bash bench/Retry/run.sh    one shorter run
# Each run starts a fresh standalone sandbox (its ERP data changing every minute, as in the demo) and a fresh store.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
MINUTES=${BENCH_MINUTES:-10}
REFERENCES=${BENCH_REFERENCES:-300}
PORT=${BENCH_PORT:-5292}
DATA=${BENCH_DATA:-/tmp/ipaas-bench-retry}
RESULTS=$PWD/bench/Retry/results
mkdir -p "$DATA" "$RESULTS"

dotnet build src/IpaasMonitor.Sandbox/IpaasMonitor.Sandbox.csproj -c Release -v q -nologo
dotnet build bench/Retry/IpaasMonitor.Bench.Retry/IpaasMonitor.Bench.Retry.csproj -c Release -v q -nologo

run() { # label faults step-retry
  local label=$1 faults=$2 retry=$3
  dotnet artifacts/bin/IpaasMonitor.Sandbox/release/IpaasMonitor.Sandbox.dll --urls "http://127.0.0.1:$PORT" \
    --Sandbox:ReferenceCount="$REFERENCES" --Logging:LogLevel:Default=Warning > "$DATA/sandbox-$label.log" 2>&1 &
  local sandbox=$!
  trap "kill $sandbox 2>/dev/null || true" EXIT
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 1; done
  dotnet artifacts/bin/IpaasMonitor.Bench.Retry/release/IpaasMonitor.Bench.Retry.dll --sandbox "http://127.0.0.1:$PORT/" \
    --db "$DATA/$label.db" --faults "$faults" --step-retry "$retry" --minutes "$MINUTES" --label "$label" --results "$RESULTS"
  kill $sandbox; wait $sandbox 2>/dev/null || true
  trap - EXIT
}

ONLY=${BENCH_ONLY:-}   # heavy-retry | heavy-no-retry | demo-retry | demo-no-retry
for spec in heavy-retry:heavy:on heavy-no-retry:heavy:off demo-retry:demo:on demo-no-retry:demo:off; do
  IFS=: read -r label faults retry <<< "$spec"
  if [ -z "$ONLY" ] || [ "$ONLY" = "$label" ]; then run "$label" "$faults" "$retry"; fi
done
