#!/bin/sh
# bench/lineup.sh: speed of `partnercheck lineup`, run by `make bench` after
# bench/bench.sh.  Run from the top of the tree.
#
# 1. examples/pool.csv with the default rules: the exact optimum with the
#    why-excluded list for every candidate, and --top 5.
# 2. Seeded generated pools (tools/genpool): n in {50, 100, 300, 500} x
#    conflict density {sparse, medium, dense} x size up to 8 and up to 15;
#    prints the time, the nodes searched and the optimum.
# 3. Each generated instance also written with --write-lp and solved by
#    GLPK's glpsol and by COIN-OR's cbc (each when installed): both optima
#    and the time ratio; against cbc, where it needs a second or more, the
#    issue's target is at least 20 times faster.
#
# Every target line ends in ok or MISSED.  Exits 0 when a target is missed;
# 1 only when a run crashed, timed out without a target, or the two
# solvers disagree on an optimum both proved.
#
# Environment:
#   PARTNERCHECK   binary to measure (default ./partnercheck)
#   CC             compiler for the helpers (default cc)
#   BENCH_SEED     generator seed (default 20240601)
#   BENCH_TIMEOUT  seconds before a partnercheck run is killed (default 120)
#   GLPSOL_LIMIT   seconds glpsol may take per instance (default 60)
#   CBC_LIMIT      seconds cbc may take per instance (default 60)

set -eu

BIN=${PARTNERCHECK:-./partnercheck}
CC=${CC:-cc}
SEED=${BENCH_SEED:-20240601}
TIMEOUT=${BENCH_TIMEOUT:-120}
GLPSOL_LIMIT=${GLPSOL_LIMIT:-60}
CBC_LIMIT=${CBC_LIMIT:-60}
OUT=bench/out
CFLAGS_BENCH="-std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra"
AS_OF=2026-01-01

# Targets, seconds on one core.
POOL_SECS=1		# examples/pool.csv, with why-excluded
POOL_TOP5_SECS=2	# ... with --top 5
SMALL_SECS=1		# n <= 300, size <= 8
LARGE_SECS=10		# n = 500
RATIO=20		# at least this many times faster than the IP solver

if [ ! -x "$BIN" ]; then
	echo "bench: $BIN not found; run make first" >&2
	exit 1
fi
mkdir -p "$OUT"
# shellcheck disable=SC2086
$CC $CFLAGS_BENCH -o "$OUT/genpool" tools/genpool.c
# shellcheck disable=SC2086
$CC $CFLAGS_BENCH -o "$OUT/rusage" bench/rusage.c

failed=0
have_glpsol=0
command -v glpsol >/dev/null 2>&1 && have_glpsol=1
have_cbc=0
command -v cbc >/dev/null 2>&1 && have_cbc=1

# time_run FILE CMD...: runs CMD with its output in FILE; sets wall, cpu
# and status.
time_run() {
	f=$1
	shift
	"$OUT/rusage" -o "$OUT/lineup.time" -t "$TIMEOUT" "$@" > "$f" 2>/dev/null || true
	read -r wall cpu _ status < "$OUT/lineup.time"
}

verdict() { # verdict SECONDS LIMIT
	awk -v t="$1" -v l="$2" 'BEGIN { print (t + 0 < l + 0) ? "ok" : "MISSED" }'
}

value_of() { # the best value from an ndjson report, "none" or "-"
	v=$(sed -n 's/.*"kind":"summary".*"value":\([^,]*\),.*/\1/p' "$1")
	[ "$v" = null ] && v=none
	echo "${v:--}"
}

nodes_of() {
	n=$(sed -n 's/.*"kind":"summary".*"nodes":\([0-9]*\).*/\1/p' "$1")
	echo "${n:--}"
}

echo "lineup: examples/pool.csv (300 candidates, default rules)"
time_run "$OUT/pool.out" "$BIN" lineup --as-of $AS_OF -f ndjson examples/pool.csv
case $status in 0|1) ;; *) failed=1 ;; esac
printf '  %-34s %8ss  %-8s value %s  (target %ss)  %s\n' "optimum + why-excluded" \
	"$wall" "$(nodes_of "$OUT/pool.out")" "$(value_of "$OUT/pool.out")" \
	$POOL_SECS "$(verdict "$cpu" $POOL_SECS)"
time_run "$OUT/pool5.out" "$BIN" lineup --as-of $AS_OF --top 5 -f ndjson examples/pool.csv
case $status in 0|1) ;; *) failed=1 ;; esac
printf '  %-34s %8ss  %-8s value %s  (target %ss)  %s\n' "--top 5" "$wall" \
	"$(nodes_of "$OUT/pool5.out")" "$(value_of "$OUT/pool5.out")" \
	$POOL_TOP5_SECS "$(verdict "$cpu" $POOL_TOP5_SECS)"

echo
echo "lineup: generated pools (seed $SEED), cpu seconds; glpsol limit ${GLPSOL_LIMIT}s, cbc limit ${CBC_LIMIT}s"
printf '  %-7s %4s %5s %9s %9s %10s %9s %9s  %s\n' density n size seconds nodes \
	optimum glpsol cbc "targets"
[ $have_glpsol = 1 ] || echo "  (glpsol not installed: apt-get install glpk-utils to compare)"
[ $have_cbc = 1 ] || echo "  (cbc not installed: apt-get install coinor-cbc to compare)"
for density in sparse medium dense; do
	for n in 50 100 300 500; do
		pool="$OUT/lineup-$n-$density.csv"
		"$OUT/genpool" "$n" "$SEED" "$density" > "$pool"
		for size in 8 15; do
			lp="$OUT/lineup-$n-$density-$size.lp"
			rep="$OUT/lineup-$n-$density-$size.out"
			time_run "$rep" "$BIN" lineup --as-of $AS_OF --size "2..$size" \
				--write-lp "$lp" -f ndjson "$pool"
			ours=$(value_of "$rep")
			nodes=$(nodes_of "$rep")
			ourcpu=$cpu
			case $status in
			0|1) ;;
			timeout) ours=timeout ;;
			*) failed=1 ;;
			esac
			limit=
			if [ "$n" -le 300 ] && [ "$size" -le 8 ]; then
				limit=$SMALL_SECS
			elif [ "$n" -eq 500 ]; then
				limit=$LARGE_SECS
			fi
			if [ -n "$limit" ] && [ "$ours" = timeout ]; then
				target="<${limit}s MISSED"
			elif [ -n "$limit" ]; then
				target="<${limit}s $(verdict "$ourcpu" "$limit")"
			else
				target="-"
			fi
			theirs=-
			ratio=
			if [ $have_glpsol = 1 ] && [ -s "$lp" ]; then
				"$OUT/rusage" -o "$OUT/glpsol.time" -t $((GLPSOL_LIMIT + 30)) \
					glpsol --tmlim "$GLPSOL_LIMIT" --lp "$lp" \
					-o "$lp.sol" > /dev/null 2>&1 || true
				read -r _ gcpu _ _ < "$OUT/glpsol.time"
				st=$(sed -n 's/^Status: *//p' "$lp.sol" 2>/dev/null)
				case $st in
				"INTEGER OPTIMAL")
					theirs=$(sed -n 's/.*obj = *\([-0-9.e+]*\).*/\1/p' "$lp.sol" |
						awk '{ printf "%.1f", $1 / 10 }') ;;
				"INTEGER EMPTY") theirs=none ;;
				*) theirs="gave-up" ;;
				esac
				ratio=$(awk -v g="$gcpu" -v o="$ourcpu" 'BEGIN {
					if (o < 0.001) o = 0.001; printf "%.0fx", g / o }')
				if [ "$theirs" != gave-up ] && [ "$ours" != timeout ] &&
				   [ "$theirs" != "$ours" ]; then
					echo "  DISAGREE: $pool size $size: partnercheck $ours, glpsol $theirs" >&2
					failed=1
				fi
				# the ratio is a target where the IP solver needs
				# a second or more; below that both are instant
				target="$target; ${ratio} vs glpsol$(awk -v g="$gcpu" -v o="$ourcpu" -v r=$RATIO 'BEGIN {
					if (g < 1) exit; if (o < 0.001) o = 0.001
					print (g / o >= r) ? " ok" : " MISSED" }')"
			fi
			cbcv=-
			if [ $have_cbc = 1 ] && [ -s "$lp" ]; then
				rm -f "$lp.cbc"
				"$OUT/rusage" -o "$OUT/cbc.time" -t $((CBC_LIMIT + 30)) \
					cbc "$lp" sec "$CBC_LIMIT" solve solu "$lp.cbc" \
					> /dev/null 2>&1 || true
				read -r _ ccpu _ _ < "$OUT/cbc.time"
				case $(sed -n '1s/ - objective value.*//p' "$lp.cbc" 2>/dev/null) in
				Optimal)
					cbcv=$(sed -n '1s/.*objective value *\([-0-9.e+]*\).*/\1/p' "$lp.cbc" |
						awk '{ printf "%.1f", $1 / 10 }') ;;
				Infeasible) cbcv=none ;;
				*) cbcv=gave-up ;;
				esac
				if [ "$cbcv" != gave-up ] && [ "$ours" != timeout ] &&
				   [ "$cbcv" != "$ours" ]; then
					echo "  DISAGREE: $pool size $size: partnercheck $ours, cbc $cbcv" >&2
					failed=1
				fi
				# as for glpsol: a target where cbc needs a second
				# or more (gave-up counts its limit as its time)
				target="$target; $(awk -v g="$ccpu" -v o="$ourcpu" -v r=$RATIO 'BEGIN {
					if (o < 0.001) o = 0.001; printf "%.0fx vs cbc", g / o
					if (g < 1) exit
					print (g / o >= r) ? " ok" : " MISSED" }')"
			fi
			printf '  %-7s %4s %5s %9s %9s %10s %9s %9s  %s\n' "$density" "$n" \
				"$size" "$ourcpu" "$nodes" "$ours" "$theirs" "$cbcv" "$target"
		done
	done
done
exit $failed
