#!/usr/bin/env bash
# Lifecycle proofs, run by scripts/test.sh inside pg_virtualenv:
#  * every released version, loaded with data and updated (directly and step by
#    step) to the newest, equals a fresh install of the newest, data intact;
#  * every downgrade script round-trips to an identical older install, data intact;
#  * pg_extension_update_paths() offers no unexpected shortcut;
#  * pg_dump of a populated database restores, the README way (session_replication_role=replica)
#    and the ordinary ways (pg_restore custom/directory, --single-transaction;
#    psql -f, psql --single-transaction) with identical data, audit trail, roll-up
#    and sequence positions, sequences that continue and rules live afterwards;
#    pg_restore --jobs=2 and a data-only pg_restore without --single-transaction are
#    refused for every table before a row is written, saying what to do, and what
#    they say to do then restores; a data-only dump restores into a new extension,
#    and a merge into one with rows fails as a whole;
#  * a dump of a populated 1.2 database, restored into the extension created at 1.2
#    and then updated, gets the upgrade's data corrections (an ordinary restore into
#    the newest version does not) and equals the source updated in place;
#  * after every install, update and restore into a version that has the rule
#    registry (agentic.check_rules() exists), check_rules() finds no problem.
# Versions are those up to the control file's default_version (scripts/versions.sh
# chain); scripts of later, pending versions are left out.
# Ends with the plain summary line "lifecycle: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "not ok - $*"; }
sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
fresh_db() { sql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }
# A fingerprint that cannot be taken is an error in its own right, and an empty
# file never counts as a match.
fingerprint() { # db, file [, column_order=on|off]
  if ! sql -d "$1" -v column_order="${3:-on}" -f test/lifecycle/catalog_fingerprint.sql >"$2"; then
    fail "catalog fingerprint of $1"; : >"$2"
  fi
}
same_file() { # label, expected, actual
  if [ ! -s "$2" ] || [ ! -s "$3" ]; then fail "$1 (nothing to compare)"; return; fi
  if diff -u "$2" "$3" >"$work/diff"; then pass "$1"; else fail "$1"; head -40 "$work/diff"; fi
}
data_intact() { # label, db
  local diffs
  if ! diffs=$(sql -d "$2" -At -c "SELECT * FROM public.lifecycle_diff()"); then
    fail "$1 (the comparison itself failed)"; return
  fi
  if [ -z "$diffs" ]; then pass "$1"; else fail "$1"; echo "$diffs" | head -20; fi
}
# Where the installed version has agentic.check_rules() (looked up in pg_proc, not
# inferred from the version), every table and column the rule registry names must
# match the catalog: the function returns no rows.
rules_hold() { # db, label
  local has problems
  if ! has=$(sql -d "$1" -At -c "SELECT count(*) FROM pg_catalog.pg_proc p
      JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'agentic' AND p.proname = 'check_rules' AND p.pronargs = 0"); then
    fail "$2: looking up agentic.check_rules()"; return
  fi
  [ "$has" = 0 ] && return
  if ! problems=$(sql -d "$1" -At -c "SELECT * FROM agentic.check_rules()"); then
    fail "$2: agentic.check_rules() runs"
  elif [ -z "$problems" ]; then pass "$2: agentic.check_rules() is empty"
  else fail "$2: agentic.check_rules() finds problems"; echo "$problems" | head -20; fi
}
load_data() { # db, version: the data set that version understands
  local data=test/lifecycle/data/"$2".sql
  [ -f "$data" ] || data=demo/sample_data.sql
  sql -d "$1" -f "$data" >/dev/null || fail "load $data into $1"
  sql -d "$1" -f test/lifecycle/data_snapshot.sql >/dev/null || fail "snapshot of $1"
}

# Three application roles for the grant checks (cluster-wide; dropped at the end).
sql -d postgres -c "SET client_min_messages = warning" \
  -c "DO \$\$ BEGIN
        PERFORM 1 FROM pg_roles WHERE rolname = 'lc_read';
        IF NOT FOUND THEN CREATE ROLE lc_read; CREATE ROLE lc_write; CREATE ROLE lc_admin; END IF;
      END \$\$" >/dev/null
# The grants made on an older version, after ALTER EXTENSION UPDATE, equal those a
# grant_access() on the new version gives: an update never leaves a role without
# the new client objects, nor with more than its level.
grants_survive() { # db, old version
  sql -d "$1" -c "SELECT agentic.grant_access('lc_read', 'read'), agentic.grant_access('lc_write', 'write'),
                         agentic.grant_access('lc_admin', 'admin')" >/dev/null
  sql -d "$1" -c "ALTER EXTENSION agentic_schema UPDATE" || { fail "update $2 with granted roles"; return; }
  sql -d "$1" -At -f test/lifecycle/role_privileges.sql >"$work/grants-updated.txt" || fail "privileges after the update"
  sql -d "$1" -c "SELECT agentic.grant_access('lc_read', 'read'), agentic.grant_access('lc_write', 'write'),
                         agentic.grant_access('lc_admin', 'admin')" >/dev/null
  sql -d "$1" -At -f test/lifecycle/role_privileges.sql >"$work/grants-regranted.txt" || fail "privileges after a new grant"
  same_file "roles granted on $2 hold after the update what a grant on $latest gives" \
    "$work/grants-regranted.txt" "$work/grants-updated.txt"
}

# A refused restore: pg_restore (going on past errors, so every table is tried) fails,
# the load of every table of the extension is refused with what to do, nothing else
# fails (no foreign-key violation) and no table holds a row.
refused_before_writing() { # label, db, stderr of pg_restore, its exit status
  local tables refused other rows
  if [ "$4" -eq 0 ]; then fail "$1: expected the refusal, pg_restore succeeded"; return; fi
  tables=$(sql -d "$2" -At -c "SELECT count(*) FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'agentic' AND c.relkind = 'r'")
  rows=$(sql -d "$2" -At -c "SELECT sum((xpath('/row/n/text()', query_to_xml(
                                 format('SELECT count(*) AS n FROM agentic.%I', c.relname), false, true, '')))[1]::text::bigint)
                               FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                              WHERE n.nspname = 'agentic' AND c.relkind = 'r'")
  refused=$(grep -c "COPY failed for table \"[a-z_]*\": ERROR:  pg_restore loads agentic_schema's rows only in the session that creates the extension or in one transaction" "$3")
  other=$(grep 'error:' "$3" | grep -v "pg_restore loads agentic_schema's rows only")
  if [ -n "$tables" ] && [ "$refused" = "$tables" ] && [ -z "$other" ] && [ "$rows" = 0 ] &&
     [ "$(grep -c 'HINT:  Restore without --jobs into a new database, or with --single-transaction' "$3")" = "$tables" ]; then
    pass "$1: all $tables tables refused before a row is written, saying what to do"
  else
    fail "$1: $refused of $tables tables refused, $rows rows written"; echo "$other" | head -5
  fi
}

latest=$(scripts/versions.sh default)
# Every version up to default_version, oldest first; later ones are pending.
mapfile -t versions < <(scripts/versions.sh chain)
pending=$(scripts/versions.sh pending | tr '\n' ' ')
echo "# versions under test: ${versions[*]} (newest $latest)${pending:+; pending, not tested: ${pending% }}"

fresh_db lc_fresh
sql -d lc_fresh -c "CREATE EXTENSION agentic_schema CASCADE" 2>/dev/null
fingerprint lc_fresh "$work/fresh-$latest.txt"
rules_hold lc_fresh "fresh install of $latest"

# Controls: the comparisons below must be able to fail. A disabled trigger and a
# changed row are each noticed.
sql -d lc_fresh -c "ALTER TABLE agentic.tasks DISABLE TRIGGER tasks_before_write"
fingerprint lc_fresh "$work/control.txt"
sql -d lc_fresh -c "ALTER TABLE agentic.tasks ENABLE TRIGGER tasks_before_write"
if [ -s "$work/control.txt" ] && ! diff -q "$work/fresh-$latest.txt" "$work/control.txt" >/dev/null; then
  pass "control: the catalog comparison notices a disabled trigger"
else fail "control: the catalog comparison missed a disabled trigger"; fi
sql -d lc_fresh -f demo/sample_data.sql >/dev/null
sql -d lc_fresh -f test/lifecycle/data_snapshot.sql >/dev/null
# A downgrade that would drop rows of its version's new tables refuses and changes
# nothing (the data set holds users and conversations from 1.5).
if [ "${#versions[@]}" -gt 1 ]; then
  previous=${versions[$((${#versions[@]} - 2))]}
  if sql -d lc_fresh -c "ALTER EXTENSION agentic_schema UPDATE TO '$previous'" 2>/dev/null; then
    fail "downgrade $latest -> $previous with $latest data refuses"
  else
    pass "downgrade $latest -> $previous with $latest data refuses"
  fi
  if [ "$(sql -d lc_fresh -At -c "SELECT extversion FROM pg_extension WHERE extname = 'agentic_schema'")" = "$latest" ] &&
     [ -z "$(sql -d lc_fresh -At -c "SELECT * FROM public.lifecycle_diff()")" ]; then
    pass "the refused downgrade changed nothing"
  else fail "the refused downgrade changed something"; fi
fi
sql -d lc_fresh -c "UPDATE agentic.tasks SET priority = 'low' WHERE id = 1"
if [ -n "$(sql -d lc_fresh -At -c "SELECT * FROM public.lifecycle_diff()")" ]; then
  pass "control: the data comparison notices a changed row"
else fail "control: the data comparison missed a changed row"; fi
# A check_rules() that reports a problem is noticed (a stand-in, in a database
# without the extension).
fresh_db lc_rules_control
sql -d lc_rules_control -c "CREATE SCHEMA agentic" -c "
  CREATE FUNCTION agentic.check_rules()
  RETURNS TABLE (rule_id text, table_name text, column_name text, problem text)
  LANGUAGE sql AS \$\$ SELECT 'control', 'agentic.tasks', 'no_such_column', 'column does not exist' \$\$"
control_out=$(rules_hold lc_rules_control control)
if grep -q '^not ok - control: agentic.check_rules() finds problems' <<<"$control_out"; then
  pass "control: a problem reported by agentic.check_rules() is noticed"
else fail "control: a problem reported by agentic.check_rules() went unnoticed"; fi

for ((i = 0; i < ${#versions[@]}; i++)); do
  v=${versions[$i]}
  [ "$v" = "$latest" ] && continue
  # fresh install of v, for the downgrade round trips
  fresh_db lc_fresh_v
  sql -d lc_fresh_v -c "CREATE EXTENSION agentic_schema VERSION '$v' CASCADE" 2>/dev/null
  fingerprint lc_fresh_v "$work/fresh-$v.txt" off
  rules_hold lc_fresh_v "fresh install of $v"

  # direct update
  fresh_db lc_direct
  sql -d lc_direct -c "CREATE EXTENSION agentic_schema VERSION '$v' CASCADE" 2>/dev/null
  load_data lc_direct "$v"
  if sql -d lc_direct -c "ALTER EXTENSION agentic_schema UPDATE"; then
    rules_hold lc_direct "update $v -> $latest directly"
    fingerprint lc_direct "$work/direct-$v.txt"
    same_file "update $v -> $latest directly equals a fresh $latest" "$work/fresh-$latest.txt" "$work/direct-$v.txt"
    data_intact "update $v -> $latest directly keeps the data" lc_direct
  else
    fail "ALTER EXTENSION UPDATE from $v"
  fi

  # roles given access on v hold, after the update, exactly what a grant on
  # $latest gives (new client functions included)
  fresh_db lc_grants
  sql -d lc_grants -c "CREATE EXTENSION agentic_schema VERSION '$v' CASCADE" 2>/dev/null
  if [ -n "$(sql -d lc_grants -At -c "SELECT 1 FROM pg_proc WHERE proname = 'grant_access'")" ]; then
    grants_survive lc_grants "$v"
  fi

  # step by step through every later version
  fresh_db lc_steps
  sql -d lc_steps -c "CREATE EXTENSION agentic_schema VERSION '$v' CASCADE" 2>/dev/null
  load_data lc_steps "$v"
  ok=1
  for ((j = i + 1; j < ${#versions[@]}; j++)); do
    if sql -d lc_steps -c "ALTER EXTENSION agentic_schema UPDATE TO '${versions[$j]}'"; then
      rules_hold lc_steps "update $v -> ${versions[$j]} step by step"
    else ok=0; fi
  done
  if [ "$ok" = 1 ]; then
    fingerprint lc_steps "$work/steps-$v.txt"
    same_file "update $v -> $latest step by step equals a fresh $latest" "$work/fresh-$latest.txt" "$work/steps-$v.txt"
    data_intact "update $v -> $latest step by step keeps the data" lc_steps
  else
    fail "step-by-step update from $v"
  fi

  # downgrade round trip: v -> next -> v equals a fresh v, data intact
  next=${versions[$((i + 1))]}
  fresh_db lc_down
  sql -d lc_down -c "CREATE EXTENSION agentic_schema VERSION '$v' CASCADE" 2>/dev/null
  load_data lc_down "$v"
  if [ -f "versions/agentic_schema--$next--$v.sql" ]; then
    if sql -d lc_down -c "ALTER EXTENSION agentic_schema UPDATE TO '$next'" &&
       rules_hold lc_down "update $v -> $next before the downgrade" &&
       sql -d lc_down -c "ALTER EXTENSION agentic_schema UPDATE TO '$v'"; then
      rules_hold lc_down "downgrade $next -> $v"
      # A downgrade that re-adds a column (1.3 -> 1.2: the search vectors) cannot put it
      # back in its old position; everything else, and every column, must be the same.
      fingerprint lc_down "$work/down-$v.txt" off
      same_file "downgrade $next -> $v round trip equals a fresh $v (column positions aside)" "$work/fresh-$v.txt" "$work/down-$v.txt"
      data_intact "downgrade $next -> $v round trip keeps the data" lc_down
    else
      fail "downgrade round trip $v -> $next -> $v"
    fi
  else
    fail "no downgrade script versions/agentic_schema--$next--$v.sql"
  fi
done

# Update paths: between any two versions PostgreSQL must offer exactly the chain of
# consecutive steps (up, or down through the downgrade scripts), never a shortcut.
bad_paths=$(sql -d lc_fresh -At -c "
  WITH v(version, n) AS (
    SELECT * FROM unnest(string_to_array('${versions[*]}', ' ')) WITH ORDINALITY),
  expected AS (
    SELECT a.version AS source, b.version AS target,
           (SELECT string_agg(x.version, '--' ORDER BY CASE WHEN a.n < b.n THEN x.n ELSE -x.n END)
              FROM v x WHERE x.n BETWEEN least(a.n, b.n) AND greatest(a.n, b.n)) AS path
      FROM v a, v b WHERE a.n <> b.n)
  SELECT p.source || ' -> ' || p.target || ': ' || coalesce(p.path, '(none)') ||
         ', expected ' || coalesce(e.path, '(none)')
    FROM pg_extension_update_paths('agentic_schema') p
    LEFT JOIN expected e USING (source, target)
   WHERE p.path IS DISTINCT FROM e.path
     AND p.source IN (SELECT version FROM v) AND p.target IN (SELECT version FROM v)")
if [ -z "$bad_paths" ]; then pass "update paths are the consecutive chains only"; else
  fail "unexpected update paths"; echo "$bad_paths"; fi

# The update to 1.3 sharpens "blank" in the JSON array CHECKs (Unicode white space).
# Rows an older module stored with such elements (simulated by swapping in the old
# rule for a moment) would break those CHECKs and every later restore: the update
# refuses, naming them, and changes nothing; fixed, it goes through.
if printf '%s\n' "${versions[@]}" | grep -qx 1.3; then
  fresh_db lc_blank
  sql -d lc_blank -c "CREATE EXTENSION agentic_schema VERSION '1.2' CASCADE" >/dev/null
  if sql -d lc_blank -At >/dev/null <<'SQL'
SELECT pg_get_functiondef('agentic.jsonb_array_of(jsonb, text)'::regprocedure) AS native \gset
CREATE OR REPLACE FUNCTION agentic.jsonb_array_of(doc jsonb, element_type text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT jsonb_typeof(doc) = 'array' $$;
INSERT INTO agentic.tasks (title, required_skills) VALUES ('ideographic blank', jsonb_build_array('sql', U&'\3000'));
INSERT INTO agentic.resumes (candidate_name, skills) VALUES ('nbsp', jsonb_build_array(U&'\00A0'));
:native;
SQL
  then
    before=$(sql -d lc_blank -At -c "SELECT count(*) FROM agentic.audit_logs")
    if sql -d lc_blank -c "ALTER EXTENSION agentic_schema UPDATE TO '1.3'" >/dev/null 2>"$work/blank.err"; then
      fail "update to 1.3 with blank skills stored: expected a refusal"
    elif grep -q 'stored rows hold blank JSON array elements' "$work/blank.err" &&
         grep -q 'agentic.tasks (constraint tasks_required_skills_shape): id 1' "$work/blank.err" &&
         grep -q 'agentic.resumes (constraint resumes_skills_shape): id 1' "$work/blank.err" &&
         [ "$(sql -d lc_blank -At -c "SELECT extversion FROM pg_extension WHERE extname = 'agentic_schema'")" = 1.2 ] &&
         [ "$(sql -d lc_blank -At -c "SELECT count(*) FROM agentic.audit_logs")" = "$before" ]; then
      pass "update to 1.3 with blank skills stored: refused, naming the rows, nothing changed"
    else fail "update to 1.3 with blank skills stored: refused otherwise"; cat "$work/blank.err"; fi
    sql -d lc_blank -c "UPDATE agentic.tasks SET required_skills = '[\"sql\"]'" \
      -c "UPDATE agentic.resumes SET skills = '[]'" >/dev/null
    if sql -d lc_blank -c "ALTER EXTENSION agentic_schema UPDATE TO '1.3'" >/dev/null; then
      pass "update to 1.3 after the blank skills were fixed"
    else fail "update to 1.3 after the blank skills were fixed"; fi
  else fail "could not store blank skills under the old rule"; fi
  sql -d postgres -c "DROP DATABASE lc_blank" >/dev/null
fi

# The transaction that installs the extension, or updates it to a version that audits
# TRUNCATE, can use the audit of TRUNCATE at once (the label is not one added by ALTER
# TYPE ... ADD VALUE, unusable before commit).
fresh_db lc_same_tx
if sql -d lc_same_tx -c "BEGIN" -c "CREATE EXTENSION agentic_schema CASCADE" \
     -c "TRUNCATE agentic.task_dependencies" -c "COMMIT" >/dev/null &&
   [ "$(sql -d lc_same_tx -At -c "SELECT count(*) FROM agentic.audit_logs WHERE operation = 'TRUNCATE'")" = 1 ]; then
  pass "a TRUNCATE in the transaction that installs the extension is audited"
else fail "a TRUNCATE in the transaction that installs the extension"; fi
if printf '%s\n' "${versions[@]}" | grep -qx 1.3; then
  fresh_db lc_same_tx
  sql -d lc_same_tx -c "CREATE EXTENSION agentic_schema VERSION '1.2' CASCADE" >/dev/null
  if sql -d lc_same_tx -c "BEGIN" -c "ALTER EXTENSION agentic_schema UPDATE TO '1.3'" \
       -c "TRUNCATE agentic.task_dependencies" -c "COMMIT" >/dev/null; then
    pass "a TRUNCATE in the transaction that updates to 1.3 is audited"
  else fail "a TRUNCATE in the transaction that updates to 1.3"; fi
fi
sql -d postgres -c "DROP DATABASE lc_same_tx" >/dev/null

# Dump and restore of a populated database.
fresh_db lc_source
sql -d lc_source -c "CREATE EXTENSION agentic_schema CASCADE" 2>/dev/null
rules_hold lc_source "fresh install of $latest for the dump"
sql -d lc_source -f demo/sample_data.sql >/dev/null
sql -d lc_source -f test/lifecycle/more_activity.sql >/dev/null
sql -d lc_source -f test/lifecycle/data_fingerprint.sql >"$work/source-data.txt" ||
  fail "data fingerprint of the source"
pg_dump -Fc -d lc_source -f "$work/source.dump" 2>/dev/null
pg_dump -Fd -d lc_source -f "$work/source.dir" 2>/dev/null
pg_dump -Fp -d lc_source -f "$work/source.sql" 2>/dev/null
# The source must hold what a careless restore loses: audit rows, derived costs
# priced at an archived price (model_price_history read by the ledger's rule) and
# a cost rollup.
if [ "$(sql -d lc_source -At -c "SELECT (SELECT count(*) FROM agentic.audit_logs) > 0
      AND (SELECT count(*) FROM agentic.daily_cost_rollup) > 0
      AND EXISTS (SELECT 1 FROM agentic.execution_costs c JOIN agentic.model_catalog m ON m.id = c.model_id
                   WHERE c.cost_source = 'derived' AND c.price_effective_from < m.price_effective_from)")" = t ]; then
  pass "the dumped database holds audit rows, a cost rollup and costs at an archived price"
else fail "the dumped database lacks audit rows, a cost rollup or costs at an archived price"; fi
# replica-*: the README's way (session_replication_role=replica: the extension's
# triggers do not fire). The others are the ordinary ways a DBA restores a dump,
# with nothing set: the extension recognises a restoring session (pg_dump's
# settings, as a superuser) and its triggers stand aside the same way. pg_restore
# --jobs, and a data-only pg_restore without --single-transaction, are refused before
# a row is written; then the database is restored as the refusal says.
for how in replica-pg_restore replica-psql pg_restore pg_restore-single-transaction \
           pg_restore-jobs2 pg_restore-directory-jobs2 pg_restore-data-only psql psql-single-transaction; do
  fresh_db lc_restored
  case $how in
    replica-pg_restore)
      PGOPTIONS='-c session_replication_role=replica' pg_restore --exit-on-error -d lc_restored "$work/source.dump" ;;
    replica-psql)
      PGOPTIONS='-c session_replication_role=replica' psql -X -q -v ON_ERROR_STOP=1 -d lc_restored -f "$work/source.sql" >/dev/null ;;
    pg_restore) pg_restore --exit-on-error -d lc_restored "$work/source.dump" ;;
    pg_restore-single-transaction)
      pg_restore --exit-on-error --single-transaction -d lc_restored "$work/source.dump" ;;
    # The sessions of pg_restore --jobs load the tables in any order (pg_dump records
    # the extension tables' foreign-key order only as the order of the archive), while
    # the foreign keys hold: every one is refused, whichever tables it gets, before it
    # writes a row. Then what the refusal says: into the extension now in place with
    # empty tables, a data-only restore in one transaction (custom format); into a new
    # database, the README way with --jobs (directory format).
    pg_restore-jobs2 | pg_restore-directory-jobs2)
      if [ "$how" = pg_restore-jobs2 ]; then archive=$work/source.dump; else archive=$work/source.dir; fi
      pg_restore --jobs=2 -d lc_restored "$archive" 2>"$work/jobs.err"
      refused_before_writing "restore with $how" lc_restored "$work/jobs.err" $?
      if [ "$how" = pg_restore-jobs2 ]; then
        pg_restore --exit-on-error --data-only --single-transaction -d lc_restored "$archive"
      else
        fresh_db lc_restored
        PGOPTIONS='-c session_replication_role=replica' pg_restore --exit-on-error --jobs=2 -d lc_restored "$archive"
      fi ;;
    # A data-only pg_restore into the extension just created: statement by statement it
    # cannot be told from a --jobs session and is refused the same way; in one
    # transaction it restores.
    pg_restore-data-only)
      sql -d lc_restored -c "CREATE EXTENSION agentic_schema CASCADE" 2>/dev/null
      pg_restore --data-only -d lc_restored "$work/source.dump" 2>"$work/jobs.err"
      refused_before_writing "restore with $how without --single-transaction" lc_restored "$work/jobs.err" $?
      pg_restore --exit-on-error --data-only --single-transaction -d lc_restored "$work/source.dump" ;;
    psql) psql -X -q -v ON_ERROR_STOP=1 -d lc_restored -f "$work/source.sql" >/dev/null ;;
    psql-single-transaction)
      psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d lc_restored -f "$work/source.sql" >/dev/null ;;
  esac
  rc=$?
  if [ $rc -eq 0 ]; then pass "restore with $how succeeds"; else fail "restore with $how (exit $rc)"; fi
  rules_hold lc_restored "restore with $how"
  sql -d lc_restored -f test/lifecycle/data_fingerprint.sql >"$work/restored-data.txt" ||
    fail "data fingerprint after restore with $how"
  same_file "restore with $how: identical data and sequence positions" "$work/source-data.txt" "$work/restored-data.txt"
  fingerprint lc_source "$work/source-catalog.txt"
  fingerprint lc_restored "$work/restored-catalog.txt"
  same_file "restore with $how: identical extension objects" "$work/source-catalog.txt" "$work/restored-catalog.txt"
  # After the restore the rules are live again and sequences continue.
  if sql -d lc_restored -At -f test/lifecycle/after_restore.sql >"$work/after.txt" 2>/dev/null &&
     diff -u test/lifecycle/after_restore.expected "$work/after.txt"; then
    pass "restore with $how: sequences continue and the rules hold"
  else
    fail "restore with $how: after-restore checks"; cat "$work/after.txt"
  fi
done

# A data-only dump, restored the ordinary way into a database where the extension
# was just created: supported (README), identical data. Into a database that holds
# rows it is a merge, not supported: with --single-transaction it fails as a whole
# and leaves the rows there as they were.
pg_dump -Fp --data-only -d lc_source -f "$work/source-data-only.sql" 2>/dev/null
fresh_db lc_restored
sql -d lc_restored -c "CREATE EXTENSION agentic_schema CASCADE" 2>/dev/null
if psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d lc_restored -f "$work/source-data-only.sql" >/dev/null; then
  pass "data-only restore into a new extension succeeds"
else fail "data-only restore into a new extension"; fi
sql -d lc_restored -f test/lifecycle/data_fingerprint.sql >"$work/restored-data.txt" ||
  fail "data fingerprint after the data-only restore"
same_file "data-only restore into a new extension: identical data and sequence positions" \
  "$work/source-data.txt" "$work/restored-data.txt"
if psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d lc_restored -f "$work/source-data-only.sql" \
     >/dev/null 2>"$work/merge.err"; then
  fail "data-only restore into a database with rows was expected to fail"
elif grep -q 'duplicate key value' "$work/merge.err"; then
  pass "data-only restore into a database with rows fails on the colliding ids"
else fail "data-only restore into a database with rows failed otherwise"; head -5 "$work/merge.err"; fi
sql -d lc_restored -f test/lifecycle/data_fingerprint.sql >"$work/merged-data.txt" ||
  fail "data fingerprint after the failed merge"
same_file "a failed data-only merge (--single-transaction) changes nothing" \
  "$work/restored-data.txt" "$work/merged-data.txt"

# A dump taken at an older version, restored into a newer one. Its CREATE EXTENSION
# names no version: an ordinary restore creates the newest and loads the rows as they
# were, without the data corrections of the upgrade scripts (1.2 -> 1.3 clears the
# completed_at that re-opened tasks kept). The README procedure: create the extension at
# the dumped version, restore the rows, then ALTER EXTENSION UPDATE.
stale_open_tasks() { # db: open tasks that still carry a completed_at
  sql -d "$1" -At -c "SELECT count(*) FROM agentic.tasks
                       WHERE completed_at IS NOT NULL AND status NOT IN ('completed', 'failed', 'cancelled')"
}
# The data fingerprint without what differs between two runs of the same update:
# tasks.updated_at (and task_status_summary.last_updated_at), and of the audit rows
# occurred_at, transaction_id and the updated_at inside them. Two databases corrected by
# the same upgrade at different times compare equal.
corrected_fingerprint() { # db, file
  if ! { sql -d "$1" -f test/lifecycle/data_fingerprint.sql |
           grep -v -E '^(table tasks|table audit_logs|view task_status_summary) ' &&
         sql -d "$1" -At \
           -c "SELECT 'table tasks (updated_at aside) ' || md5(string_agg((to_jsonb(t) - 'updated_at')::text, E'\n' ORDER BY id))
                 FROM agentic.tasks t" \
           -c "SELECT 'table audit_logs (times aside) ' || md5(string_agg((to_jsonb(a) - 'occurred_at' - 'transaction_id' ||
                        jsonb_build_object('old_data', a.old_data - 'updated_at', 'new_data', a.new_data - 'updated_at'))::text,
                        E'\n' ORDER BY id))
                 FROM agentic.audit_logs a" \
           -c "SELECT 'view task_status_summary (last_updated_at aside) ' ||
                      md5(string_agg((to_jsonb(v) - 'last_updated_at')::text, E'\n' ORDER BY status))
                 FROM agentic.task_status_summary v"; } >"$2"; then
    fail "corrected data fingerprint of $1"; : >"$2"
  fi
}
old_version=1.2
if [[ " ${versions[*]} " == *" $old_version "* ]] && [ "$latest" != "$old_version" ]; then
  fresh_db lc_old
  sql -d lc_old -c "CREATE EXTENSION agentic_schema VERSION '$old_version' CASCADE" 2>/dev/null
  sql -d lc_old -f demo/sample_data.sql >/dev/null
  sql -d lc_old -f test/lifecycle/reopened_task.sql >/dev/null
  if [ "$(stale_open_tasks lc_old)" -gt 0 ] 2>/dev/null; then
    pass "the $old_version database holds a re-opened task with a completed_at (what the upgrade corrects)"
  else fail "the $old_version database lacks a re-opened task with a completed_at"; fi
  sql -d lc_old -f test/lifecycle/data_fingerprint.sql >"$work/old-data.txt" || fail "data fingerprint of the $old_version source"
  pg_dump -Fc -d lc_old -f "$work/old.dump" 2>/dev/null
  pg_dump -Fp -d lc_old -f "$work/old.sql" 2>/dev/null
  # The ordinary restore into $latest keeps the stale value: the procedure is needed.
  fresh_db lc_restored
  pg_restore --exit-on-error -d lc_restored "$work/old.dump"
  if [ "$(stale_open_tasks lc_restored)" -gt 0 ] 2>/dev/null; then
    pass "control: a $old_version dump restored straight into $latest keeps what the upgrade corrects"
  else fail "control: a $old_version dump restored straight into $latest was corrected"; fi
  # The reference: the source updated in place.
  sql -d lc_old -c "ALTER EXTENSION agentic_schema UPDATE" || fail "update of the $old_version source"
  corrected_fingerprint lc_old "$work/old-updated.txt"
  # The procedure, with a custom archive (pg_restore --data-only) and with the plain
  # script (without its CREATE SCHEMA agentic: the extension created the schema).
  for how in pg_restore psql; do
    fresh_db lc_restored
    sql -d lc_restored -c "CREATE EXTENSION agentic_schema VERSION '$old_version' CASCADE" 2>/dev/null
    case $how in
      pg_restore) pg_restore --exit-on-error --data-only --single-transaction -d lc_restored "$work/old.dump" ;;
      psql) sed '/^CREATE SCHEMA agentic;$/d' "$work/old.sql" |
              psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d lc_restored >/dev/null ;;
    esac
    rc=$?
    if [ $rc -eq 0 ]; then pass "$old_version dump restored with $how into $old_version"
    else fail "$old_version dump restored with $how into $old_version (exit $rc)"; fi
    sql -d lc_restored -f test/lifecycle/data_fingerprint.sql >"$work/restored-data.txt" ||
      fail "data fingerprint after the $old_version restore with $how"
    same_file "$old_version dump restored with $how into $old_version: identical data and sequence positions" \
      "$work/old-data.txt" "$work/restored-data.txt"
    if sql -d lc_restored -c "ALTER EXTENSION agentic_schema UPDATE"; then
      rules_hold lc_restored "$old_version dump restored with $how, updated to $latest"
      if [ "$(stale_open_tasks lc_restored)" = 0 ]; then
        pass "$old_version dump restored with $how, updated to $latest: the upgrade corrected the re-opened task"
      else fail "$old_version dump restored with $how, updated to $latest: a re-opened task keeps its completed_at"; fi
      corrected_fingerprint lc_restored "$work/restored-updated.txt"
      same_file "$old_version dump restored with $how, updated to $latest: equals the source updated in place" \
        "$work/old-updated.txt" "$work/restored-updated.txt"
    else
      fail "ALTER EXTENSION UPDATE after the $old_version restore with $how"
    fi
  done
fi

sql -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS lc_grants" \
  -c "DROP ROLE IF EXISTS lc_read" -c "DROP ROLE IF EXISTS lc_write" -c "DROP ROLE IF EXISTS lc_admin" >/dev/null

echo "lifecycle: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
