# partnercheck: plain make, no autotools.
#   make            build ./partnercheck
#   make check      install missing Debian packages, build, run every test
#   make check SAN=1   the same under AddressSanitizer + UBSan (build-san/)
#   make check SAN=thread CC=clang  the same under ThreadSanitizer (build-tsan/)
#   make valgrind   the end-to-end cases under valgrind memcheck
#   make demo       run the main job on the shipped example
#   make bench      speed and memory benchmark (bench-lineup, bench-pipe, bench-pairs: one part)
#   make metrics    longest functions, big files, complexity, duplicates
#   make format     reformat the sources with the repo's .clang-format
#   make format-check   fail if any source differs from .clang-format
#   make check-browser  the HTML reports in chromium (axe-core, PDF), DOT in dot
#   make screenshots    examples/html-report.png, the README's screenshot
#   make conformance CORPORA=../shared/corpora   peers' conformance suites
#   make check-ci-formats CORPORA=../shared/corpora   sarif, junit and tap
#                   outputs against their schemas and a TAP 14 parser

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share
# bash-completion looks here for a command's completion when it is first
# completed; the JSON Schemas and the packs' documentation go beside the
# other shared files (partnercheck(1) and partnercheck-rules(5) name them).
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
# zsh's compinit finds _partnercheck on $fpath, which has this directory
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
SCHEMADIR ?= $(DATADIR)/partnercheck/schemas
PACKDOCDIR ?= $(DATADIR)/doc/partnercheck/packs
DESTDIR ?=
CORPORA ?= ../shared/corpora
FUZZ_SECONDS ?= 60

CC ?= cc
OPT ?= -O2 -g
STD = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null)
CJSON_LIBS := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
BIN ?= $(BUILD)/partnercheck
else ifeq ($(SAN),thread)
# ThreadSanitizer, for the reader thread (make check SAN=thread CC=clang).
BUILD ?= build-tsan
SANFLAGS = -fsanitize=thread -fno-omit-frame-pointer
BIN ?= $(BUILD)/partnercheck
else
BUILD ?= build
SANFLAGS =
HARDEN = -D_FORTIFY_SOURCE=2 -fstack-protector-strong
BIN ?= partnercheck
endif

# include/ holds the public headers; src/ the private ones a group of
# modules shares (tests may include those too).
# -pthread: screen reads its input on a second thread (src/reader_thread.c).
ALL_CFLAGS = $(STD) $(WARN) $(OPT) $(HARDEN) $(SANFLAGS) -pthread -Iinclude -Isrc $(CJSON_CFLAGS) $(CFLAGS)
# Every compile writes a .d file beside its object listing the headers it
# read, so an object is rebuilt when, and only when, one of them changes;
# -MP adds an empty rule per header so a deleted header does not break make.
DEPFLAGS = -MMD -MP
LIBS = -lcsv $(CJSON_LIBS) -lm

SRC = $(wildcard src/*.c)
OBJ = $(SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/default_rules.o
LIBOBJ = $(filter-out $(BUILD)/main.o,$(OBJ))
TESTOBJ = $(patsubst tests/%.c,$(BUILD)/tests/%.o,$(wildcard tests/check_*.c))
# check_scan runs twice: with the machine's block code and, as
# check_scan_portable, with the portable code every other machine gets,
# built from its own objects compiled with -DSCAN_PORTABLE.
PORTOBJ = $(BUILD)/portable/check_scan.o $(BUILD)/portable/scan.o \
	$(BUILD)/portable/xalloc.o $(BUILD)/portable/diag.o
TESTS = $(TESTOBJ:.o=) $(BUILD)/tests/check_scan_portable
# The sources make format and make format-check cover.
FORMAT_FILES = $(filter-out src/regex_uclass.c,$(wildcard src/*.c src/*.h include/*.h tests/*.c tests/*.h \
	fuzz/*.c fuzz/*.h tools/*.c bench/*.c))

.PHONY: all check unit e2e valgrind demo bench bench-lineup bench-pipe bench-pairs conformance check-ci-formats check-schemas rules-tests fuzz fuzz-ci deps install \
	uninstall clean format format-check metrics lint-man cppcheck check-browser screenshots \
	check-zsh
.DELETE_ON_ERROR:
# The test objects are kept: make would delete them as intermediate files.
.SECONDARY: $(TESTOBJ) $(PORTOBJ)

all: $(BIN)

$(BIN): $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LIBS) $(LDFLAGS)

$(BUILD)/%.o: src/%.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# The embedded packs, rules/NAME.json each, turned into C strings at build
# time so that `rules default` prints the file byte for byte; the first is
# the default rule set.  Adding a pack is adding its name here.
PACKS = collaborate procurement ccni-register
$(BUILD)/default_rules.c: $(PACKS:%=rules/%.json) tools/embed.awk tools/embed_packs.sh \
		| $(BUILD)/tests
	sh tools/embed_packs.sh $(PACKS) > $@
$(BUILD)/default_rules.o: $(BUILD)/default_rules.c include/packs.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests $(BUILD)/portable:
	mkdir -p $@

$(BUILD)/tests/%.o: tests/%.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Itests $(DEPFLAGS) -c -o $@ $<

$(TESTOBJ:.o=): %: %.o $(LIBOBJ)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -o $@ $< $(LIBOBJ) $(LIBS) $(CHECK_LIBS) $(LDFLAGS)

$(BUILD)/portable/%.o: src/%.c | $(BUILD)/portable
	$(CC) $(ALL_CFLAGS) -DSCAN_PORTABLE $(DEPFLAGS) -c -o $@ $<

$(BUILD)/portable/check_scan.o: tests/check_scan.c | $(BUILD)/portable
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -DSCAN_PORTABLE -Itests $(DEPFLAGS) -c -o $@ $<

$(BUILD)/tests/check_scan_portable: $(PORTOBJ)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -o $@ $(PORTOBJ) $(CHECK_LIBS) $(LDFLAGS)

# The glpsol cross-check makes its pools with tools/genpool.
$(BUILD)/genpool: tools/genpool.c | $(BUILD)/tests
	$(CC) $(STD) $(WARN) $(OPT) $(SANFLAGS) -o $@ $<
$(BUILD)/tests/check_lineup_lp.o: CFLAGS += -DGENPOOL='"$(abspath $(BUILD))/genpool"'
$(BUILD)/tests/check_lineup_lp: $(BUILD)/genpool
# ...and the HTML report's size check its pools.
$(BUILD)/tests/check_html.o: CFLAGS += -DGENPOOL='"$(abspath $(BUILD))/genpool"'
$(BUILD)/tests/check_html: $(BUILD)/genpool

# The header lists the compiler wrote; absent before the first build.
-include $(OBJ:.o=.d) $(TESTOBJ:.o=.d) $(PORTOBJ:.o=.d)

deps:
	@sh tools/deps.sh

check: deps
	@$(MAKE) --no-print-directory unit-and-e2e
	@$(MAKE) --no-print-directory rules-tests
	@if python3 -c 'import jsonschema' 2>/dev/null; then \
		$(MAKE) --no-print-directory check-schemas; \
	else echo "NOTE: python3-jsonschema missing: the JSON Schemas in examples/ were NOT checked (make deps; CI runs make check-schemas)" >&2; fi

# The json and ndjson outputs against examples/*.schema.json; fails when
# python3-jsonschema is missing (.ci/run runs it after tools/deps.sh).
check-schemas: $(BIN)
	@PARTNERCHECK=$(abspath $(BIN)) python3 tools/check_schemas.py

# The shipped rule sets' own tests: X.tests.json tests X.json, with every
# outcome covered and no untested boundary (partnercheck-rules(5), RULE
# TESTS).  The output is shown only when they fail.
RULE_TESTS = $(wildcard rules/*.tests.json examples/*.tests.json packs/*.tests.json)
rules-tests: $(BIN)
	@for t in $(RULE_TESTS); do \
		r=$${t%.tests.json}.json; \
		./$(BIN) rules test --coverage-min 100 --mutate $$r $$t \
			> $(BUILD)/rules-test.out 2>&1 || { \
			cat $(BUILD)/rules-test.out; \
			echo "failed: rules test $$r $$t" >&2; exit 1; }; \
	done; echo "rules-tests: $(words $(RULE_TESTS)) rule set(s) fully covered, no untested boundary"

# Every suite runs even after one fails, so one run shows every failure.
unit-and-e2e: $(BIN) $(TESTS)
	@failed=; for t in $(TESTS); do \
		PARTNERCHECK=$(abspath $(BIN)) $$t || failed="$$failed $$t"; \
	done; \
	bash tests/completion.sh $(abspath $(BIN)) || failed="$$failed tests/completion.sh"; \
	if command -v zsh >/dev/null; then \
		zsh tests/completion.zsh $(abspath $(BIN)) || failed="$$failed tests/completion.zsh"; \
	else echo "NOTE: zsh missing: the zsh completion was NOT tested (make check-zsh, after sh tools/deps.sh zsh)" >&2; fi; \
	if [ -n "$$failed" ]; then echo "failed:$$failed" >&2; exit 1; fi

# The zsh completion's test; fails when zsh is missing (.ci/run runs it
# after sh tools/deps.sh zsh installs it).
check-zsh: $(BIN)
	zsh tests/completion.zsh $(abspath $(BIN))

# The end-to-end cases under valgrind memcheck: any error or leak fails.
# Two shards run side by side, one per core.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect,possible \
	--show-leak-kinds=definite,indirect,possible \
	--suppressions=$(abspath tests/valgrind.supp)
valgrind: $(BIN) $(BUILD)/tests/check_e2e
	@set -e; \
	run() { CK_FORK=no PARTNERCHECK=$(abspath $(BIN)) \
		PARTNERCHECK_WRAPPER="$(VALGRIND)" PARTNERCHECK_CASE="$$1" \
		$(BUILD)/tests/check_e2e > $(BUILD)/valgrind-$$2.log 2>&1; }; \
	run '[a-h]*' 1 & p1=$$!; run '[i-z]*' 2 & p2=$$!; \
	s1=0; s2=0; wait $$p1 || s1=$$?; wait $$p2 || s2=$$?; \
	cat $(BUILD)/valgrind-1.log $(BUILD)/valgrind-2.log; \
	test $$s1 = 0 && test $$s2 = 0

# The HTML and DOT reports in the real tools (tools/browser/run.sh); needs
# what `sh tools/deps.sh browser` installs.  .ci/run runs it.
check-browser: $(BIN) $(BUILD)/genpool
	@sh tools/deps.sh browser
	@sh tools/browser/run.sh $(abspath $(BIN)) $(BUILD)/browser $(BUILD)/genpool

# The README's screenshot: the example consortium's check, top of the page.
screenshots: $(BIN)
	@sh tools/deps.sh browser
	@mkdir -p $(BUILD)/browser
	./$(BIN) check --as-of 2026-11-25 -f html examples/consortium.csv \
		> $(BUILD)/browser/readme.html || test $$? = 1
	node tools/browser/check.mjs --screenshot examples/html-report.png \
		$(BUILD)/browser/readme.html

demo: deps
	@$(MAKE) --no-print-directory $(BIN)
	./$(BIN) check examples/consortium.csv || true

# Every script's targets end in ok or MISSED; bench/summary.sh runs them
# and counts them in one closing line.
bench: $(BIN)
	sh bench/summary.sh bench/bench.sh bench/regex.sh bench/pipe.sh \
		bench/lineup.sh bench/pairs.sh

bench-lineup: $(BIN)
	sh bench/lineup.sh

bench-pipe: $(BIN)
	sh bench/pipe.sh

bench-pairs: $(BIN)
	sh bench/pairs.sh

conformance: $(BIN)
	sh tests/conformance.sh $(abspath $(BIN)) $(CORPORA)

# The CI formats validated by the tools CI reads them with: the schemas
# come from CORPORA (never copied here), the validators from
# 'sh tools/deps.sh ci-formats' (tap-parser into build-deps/).
CI_NODE_MODULES ?= $(abspath build-deps/node_modules)
check-ci-formats: $(BIN)
	sh tools/check-ci-formats.sh $(abspath $(BIN)) $(abspath $(CORPORA)) $(CI_NODE_MODULES)

fuzz:
	$(MAKE) -f fuzz/fuzz.mk FUZZ_SECONDS=$(FUZZ_SECONDS)

fuzz-ci:
	$(MAKE) -f fuzz/fuzz.mk ci

# Each pack's documentation is its rule file (rationale and citation on
# every rule) and its data dictionary, written by the program itself so
# that it cannot drift from the pack.
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(SCHEMADIR) \
		$(DESTDIR)$(PACKDOCDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/partnercheck
	install -m 644 man/partnercheck.1 $(DESTDIR)$(MANDIR)/man1/partnercheck.1
	install -m 644 man/partnercheck-rules.5 $(DESTDIR)$(MANDIR)/man5/partnercheck-rules.5
	install -m 644 completion/partnercheck.bash $(DESTDIR)$(BASHCOMPDIR)/partnercheck
	install -m 644 completion/_partnercheck $(DESTDIR)$(ZSHCOMPDIR)/_partnercheck
	install -m 644 $(wildcard examples/*.schema.json) $(DESTDIR)$(SCHEMADIR)
	install -m 644 $(PACKS:%=rules/%.json) $(wildcard rules/*.md) $(DESTDIR)$(PACKDOCDIR)
	for p in $(PACKS); do \
		./$(BIN) rules template -f markdown $$p > $(DESTDIR)$(PACKDOCDIR)/$$p.columns.md || exit 1; \
		chmod 644 $(DESTDIR)$(PACKDOCDIR)/$$p.columns.md; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/partnercheck $(DESTDIR)$(MANDIR)/man1/partnercheck.1 \
		$(DESTDIR)$(MANDIR)/man5/partnercheck-rules.5 \
		$(DESTDIR)$(BASHCOMPDIR)/partnercheck $(DESTDIR)$(ZSHCOMPDIR)/_partnercheck
	rm -rf $(DESTDIR)$(SCHEMADIR) $(DESTDIR)$(PACKDOCDIR)

# Every mandoc message down to style fails, except that the pages, not yet
# installed, cannot find each other in the manual database.
lint-man:
	@out=$$(mandoc -T lint man/partnercheck.1 man/partnercheck-rules.5 2>&1 | \
		grep -v -e 'referenced manual not found: Xr partnercheck' \
			-e 'outdated mandoc.db'); \
	if [ -n "$$out" ]; then echo "$$out" >&2; exit 1; fi; echo "man pages: lint clean"

cppcheck:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
		--std=c11 --inline-suppr -i tools/browser -Iinclude -Isrc src tests bench fuzz tools

# Both read the style from .clang-format at the top of the tree.
format:
	clang-format -i --style=file $(FORMAT_FILES)

format-check:
	clang-format --dry-run -Werror --style=file $(FORMAT_FILES)

metrics:
	@sh tools/metrics.sh

clean:
	rm -rf build build-san build-clang build-fuzz build-deps partnercheck
