#!/usr/bin/env bash
# bench/run.sh [scale] — the agentic_schema benchmark, in one command.
#
# Builds and installs the extension from this working tree (scripts/lib.sh), starts a
# throwaway PostgreSQL 15 cluster (pg_virtualenv -t) that loads exactly that build,
# creates the extension and the PL/pgSQL reference (bench/reference/schema.sql),
# generates the data (bench/generate.sql), runs every measurement with repetitions,
# and writes bench/RESULTS.md (also printed). Nothing is left running afterwards.
#
#   bench/run.sh          scale 1 (10,000 agents, 1M tasks, ~2M assignments, ~10M costs)
#   bench/run.sh 0.1      a few minutes
#
# Environment (all optional):
#   BENCH_REPS=5               repetitions of every measurement (medians are reported)
#   BENCH_PGBENCH_SECONDS=N    seconds per pgbench run (default 5 below scale 0.5, else 15)
#   BENCH_BULK_ROWS=N          rows per bulk load (default 1,000,000 x scale, at least 10,000)
#   BENCH_CALLGRIND=0          skip the instruction counts (callgrind: per COPY row, per workflow)
#   BENCH_KEEP=1               keep the work directory (logs, pgbench output)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
DEFAULT_SCALE=1
PGBIN=/usr/lib/postgresql/15/bin

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# Runs a command as the user the cluster's server runs as.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# ---------------------------------------------------------------------------------------
# Inside the throwaway cluster (pg_virtualenv has set PGHOST, PGPORT, PGUSER, PGPASSWORD).
# ---------------------------------------------------------------------------------------

# Inclusive instructions of the functions that tell where the cost goes (PostgreSQL's
# COPY, trigger, constraint, SPI and index paths, the PL/pgSQL trigger handler, the
# call wrapper of functions with a SET clause, and every agentic_* entry point of the
# native module), as "<tag> <function> <instructions>" lines.
cg_functions() {
  callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
    awk -v k="$2" '
      BEGIN { split("CopyFrom NextCopyFrom ExecBRInsertTriggers ExecBRUpdateTriggers ExecConstraints AfterTriggerEndQuery RI_FKey_check_ins ExecInsertIndexTuples heap_insert heap_multi_insert fmgr_security_definer SPI_execute_plan SPI_execute_snapshot plpgsql_exec_trigger CommitTransactionCommand", F, " "); for (i in F) want[F[i]] = 1 }
      $1 ~ /^[0-9,]+$/ && $0 ~ /%\) / {
        line = $0; sub(/^ *[0-9,]+ +\([ 0-9.]+%\) +/, "", line)
        obj = line; sub(/^.* \[/, "", obj); sub(/\]$/, "", obj)
        fn = line; sub(/ \[[^]]*\]$/, "", fn); sub(/^[^:]*:/, "", fn)
        ir = $1; gsub(/,/, "", ir)
        if ((fn in want && obj ~ /postgres$|plpgsql.so$/) || (obj ~ /agentic_schema.so$/ && fn ~ /^agentic_[a-z_]+$/))
          print k, fn, ir
      }'
}

# SQL recording per-unit differences of two cg_functions outputs (tags k1 and k2).
cg_diff_sql() {
  awk -v k1="$2" -v k2="$3" -v target="$4" -v v="$5" -v rep="$6" '
    $1 == k1 { a[$2] = $3 } $1 == k2 { b[$2] = $3 }
    END { for (f in b) printf "SELECT bench.record(%c%s%c, %c%s%c, %c%s%c, %d, %d, %cinstructions%c);", 39, target, 39, 39, f, 39, 39, v, 39, rep, (b[f] - a[f]) / (k2 - k1), 39, 39 }
  ' "$1"
}

# Instruction counts of the bulk-load hot path: a second small cluster whose server runs
# under valgrind --tool=callgrind; per variant, two sessions copy 200 and 1,200 rows after
# the same warm-up, and the difference of their instruction totals / 1,000 is the cost
# of one row.
callgrind_stage() {
  local work=$1 reps=$2 cg=$1/callgrind port k1=200 k2=1200
  mkdir -p "$cg/out"
  [ "$(id -u)" -eq 0 ] && chown -R postgres "$cg"
  port=$((PGPORT + 17))
  as_server_user "$PGBIN/initdb" -D "$cg/data" -U postgres -A trust >"$cg/initdb.log" 2>&1
  cat >>"$cg/data/postgresql.conf" <<EOF
port = $port
listen_addresses = ''
unix_socket_directories = '$cg'
extension_destdir = '$work/ext'
fsync = off
jit = off
autovacuum = off
shared_buffers = 128MB
max_connections = 10
log_connections = on
log_line_prefix = '%p '
EOF
  local C="psql -X -q -v ON_ERROR_STOP=1 -h $cg -p $port -U postgres -d postgres"
  as_server_user "$PGBIN/pg_ctl" -D "$cg/data" -l "$cg/server.log" -w start >/dev/null
  $C -c "SET client_min_messages = warning" -c "CREATE EXTENSION agentic_schema CASCADE"
  $C -f "$BENCH_DIR/reference/schema.sql"
  $C -v scale=0.0001 -f "$BENCH_DIR/generate.sql" >/dev/null
  $C -f "$BENCH_DIR/sql/setup.sql"
  $C -f "$BENCH_DIR/sql/floor.sql" >/dev/null
  local floor_note
  floor_note=$($C -Atc "SELECT value FROM bench.notes WHERE key = 'floor_tables'")
  $C -v rows=$k2 -v file="$cg/rows_$k2.csv" -f "$BENCH_DIR/sql/bulk_file.sql"
  as_server_user sh -c "head -n $k1 '$cg/rows_$k2.csv' > '$cg/rows_$k1.csv'; head -n 50 '$cg/rows_$k2.csv' > '$cg/rows_50.csv'"
  as_server_user "$PGBIN/pg_ctl" -D "$cg/data" -w stop >/dev/null
  log "callgrind: server under valgrind (slow)"
  as_server_user sh -c "valgrind --tool=callgrind --trace-children=yes --dump-instr=no \
      --callgrind-out-file='$cg/out/cg.%p' '$PGBIN/postgres' -D '$cg/data' >'$cg/valgrind.log' 2>&1 &"
  local i
  for i in $(seq 1 300); do
    "$PGBIN/pg_isready" -q -h "$cg" -p "$port" && break
    sleep 1
  done
  local rep v k tbl pid ir sql="SELECT bench.note('floor_tables', \$note\$$floor_note\$note\$);"
  # One session reads every row the measured COPYs will check, through each table, so
  # that no variant pays the first visit of the referenced rows (hint bits, buffers)
  # inside its measurement: whichever variant ran first used to.
  for tbl in bench_bare.execution_costs agentic.execution_costs reference.execution_costs; do
    $C <<EOF
BEGIN;
COPY $tbl (agent_id, task_id, task_assignment_id, model_id, operation, occurred_at, input_tokens, output_tokens, cached_input_tokens, cost, duration_ms) FROM '$cg/rows_$k2.csv' (FORMAT csv);
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK;
EOF
  done
  for rep in $(seq 1 "$reps"); do
    for v in bare native reference; do
      case $v in
        bare) tbl=bench_bare.execution_costs ;;
        native) tbl=agentic.execution_costs ;;
        reference) tbl=reference.execution_costs ;;
      esac
      declare -A total=()
      for k in $k1 $k2; do
        pid=$($C -At <<EOF
SELECT pg_backend_pid();
BEGIN;
COPY $tbl (agent_id, task_id, task_assignment_id, model_id, operation, occurred_at, input_tokens, output_tokens, cached_input_tokens, cost, duration_ms) FROM '$cg/rows_50.csv' (FORMAT csv);
ROLLBACK;
BEGIN;
COPY $tbl (agent_id, task_id, task_assignment_id, model_id, operation, occurred_at, input_tokens, output_tokens, cached_input_tokens, cost, duration_ms) FROM '$cg/rows_$k.csv' (FORMAT csv);
SET CONSTRAINTS ALL IMMEDIATE;
ROLLBACK;
EOF
)
        pid=$(echo "$pid" | head -n 1)
        for i in $(seq 1 120); do
          [ -s "$cg/out/cg.$pid" ] && grep -q '^totals:' "$cg/out/cg.$pid" && break
          sleep 1
        done
        total[$k]=$(awk '/^totals:/ {print $2}' "$cg/out/cg.$pid")
        cg_functions "$cg/out/cg.$pid" "$k" >>"$cg/functions_${v}_$rep.txt"
      done
      ir=$(( (${total[$k2]} - ${total[$k1]}) / (k2 - k1) ))
      log "callgrind: $v rep $rep: $ir instructions per row"
      sql+="SELECT bench.record('callgrind', 'instructions_per_row', '$v', $rep, $ir, 'instructions');"
      sql+=$(cg_diff_sql "$cg/functions_${v}_$rep.txt" "$k1" "$k2" callgrind_fn "$v" "$rep")
      unset total
    done
    # The transactional mix: one pgbench client running 20 and then 120 workflows; the
    # difference of the two backends' instructions / 100 is the cost of one workflow.
    # A fixed random seed: both variants and every run execute the same workflows
    # (subtask or not, a third cost or not, the same agents and tokens), so the
    # instruction counts compare across runs too.
    local derived logged pids new w1=20 w2=120
    derived=$($C -Atc "SELECT CASE WHEN value = 'true' THEN 1 ELSE 0 END FROM bench.notes WHERE key = 'derives_null_cost'")
    for v in floor native reference; do
      declare -A total=()
      for k in $w1 $w2; do
        logged=$(wc -l <"$cg/valgrind.log")
        "$PGBIN/pgbench" -h "$cg" -p "$port" -U postgres -n -M prepared -c 1 -t "$k" --random-seed=1 -f "$(mix_script "$v" "$work")" \
          -D agents=50 -D models=12 -D tasks=1000 -D derived="$derived" postgres >"$cg/pgbench_${v}_$k.log" 2>&1
        # pgbench opens a short first connection, then the client's: both backends
        # write a profile when they exit; the client's is the larger one. They are
        # found by the process ids the server logged for pgbench's connections (a
        # profile of another session, still being written when pgbench started, once
        # passed for the client's).
        pids=$(tail -n +"$((logged + 1))" "$cg/valgrind.log" |
          awk '/connection authorized:.*application_name=pgbench/ { print $1 }')
        for i in $(seq 1 90); do
          [ -n "$pids" ] && [ "$(for p in $pids; do grep -l '^totals:' "$cg/out/cg.$p" 2>/dev/null; done | wc -l)" -eq "$(echo "$pids" | wc -w)" ] && break
          sleep 1
        done
        new=$(for p in $pids; do grep -H '^totals:' "$cg/out/cg.$p" 2>/dev/null; done | sort -t' ' -k2,2n | tail -n 1 | cut -d: -f1)
        new=$(basename "$new")
        total[$k]=$(awk '/^totals:/ {print $2}' "$cg/out/$new")
        cg_functions "$cg/out/$new" "$k" >>"$cg/mix_functions_${v}_$rep.txt"
      done
      ir=$(( (${total[$w2]} - ${total[$w1]}) / (w2 - w1) ))
      log "callgrind: mix $v rep $rep: $ir instructions per workflow"
      sql+="SELECT bench.record('callgrind', 'instructions_per_workflow', '$v', $rep, $ir, 'instructions');"
      sql+=$(cg_diff_sql "$cg/mix_functions_${v}_$rep.txt" "$w1" "$w2" callgrind_mix_fn "$v" "$rep")
      unset total
    done
  done
  as_server_user "$PGBIN/pg_ctl" -D "$cg/data" -m fast -w -t 300 stop >/dev/null ||
    as_server_user "$PGBIN/pg_ctl" -D "$cg/data" -m immediate -w stop >/dev/null || true
  psql -X -q -v ON_ERROR_STOP=1 -c "$sql" \
    -c "SELECT bench.note('callgrind_method', 'instructions of a $k2-row COPY minus those of a $k1-row COPY, / $((k2 - k1)), after the same warm-up')" >/dev/null
}

# The mix has one workflow script, written against agentic.*; the reference runs the
# very same statements on reference.*, the floor (callgrind only) on bench_floor.*.
mix_script() { # variant, work directory
  local schema
  case $1 in
    native) echo "$BENCH_DIR/pgbench/workflow.sql"; return ;;
    floor) schema=bench_floor ;;
    *) schema=reference ;;
  esac
  sed "s/\\bagentic\\./$schema./g" "$BENCH_DIR/pgbench/workflow.sql" >"$2/workflow_$1.sql"
  echo "$2/workflow_$1.sql"
}

inside() {
  local scale=$1 work=$2
  cd "$BENCH_DIR"
  local P="psql -X -q -v ON_ERROR_STOP=1"
  local reps=${BENCH_REPS:-5}
  local pgsec=${BENCH_PGBENCH_SECONDS:-$(awk -v s="$scale" 'BEGIN { print (s >= 0.5) ? 15 : 5 }')}
  local bulk_rows=${BENCH_BULK_ROWS:-$(awk -v s="$scale" 'BEGIN { n = int(1000000 * s); if (n < 10000) n = 10000; print n }')}
  local t_start t r v c i order
  t_start=$(date +%s)
  log "cluster: port $PGPORT, extension_destdir $($P -Atc 'SHOW extension_destdir')"

  $P -c "SET client_min_messages = warning" -c "CREATE EXTENSION agentic_schema CASCADE"
  log "extension $($P -Atc "SELECT extversion FROM pg_extension WHERE extname = 'agentic_schema'") created; loading the reference schema"
  $P -f reference/schema.sql

  log "generating data at scale $scale"
  psql -X -q -v ON_ERROR_STOP=1 -v scale="$scale" -f generate.sql | sed 's/^/    /'

  log "setup: bare ledger, checks"
  t=$(date +%s)
  $P -f sql/setup.sql
  $P -c "SELECT bench.note('setup_seconds', '$(( $(date +%s) - t ))')" \
     -c "SELECT bench.note('build', '$BENCH_BUILD_NOTE')" >/dev/null
  $P -Atc "SELECT key || ': ' || value FROM bench.notes ORDER BY key" | sed 's/^/    /'
  $P -v rows="$bulk_rows" -v file="$work/files/costs.csv" -f sql/bulk_file.sql

  log "utilization and summary reads ($reps repetitions)"
  for r in $(seq 1 "$reps"); do
    $P -v rep="$r" -f sql/utilization.sql
    $P -v rep="$r" -f sql/summary.sql
  done

  local variants=(bare native reference)
  if [ "$($P -Atc "SELECT cardinality(bench.native_statement_insert_triggers()) > 0")" = t ]; then
    variants+=(native_no_stmt)
  fi
  log "bulk load: $bulk_rows rows x ${#variants[@]} variants x $reps repetitions"
  for r in $(seq 1 "$reps"); do
    for i in $(seq 0 $((${#variants[@]} - 1))); do
      v=${variants[$(( (i + r - 1) % ${#variants[@]} ))]}
      $P -v variant="$v" -v rep="$r" -v check=$([ "$r" -eq 1 ] && echo 1 || echo 0) \
         -v file="$work/files/costs.csv" -f sql/bulk_copy.sql | sed 's/^/    /'
    done
  done

  log "memory: 1,000,000 rows through the native ledger rules in one session"
  $P -f sql/memory.sql
  $P -c "VACUUM agentic.execution_costs"

  log "transactional mix: pgbench at 1, 2, 8 clients, $reps x ${pgsec}s per variant"
  local agents tasks derived labels=("create subtask" "create task" "assign" "start" "cost 1" "cost 2" "cost 3 (half of the workflows)" "complete")
  agents=$($P -Atc "SELECT bench.cfg('agents')")
  tasks=$($P -Atc "SELECT bench.cfg('tasks')")
  derived=$($P -Atc "SELECT CASE WHEN value = 'true' THEN 1 ELSE 0 END FROM bench.notes WHERE key = 'derives_null_cost'")
  $P -c "VACUUM (ANALYZE) agentic.tasks, agentic.task_assignments, agentic.execution_costs, agentic.audit_logs, reference.tasks, reference.task_assignments, reference.execution_costs, reference.audit_logs"
  for c in 1 2 8; do
    for r in $(seq 1 "$reps"); do
      if [ $((r % 2)) -eq 1 ]; then order="native reference"; else order="reference native"; fi
      for v in $order; do
        local out="$work/pgbench_${v}_c${c}_r${r}.log" tps sql
        $P -c "CHECKPOINT"
        if "$PGBIN/pgbench" -n -M prepared -r -c "$c" -j $(( c < 2 ? c : 2 )) -T "$pgsec" \
             -f "$(mix_script "$v" "$work")" -D agents="$agents" -D models=12 -D tasks="$tasks" -D derived="$derived" \
             >"$out" 2>&1; then
          tps=$(awk '/^tps = / { print $3; exit }' "$out")
          sql="SELECT bench.record('mix', 'tps', '${v}_c$c', $r, $tps, 'workflows/s');"
          sql+=$(awk -v v="${v}_c$c" -v r="$r" -v labels="$(IFS='|'; echo "${labels[*]}")" '
            BEGIN { split(labels, L, "|") }
            /statement latencies/ { on = 1; next }
            on && ($3 == "INSERT" || $3 == "UPDATE") { n++; printf "SELECT bench.record(%cmix_stmt%c, %c%s%c, %c%s%c, %d, %s, %cms%c);", 39, 39, 39, L[n], 39, 39, v, 39, r, $1, 39, 39 }
          ' "$out")
          $P -c "$sql" >/dev/null
          echo "    $v clients $c rep $r: $tps workflows/s"
        else
          echo "    $v clients $c rep $r: pgbench FAILED (see below); run not counted"
          tail -n 5 "$out" | sed 's/^/      /'
          $P -c "SELECT bench.note('pgbench_failures', coalesce((SELECT value FROM bench.notes WHERE key = 'pgbench_failures') || ', ', '') || '${v}_c${c}_r$r')" >/dev/null
        fi
      done
    done
  done

  local users
  users=$(awk -v s="$scale" 'BEGIN { n = int(10000 * s); if (n < 1000) n = 1000; print n }')
  log "sign-in and conversations: $users users; pgbench at 1 and 2 clients, $reps x ${pgsec}s per variant"
  $P -f reference/talk.sql
  $P -v users="$users" -f sql/talk_setup.sql >/dev/null
  $P -c "SELECT bench.note('talk_users', '$users')" >/dev/null
  local w script
  for w in verify_key message_append; do
    sed "s/\\bagentic\\./reference./g" "$BENCH_DIR/pgbench/$w.sql" >"$work/${w}_reference.sql"
    for c in 1 2; do
      for r in $(seq 1 "$reps"); do
        if [ $((r % 2)) -eq 1 ]; then order="native reference"; else order="reference native"; fi
        for v in $order; do
          local out="$work/pgbench_${w}_${v}_c${c}_r${r}.log" tps
          if [ "$v" = native ]; then script="$BENCH_DIR/pgbench/$w.sql"; else script="$work/${w}_reference.sql"; fi
          $P -c "CHECKPOINT"
          if "$PGBIN/pgbench" -n -M prepared -c "$c" -j "$c" -T "$pgsec" -f "$script" \
               -D keys="$users" -D conversations="$users" >"$out" 2>&1; then
            tps=$(awk '/^tps = / { print $3; exit }' "$out")
            $P -c "SELECT bench.record('talk', 'tps', '${w}_${v}_c$c', $r, $tps, 'transactions/s')" >/dev/null
            echo "    $w $v clients $c rep $r: $tps transactions/s"
          else
            echo "    $w $v clients $c rep $r: pgbench FAILED (see below); run not counted"
            tail -n 5 "$out" | sed 's/^/      /'
          fi
        done
      done
    done
  done

  if [ "${BENCH_CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null; then
    log "instruction counts (callgrind) of the bulk-load hot path"
    callgrind_stage "$work" 1 || log "callgrind stage failed; continuing without it"
  fi

  log "writing bench/RESULTS.md"
  local elapsed=$(( $(date +%s) - t_start + ${BENCH_OUTER_SECONDS:-0} ))
  $P -v command="bench/run.sh $scale" -v run_date="$BENCH_DATE" -v git_rev="$BENCH_GIT_REV" \
     -v duration="$((elapsed / 60)) min $((elapsed % 60)) s in total" \
     -v machine_cpu="$BENCH_CPU" -v machine_nproc="$BENCH_NPROC" -v machine_mem="$BENCH_MEM" \
     -v machine_kernel="$BENCH_KERNEL" -v settings="$BENCH_SETTINGS" -v reps="$reps" \
     -v pgbench_seconds="$pgsec" -v bulk_rows="$bulk_rows" \
     -f sql/report.sql >"$BENCH_DIR/RESULTS.md"
  # The reasons behind the targets that are not met, and what would close them.
  [ -f "$BENCH_DIR/ANALYSIS.md" ] && { echo; cat "$BENCH_DIR/ANALYSIS.md"; } >>"$BENCH_DIR/RESULTS.md"
  cat "$BENCH_DIR/RESULTS.md"
}

if [ "${1:-}" = "--inside" ]; then
  shift
  inside "$@"
  exit $?
fi

# ---------------------------------------------------------------------------------------
# Outside: build, install, start the throwaway cluster.
# ---------------------------------------------------------------------------------------
scale=${1:-$DEFAULT_SCALE}
if ! [[ $scale =~ ^[0-9]*\.?[0-9]+$ ]] || [ "$(awk -v s="$scale" 'BEGIN { print (s > 0) }')" != 1 ]; then
  echo "usage: bench/run.sh [scale]   (scale > 0, default $DEFAULT_SCALE)" >&2
  exit 2
fi
outer_start=$(date +%s)
cd "$ROOT"
. scripts/lib.sh
ensure_packages
command -v valgrind >/dev/null || log "valgrind not installed: the instruction counts are skipped"

build_and_install_extension
if ldd agentic_schema.so | grep -Eq 'lib(a|ub)san'; then
  # A sanitizer build left in the tree (scripts/sanitizer_tests.sh): make would keep it.
  log "the tree holds a sanitizer build of agentic_schema.so: rebuilding it plainly"
  rm -f src/core/*.o src/pg/*.o agentic_schema.so
  SANITIZE_FLAGS='' build_and_install_extension
fi

WORK=$(mktemp -d /tmp/agentic-bench.XXXXXX)
chmod 755 "$WORK"
cleanup() { if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
# The cluster loads this very build from a private copy, whatever else gets installed
# into the server's directories while the benchmark runs.
make -s install DESTDIR="$WORK/ext" >/dev/null
chmod -R a+rX "$WORK/ext"
so=$(find "$WORK/ext" -name agentic_schema.so | head -n 1)
if ldd "$so" | grep -Eq 'lib(a|ub)san'; then
  echo "agentic_schema.so is a sanitizer build; refusing to benchmark it" >&2
  exit 1
fi
mkdir -p "$WORK/files"
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK/files"

export BENCH_DATE BENCH_GIT_REV BENCH_CPU BENCH_NPROC BENCH_MEM BENCH_KERNEL BENCH_SETTINGS BENCH_BUILD_NOTE
BENCH_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
BENCH_GIT_REV="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src versions Makefile agentic_schema.control 2>/dev/null || echo ' + uncommitted changes')"
BENCH_CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
BENCH_NPROC=$(nproc)
BENCH_MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
BENCH_KERNEL=$(uname -r)
BENCH_BUILD_NOTE="plain build (no sanitizer), agentic_schema.so sha256 $(sha256sum "$so" | cut -c1-16), loaded from a private copy via extension_destdir"
shared_buffers=$(awk -v s="$scale" 'BEGIN { print (s >= 0.5) ? "2GB" : "512MB" }')
BENCH_SETTINGS="fsync=off (pg_virtualenv default), shared_buffers=$shared_buffers, max_wal_size=16GB, checkpoint_timeout=1h, jit=off, other settings default"

unset PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGCLUSTER PGSYSCONFDIR PGOPTIONS
export BENCH_OUTER_SECONDS=$(( $(date +%s) - outer_start ))
log "starting a throwaway cluster (pg_virtualenv -t)"
pg_virtualenv -t -v 15 -o shared_buffers="$shared_buffers" -o max_wal_size=16GB -o checkpoint_timeout=1h \
  -o jit=off -o extension_destdir="$WORK/ext" \
  "$BENCH_DIR/run.sh" --inside "$scale" "$WORK"
