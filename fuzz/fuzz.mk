# libFuzzer targets: `make fuzz [FUZZ_SECONDS=60]` from the top Makefile,
# or `make -f fuzz/fuzz.mk build` to build them only.  Every target runs
# FUZZ_SECONDS seconds, one after the other; the make fails if any finds
# a crash, leak, hang or sanitizer error (the input is saved under
# build-fuzz/artifacts/).  Everything lands in build-fuzz/, which git
# ignores: never commit what libFuzzer generates.
#
#   make -f fuzz/fuzz.mk run-fuzz_rules FUZZ_SECONDS=300   one target
#   make fuzz-ci    (make -f fuzz/fuzz.mk ci) the reproducible run CI makes
#   build-fuzz/fuzz_rules build-fuzz/artifacts/fuzz_rules-crash-...   replay

FUZZ_SECONDS ?= 60
CORPORA ?= ../shared/corpora
# Not CC: a CC=gcc given to the top make reaches this one too.
FUZZ_CC ?= clang

B = build-fuzz
STD = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null)
CJSON_LIBS := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
FCFLAGS = $(STD) $(WARN) -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link $(SAN) -Iinclude -Isrc $(CJSON_CFLAGS)
# Each object's .d file lists the headers it read (see the top Makefile).
DEPFLAGS = -MMD -MP
FLDFLAGS = -fsanitize=fuzzer $(SAN)
LIBS = -lcsv $(CJSON_LIBS) -lm

TARGETS = fuzz_csvread fuzz_rules fuzz_value fuzz_pipeline fuzz_regex
SRC = $(filter-out src/main.c,$(wildcard src/*.c))
OBJ = $(SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/default_rules.o
BINS = $(TARGETS:%=$(B)/%)

# Per target: the longest input, and a dictionary of the rule language.
ARGS_fuzz_csvread = -max_len=131072
ARGS_fuzz_rules = -max_len=65536 -dict=fuzz/rules.dict
ARGS_fuzz_value = -max_len=512
ARGS_fuzz_pipeline = -max_len=65536 -dict=fuzz/rules.dict
ARGS_fuzz_regex = -max_len=512 -dict=fuzz/regex.dict

# CI runs a fixed number of inputs per target from a fixed random seed,
# starting from the seeds alone: the same inputs on every machine, so the
# run is as thorough as a minute of fuzzing yet cannot turn red by luck.
# Finding new bugs is the job of the timed runs above, made by hand.
FUZZ_SEED ?= 1
RUNS_fuzz_csvread = 150000
RUNS_fuzz_rules = 1000000
RUNS_fuzz_value = 2000000
RUNS_fuzz_pipeline = 12000
RUNS_fuzz_regex = 40000

.PHONY: all build seeds ci $(TARGETS:%=run-%) $(TARGETS:%=ci-%)
.DELETE_ON_ERROR:
# Keep the objects: make would delete them as intermediate files.
.SECONDARY: $(OBJ) $(TARGETS:%=$(B)/obj/%.o) $(B)/default_rules.c

# $(call each,STEP): makes STEP-TARGET for every target, one after the
# other, each to its end even after another found something, so that
# every run reports; then fails if any found anything.
define each
	@failed=; for t in $(TARGETS); do \
		$(MAKE) --no-print-directory -f fuzz/fuzz.mk $(1)-$$t || \
			failed="$$failed $$t"; done; \
	if [ -n "$$failed" ]; then \
		echo "fuzz: findings in:$$failed (inputs in $(B)/artifacts/)" >&2; \
		exit 1; fi
endef

all: build $(B)/seeds.stamp
	$(call each,run)

build: $(BINS)

seeds: $(B)/seeds.stamp

# The seeds are rebuilt when a file they come from changes.
# (Names make cannot hold in a prerequisite list, with a colon, blank,
# percent or hash, like the CI formats' hostile file name, are left out of
# the list; seeds.sh still reads them.)
SEED_INPUTS := $(shell find examples rules tests/cases tests/data \
	$(wildcard $(CORPORA)/csv-spectrum/csvs $(CORPORA)/json-test-suite \
	$(CORPORA)/real-orgs) -type f ! -name '*[: %\#]*' 2>/dev/null)
$(B)/seeds.stamp: fuzz/seeds.sh $(SEED_INPUTS) | $(B)/obj
	sh fuzz/seeds.sh $(B) $(CORPORA)
	touch $@

# CI runs the fuzzers in two lanes, one a core (the machine has two), the
# rules fuzzer (the longest, about 140 s) with the regex one, the others
# after each other beside them; every run goes to its end, and the step
# fails if any found anything.
LANE1 = fuzz_rules fuzz_regex
LANE2 = $(filter-out $(LANE1),$(TARGETS))
ci: build $(B)/seeds.stamp
	@rm -f $(B)/lane-1.failed $(B)/lane-2.failed; \
	for lane in 1 2; do \
		if [ $$lane = 1 ]; then ts="$(LANE1)"; else ts="$(LANE2)"; fi; \
		( for t in $$ts; do \
			$(MAKE) --no-print-directory -f fuzz/fuzz.mk ci-$$t || \
				echo $$t >> $(B)/lane-$$lane.failed; done ) & \
	done; wait; \
	failed=`cat $(B)/lane-1.failed $(B)/lane-2.failed 2>/dev/null | tr '\n' ' '`; \
	if [ -n "$$failed" ]; then \
		echo "fuzz: findings in: $$failed(inputs in $(B)/artifacts/)" >&2; \
		exit 1; fi

$(TARGETS:%=ci-%): ci-%: $(B)/% $(B)/seeds.stamp
	@rm -rf $(B)/ci-corpus-$* && mkdir -p $(B)/ci-corpus-$* && \
		cp $(B)/corpus-$*/seed-* $(B)/ci-corpus-$*/ && \
		FUZZ_CORPUS=$(B)/ci-corpus-$* FUZZ_LOG=$(B)/ci-$*.log FUZZ_RUNS=$(RUNS_$*) \
		FUZZ_SEED=$(FUZZ_SEED) sh fuzz/run.sh $(B) $* 0 $(ARGS_$*)

$(TARGETS:%=run-%): run-%: $(B)/% $(B)/seeds.stamp
	@sh fuzz/run.sh $(B) $* $(FUZZ_SECONDS) $(ARGS_$*)

$(B)/obj:
	mkdir -p $@

$(B)/obj/%.o: src/%.c | $(B)/obj
	$(FUZZ_CC) $(FCFLAGS) $(DEPFLAGS) -c -o $@ $<

# The packs, as the top Makefile lists them (PACKS there).
PACKS = $(shell sed -n 's/^PACKS = //p' Makefile)
$(B)/default_rules.c: $(PACKS:%=rules/%.json) tools/embed.awk tools/embed_packs.sh | $(B)/obj
	sh tools/embed_packs.sh $(PACKS) > $@

$(B)/obj/default_rules.o: $(B)/default_rules.c
	$(FUZZ_CC) $(FCFLAGS) -c -o $@ $<

$(B)/obj/fuzz_%.o: fuzz/fuzz_%.c | $(B)/obj
	$(FUZZ_CC) $(FCFLAGS) $(DEPFLAGS) -c -o $@ $<

$(B)/fuzz_%: $(B)/obj/fuzz_%.o $(OBJ)
	$(FUZZ_CC) $(FCFLAGS) $(FLDFLAGS) -o $@ $^ $(LIBS)

-include $(OBJ:.o=.d) $(TARGETS:%=$(B)/obj/%.d)
