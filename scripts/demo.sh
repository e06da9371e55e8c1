#!/usr/bin/env bash
# The main job on its embedded default: a throwaway PostgreSQL 15 cluster with
# the extension, the sample data set of demo/sample_data.sql, and the report a
# user comes for (utilization, task status, costs by agent and by day).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_packages
build_and_install_extension
echo "== starting a throwaway cluster"
pg_virtualenv -v 15 bash -c '
  set -euo pipefail
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION agentic_schema CASCADE" 2>/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -f demo/sample_data.sql
  psql -X -v ON_ERROR_STOP=1 -f demo/report.sql
'
