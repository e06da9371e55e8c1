#!/usr/bin/env bash
# The SQL test layers, run by scripts/test.sh inside pg_virtualenv (PGHOST,
# PGPORT, PGUSER and PGPASSWORD point at the throwaway cluster).
set -uo pipefail
logs=${1:?log directory}
failed=0

echo "-- pg_regress (sql/ -> expected/)"
make -s installcheck ISOLATION= 2>&1 | tee "$logs/regress.log" || failed=1
[ -f regression.diffs ] && cat regression.diffs

echo "-- isolation specs (test/isolation/specs)"
make -s installcheck REGRESS= 2>&1 | tee "$logs/isolation.log" || failed=1
[ -f output_iso/regression.diffs ] && cat output_iso/regression.diffs

echo "-- pgTAP (test/pgtap/<domain>/*.sql, pg_prove -r)"
psql -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS agentic_pgtap" -c "CREATE DATABASE agentic_pgtap" &&
  psql -X -q -v ON_ERROR_STOP=1 -d agentic_pgtap \
    -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION agentic_schema CASCADE" 2>/dev/null &&
  pg_prove -r --ext .sql -d agentic_pgtap test/pgtap 2>&1 | tee "$logs/pgtap.log" || failed=1

echo "-- lifecycle (upgrades, downgrades, update paths, dump and restore)"
scripts/lifecycle_tests.sh 2>&1 | tee "$logs/lifecycle.log" || failed=1

echo "-- random-query fuzzing (sqlsmith; short run, see scripts/fuzz_tests.sh)"
scripts/fuzz_tests.sh "${AGENTIC_FUZZ_QUERIES:-10000}" 300 2>&1 | tee "$logs/fuzz.log" || failed=1

exit "$failed"
