#!/bin/sh
# bench/regex.sh: the `matches` engine (regex_dfa).  Run from the top of
# the tree, normally by `make bench` after bench/bench.sh.
#
# Table 1: CPU time per byte of one match over a text of 1 KiB, 16 KiB,
# 256 KiB and 1 MiB, for expressions glibc's regexec took quadratic time
# on ("[0-9]+$" on digits ending in a letter: 26 s for 50,000 characters)
# and a few others.  Linear time means a flat row: "ok" when the largest
# ns/byte of the row is under twice the smallest, else MISSED.
#
# Table 2: 200 `matches` checks over ROWS rows, `partnercheck screen`
# against a Python `re` loop over the same rows and patterns
# (bench/regex_rows.py).  Both are CPU seconds, and partnercheck's
# include everything (start, rule loading, CSV parsing, verdicts, output)
# while Python's are the loop alone, so the ratio understates the engine's
# lead.  "ok" when partnercheck is at least 2x faster.
#
# Exits 0 when a target is missed (the line says MISSED); exits 1 only
# when something crashed or could not run.
#
# Environment:
#   PARTNERCHECK        binary to measure (default ./partnercheck)
#   CC                  compiler for the helpers (default cc)
#   BENCH_REGEX_ROWS    rows of table 2 (default 20000)
#   BENCH_REPS          repetitions of the partnercheck run (default 5)

set -eu

BIN=${PARTNERCHECK:-./partnercheck}
CC=${CC:-cc}
ROWS=${BENCH_REGEX_ROWS:-20000}
REPS=${BENCH_REPS:-5}
OUT=bench/out
CFLAGS_BENCH="-std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Iinclude"

if [ ! -x "$BIN" ]; then
	echo "bench: $BIN not found; run make first" >&2
	exit 1
fi
mkdir -p "$OUT"
# shellcheck disable=SC2086 # CFLAGS_BENCH is a list of words
$CC $CFLAGS_BENCH -o "$OUT/regex" bench/regex.c src/regex_dfa.c \
	src/regex_nfa.c src/regex_parse.c src/regex_uclass.c src/xalloc.c \
	src/diag.c
# shellcheck disable=SC2086
$CC $CFLAGS_BENCH -o "$OUT/rusage" bench/rusage.c

crashed=0
missed=0

echo
echo "regex: ns/byte of one match, by text size (flat: max/min under 2)"
printf '  %-26s %-9s %9s %9s %9s %9s  %s\n' pattern text 1KiB 16KiB \
	256KiB 1MiB flat
# text kind (see bench/regex.c), then the pattern
while read -r kind pat; do
	row="" lo="" hi=""
	for size in 1024 16384 262144 1048576; do
		if ! r=$("$OUT/regex" "$pat" "$kind" "$size"); then
			crashed=$((crashed + 1))
			r="error 0"
		fi
		ns=${r% *}
		row="$row $(printf '%9s' "$ns")"
		if [ "$ns" != error ]; then
			lo=$(awk -v a="$ns" -v b="${lo:-$ns}" 'BEGIN { print (a < b ? a : b) }')
			hi=$(awk -v a="$ns" -v b="${hi:-$ns}" 'BEGIN { print (a > b ? a : b) }')
		fi
	done
	if [ -n "$lo" ] && awk -v a="$hi" -v b="$lo" 'BEGIN { exit !(a < 2 * b) }'; then
		flat=ok
	else
		flat=MISSED
		missed=$((missed + 1))
	fi
	printf '  %-26s %-9s%s  %s\n' "$pat" "$kind" "$row" "$flat"
done <<'EOF_PATTERNS'
digits-x [0-9]+$
a-b a+$
a-bang ^(a+)+$
a-b (a|aa)+$
words [[:alpha:]]+[0-9]$
words ^[[:alpha:] ]+$
words (é|ü)[a-z]+ [A-Z]{2}
words .*.*=.*
EOF_PATTERNS

echo
echo "regex: 200 matches checks over $ROWS rows, CPU seconds (target: 2x Python re)"
python3 bench/regex_rows.py make "$ROWS" 1 "$OUT"
if ! py=$(python3 bench/regex_rows.py run "$OUT"); then
	echo "  python3 bench/regex_rows.py failed"
	exit 1
fi
py=${py% *}
best=""
i=0
while [ "$i" -lt "$REPS" ]; do
	i=$((i + 1))
	"$OUT/rusage" -o "$OUT/last.time" "$BIN" screen -r "$OUT/rules.json" \
		-f csv "$OUT/rows.csv" > /dev/null
	read -r _ cpu _ status < "$OUT/last.time"
	case $status in
	0 | 1) ;;
	*) echo "  partnercheck: exit $status"; crashed=$((crashed + 1)); break ;;
	esac
	if [ -z "$best" ] || awk -v a="$cpu" -v b="$best" 'BEGIN { exit !(a < b) }'; then
		best=$cpu
	fi
done
if [ -n "$best" ]; then
	ratio=$(awk -v p="$py" -v c="$best" 'BEGIN { printf "%.1f", p / (c > 0 ? c : 0.001) }')
	if awk -v r="$ratio" 'BEGIN { exit !(r >= 2) }'; then
		verdict=ok
	else
		verdict=MISSED
		missed=$((missed + 1))
	fi
	printf '  partnercheck screen %ss, python re loop %ss: %sx  %s\n' \
		"$best" "$py" "$ratio" "$verdict"
fi

echo
echo "regex: $missed target(s) missed, $crashed failure(s)"
[ "$crashed" = 0 ]
