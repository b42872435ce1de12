#!/bin/sh
# bench/summary.sh: runs the benchmark scripts named as arguments, one
# after the other, showing their output as it comes, and ends with one
# line over all of them: how many targets were met and how many MISSED,
# then the rows that missed.  `make bench` runs every script through it.
#
# A target is a word "ok" or "MISSED" (or "TIMEOUT") in a table row, a
# line that starts with two spaces: every script prints its targets so,
# and its closing line without them.  Exits 1 when a script failed (it
# crashed, or a run could not complete), else 0, missed targets or not.
#
# Environment: as for each script (PARTNERCHECK, CC, BENCH_*).

set -u

OUT=bench/out
mkdir -p "$OUT"
failed=""
logs=""
for script in "$@"; do
	name=$(basename "$script" .sh)
	log=$OUT/summary-$name.log
	# The script's status travels through a file: the pipe to tee
	# would hide it.
	{ sh "$script"; echo $? > "$log.status"; } 2>&1 | tee "$log"
	if [ "$(cat "$log.status")" != 0 ]; then
		failed="$failed $name"
	fi
	logs="$logs $log"
done

echo
# shellcheck disable=SC2086 # logs is a list of paths without blanks
awk '
	/^  / {
		n = split($0, w, /[^A-Za-z]+/)
		hit = 0
		for (i = 1; i <= n; i++) {
			if (w[i] == "ok")
				met++
			else if (w[i] == "MISSED" || w[i] == "TIMEOUT") {
				miss++
				hit = 1
			}
		}
		if (hit) {
			f = FILENAME
			sub(/.*summary-/, "", f)
			sub(/\.log$/, "", f)
			rows = rows "  " f ":" $0 "\n"
		}
	}
	END {
		printf "bench summary: %d target(s), %d met, %d MISSED\n",
			met + miss, met, miss
		printf "%s", rows
	}' $logs
if [ -n "$failed" ]; then
	echo "bench summary: failed to run:$failed"
	exit 1
fi
exit 0
