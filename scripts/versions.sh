#!/usr/bin/env bash
# The extension's versions, as mk/versions.mk, scripts/check_versions.sh and
# scripts/lifecycle_tests.sh see them. Every version is named by the manifests in
# versions/src/ (agentic_schema--<v>.sql.in installs, --<a>--<b>.sql.in upgrades and
# downgrades); the versions after the control file's default_version are pending:
# assembled and checked, but neither installed nor tested against a server.
#
#   scripts/versions.sh default    default_version of agentic_schema.control
#   scripts/versions.sh all        every version, oldest first
#   scripts/versions.sh chain      the versions up to default_version, oldest first
#   scripts/versions.sh pending    the versions after default_version
#   scripts/versions.sh scripts    the versions/*.sql files to install: every assembled
#                                  script whose versions are all up to default_version
#   scripts/versions.sh steps V    the upgrade scripts from the first version to V,
#                                  in order (what the full install script of V replays)
#   scripts/versions.sh released-ok FILE NAME
#                                  fails when NAME is released and FILE differs from it
set -euo pipefail
cd "$(dirname "$0")/.."

default_version() {
  sed -n "s/^default_version *= *'\(.*\)'/\1/p" agentic_schema.control
}
# Script names (agentic_schema--....sql) of every manifest.
script_names() {
  local m
  for m in versions/src/agentic_schema--*.sql.in; do
    [ -e "$m" ] || continue
    m=${m##*/}
    echo "${m%.in}"
  done
}
# The versions a script name mentions, one per line.
versions_of() {
  local v=${1#agentic_schema--}
  v=${v%.sql}
  echo "${v//--/$'\n'}"
}
all_versions() {
  local s
  for s in $(script_names); do versions_of "$s"; done | sort -uV
}
# True when version $1 <= version $2.
version_le() {
  [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$1" ]
}

cmd=${1:-}
case "$cmd" in
  default) default_version ;;
  all) all_versions ;;
  chain | pending)
    d=$(default_version)
    for v in $(all_versions); do
      if version_le "$v" "$d"; then [ "$cmd" = chain ] && echo "$v"; else [ "$cmd" = pending ] && echo "$v"; fi
    done
    true ;;
  scripts)
    d=$(default_version)
    for s in $(script_names); do
      ok=1
      for v in $(versions_of "$s"); do version_le "$v" "$d" || ok=0; done
      [ "$ok" = 1 ] && echo "versions/$s"
    done
    true ;;
  steps)
    target=${2:?usage: scripts/versions.sh steps VERSION}
    prev=
    for v in $(all_versions); do
      version_le "$v" "$target" || break
      [ -n "$prev" ] && echo "versions/agentic_schema--$prev--$v.sql"
      prev=$v
    done
    true ;;
  released-ok)
    # FILE NAME: fails when NAME is a released script (versions/released.sha256)
    # and FILE is not byte for byte what was released, so that `make` never
    # rewrites a released script from edited sources.
    file=${2:?usage: scripts/versions.sh released-ok FILE NAME}
    name=${3:?usage: scripts/versions.sh released-ok FILE NAME}
    want=$(awk -v n="$name" '$2 == n { print $1 }' versions/released.sha256)
    [ -z "$want" ] && exit 0
    got=$(sha256sum <"$file" | cut -d' ' -f1)
    if [ "$got" != "$want" ]; then
      echo "error: $name is released and must not change, but its manifest and sources now assemble it differently" >&2
      echo "       (versions/released.sha256); put the change into the next version's sections instead" >&2
      exit 1
    fi ;;
  *)
    echo "usage: scripts/versions.sh default|all|chain|pending|scripts|steps VERSION|released-ok FILE NAME" >&2
    exit 2 ;;
esac
