# PGXS build of the agentic_schema extension: `make && make install && make installcheck`.
EXTENSION = agentic_schema
MODULE_big = agentic_schema
# versions/ holds the first release's install script and every upgrade and
# downgrade script; mk/versions.mk builds the full install script of the newest
# version by replaying the upgrades, so that a fresh install and an upgraded one
# run the very same statements.
include mk/versions.mk

# Sources live one folder per domain (src/core/<domain>/, src/pg/<domain>/), plus
# src/core/rules and src/pg/runtime for the generic machinery.
rwildcard = $(foreach d,$(wildcard $(1:=/*)),$(call rwildcard,$d,$2) $(filter $(subst *,%,$2),$d))
CORE_SRCS = $(sort $(call rwildcard,src/core,*.cpp))
GLUE_SRCS = $(sort $(call rwildcard,src/pg,*.cpp))
SOURCE_HEADERS = $(sort $(call rwildcard,src,*.hpp))
OBJS = $(CORE_SRCS:.cpp=.o) $(GLUE_SRCS:.cpp=.o)

# pg_regress: exact outputs (sql/ -> expected/); isolation specs for races.
REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=btree_gist --load-extension=pgcrypto --load-extension=agentic_schema
ISOLATION = $(patsubst test/isolation/specs/%.spec,%,$(sort $(wildcard test/isolation/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test/isolation --outputdir=output_iso \
	--load-extension=btree_gist --load-extension=pgcrypto --load-extension=agentic_schema

PG_CONFIG ?= pg_config
# Includes name their layer and domain: "core/costs/decimal.hpp", "pg/runtime/spi.hpp".
PG_CPPFLAGS = -Isrc
# SANITIZE_FLAGS: optional extra compiler and linker flags, e.g. -fsanitize=undefined.
PG_CXXFLAGS = -std=c++17 -fno-strict-aliasing -Wall -Wextra -Wno-unused-parameter \
	-Wno-missing-field-initializers -Wno-register -Werror $(SANITIZE_FLAGS)
SHLIB_LINK = -lstdc++ $(SANITIZE_FLAGS)

# JIT inlining of this module is not worth a second (clang) build of C++ code.
override with_llvm = no

EXTRA_CLEAN = output_iso results regression.diffs regression.out

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Rebuild every object when any header changes (PGXS tracks no header dependencies).
$(OBJS): $(SOURCE_HEADERS)
