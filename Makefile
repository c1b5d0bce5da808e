# Makefile: builds librift (static and shared), the rift tool, tests, fuzz
# replay and benchmarks.  Objects go to $(BUILD); nothing is fetched.
#   make            build          make check   all tests, plain and SAN=1
#   make demo       run on examples/              make bench   BENCHMARKS.md
#   make bench-store  the store at scale (SQLite, PostgreSQL, MPI) into BENCHMARKS.md
#   make install PREFIX=/usr/local               make SAN=1   sanitizers

PREFIX  ?= /usr/local
SAN     ?= 0
ifeq ($(SAN),1)
BUILD   ?= build-san
else
BUILD   ?= build
endif

CC      ?= cc
PKGS    := libutf8proc jansson libxml-2.0 zlib sqlite3 libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lutf8proc -ljansson -lxml2 -lz -lsqlite3 -lpq)
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter \
           -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
            -fno-omit-frame-pointer
endif
# -fvisibility=hidden: librift.so exports only what include/rift.h marks
# RIFT_API.  SONAME_MAJOR changes whenever the ABI does (README.md, "C ABI").
SONAME_MAJOR := 1
ALL_CFLAGS := $(WARN) $(CFLAGS) $(SANFLAGS) -Iinclude -Isrc $(PKG_CFLAGS) -fPIC \
              -fvisibility=hidden -MMD -MP
LDLIBS  := $(PKG_LIBS) -lpthread -lm

# Open MPI, when found (pkg-config ompi-c, else mpicc --showme): the rift
# tool, never librift, is built with -DRIFT_MPI and linked with it, so
# that `mpirun -n N rift analyze --db ...` shares its inputs out
# (cli/mpi.c, docs/cluster.md).  MPI=0 builds without it, as does SAN=1
# (Open MPI's own allocations at start-up are leaks to LeakSanitizer).
ifeq ($(SAN),1)
MPI     ?= 0
else
MPI     ?= 1
endif
ifeq ($(MPI),1)
MPI_CFLAGS := $(shell pkg-config --cflags ompi-c 2>/dev/null || mpicc --showme:compile 2>/dev/null)
MPI_LIBS   := $(shell pkg-config --libs ompi-c 2>/dev/null || mpicc --showme:link 2>/dev/null)
ifeq ($(strip $(MPI_LIBS)),)
MPI     := 0
endif
endif
ifneq ($(MPI),1)
MPI_CFLAGS :=
MPI_LIBS   :=
endif

LIB_SRC := $(sort $(wildcard src/*.c))
CLI_SRC := $(sort $(wildcard cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps deps-check check test demo bench bench-store install uninstall clean lint fuzz model

all: $(BUILD)/librift.a $(BUILD)/librift.so $(BUILD)/rift $(BUILD)/rift.pc

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# PREFIX is built into the library (its data directory, in src/model.c)
# and into rift.pc: $(BUILD)/prefix changes when PREFIX does, so that
# `make install PREFIX=DIR` rebuilds both for DIR.
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(BUILD)/prefix 2>/dev/null)" = '$(PREFIX)' ] || \
    printf '%s\n' '$(PREFIX)' > $(BUILD)/prefix; })
$(BUILD)/src/model.o: $(BUILD)/prefix
$(BUILD)/src/model.o: ALL_CFLAGS += -DRIFT_DATADIR='"$(PREFIX)/share/rift/en"'
# the same for MPI: $(BUILD)/mpi says whether cli/mpi.o was built with it
$(shell [ "$$(cat $(BUILD)/mpi 2>/dev/null)" = '$(MPI)' ] || printf '%s\n' '$(MPI)' > $(BUILD)/mpi)
$(BUILD)/cli/mpi.o: $(BUILD)/mpi
ifeq ($(MPI),1)
$(BUILD)/cli/mpi.o: ALL_CFLAGS += -DRIFT_MPI $(MPI_CFLAGS)
endif

$(BUILD)/librift.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/librift.so: $(LIB_OBJ)
	$(CC) -shared $(CFLAGS) $(SANFLAGS) -Wl,-soname,librift.so.$(SONAME_MAJOR) -o $@ $^ $(LDLIBS)

$(BUILD)/rift: $(CLI_OBJ) $(BUILD)/librift.a
	$(CC) $(CFLAGS) $(SANFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/librift.a $(LDLIBS) $(MPI_LIBS)

$(BUILD)/rift.pc: Makefile $(BUILD)/prefix
	@mkdir -p $(BUILD)
	printf 'prefix=%s\nlibdir=$${prefix}/lib\nincludedir=$${prefix}/include\n\nName: rift\nDescription: reads news and reconstructs who said what, what happened and when\nVersion: 0.1.0\nRequires.private: %s\nLibs: -L$${libdir} -lrift\nLibs.private: -lpthread -lm\nCflags: -I$${includedir}\n' \
	  '$(PREFIX)' '$(PKGS)' > $@

# unit tests may use the library's internals (src/internal.h)
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/librift.a tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/librift.a $(LDLIBS)

$(BUILD)/casetest: tests/casetest.c $(BUILD)/librift.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/librift.a $(LDLIBS)

$(BUILD)/fuzz-replay-%: fuzz/fuzz_%.c fuzz/replay.c $(wildcard fuzz/*.h) $(BUILD)/librift.a
	$(CC) $(ALL_CFLAGS) -o $@ $< fuzz/replay.c $(BUILD)/librift.a $(LDLIBS)

FUZZ_TARGETS := $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))

test-bins: all $(TEST_BIN) $(BUILD)/casetest $(FUZZ_TARGETS:%=$(BUILD)/fuzz-replay-%)

# make model: trains the syntax models (tools/train/) from the TRAIN splits
# of the UD treebanks in $(SHARED) into data/en/; make check never retrains.
SHARED  ?= ../shared
TRAIN_SRC := $(sort $(wildcard tools/train/train_*.c))
TRAIN_BIN := $(TRAIN_SRC:tools/train/train_%.c=$(BUILD)/train-%)

$(BUILD)/train-%: tools/train/train_%.c cli/conllu.c cli/conllu.h $(wildcard tools/train/*.h) $(BUILD)/librift.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icli -o $@ $< cli/conllu.c $(BUILD)/librift.a $(LDLIBS)

model: all $(TRAIN_BIN)
	@sh tools/train/model.sh $(BUILD) $(SHARED)

deps:
	@sh tools/deps.sh

deps-check:
	@sh tools/deps.sh check

# make check: the whole suite in a plain build, then under ASan+UBSan;
# tests/run.sh prints the closing "N passed, N failed".
check: deps-check
	@$(MAKE) --no-print-directory test-bins
	@$(MAKE) --no-print-directory SAN=1 test-bins
	@sh tests/run.sh build build-san

test: test-bins
	@sh tests/run.sh $(BUILD)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh $(BUILD)

# make bench-store: a synthetic stream of BENCH_STORE_N articles (default a
# million) added in batches of BENCH_STORE_STEP to a SQLite and a PostgreSQL
# store; growth, report, two writers and MPI into BENCHMARKS.md (bench/store.sh)
bench-store: deps
	@$(MAKE) --no-print-directory all
	@sh bench/store.sh $(BUILD)

# make fuzz: the fuzzing campaign.  Builds the library with libFuzzer's
# coverage and ASan+UBSan (clang, in build-fuzz/), links each fuzz target,
# and runs each for FUZZ_TIME seconds (tools/fuzz.sh): inputs that add
# coverage join fuzz/corpus/TARGET, and a crash is minimised into a
# regression case there (which every make check replays) and fails the run.
# One target by hand: build-fuzz/fuzz-analyze fuzz/corpus/analyze
FUZZ_TIME ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT=-O1 \
	  SANFLAGS='-fsanitize=fuzzer-no-link $(FUZZ_SAN)' build-fuzz/librift.a \
	  $(FUZZ_TARGETS:%=build-fuzz/fuzz-%)
	@sh tools/fuzz.sh build-fuzz $(FUZZ_TIME) $(FUZZ_TARGETS)

build-fuzz/fuzz-%: fuzz/fuzz_%.c $(wildcard fuzz/*.h) build-fuzz/librift.a
	clang -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) $(WARN) -Iinclude $(PKG_CFLAGS) -o $@ $< \
	  build-fuzz/librift.a $(LDLIBS)

lint:
	@sh tools/lint.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/rift/en $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/rift $(DESTDIR)$(PREFIX)/bin/rift
	install -m 644 $(BUILD)/librift.a $(DESTDIR)$(PREFIX)/lib/librift.a
	install -m 755 $(BUILD)/librift.so $(DESTDIR)$(PREFIX)/lib/librift.so.$(SONAME_MAJOR)
	ln -sf librift.so.$(SONAME_MAJOR) $(DESTDIR)$(PREFIX)/lib/librift.so
	install -m 644 include/rift.h $(DESTDIR)$(PREFIX)/include/rift.h
	install -m 644 $(BUILD)/rift.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/rift.pc
	install -m 644 data/en/*.txt data/en/*.bin $(DESTDIR)$(PREFIX)/share/rift/en/
	install -m 644 docs/rift.1 $(DESTDIR)$(PREFIX)/share/man/man1/rift.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rift $(DESTDIR)$(PREFIX)/lib/librift.* \
	  $(DESTDIR)$(PREFIX)/include/rift.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/rift.pc \
	  $(DESTDIR)$(PREFIX)/share/man/man1/rift.1
	rm -rf $(DESTDIR)$(PREFIX)/share/rift

clean:
	rm -rf build build-san build-fuzz build-bench

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d)
