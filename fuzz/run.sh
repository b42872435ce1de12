#!/bin/sh
# Runs one fuzz target: fuzz/run.sh OUT TARGET SECONDS [libFuzzer flags...]
# Corpus OUT/corpus-TARGET (seeds from fuzz/seeds.sh, new units kept
# there too), crashes saved as OUT/artifacts/TARGET-crash-..., the log in
# OUT/TARGET.log.  Prints "fuzz: TARGET ran N s, M executions" and exits
# non-zero if libFuzzer found anything.
#
# FUZZ_CORPUS and FUZZ_LOG name another corpus directory and log.  With
# FUZZ_RUNS set, the target runs that many inputs from random seed
# FUZZ_SEED (default 1) instead of for SECONDS: the same inputs on every
# machine, so a run that passed here passes in CI (see fuzz/fuzz.mk).
set -u

out=$1
t=$2
secs=$3
shift 3
log=${FUZZ_LOG:-$out/$t.log}

corpus=${FUZZ_CORPUS:-$out/corpus-$t}
mkdir -p "$corpus" "$out/artifacts"
if [ -n "${FUZZ_RUNS-}" ]; then
	set -- -runs="$FUZZ_RUNS" -seed="${FUZZ_SEED:-1}" "$@"
else
	set -- -max_total_time="$secs" "$@"
fi
start=$(date +%s)
"$out/$t" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" "$@" \
	"$corpus" > "$log" 2>&1
rc=$?
end=$(date +%s)

# "Done 123456 runs in 60 second(s)" ends a clean run; after a crash only
# the final stats (printed on exit by -print_final_stats) may be there.
runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
s=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p' "$log" | tail -n 1)
[ -n "$runs" ] || runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
[ -n "$s" ] || s=$((end - start))
echo "fuzz: $t ran ${s} s, ${runs:-?} executions"
if [ "$rc" -ne 0 ]; then
	echo "fuzz: $t FAILED (exit $rc); log: $log" >&2
	grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*assertion failed|artifact_prefix|Test unit written|ALARM|==[0-9]+== ERROR)' "$log" | head -n 20 >&2
	exit 1
fi
