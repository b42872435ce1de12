#!/bin/sh
# tools/metrics.sh: a few size and shape figures for the tree it is run in,
# normally as `make metrics` from the top of the tree:
#   - the 15 longest functions (lines from the name to the closing brace);
#   - the files over 800 lines;
#   - the 15 functions of highest cyclomatic complexity (pmccabe's modified
#     McCabe figure where Debian's pmccabe is installed, otherwise decision
#     points counted by awk: if, for, while, case, &&, ||, ?);
#   - how many pairs of places in src/ share six or more lines, by the
#     `duplicates` command, when it is on PATH.
# Always exits 0: the figures are for reading, not a gate.
#
# Functions are found the style(9) way: a definition is a line starting
# `name(` after the line holding its return type, and it ends at the next
# line that is a lone `}` in column one.

set -eu

FILES=$(ls src/*.c src/*.h include/*.h tests/*.c tests/*.h \
	fuzz/*.c fuzz/*.h tools/*.c bench/*.c 2>/dev/null || true)
CFILES=$(ls src/*.c tests/*.c fuzz/*.c tools/*.c bench/*.c 2>/dev/null || true)

# One line per function: length, file:function, and the awk complexity.
# Strings, character constants and comments are blanked before counting
# so that a '?' or "&&" in a message does not count.
functions() {
	# shellcheck disable=SC2086 # CFILES is a list of words
	awk '
	FNR == 1 { name = "" }
	/^[A-Za-z_][A-Za-z0-9_]*\(/ && !/;[ \t]*$/ {
		name = $0; sub(/\(.*/, "", name); start = FNR; cc = 1
		if (name == "START_TEST") {	# a Check test: name it by its argument
			name = $0; sub(/^START_TEST\([ \t]*/, "", name)
			sub(/[ \t]*\).*/, "", name)
		}
		next
	}
	name != "" && /^}/ {
		printf "%d %s:%s %d\n", FNR - start + 1, FILENAME, name, cc
		name = ""
		next
	}
	name != "" {
		line = $0
		gsub(/\\./, "", line)
		gsub(/"[^"]*"/, "\"\"", line)
		gsub(/\047[^\047]*\047/, "0", line)
		sub(/\/\*.*/, "", line)
		sub(/^[ \t]*\*.*/, "", line)
		cc += gsub(/(^|[^A-Za-z0-9_])(if|for|while|case)([^A-Za-z0-9_]|$)/, "&", line)
		cc += gsub(/&&|\|\||\?/, "&", line)
	}' $CFILES
}

echo "longest functions (lines, file:function)"
functions | sort -k1,1nr -k2 | head -15 | awk '{ printf "  %5d  %s\n", $1, $2 }'

echo
echo "files over 800 lines"
# shellcheck disable=SC2086
wc -l $FILES | awk '$2 != "total" && $1 > 800' | sort -k1,1nr |
	awk '{ printf "  %5d  %s\n", $1, $2; n++ } END { if (!n) print "  none" }'

echo
if command -v pmccabe >/dev/null 2>&1; then
	echo "cyclomatic complexity (pmccabe, modified McCabe; top 15)"
	# shellcheck disable=SC2086
	pmccabe $CFILES 2>/dev/null | sort -k1,1nr | head -15 |
		awk '{ loc = $6; sub(/\(.*/, "", loc); printf "  %5d  %s:%s\n", $1, loc, $7 }'
else
	echo "cyclomatic complexity (decision points + 1, by awk; top 15)"
	functions | sort -k3,3nr -k2 | head -15 | awk '{ printf "  %5d  %s\n", $3, $2 }'
fi

echo
if command -v duplicates >/dev/null 2>&1; then
	echo "duplicates in src/ (pairs of places sharing 6 or more lines)"
	duplicates --repo src --most 1 | head -1 | sed 's/^/  /'
else
	echo "duplicates in src/: the duplicates command is not on PATH"
fi
