#!/usr/bin/env bash
# Runs every test of IpaasMonitor on a fresh machine: installs what the tests need (Debian's Chromium for the
# browser tests), builds once, runs all test projects, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the browser tests..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi

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
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1  # the run failed without a test failing (crash, aborted host): never report green
fi
echo "$passed passed, $failed failed"
exit "$status"
