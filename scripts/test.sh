#!/usr/bin/env bash
# Runs every test layer: GoogleTest unit tests of the C++ core (ctest), the checks
# of the version scripts and their SQL sources (scripts/check_versions.sh), then in a
# throwaway PostgreSQL 15 cluster the pg_regress suite (sql/ -> expected/), the
# isolation specs (test/isolation/), the pgTAP suite (test/pgtap/, pg_prove) and
# the lifecycle proofs (upgrades, downgrades, dump and restore), a short sqlsmith
# fuzzing run, and pg_regress + pgTAP once more against a server under valgrind.
# Every layer runs even if an earlier one failed; the runners' own summary lines
# are repeated at the end, and the exit status is non-zero if any layer failed.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_packages || exit 1
logs=build/test-logs
mkdir -p "$logs"
failed=0

echo "== unit tests (GoogleTest via ctest)"
{ cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
  cmake --build build -j"$(nproc)" >/dev/null &&
  (cd build && ctest --output-on-failure); } 2>&1 | tee "$logs/ctest.log" || failed=1

echo "== version scripts and SQL sources (scripts/check_versions.sh)"
scripts/check_versions.sh 2>&1 | tee "$logs/versions.log" || failed=1

build_and_install_extension || exit 1

echo "== SQL tests in a throwaway cluster"
pg_virtualenv -v 15 scripts/sql_tests.sh "$logs" || failed=1

echo "== memcheck: pg_regress and pgTAP against a server under valgrind (scripts/memcheck_tests.sh)"
scripts/memcheck_tests.sh --quick 2>&1 | tee "$logs/memcheck.log" || failed=1

echo
echo "== summary"
grep -h -E '^[0-9]+% tests passed|tests? failed out of' "$logs/ctest.log" || echo "ctest: no summary (build failed)"
grep -h -E 'tests (passed|failed)|All [0-9]+ tests passed|of [0-9]+ tests failed' \
  "$logs/regress.log" "$logs/isolation.log" 2>/dev/null || echo "pg_regress: no summary"
grep -h -E '^All tests successful|^Files=|^Result:|^Failed [0-9]+/' "$logs/pgtap.log" 2>/dev/null ||
  echo "pg_prove: no summary"
grep -h -E '^versions: [0-9]+ passed' "$logs/versions.log" 2>/dev/null || echo "versions: no summary"
grep -h -E '^lifecycle: [0-9]+ passed' "$logs/lifecycle.log" 2>/dev/null || echo "lifecycle: no summary"
grep -h -E '^fuzz: [0-9]+ passed' "$logs/fuzz.log" 2>/dev/null || echo "fuzz: no summary"
grep -h -E '^memcheck: [0-9]+ passed' "$logs/memcheck.log" 2>/dev/null || echo "memcheck: no summary"
if [ "$failed" -ne 0 ]; then
  echo "SOME TESTS FAILED"
  exit 1
fi
echo "ALL TEST LAYERS PASSED"
