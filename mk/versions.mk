# Version scripts: what PGXS installs as DATA and how the full install script of
# the newest version is built from the first release and the upgrade chain.
# PGXS defines `all` later; the rules here must not become the default goal.
.DEFAULT_GOAL := all
DATA = $(wildcard versions/agentic_schema--*.sql)
DATA_built = agentic_schema--1.1.sql

agentic_schema--1.1.sql: versions/agentic_schema--1.0.sql versions/agentic_schema--1.0--1.1.sql
	{ cat versions/agentic_schema--1.0.sql; sed '/^\\echo Use /d' versions/agentic_schema--1.0--1.1.sql; } > $@
