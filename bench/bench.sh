#!/bin/sh
# bench/bench.sh: speed and memory benchmark for partnercheck.  Run from the
# top of the tree, normally as `make bench`.
#
# Builds the pool generator (tools/genpool.c), a bare libcsv parser
# (bench/csvparse.c, the ceiling for the input side) and a timer
# (bench/rusage.c) into bench/out/, generates candidate pools there, and
# prints one table for `screen` (rows/s against the bare parse) and one for
# `conflicts` and `check` (pairs/s).  Exits 0 when a target is missed (the
# line says MISSED); exits 1 only when a command crashed or could not run.
#
# The timer is bench/rusage.c rather than GNU time: %e has 10 ms resolution,
# a tenth of the 100,000-row run, and the wrapper can also kill a run that
# exceeds BENCH_TIMEOUT.  Each run but the largest pair runs is repeated and
# the fastest kept, which filters out noise from other processes on a shared
# machine; the CPU time of that run is printed beside it.
#
# Environment:
#   PARTNERCHECK   binary to measure (default ./partnercheck)
#   CC             compiler for the helpers (default cc)
#   BENCH_SEED     generator seed (default 20240601)
#   BENCH_ROWS     pool sizes for screen (default "100000 1000000")
#   BENCH_PAIRS    pool sizes for conflicts and check (default "1000 5000 20000")
#   BENCH_REPS     repetitions of each short run (default 5)
#   BENCH_TIMEOUT  seconds before a run is killed (default 120)

set -eu

BIN=${PARTNERCHECK:-./partnercheck}
CC=${CC:-cc}
SEED=${BENCH_SEED:-20240601}
ROWS=${BENCH_ROWS:-100000 1000000}
PAIRS=${BENCH_PAIRS:-1000 5000 20000}
REPS=${BENCH_REPS:-5}
TIMEOUT=${BENCH_TIMEOUT:-120}
OUT=bench/out
CFLAGS_BENCH="-std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra"

# Targets.
SCREEN_RATE=1000000	# rows/s
SCREEN_RATIO=0.5	# partnercheck rate / bare parse rate (within 2x)
MEMORY_SLACK_KIB=1024	# peak RSS growth allowed from the smallest pool
CONFLICTS_N=5000	# conflicts --severity fail -f ndjson over this many ...
CONFLICTS_SECS=2	# ... candidates in under this many seconds

if [ ! -x "$BIN" ]; then
	echo "bench: $BIN not found; run make first" >&2
	exit 1
fi
mkdir -p "$OUT"

# shellcheck disable=SC2086 # CFLAGS_BENCH is a list of words
$CC $CFLAGS_BENCH -o "$OUT/genpool" tools/genpool.c
# shellcheck disable=SC2086
$CC $CFLAGS_BENCH -o "$OUT/csvparse" bench/csvparse.c -lcsv
# shellcheck disable=SC2086
$CC $CFLAGS_BENCH -o "$OUT/rusage" bench/rusage.c

# Pools are kept between runs while the generator and the seed are the same.
stamp="$(cksum < tools/genpool.c) seed $SEED"
if [ ! -f "$OUT/pool.stamp" ] || [ "$(cat "$OUT/pool.stamp")" != "$stamp" ]; then
	rm -f "$OUT"/pool-*.csv
	printf '%s\n' "$stamp" > "$OUT/pool.stamp"
fi

# pool N: the path of a pool of N candidates, generated if need be.
pool() {
	p="$OUT/pool-$1.csv"
	if [ ! -f "$p" ]; then
		"$OUT/genpool" "$1" "$SEED" > "$p.tmp"
		mv "$p.tmp" "$p"
	fi
	echo "$p"
}

crashed=0
missed=0

# measure REPS CMD...: runs CMD REPS times, output to /dev/null, and sets
# WALL (fastest run), CPU (its user+system time), RSS (largest peak, KiB)
# and STATUS ("ok", or what went wrong).  Exit 1 from partnercheck means
# "a partner failed", which is expected here.
measure() {
	reps=$1
	shift
	WALL="" CPU="" RSS=0 STATUS=ok
	i=0
	while [ "$i" -lt "$reps" ]; do
		i=$((i + 1))
		if ! "$OUT/rusage" -o "$OUT/last.time" -t "$TIMEOUT" "$@" \
			> /dev/null 2> "$OUT/last.err"; then
			STATUS=error
			return
		fi
		read -r w c m s < "$OUT/last.time"
		case $s in
		0 | 1) ;;
		timeout) STATUS=TIMEOUT; WALL=$w CPU=$c RSS=$m; return ;;
		*) STATUS="ERROR(exit $s)"; return ;;
		esac
		if [ -z "$WALL" ] || awk "BEGIN { exit !($w < $WALL) }"; then
			WALL=$w CPU=$c
		fi
		if [ "$m" -gt "$RSS" ]; then
			RSS=$m
		fi
	done
}

# fmt N: N rounded, with thousands separators.
fmt() {
	awk -v n="$1" 'BEGIN {
		s = sprintf("%.0f", n); o = ""
		while (length(s) > 3) {
			o = "," substr(s, length(s) - 2) o
			s = substr(s, 1, length(s) - 3)
		}
		print s o
	}'
}

mib() {
	awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'
}

# report_failure LABEL: notes a run that did not complete.
report_failure() {
	printf '  %-28s %s\n' "$1" "$STATUS"
	if [ "$STATUS" = TIMEOUT ]; then
		missed=$((missed + 1))
	else
		crashed=$((crashed + 1))
		sed 's/^/    | /' "$OUT/last.err" | head -5
	fi
}

cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
echo "partnercheck benchmark: $BIN, seed $SEED, $cpus CPUs${model:+, $model}"
echo "wall_s: fastest of $REPS runs (1 run above 5,000 candidates); cpu_s: user+sys of that run; peak_rss: ru_maxrss"
echo

# The rate targets are the issue's for the largest pool (a million rows);
# the smaller pool is there to show that memory stays flat, which is
# checked on the largest: its peak RSS may exceed the smallest pool's by
# at most MEMORY_SLACK_KIB.
largest=$(for n in $ROWS; do echo "$n"; done | sort -n | tail -1)
smallest=$(for n in $ROWS; do echo "$n"; done | sort -n | head -1)
echo "screen (targets on $(fmt "$largest") rows: >= $(fmt "$SCREEN_RATE") rows/s, within 2x of the bare libcsv parse, memory as at $(fmt "$smallest") rows)"
printf '  %-28s %9s %8s %8s %12s %10s %7s  %s\n' \
	command rows wall_s cpu_s rows/s peak_rss vs_parse verdict
for n in $ROWS; do
	file=$(pool "$n")
	measure "$REPS" "$OUT/csvparse" "$file"
	if [ "$STATUS" != ok ]; then
		report_failure "bare libcsv parse"
		continue
	fi
	ceiling=$(awk -v n="$n" -v t="$WALL" 'BEGIN { print n / t }')
	printf '  %-28s %9s %8.3f %8.3f %12s %10s %7s  %s\n' \
		"bare libcsv parse" "$(fmt "$n")" "$WALL" "$CPU" \
		"$(fmt "$ceiling")" "$(mib "$RSS")" "1.00x" ceiling
	for f in csv ndjson; do
		label="screen -f $f"
		measure "$REPS" "$BIN" screen -f "$f" "$file"
		if [ "$STATUS" != ok ]; then
			report_failure "$label"
			continue
		fi
		rate=$(awk -v n="$n" -v t="$WALL" 'BEGIN { print n / t }')
		ratio=$(awk -v r="$rate" -v c="$ceiling" 'BEGIN { printf "%.2f", r / c }')
		verdict=
		if [ "$n" = "$smallest" ]; then
			eval "base_rss_$f=\$RSS"
		fi
		if [ "$n" != "$largest" ]; then
			verdict=-
		else
			if awk "BEGIN { exit !($rate < $SCREEN_RATE) }"; then
				verdict="MISSED rate"
			fi
			if awk "BEGIN { exit !($ratio < $SCREEN_RATIO) }"; then
				verdict="${verdict:+$verdict, }MISSED 2x"
			fi
			eval "base=\$base_rss_$f"
			if [ "$RSS" -gt $((base + MEMORY_SLACK_KIB)) ]; then
				verdict="${verdict:+$verdict, }MISSED memory"
			fi
			if [ -n "$verdict" ]; then
				missed=$((missed + 1))
			else
				verdict=ok
			fi
		fi
		printf '  %-28s %9s %8.3f %8.3f %12s %10s %6sx  %s\n' \
			"$label" "$(fmt "$n")" "$WALL" "$CPU" "$(fmt "$rate")" \
			"$(mib "$RSS")" "$ratio" "$verdict"
	done
done
echo

echo "pairs (target: conflicts --severity fail -f ndjson over $(fmt "$CONFLICTS_N") candidates in < ${CONFLICTS_SECS} s)"
printf '  %-28s %9s %13s %8s %8s %12s %10s  %s\n' \
	command candidates pairs wall_s cpu_s pairs/s peak_rss verdict
for n in $PAIRS; do
	file=$(pool "$n")
	reps=$REPS
	if [ "$n" -gt 5000 ]; then
		reps=1
	fi
	npairs=$(awk -v n="$n" 'BEGIN { printf "%.0f", n * (n - 1) / 2 }')
	for cmd in conflicts check; do
		label="$cmd --severity fail"
		measure "$reps" "$BIN" "$cmd" --severity fail -f ndjson "$file"
		if [ "$STATUS" != ok ]; then
			report_failure "$label"
			continue
		fi
		rate=$(awk -v p="$npairs" -v t="$WALL" 'BEGIN { print p / t }')
		verdict=-
		if [ "$cmd" = conflicts ] && [ "$n" -eq "$CONFLICTS_N" ]; then
			if awk "BEGIN { exit !($WALL < $CONFLICTS_SECS) }"; then
				verdict=ok
			else
				verdict=MISSED
				missed=$((missed + 1))
			fi
		fi
		printf '  %-28s %9s %13s %8.3f %8.3f %12s %10s  %s\n' \
			"$label" "$(fmt "$n")" "$(fmt "$npairs")" "$WALL" "$CPU" \
			"$(fmt "$rate")" "$(mib "$RSS")" "$verdict"
	done
done
echo

if [ "$crashed" -gt 0 ]; then
	echo "bench: $crashed run(s) FAILED to complete"
	exit 1
fi
if [ "$missed" -gt 0 ]; then
	echo "bench: $missed target(s) MISSED"
else
	echo "bench: all targets met"
fi
exit 0
