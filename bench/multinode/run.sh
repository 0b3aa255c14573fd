#!/usr/bin/env bash
# The kill -9 soak of issue #16 (bench/multinode/README.md). One command, on a shared machine at the lowest priority:
#   nice -n 19 ionice -c3 bash bench/multinode/run.sh                      three nodes on one PostgreSQL 15 database, 15 min
#   MODE=sqlite DURATION=8m nice -n 19 ionice -c3 bash bench/multinode/run.sh   the embedded default (one process, SQLite)
# Builds the web app, the sandbox and the checker in Release; starts a throwaway PostgreSQL 15 cluster (as test.sh does:
# never as root, data in a temp folder, a free loopback port, stopped on exit) and ONE standalone sandbox (latency, VTEX's
# limits and the demo faults on) that outlives every kill, so its duplicate counters cover every node and every life; then
# the app processes on free ports. Every few minutes one node is killed with -9 while it runs the work aimed at (the first
# pass, a stock or price send, an order stage, the re-queued messages of a bulk re-queue started in the store), and is
# started again a minute later as a new node life. At the end the checker prints PASS/FAIL per check and the figures, and
# writes them to bench/multinode/results/; the exit code is non-zero when a check failed.
#
# Settings (environment): MODE (postgresql | sqlite), DURATION (15m), NODES (3; 1 with sqlite), KILL_FIRST (75s after the
# nodes are up), KILL_EVERY (3m-4m, 90s-120s with sqlite: each interval drawn in this range), RESTART_AFTER (60s, 30s
# with sqlite), KILL_WAIT (60s: how long to
# wait for the aimed-at work before killing whatever a node runs), SETTLE (150s after the end before the checks),
# STUCK_AFTER (120s: a Processing or Requeued message older than this at the check is stuck), DRAIN (300s: how long the
# check waits for the pending-job rows a kill left to be done), REFERENCES (500 per ERP
# tenant, the demo's), SEED (16: the draw of the intervals and of a fallback victim), WORK (a temp folder: logs, store).
set -uo pipefail
# The whole script is one block, read before it runs: editing this file during a soak cannot change the soak.
{
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

seconds() { # 15m | 90s | 90 | 1h
  local v=$1
  case "$v" in
    *h) echo $((${v%h} * 3600)) ;;
    *m) echo $((${v%m} * 60)) ;;
    *s) echo "${v%s}" ;;
    *) echo "$v" ;;
  esac
}

MODE=${MODE:-postgresql}
case "$MODE" in postgresql | sqlite) ;; *) echo "MODE must be postgresql or sqlite"; exit 2 ;; esac
DURATION_S=$(seconds "${DURATION:-15m}")
# The embedded default is one process: killed more often, restarted sooner (it is the only one working).
if [ "$MODE" = sqlite ]; then
  NODES=${NODES:-1}; KILL_EVERY=${KILL_EVERY:-90s-120s}; RESTART_AFTER=${RESTART_AFTER:-30s}
else
  NODES=${NODES:-3}; KILL_EVERY=${KILL_EVERY:-3m-4m}; RESTART_AFTER=${RESTART_AFTER:-60s}
fi
KILL_FIRST_S=$(seconds "${KILL_FIRST:-75s}")
KILL_MIN_S=$(seconds "${KILL_EVERY%-*}")
KILL_MAX_S=$(seconds "${KILL_EVERY#*-}")
RESTART_AFTER_S=$(seconds "${RESTART_AFTER:-60s}")
KILL_WAIT_S=$(seconds "${KILL_WAIT:-60s}")
SETTLE_S=$(seconds "${SETTLE:-150s}")
STUCK_AFTER_S=$(seconds "${STUCK_AFTER:-120s}")
DRAIN_S=$(seconds "${DRAIN:-300s}")
REFERENCES=${REFERENCES:-500}
RANDOM=${SEED:-16}
WORK=${WORK:-$(mktemp -d /tmp/ipaas-multinode.XXXXXX)}
RESULTS=$PWD/bench/multinode/results
STAMP=$(date -u +%Y%m%d-%H%M%S)
LABEL="$STAMP-$MODE-${NODES}node-$((DURATION_S / 60))min"
mkdir -p "$WORK" "$RESULTS"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$WORK/soak.log"; }
now_iso() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

free_port() { # a random loopback port nobody answers on
  local candidate
  for _ in $(seq 1 100); do
    candidate=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "no free port" >&2
  return 1
}

log "Building the web app, the sandbox and the checker (Release)..."
for project in src/IpaasMonitor.Web/IpaasMonitor.Web.csproj src/IpaasMonitor.Sandbox/IpaasMonitor.Sandbox.csproj \
  bench/multinode/IpaasMonitor.Bench.MultiNode/IpaasMonitor.Bench.MultiNode.csproj; do
  if ! dotnet build "$project" -c Release -v q -nologo > "$WORK/build.log" 2>&1; then
    tail -n 30 "$WORK/build.log"; log "Build failed: $project"; exit 1
  fi
done
WEB=$PWD/artifacts/bin/IpaasMonitor.Web/release
SANDBOX_DLL=$PWD/artifacts/bin/IpaasMonitor.Sandbox/release/IpaasMonitor.Sandbox.dll
CHECKER=$PWD/artifacts/bin/IpaasMonitor.Bench.MultiNode/release/IpaasMonitor.Bench.MultiNode.dll

# Everything started here is stopped on exit, by its pid.
SANDBOX_PID=""
declare -a PIDS NAMES PORTS LIFE RESTART_AT
PG_BIN=/usr/lib/postgresql/15/bin
pg_dir=""
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for i in "${!PIDS[@]}"; do
    [ -n "${PIDS[$i]}" ] && kill -TERM "${PIDS[$i]}" 2>/dev/null
  done
  for i in "${!PIDS[@]}"; do
    if [ -n "${PIDS[$i]}" ]; then
      for _ in $(seq 1 30); do kill -0 "${PIDS[$i]}" 2>/dev/null || break; sleep 1; done
      kill -9 "${PIDS[$i]}" 2>/dev/null
    fi
  done
  [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null
  if [ -n "$pg_dir" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The store.
if [ "$MODE" = postgresql ]; then
  if [ ! -x "$PG_BIN/pg_ctl" ]; then
    log "PostgreSQL 15 server binaries are missing ($PG_BIN): ./test.sh installs them (apt-get install postgresql-15)"; exit 1
  fi
  pg_dir=$(mktemp -d /tmp/ipaas-multinode-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  pg_port=$(free_port)
  if ! as_pg "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1 \
    || ! as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
      -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null; then
    log "Could not start the PostgreSQL cluster:"; cat "$pg_dir"/*.log 2>/dev/null | tail -n 20; exit 1
  fi
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAt -c "CREATE DATABASE ipaasmonitor" >/dev/null || exit 1
  PROVIDER=PostgreSql
  DB="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=ipaasmonitor;Maximum Pool Size=60"
  q() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d ipaasmonitor -qAt -F '|' -c "$1" 2>>"$WORK/queries.log"; }
  SQL_NOW="now()"
  SQL_FALSE=false
  SQL_IDS="string_agg(\"Id\"::text, ',')"
  log "PostgreSQL 15 on 127.0.0.1:$pg_port (data in $pg_dir)"
else
  PROVIDER=Sqlite
  DB="Data Source=$WORK/ipaasmonitor.db"
  q() { sqlite3 -cmd ".timeout 10000" -separator '|' "$WORK/ipaasmonitor.db" "$1" 2>>"$WORK/queries.log"; }
  SQL_NOW="(CAST(strftime('%s', 'now') AS INTEGER) * 10000000 + 621355968000000000)" # UTC ticks, as the store keeps dates
  SQL_FALSE=0
  SQL_IDS="group_concat(\"Id\", ',')"
fi

# One sandbox for every node and every life: the demo's data, changes, orders, latency, limits and faults.
SANDBOX_PORT=$(free_port)
SB="http://127.0.0.1:$SANDBOX_PORT"
dotnet "$SANDBOX_DLL" --urls "$SB" --Sandbox:ReferenceCount="$REFERENCES" --Logging:LogLevel:Default=Warning \
  > "$WORK/sandbox.log" 2>&1 &
SANDBOX_PID=$!
for _ in $(seq 1 300); do curl -fs "$SB/" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$SB/" >/dev/null || { log "The sandbox did not start"; tail -n 20 "$WORK/sandbox.log"; exit 1; }
log "Sandbox on $SB ($REFERENCES references per ERP tenant, latency, limits and demo faults on)"

start_node() { # index: starts the node's next life on a new free port
  local i=$1
  LIFE[$i]=$((${LIFE[$i]:-0} + 1))
  NAMES[$i]="node$i-life${LIFE[$i]}"
  PORTS[$i]=$(free_port)
  local root="$WORK/${NAMES[$i]}"
  mkdir -p "$root"
  cp "$WEB/appsettings.json" "$root/"
  env ASPNETCORE_ENVIRONMENT=Testing ASPNETCORE_URLS="http://127.0.0.1:${PORTS[$i]}" \
    Database__Provider="$PROVIDER" Database__ConnectionString="$DB" Database__MigrateOnStart=true \
    Nodes__Name="${NAMES[$i]}" Sandbox__Embedded=false Auth__DemoAccounts=true \
    Search__DocumentKey=ZGVtby1vbmx5LWRvY3VtZW50LXNlYXJjaC1rZXktMzItYnl0ZXMhIQ== \
    IpaasMonitor__Connections__0__Erp__BaseAddress="$SB/erp/tenant-a/" \
    IpaasMonitor__Connections__0__Erp__ClientId=sandbox-client-a IpaasMonitor__Connections__0__Erp__ClientSecret=sandbox-secret-a \
    IpaasMonitor__Connections__0__Erp__Username=integracao.a IpaasMonitor__Connections__0__Erp__Password=senha-demo-a \
    IpaasMonitor__Connections__0__Vtex__Account=loja-a IpaasMonitor__Connections__0__Vtex__BaseAddress="$SB/vtex/loja-a/" \
    IpaasMonitor__Connections__0__Vtex__PricingBaseAddress="$SB/vtex-pricing/loja-a/" \
    IpaasMonitor__Connections__0__Vtex__AppKey=vtexappkey-loja-a-SANDBOX IpaasMonitor__Connections__0__Vtex__AppToken=SANDBOX-TOKEN-LOJA-A \
    IpaasMonitor__Connections__1__Erp__BaseAddress="$SB/erp/tenant-b/" \
    IpaasMonitor__Connections__1__Erp__ClientId=sandbox-client-b IpaasMonitor__Connections__1__Erp__ClientSecret=sandbox-secret-b \
    IpaasMonitor__Connections__1__Erp__Username=integracao.b IpaasMonitor__Connections__1__Erp__Password=senha-demo-b \
    IpaasMonitor__Connections__1__Vtex__Account=loja-b IpaasMonitor__Connections__1__Vtex__BaseAddress="$SB/vtex/loja-b/" \
    IpaasMonitor__Connections__1__Vtex__PricingBaseAddress="$SB/vtex-pricing/loja-b/" \
    IpaasMonitor__Connections__1__Vtex__AppKey=vtexappkey-loja-b-SANDBOX IpaasMonitor__Connections__1__Vtex__AppToken=SANDBOX-TOKEN-LOJA-B \
    dotnet exec "$WEB/IpaasMonitor.Web.dll" --contentRoot "$root" > "$root/output.log" 2>&1 &
  PIDS[$i]=$!
  RESTART_AT[$i]=""
  log "Started ${NAMES[$i]} (pid ${PIDS[$i]}, http://127.0.0.1:${PORTS[$i]})"
}

wait_ready() { # index
  local i=$1 code
  for _ in $(seq 1 300); do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      log "${NAMES[$i]} exited before it was ready:"; tail -n 30 "$WORK/${NAMES[$i]}/output.log"; return 1
    fi
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:${PORTS[$i]}/health")
    if [ "$code" = 200 ] || [ "$code" = 503 ]; then log "${NAMES[$i]} ready (/health $code)"; return 0; fi
    sleep 1
  done
  log "${NAMES[$i]} did not answer /health in 300 s"; return 1
}

# As docker-compose does: the first node migrates the store, the others start once it is up.
start_node 1
wait_ready 1 || exit 1
for i in $(seq 2 "$NODES"); do start_node "$i"; done
for i in $(seq 2 "$NODES"); do wait_ready "$i" || exit 1; done

STARTED=$(now_iso)
t0=$(date +%s)
end=$((t0 + DURATION_S))
next_kill=$((t0 + KILL_FIRST_S))
TARGETS=(first-pass stock-price requeue orders any)
target_index=0
aiming_since=""
: > "$WORK/kills.tsv"
: > "$WORK/exits.tsv"
log "Soak started at $STARTED for $((DURATION_S / 60)) min: $NODES node(s), first kill after ${KILL_FIRST_S} s, then every ${KILL_MIN_S}-${KILL_MAX_S} s"

node_index() { # node name -> index, or empty
  local i
  for i in "${!NAMES[@]}"; do [ "${NAMES[$i]}" = "$1" ] && [ -z "${RESTART_AT[$i]}" ] && { echo "$i"; return; }; done
}

# What runs now that the aimed-at kind of work is: "node|diagram|connection|trigger", or nothing.
find_victim() {
  case "$1" in
    first-pass) # a catalogue row of a start-up pass (its ERP reads are 'startup', the VTEX halves they chain 'encadeado')
      q "SELECT \"Node\", \"Diagram\", \"ConnectionId\", \"TriggeredBy\" FROM \"DiagramRuns\" WHERE \"Status\" = 'Running' AND \"TriggeredBy\" IN ('startup', 'encadeado') AND \"Diagram\" BETWEEN 1 AND 22 ORDER BY \"Diagram\" % 2, \"StartedAtUtc\" LIMIT 1" ;;
    stock-price)
      q "SELECT \"Node\", \"Diagram\", \"ConnectionId\", \"TriggeredBy\" FROM \"DiagramRuns\" WHERE \"Status\" = 'Running' AND \"Diagram\" IN (14, 16, 20, 22) LIMIT 1" ;;
    orders)
      q "SELECT \"Node\", \"Diagram\", \"ConnectionId\", \"TriggeredBy\" FROM \"DiagramRuns\" WHERE \"Status\" = 'Running' AND \"Diagram\" BETWEEN 23 AND 38 LIMIT 1" ;;
    requeue) # the holder of a lease over re-queued messages: the job working through them
      q "SELECT l.\"HolderNode\", l.\"Diagram\", l.\"ConnectionId\", 'requeued messages' FROM \"DiagramLeases\" l WHERE l.\"HolderNode\" IS NOT NULL AND EXISTS (SELECT 1 FROM \"Messages\" m WHERE m.\"Situation\" = 4 AND m.\"ConnectionId\" = l.\"ConnectionId\" AND m.\"Diagram\" = l.\"Diagram\") LIMIT 1" ;;
    *)
      q "SELECT \"Node\", \"Diagram\", \"ConnectionId\", \"TriggeredBy\" FROM \"DiagramRuns\" WHERE \"Status\" = 'Running' LIMIT 1" ;;
  esac
}

describe() { # "node|diagram|connection|trigger" -> "D10 VA-CUSTOMIZADA (scheduler)"
  local node diagram connection trigger
  IFS='|' read -r node diagram connection trigger <<< "$1"
  if [ -n "$diagram" ]; then printf 'D%02d %s (%s)' "$diagram" "$connection" "$trigger"; else printf 'no run'; fi
}

kill_node() { # index target detail
  local i=$1 at pending
  kill -9 "${PIDS[$i]}" 2>/dev/null
  at=$(now_iso)
  wait "${PIDS[$i]}" 2>/dev/null
  pending=$(q "SELECT $SQL_IDS FROM \"PendingJobs\"")
  printf '%s\t%s\t%s\t%s\t%s\n' "$at" "${NAMES[$i]}" "$2" "$3" "$pending" >> "$WORK/kills.tsv"
  log "kill -9 ${NAMES[$i]} (pid ${PIDS[$i]}) aimed at $2: $3; pending-job rows then: ${pending:-none}"
  PIDS[$i]=""
  RESTART_AT[$i]=$(($(date +%s) + RESTART_AFTER_S))
}

while [ "$(date +%s)" -lt "$end" ]; do
  now=$(date +%s)
  for i in $(seq 1 "$NODES"); do
    if [ -n "${RESTART_AT[$i]}" ] && [ "$now" -ge "${RESTART_AT[$i]}" ]; then
      start_node "$i"
      wait_ready "$i" || exit 1
    elif [ -n "${PIDS[$i]}" ] && ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      printf '%s\t%s\n' "$(now_iso)" "${NAMES[$i]}" >> "$WORK/exits.tsv"
      log "${NAMES[$i]} exited by itself:"; tail -n 20 "$WORK/${NAMES[$i]}/output.log"
      PIDS[$i]=""
      RESTART_AT[$i]=$now
    fi
  done
  down=0
  for i in $(seq 1 "$NODES"); do [ -n "${RESTART_AT[$i]}" ] && down=$((down + 1)); done
  # One node down at a time, and never a kill whose restart would fall after the end.
  if [ "$now" -ge "$next_kill" ] && [ "$down" -eq 0 ] && [ $((now + RESTART_AFTER_S + 30)) -lt "$end" ]; then
    target=${TARGETS[$((target_index % ${#TARGETS[@]}))]}
    if [ -z "$aiming_since" ]; then
      aiming_since=$now
      if [ "$target" = requeue ]; then
        q "INSERT INTO \"RequeueBatches\" (\"CreatedAtUtc\", \"RequestedBy\", \"Description\", \"FilterJson\", \"Collected\") VALUES ($SQL_NOW, 'bench-multinode', 'Soak: every unresolved failure', '{}', $SQL_FALSE)" >/dev/null
        log "Bulk re-queue of every unresolved failure started in the store (RequeueBatches, as the desk's 're-queue all')"
      fi
    fi
    victim=$(find_victim "$target" | head -n 1)
    index=""
    [ -n "$victim" ] && index=$(node_index "${victim%%|*}")
    if [ -n "$index" ]; then
      kill_node "$index" "$target" "$(describe "$victim")"
    elif [ $((now - aiming_since)) -ge "$KILL_WAIT_S" ]; then
      victim=$(find_victim any | head -n 1)
      [ -n "$victim" ] && index=$(node_index "${victim%%|*}")
      [ -z "$index" ] && index=$((1 + RANDOM % NODES))
      kill_node "$index" "$target" "nothing of that kind within ${KILL_WAIT_S} s; $(describe "$victim")"
    fi
    if [ -n "$index" ]; then
      target_index=$((target_index + 1))
      aiming_since=""
      next_kill=$((now + KILL_MIN_S + RANDOM % (KILL_MAX_S - KILL_MIN_S + 1)))
    fi
  fi
  sleep 2
done

ENDED=$(now_iso)
log "Soak ended at $ENDED; every node is up again. The checks run in ${SETTLE_S} s, while the nodes go on."
sleep "$SETTLE_S"
live=""
for i in $(seq 1 "$NODES"); do
  if [ -n "${PIDS[$i]}" ] && kill -0 "${PIDS[$i]}" 2>/dev/null; then live="$live${live:+,}${NAMES[$i]}"; fi
done

RESULT_FILE=$RESULTS/$LABEL.md
dotnet "$CHECKER" --provider "$PROVIDER" --db "$DB" --sandbox "$SB/" --kills "$WORK/kills.tsv" --exits "$WORK/exits.tsv" \
  --live "$live" --started "$STARTED" --ended "$ENDED" --stuck-after-seconds "$STUCK_AFTER_S" --drain-seconds "$DRAIN_S" --label "$LABEL" \
  --machine "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the check" --results "$RESULT_FILE"
status=$?
log "Results: $RESULT_FILE; logs and store: $WORK"
exit "$status"
}
