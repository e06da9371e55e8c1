# Version scripts. Each versions/agentic_schema--*.sql is assembled from its
# manifest versions/src/agentic_schema--*.sql.in and the SQL sources in schema/
# (scripts/assemble_sql.pl) and committed. PGXS installs, as DATA, the scripts of
# the versions up to the control file's default_version (scripts/versions.sh), and
# the full install script of every later version of that chain is built from the
# first release and the upgrades, so that a fresh install and an upgraded one run
# the very same statements. No version number is written here: a release edits
# agentic_schema.control and versions/, never this file.
# PGXS defines `all` later; the rules here must not become the default goal.
.DEFAULT_GOAL := all

AGENTIC_MANIFESTS := $(sort $(wildcard versions/src/agentic_schema--*.sql.in))
AGENTIC_ASSEMBLED := $(patsubst versions/src/%.in,versions/%,$(AGENTIC_MANIFESTS))
AGENTIC_CHAIN := $(shell scripts/versions.sh chain)
AGENTIC_FIRST := $(firstword $(AGENTIC_CHAIN))
AGENTIC_LATER := $(wordlist 2,$(words $(AGENTIC_CHAIN)),$(AGENTIC_CHAIN))

DATA = $(shell scripts/versions.sh scripts)
DATA_built = $(foreach v,$(AGENTIC_LATER),agentic_schema--$(v).sql)

# `make` keeps the assembled scripts current; scripts/check_versions.sh proves
# that the committed ones are, and that the released ones never change.
all: $(AGENTIC_ASSEMBLED) agentic-released-unchanged

# A released script edited by hand (not re-assembled) is refused too, before
# anything is built or installed from it.
.PHONY: agentic-released-unchanged
agentic-released-unchanged: $(AGENTIC_ASSEMBLED)
	@cd versions && sha256sum --quiet --strict -c released.sha256 || \
	  { echo "error: a released script in versions/ differs from versions/released.sha256; released scripts never change" >&2; exit 1; }

define agentic_assembled_rule
$(1): versions/src/$(notdir $(1)).in $(addprefix schema/,$(sort $(shell scripts/assemble_sql.pl --list versions/src/$(notdir $(1)).in | cut -d' ' -f1))) scripts/assemble_sql.pl
	scripts/assemble_sql.pl $$< > $$@.tmp
	@scripts/versions.sh released-ok $$@.tmp $(notdir $(1)) || { rm -f $$@.tmp; exit 1; }
	mv $$@.tmp $$@
endef
$(foreach s,$(AGENTIC_ASSEMBLED),$(eval $(call agentic_assembled_rule,$(s))))

# The full install script of version V: the first release, then every upgrade up
# to V without its `\echo Use ...` line.
define agentic_full_rule
agentic_schema--$(1).sql: versions/agentic_schema--$(AGENTIC_FIRST).sql $(shell scripts/versions.sh steps $(1))
	{ cat $$<; sed '/^\\echo Use /d' $$(filter-out $$<,$$^); } > $$@
endef
$(foreach v,$(AGENTIC_LATER),$(eval $(call agentic_full_rule,$(v))))
