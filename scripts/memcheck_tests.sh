#!/usr/bin/env bash
# Runs the pg_regress, isolation and pgTAP suites against a private PostgreSQL
# server running under valgrind memcheck (every backend is followed), and fails on
# any memcheck error whose stack passes through the extension's code (its module,
# its agentic_* entry points or its agentic:: C++ frames). `--quick` (what
# scripts/test.sh runs) limits it to pg_regress and the pgTAP suite. Errors
# inside PostgreSQL alone (e.g. uninitialised padding written to WAL, known and
# harmless) are not the extension's and are only counted. Needs root, to start the
# server as the postgres user, and valgrind. Ends with the plain summary line
# "memcheck: N passed, N failed".
#
# AddressSanitizer was tried first: Debian's uninstrumented server deadlocks in
# glibc's bindtextdomain() when libasan is preloaded, before it reaches main().
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
quick=0
[ "${1:-}" = --quick ] && quick=1
work=$(mktemp -d /tmp/memcheck.XXXXXX)  # no "agentic" in the path: stacks are matched on it
chmod 755 "$work"
chown postgres "$work"
port=5488
bindir=$(pg_config --bindir)
passed=0
failed=0
check() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }
cleanup() {
  su postgres -c "$bindir/pg_ctl -D '$work/data' -m fast -t 120 stop" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

su postgres -c "$bindir/initdb -A trust -D '$work/data'" >/dev/null || exit 1
echo "== server under valgrind memcheck"
su postgres -c "valgrind --tool=memcheck --trace-children=yes --error-limit=no --num-callers=30 \
  --track-origins=no --read-var-info=no --log-file='$work/memcheck.%p' \
  $bindir/postgres -D '$work/data' -p $port -k '$work' -c listen_addresses= \
  -c max_parallel_workers_per_gather=0 >'$work/server.log' 2>&1 &"
for _ in $(seq 1 120); do pg_isready -q -h "$work" -p "$port" && break; sleep 1; done
pg_isready -q -h "$work" -p "$port" || { echo "server did not start"; cat "$work/server.log"; exit 1; }
export PGHOST=$work PGPORT=$port PGUSER=postgres

if [ "$quick" = 1 ]; then check make -s installcheck ISOLATION=; else check make -s installcheck; fi
psql -X -q -d postgres -c "CREATE DATABASE agentic_pgtap" &&
  psql -X -q -d agentic_pgtap -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION agentic_schema CASCADE" 2>/dev/null
check pg_prove -r --ext .sql -d agentic_pgtap test/pgtap
su postgres -c "$bindir/pg_ctl -D '$work/data' -m fast -t 300 stop" >/dev/null 2>&1

# One memcheck error per block: a line naming an error kind, then its stack, up
# to a blank "==PID==" line. Ours when a frame is in the module (its agentic_*
# entry points, agentic:: C++ code or agentic_schema.so itself).
summary=$(awk '
  /^==[0-9]+== (Invalid (read|write|free)|Conditional jump|Use of uninitialised value|Syscall param|Mismatched free|Source and destination overlap|Argument .* of function)/ {
    in_block = 1; block = $0 "\n"; next }
  in_block && /^==[0-9]+== *$/ { in_block = 0; total++;
    if (block ~ /agentic::|agentic_schema[.]so|: agentic_[a-z_]+ [(]/) { ours++; if (ours <= 5) printf "%s\n", block }
    next }
  in_block { block = block $0 "\n" }
  END { printf "memcheck errors: %d in all, %d in the extension\n", total, ours }
' "$work"/memcheck.* 2>/dev/null)
echo "$summary"
if echo "$summary" | grep -q ', 0 in the extension'; then passed=$((passed + 1));
  echo "ok - no memcheck error in the extension"
else failed=$((failed + 1)); echo "not ok - memcheck errors in the extension"; fi
if grep -q 'terminated by signal' "$work/server.log"; then failed=$((failed + 1));
  echo "not ok - a backend died"; grep -B2 'terminated by signal' "$work/server.log"
else passed=$((passed + 1)); echo "ok - no backend died"; fi
echo "memcheck: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
