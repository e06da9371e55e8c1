#!/usr/bin/env bash
# Source rules no compiler checks (run by ctest):
#  * Only src/pg/runtime/spi.cpp plans or runs SQL through SPI: it pins search_path
#    around every query, which is what keeps the module's hot functions safe without
#    a SET search_path clause (src/pg/runtime/spi.hpp).
# A control spoils a copy of the tree and must be reported.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# Prints every SPI call that plans or runs SQL outside the one file allowed to.
spi_outside_helpers() {
  grep -rnE '\bSPI_(prepare|prepare_cursor|prepare_params|execute|execute_plan|execute_snapshot|execute_with_args|execute_plan_with_paramlist|execp|cursor_open|cursor_open_with_args|cursor_parse_open)\b' \
    "$1/src/pg" --include='*.cpp' --include='*.hpp' | grep -v "^$1/src/pg/runtime/spi.cpp:"
}

failed=0 passed=0
if found=$(spi_outside_helpers "$root"); then
  echo "FAIL: SPI plans or runs SQL outside src/pg/runtime/spi.cpp (no pinned search_path):"
  echo "$found"
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi

control=$(mktemp -d)
trap 'rm -rf "$control"' EXIT
mkdir -p "$control/src/pg/runtime" "$control/src/pg/tasks"
cp "$root/src/pg/runtime/spi.cpp" "$control/src/pg/runtime/"
printf 'void f() { SPI_execute("SELECT 1", false, 0); }\n' >"$control/src/pg/tasks/spoiled.cpp"
if spi_outside_helpers "$control" >/dev/null; then
  passed=$((passed + 1))
else
  echo "FAIL: control: a query run through SPI outside spi.cpp went unnoticed"
  failed=$((failed + 1))
fi

echo "sources: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
