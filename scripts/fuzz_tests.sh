#!/usr/bin/env bash
# Random-query fuzzing with sqlsmith against a database holding the extension and
# the sample data, run by scripts/test.sh inside pg_virtualenv (or by hand:
# `scripts/fuzz_tests.sh 20000` inside `pg_virtualenv -v 15`). Bounded by a query
# count and a time limit. A backend crash makes the server reset every backend
# and run crash recovery, which empties unlogged tables: a marker row in one
# detects any crash, whatever sqlsmith itself reports.
# Ends with the plain summary line "fuzz: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
queries=${1:-2000}
seconds=${2:-300}
db=agentic_fuzz

psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "SET client_min_messages = warning" \
  -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
{ psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION agentic_schema CASCADE" 2>/dev/null &&
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f demo/sample_data.sql &&
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
    -c "CREATE UNLOGGED TABLE public.fuzz_crash_marker (alive boolean)" \
    -c "INSERT INTO public.fuzz_crash_marker VALUES (true)"; } ||
  { echo "not ok - could not prepare the fuzzing database"; echo "fuzz: 0 passed, 1 failed"; exit 1; }

log=$(mktemp)
start=$(date +%s)
timeout "$seconds" sqlsmith --target="dbname=$db" --seed=42 --max-queries="$queries" \
  --exclude-catalog --verbose >"$log" 2>&1
rc=$?
elapsed=$(( $(date +%s) - start ))
# Give a crashed server time to finish crash recovery before asking it.
for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
marker=$(psql -X -At -d "$db" -c "SELECT count(*) FROM public.fuzz_crash_marker" 2>/dev/null || echo 0)
generated=$(grep -oE 'queries: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
echo "sqlsmith: exit $rc after ${elapsed}s, last progress report: ${generated:-none}"
tail -5 "$log"
rm -f "$log"

passed=0
failed=0
if [ "$marker" = 1 ]; then passed=$((passed + 1)); echo "ok - no backend crashed during $queries random queries";
else failed=$((failed + 1)); echo "not ok - a backend crashed (crash recovery emptied the marker table)"; fi
if [ "$rc" -eq 0 ] || [ "$rc" -eq 124 ]; then passed=$((passed + 1)); echo "ok - sqlsmith ran to its bound";
else failed=$((failed + 1)); echo "not ok - sqlsmith failed (exit $rc)"; fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
