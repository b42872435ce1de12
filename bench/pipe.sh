#!/bin/sh
# bench/pipe.sh: output into a pipe against the same run into a file
# (issue: "every format and command into a pipe within 10% of the same run
# into a file").  Run from the top of the tree, normally by `make bench`.
#
# Each case runs partnercheck with its output to a regular file and then
# into `| cat > /dev/null`, REPS times each, and compares the fastest CPU
# time (user+system of partnercheck alone: one write(2) a line shows up as
# system time, and CPU time is what a loaded machine does not disturb) and
# the fastest wall time.  The target is on CPU time; wall is printed beside
# it.  Exits 0 when a target is missed (the line says MISSED), 1 only when
# a run failed.
#
# Environment: PARTNERCHECK (default ./partnercheck), CC, BENCH_SEED,
# PIPE_ROWS (screen pool, default 200000), PIPE_PAIRS (conflicts and check
# pool, default 2000), BENCH_REPS (default 3).

set -eu

BIN=${PARTNERCHECK:-./partnercheck}
CC=${CC:-cc}
SEED=${BENCH_SEED:-20240601}
ROWS=${PIPE_ROWS:-200000}
PAIRS=${PIPE_PAIRS:-2000}
REPS=${BENCH_REPS:-3}
OUT=bench/out
CFLAGS_BENCH="-std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra"
RATIO=1.10 # pipe CPU time / file CPU time

if [ ! -x "$BIN" ]; then
	echo "bench: $BIN not found; run make first" >&2
	exit 1
fi
mkdir -p "$OUT"
# shellcheck disable=SC2086 # CFLAGS_BENCH is a list of words
$CC $CFLAGS_BENCH -o "$OUT/genpool" tools/genpool.c
# shellcheck disable=SC2086
$CC $CFLAGS_BENCH -o "$OUT/rusage" bench/rusage.c
for n in "$ROWS" "$PAIRS"; do
	if [ ! -f "$OUT/pipe-$n.csv" ]; then
		"$OUT/genpool" "$n" "$SEED" > "$OUT/pipe-$n.tmp"
		mv "$OUT/pipe-$n.tmp" "$OUT/pipe-$n.csv"
	fi
done

failed=0
missed=0

# best WHERE CMD...: runs CMD REPS times with its output into WHERE (file or
# pipe); sets CPU and WALL to the fastest run's figures.
best() {
	where=$1
	shift
	CPU="" WALL=""
	i=0
	while [ "$i" -lt "$REPS" ]; do
		i=$((i + 1))
		if [ "$where" = file ]; then
			"$OUT/rusage" -o "$OUT/pipe.time" "$@" > "$OUT/pipe.out" \
				2> /dev/null || true
		else
			{ "$OUT/rusage" -o "$OUT/pipe.time" "$@" 2> /dev/null ||
				true; } | cat > /dev/null
		fi
		read -r w c m s < "$OUT/pipe.time"
		case $s in
		0 | 1) ;;
		*) echo "  run failed (status $s): $*" >&2; failed=1; return ;;
		esac
		if [ -z "$CPU" ] || awk "BEGIN { exit !($c < $CPU) }"; then
			CPU=$c
		fi
		if [ -z "$WALL" ] || awk "BEGIN { exit !($w < $WALL) }"; then
			WALL=$w
		fi
	done
	rm -f "$OUT/pipe.out"
}

echo "pipe vs file: fastest of $REPS runs, CPU seconds of partnercheck (wall in brackets)"
printf '  %-40s %16s %16s %7s\n' case file pipe ratio
run_case() {
	label=$1
	shift
	best file "$@"
	fc=$CPU fw=$WALL
	best pipe "$@"
	pc=$CPU pw=$WALL
	ratio=$(awk -v p="$pc" -v f="$fc" 'BEGIN { printf "%.2f", (f > 0 ? p / f : 1) }')
	verdict=ok
	if awk "BEGIN { exit !($ratio > $RATIO) }"; then
		verdict=MISSED
		missed=$((missed + 1))
	fi
	printf '  %-40s %6.2f (%6.2f) %6.2f (%6.2f) %7s  <= %s %s\n' "$label" \
		"$fc" "$fw" "$pc" "$pw" "$ratio" "$RATIO" "$verdict"
}

big=$OUT/pipe-$ROWS.csv
small=$OUT/pipe-$PAIRS.csv
for f in ndjson text csv tsv json markdown; do
	run_case "screen -f $f ($ROWS rows)" "$BIN" screen -f "$f" "$big"
done
for f in ndjson text csv; do
	run_case "conflicts --severity info -f $f ($PAIRS)" \
		"$BIN" conflicts --severity info -f "$f" "$small"
done
run_case "check -f ndjson ($PAIRS)" "$BIN" check -f ndjson "$small"
echo "pipe targets missed: $missed"
exit "$failed"
