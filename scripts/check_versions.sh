#!/usr/bin/env bash
# Checks the version scripts and their SQL sources; needs no server. Run by
# scripts/test.sh before the SQL layers.
#  * every manifest versions/src/*.sql.in re-assembles (scripts/assemble_sql.pl) to
#    its committed versions/*.sql byte for byte, and no versions/*.sql lacks one;
#  * the released scripts match versions/released.sha256;
#  * every upgrade A--B has its downgrade B--A, the upgrades form one chain of
#    consecutive versions through default_version, and only the first version has
#    an install script (the later full install scripts are built);
#  * every script carries its own `\echo Use ... \quit` line, once;
#  * schema/ holds only <domain>/<table>.sql files (sections in version order) and
#    <domain>/<name>.view|.function/<version>.sql snapshots named by existing
#    versions; each snapshot and section is brought in by the manifest that reaches
#    its version, a manifest includes no definition newer than its target, and
#    every file and section under schema/ is included somewhere;
#  * controls: a tampered copy of the tree is noticed by these checks.
# Ends with the plain summary line "versions: N passed, N failed".
#
#   scripts/check_versions.sh                the checks and their controls
#   scripts/check_versions.sh --no-controls  the checks only (used by the controls)
set -uo pipefail
cd "$(dirname "$0")/.."
controls=1
[ "${1:-}" = --no-controls ] && controls=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "not ok - $*"; }
# check LABEL PROBLEMS: passes when PROBLEMS is empty, else fails and lists them.
check() {
  if [ -z "$2" ]; then pass "$1"; else fail "$1"; printf '%s\n' "$2" | sed 's/^/#   /' | head -20; fi
}
# version_le A B: A <= B for dotted numeric versions (no fork: it runs in loops).
version_le() {
  local IFS=. i
  local -a a=($1) b=($2)
  for ((i = 0; i < ${#a[@]} || i < ${#b[@]}; i++)); do
    ((10#${a[i]:-0} < 10#${b[i]:-0})) && return 0
    ((10#${a[i]:-0} > 10#${b[i]:-0})) && return 1
  done
  return 0
}
version_lt() { [ "$1" != "$2" ] && version_le "$1" "$2"; }

# The domains (CONTRIBUTING.md): one folder per domain in every layer.
domains=" identity hiring workforce tasks talk costs observability autonomy knowledge events ops audit "
default=$(scripts/versions.sh default)
mapfile -t all < <(scripts/versions.sh all)
mapfile -t pending < <(scripts/versions.sh pending)
is_version() { [[ " ${all[*]} " == *" $1 "* ]]; }
mapfile -t manifests < <(ls versions/src/agentic_schema--*.sql.in 2>/dev/null)
script_of() { local m=${1##*/}; echo "versions/${m%.in}"; }
versions_part() { local s=${1##*/}; s=${s#agentic_schema--}; s=${s%.in}; echo "${s%.sql}"; }

echo "# versions: ${all[*]} (default_version $default${pending[*]:+; pending: ${pending[*]}})"

# (a) Every manifest re-assembles to its committed script.
problems=
: >"$work/includes"
for m in "${manifests[@]}"; do
  s=$(script_of "$m")
  if ! scripts/assemble_sql.pl "$m" >"$work/out" 2>"$work/err"; then
    fail "$m assembles"; sed 's/^/#   /' "$work/err"; continue
  fi
  scripts/assemble_sql.pl --list "$m" | sed "s|^|$m $(versions_part "$m") |" >>"$work/includes"
  if [ ! -f "$s" ]; then fail "$s is committed (assemble it: make)"
  elif cmp -s "$work/out" "$s"; then pass "$m reproduces $s byte for byte"
  else fail "$m reproduces $s byte for byte (run make, review the diff)"
       diff -u "$s" "$work/out" | head -20 | sed 's/^/#   /'
  fi
done
problems=
for s in versions/*.sql; do
  [ -f "versions/src/${s##*/}.in" ] || problems+="$s has no manifest versions/src/${s##*/}.in"$'\n'
done
check "every versions/*.sql has a manifest" "${problems%$'\n'}"

# (b) Released scripts never change.
if [ -s versions/released.sha256 ]; then
  problems=$(cd versions && sha256sum --quiet -c released.sha256 2>&1)
  check "released scripts match versions/released.sha256 ($(awk '{printf "%s%s", sep, $2; sep=", "}' versions/released.sha256))" "$problems"
  problems=
  for s in $(awk '{print $2}' versions/released.sha256); do
    for v in $(versions_part "$s" | sed 's/--/\n/g'); do
      version_le "$v" "$default" || problems+="$s is released but $v is after default_version $default"$'\n'
    done
  done
  check "no released script belongs to a pending version" "${problems%$'\n'}"
  # A version is released before the next one becomes the default: every script
  # whose versions all come before default_version is recorded.
  problems=
  for m in "${manifests[@]}"; do
    s=$(script_of "$m") newest=
    for v in $(versions_part "$m" | sed 's/--/\n/g'); do
      [ -z "$newest" ] || version_lt "$newest" "$v" && newest=$v
    done
    version_lt "$newest" "$default" && ! grep -q "  ${s##*/}\$" versions/released.sha256 &&
      problems+="$s comes before default_version $default but is not in versions/released.sha256"$'\n'
  done
  check "every script of the versions before default_version is recorded as released" "${problems%$'\n'}"
else
  fail "versions/released.sha256 lists the released scripts"
fi

# (c) Every upgrade has its downgrade, and every downgrade its upgrade.
problems=
installs=()
for m in "${manifests[@]}"; do
  vp=$(versions_part "$m")
  if [[ "$vp" != *--* ]]; then installs+=("$vp"); continue; fi
  a=${vp%%--*} b=${vp#*--}
  [[ "$b" == *--* ]] && { problems+="$m: not agentic_schema--A--B"$'\n'; continue; }
  [ -f "versions/src/agentic_schema--$b--$a.sql.in" ] ||
    problems+="$m has no counterpart versions/src/agentic_schema--$b--$a.sql.in"$'\n'
done
check "every upgrade has its downgrade and every downgrade its upgrade" "${problems%$'\n'}"

# (d) One chain of consecutive versions, through default_version; one install script.
problems=
[ "${#installs[@]}" -eq 1 ] && [ "${installs[0]}" = "${all[0]}" ] ||
  problems+="install scripts: ${installs[*]:-none}; expected only the first version ${all[0]:-?} (later ones are built)"$'\n'
is_version "$default" || problems+="default_version $default has no scripts"$'\n'
for ((i = 0; i + 1 < ${#all[@]}; i++)); do
  [ -f "versions/src/agentic_schema--${all[$i]}--${all[$((i + 1))]}.sql.in" ] ||
    problems+="no upgrade ${all[$i]} -> ${all[$((i + 1))]}"$'\n'
done
for m in "${manifests[@]}"; do
  vp=$(versions_part "$m")
  [[ "$vp" == *--* ]] || continue
  a=${vp%%--*} b=${vp#*--}
  for ((i = 0; i + 1 < ${#all[@]}; i++)); do
    { [ "$a" = "${all[$i]}" ] && [ "$b" = "${all[$((i + 1))]}" ]; } ||
      { [ "$b" = "${all[$i]}" ] && [ "$a" = "${all[$((i + 1))]}" ]; } && continue 2
  done
  problems+="$m skips versions (only consecutive steps are allowed)"$'\n'
done
check "upgrades form one consecutive chain ${all[*]} through default_version $default" "${problems%$'\n'}"

# Each script's \echo line, once, naming its own target.
problems=
for m in "${manifests[@]}"; do
  s=$(script_of "$m")
  [ -f "$s" ] || continue
  vp=$(versions_part "$m")
  if [[ "$vp" == *--* ]]; then
    want="\\echo Use \"ALTER EXTENSION agentic_schema UPDATE TO '${vp#*--}'\" to load this file. \\quit"
  else
    want='\echo Use "CREATE EXTENSION agentic_schema" to load this file. \quit'
  fi
  [ "$(grep -c '^\\echo Use ' "$s")" = 1 ] && grep -qxF "$want" "$s" ||
    problems+="$s: expected exactly one \\echo line: $want"$'\n'
done
check "every script has its own \\echo Use line, once" "${problems%$'\n'}"

# Every section of every source, once: "path version part" lines.
declare -A nsections
if find schema -type f -name '*.sql' -print0 | sort -z |
   xargs -0 -r scripts/assemble_sql.pl --sections >"$work/sections" 2>"$work/err"; then
  pass "every source under schema/ parses"
else
  fail "every source under schema/ parses"; sed 's/^/#   /' "$work/err"
fi
while read -r rel v part; do nsections[$rel]=$((${nsections[$rel]:-0} + 1)); done <"$work/sections"

# (e) The layout of schema/, and snapshots named by existing versions.
problems=
declare -A owner
while IFS= read -r -d '' f; do
  rel=${f#schema/}
  domain=${rel%%/*}
  [[ "$domains" == *" $domain "* ]] || problems+="$f: $domain is not a domain (CONTRIBUTING.md lists them)"$'\n'
  if [[ "$rel" =~ ^[a-z_]+/([a-z][a-z0-9_]*)\.sql$ ]]; then
    name=${BASH_REMATCH[1]} kind=table
    [ -n "${nsections[$rel]:-}" ] || problems+="$f: a table file needs --#section lines"$'\n'
  elif [[ "$rel" =~ ^[a-z_]+/([a-z][a-z0-9_]*)\.(view|function)/([^/]+)\.sql$ ]]; then
    name=${BASH_REMATCH[1]} kind=${BASH_REMATCH[2]} v=${BASH_REMATCH[3]}
    if [ "$v" = latest ]; then
      newest=$(ls "${f%/*}" | sed -n 's/\.sql$//p' | grep -vx latest | sort -V | tail -n1)
      [ -L "$f" ] && [ "$(readlink "$f")" = "$newest.sql" ] ||
        problems+="$f: latest.sql may only be a symlink to the newest snapshot $newest.sql"$'\n'
    elif ! is_version "$v"; then
      problems+="$f: $v is not a version of the extension"$'\n'
    elif [ -n "${nsections[$rel]:-}" ]; then
      problems+="$f: a snapshot has no sections"$'\n'
    fi
  else
    problems+="$f: expected <domain>/<table>.sql or <domain>/<name>.view|.function/<version>.sql"$'\n'
    continue
  fi
  key=$name.$kind
  [ "$kind" = table ] && key=$name
  if [ -n "${owner[$key]:-}" ] && [ "${owner[$key]}" != "$domain" ]; then
    problems+="$name is defined in two domains: ${owner[$key]} and $domain"$'\n'
  fi
  owner[$key]=$domain
done < <(find schema -type f -print0 -o -type l -print0 | sort -z)
check "schema/ holds table files and version-named snapshots, one domain per object" "${problems%$'\n'}"

# Sections: versions that exist, in version order top to bottom.
problems=
prev_file= prev=
while read -r rel v part; do
  [ "$rel" = "$prev_file" ] || prev=
  is_version "$v" || problems+="schema/$rel: section $v $part: $v is not a version"$'\n'
  [ -n "$prev" ] && ! version_le "$prev" "$v" && problems+="schema/$rel: section $v $part comes after a $prev section"$'\n'
  prev_file=$rel prev=$v
done <"$work/sections"
check "table files list their sections version by version" "${problems%$'\n'}"

# (f) Includes: every definition is brought in by the manifest that reaches its
# version; no manifest includes a definition newer than its target; nothing in
# schema/ is left out. (Missing files and sections already fail the assembly.)
problems=
reaches() { # manifest version-part, version: does the manifest end at that version?
  [ "$1" = "$2" ] || { [[ "$1" == *--"$2" ]] && version_lt "${1%%--*}" "$2"; }
}
while read -r m vp path v part; do
  target=${vp##*--}
  if [ -z "$v" ]; then v=${path##*/}; v=${v%.sql}; fi
  is_version "$v" && ! version_le "$v" "$target" &&
    problems+="$m includes $path ${v} ${part}: newer than its target $target"$'\n'
done <"$work/includes"
check "no manifest includes a definition newer than its target version" "${problems%$'\n'}"
problems=
while IFS= read -r -d '' f; do
  rel=${f#schema/}
  if [[ "$rel" =~ \.(view|function)/ ]]; then
    v=${rel##*/}; v=${v%.sql}
    [ "$v" = latest ] && continue
    found=0
    while read -r m vp path rest; do
      [ "$path" = "$rel" ] && [ -z "$rest" ] && reaches "$vp" "$v" && { found=1; break; }
    done <"$work/includes"
    [ "$found" = 1 ] || problems+="$f is not included by the manifest that reaches $v"$'\n'
  fi
done < <(find schema -type f -print0 | sort -z)
while read -r rel v part; do
  found=0
  while read -r m vp path sv spart; do
    [ "$path" = "$rel" ] && [ "$sv" = "$v" ] && { [ -z "$spart" ] || [ "$spart" = "$part" ]; } &&
      reaches "$vp" "$v" && { found=1; break; }
  done <"$work/includes"
  [ "$found" = 1 ] || problems+="schema/$rel: section $v $part is not included by the manifest that reaches $v"$'\n'
done <"$work/sections"
check "every snapshot and section under schema/ is included by the manifest of its version" "${problems%$'\n'}"

# make assembles through the same guard (scripts/versions.sh released-ok): it accepts
# each committed released script and refuses a changed one.
problems=
while read -r _ name; do
  [ -f "versions/$name" ] || continue
  scripts/versions.sh released-ok "versions/$name" "$name" 2>/dev/null ||
    problems+="the make guard rejects the committed $name"$'\n'
  { cat "versions/$name"; echo "-- changed"; } >"$work/tampered.sql"
  scripts/versions.sh released-ok "$work/tampered.sql" "$name" 2>/dev/null &&
    problems+="the make guard lets a changed $name through"$'\n'
done <versions/released.sha256
check "make refuses to rewrite a released script from changed sources" "${problems%$'\n'}"

# Controls: each check above must be able to fail. A copy of the tree is spoiled
# in one way at a time and checked again; the spoiling must be noticed. The
# controls run side by side; their results are reported in order.
ncontrols=0
control() { # label, expected "not ok" text, commands that spoil the copy (run in it)
  local label=$1 expect=$2 spoil=$3 n=$((ncontrols += 1))
  local copy=$work/copy$n out=$work/control$n
  (
    mkdir -p "$copy" && cp -a schema versions scripts agentic_schema.control "$copy"/
    if ! (cd "$copy" && eval "$spoil") >/dev/null 2>&1; then
      echo "not ok - control: $label (could not spoil the copy)"; exit
    fi
    "$copy/scripts/check_versions.sh" --no-controls >"$out.log" 2>&1
    if grep -q "^not ok - $expect" "$out.log" && tail -n1 "$out.log" | grep -qv ' 0 failed$'; then
      echo "ok - control: $label"
    else
      echo "not ok - control: $label"; grep '^not ok' "$out.log" | sed 's/^/#   /'
    fi
  ) >"$out" &
}
if [ "$controls" = 1 ]; then
  control "a changed byte in a released source is noticed by re-assembling" \
    "versions/src/agentic_schema--1.0.sql.in reproduces" \
    "sed -i 's/Distinct models used/Distinct models  used/' schema/costs/daily_cost_summary.view/1.0.sql"
  control "a released script re-assembled from a changed source is noticed by its sha256" \
    "released scripts match" \
    "sed -i 's/Distinct models used/Distinct models  used/' schema/costs/daily_cost_summary.view/1.0.sql &&
     for m in versions/src/*.sql.in; do s=\${m##*/}; scripts/assemble_sql.pl \$m >versions/\${s%.in}; done"
  control "a released script missing from versions/released.sha256 is noticed" \
    "every script of the versions before default_version is recorded" \
    "sed -i '/agentic_schema--1.0.sql\$/d' versions/released.sha256"
  control "a script without a manifest is noticed" "every versions/\\*.sql has a manifest" \
    "cp versions/agentic_schema--1.0--1.1.sql versions/agentic_schema--1.0--1.1-extra.sql"
  control "an upgrade without its downgrade is noticed" "every upgrade has its downgrade" \
    "rm versions/src/agentic_schema--1.1--1.0.sql.in versions/agentic_schema--1.1--1.0.sql"
  control "a shortcut upgrade is noticed" "upgrades form one consecutive chain" \
    "printf '%s\n' '\\echo Use \"ALTER EXTENSION agentic_schema UPDATE TO '\\''1.2'\\''\" to load this file. \\quit' >versions/src/agentic_schema--1.0--1.2.sql.in &&
     printf '%s\n' '\\echo Use \"ALTER EXTENSION agentic_schema UPDATE TO '\\''1.0'\\''\" to load this file. \\quit' >versions/src/agentic_schema--1.2--1.0.sql.in &&
     for m in versions/src/*.sql.in; do s=\${m##*/}; scripts/assemble_sql.pl \$m >versions/\${s%.in}; done"
  control "a snapshot named by no version is noticed" "schema/ holds table files" \
    "cp schema/costs/daily_cost_summary.view/1.1.sql schema/costs/daily_cost_summary.view/9.9.sql"
  control "a latest.sql copy (not a symlink) is noticed" "schema/ holds table files" \
    "cp schema/costs/daily_cost_summary.view/1.1.sql schema/costs/daily_cost_summary.view/latest.sql"
  control "a source no manifest includes is noticed" "every snapshot and section under schema/ is included" \
    "mkdir schema/costs/stray.view && cp schema/costs/daily_cost_summary.view/1.1.sql schema/costs/stray.view/1.1.sql"
  control "a section no manifest includes is noticed" "every snapshot and section under schema/ is included" \
    "printf '\n--#section 1.1 indexes\nCREATE INDEX x ON agentic.agents (name);\n' >>schema/workforce/agents.sql"
  control "a downgrade including a newer definition is noticed" "no manifest includes a definition newer" \
    "sed -i 's|daily_cost_summary.view/1.0.sql|daily_cost_summary.view/1.1.sql|' versions/src/agentic_schema--1.1--1.0.sql.in &&
     scripts/assemble_sql.pl versions/src/agentic_schema--1.1--1.0.sql.in >versions/agentic_schema--1.1--1.0.sql"
  control "an include of a missing section is noticed" "versions/src/agentic_schema--1.0--1.1.sql.in assembles" \
    "sed -i 's|daily_cost_rollup.sql 1.1 indexes|daily_cost_rollup.sql 1.1 index|' versions/src/agentic_schema--1.0--1.1.sql.in"
  control "a mistyped directive in a source is noticed" "every source under schema/ parses" \
    "sed -i 's/^--#section 1.0 dump/--#sectoin 1.0 dump/' schema/workforce/agents.sql"
  control "a section out of version order is noticed" "table files list their sections version by version" \
    "printf '\n--#section 1.0 notes\n-- x\n' >>schema/costs/execution_costs.sql"
  control "a script without its \\echo line is noticed" "every script has its own" \
    "sed -i '/^.echo Use /d' versions/src/agentic_schema--1.2--1.1.sql.in &&
     scripts/assemble_sql.pl versions/src/agentic_schema--1.2--1.1.sql.in >versions/agentic_schema--1.2--1.1.sql"
  wait
  for ((n = 1; n <= ncontrols; n++)); do
    while IFS= read -r line; do
      case "$line" in
        "ok - "*) passed=$((passed + 1)) ;;
        "not ok - "*) failed=$((failed + 1)) ;;
      esac
      echo "$line"
    done <"$work/control$n"
  done
fi

echo "versions: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
