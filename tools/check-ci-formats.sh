#!/bin/sh
# Validates the CI formats against their schemas and parsers, over the
# shipped examples and every end-to-end case that has a rule file and a
# CSV file (the hostile-names cases among them): -f sarif with
# python3-jsonschema against the OASIS schema, -f junit with xmllint
# against the Ant JUnit schema, -f tap with tap-parser (TAP version 14).
# Also lineup's outputs, and rules lint -f sarif over the rule files.  The
# schemas are read from CORPORA and never copied.  Every tool must be there: a missing one fails.
#   sh tools/check-ci-formats.sh PARTNERCHECK CORPORA NODE_MODULES
set -eu
pc=$1
corpora=$2
node_modules=$3
sarif_schema=$corpora/sarif/sarif-schema-2.1.0.json
junit_schema=$corpora/junit/JUnit.xsd
for f in "$sarif_schema" "$junit_schema"; do
	[ -f "$f" ] || { echo "check-ci-formats: $f: no such file" >&2; exit 1; }
done
# Debian's python3, which tools/deps.sh gives python3-jsonschema, before
# any other on PATH.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
for t in $py xmllint node; do
	command -v $t >/dev/null || { echo "check-ci-formats: $t not found (run sh tools/deps.sh ci-formats)" >&2; exit 1; }
done
[ -d "$node_modules/tap-parser" ] ||
	{ echo "check-ci-formats: $node_modules/tap-parser not found (run sh tools/deps.sh ci-formats)" >&2; exit 1; }
root=$(pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=0

# run NAME DIR COMMANDS ARGS...: each command and format over one input,
# in DIR; exit status 0 or 1 is a report, and 3 (lineup: not proven
# optimal), 2 (an input error) writes none.
run() {
	name=$1 dir=$2 cmds=$3
	shift 3
	for cmd in $cmds; do
		for f in sarif junit tap; do
			n=$((n + 1))
			ext=$f; [ $f = junit ] && ext=xml
			rc=0
			(cd "$dir" && "$pc" $cmd -f $f --as-of 2026-01-01 "$@") \
				> "$out/$name.$cmd.$ext" 2>/dev/null || rc=$?
			if [ $rc -eq 2 ] || [ $rc -gt 3 ]; then
				rm -f "$out/$name.$cmd.$ext"
			fi
		done
	done
}

all="screen check conflicts"
run consortium "$root/examples" "$all" consortium.csv
run every-feature "$root/examples" "$all" -r every-feature.json every-feature.csv
run ccni "$root/examples" screen -r ccni-register.json \
	"$corpora/real-orgs/ccni-register-2020-06-30.csv"
# --baseline marks known findings (sarif baselineState, a skipped junit
# case, a tap TODO), known and new among them in this case
b=$root/tests/cases/baseline-known-every-format
"$pc" check -f json --as-of 2026-01-01 -r "$b/rules.json" \
	-o "$out/last-month.json" "$b/last-month.csv" 2>/dev/null || [ $? = 1 ]
run baseline "$b" "$all" -r rules.json --baseline "$out/last-month.json" partners.csv
# check has every section: one run a case is enough
for d in "$root"/tests/cases/*/; do
	[ -f "$d/rules.json" ] || continue
	csv=$(cd "$d" && ls ./*.csv 2>/dev/null | head -n 1)
	[ -n "$csv" ] || continue
	run "$(basename "$d")" "$d" check -r rules.json "$csv"
done
# lineup over the example pool and the lineup and hostile-names cases
# (its own results: members, why-out, no line-up, not proven)
run pool "$root/examples" lineup pool.csv
run pool-infeasible "$root/examples" lineup --size 40 pool.csv
run pool-unproven "$root/examples" lineup --max-nodes 100 pool.csv
for d in "$root"/tests/cases/lineup-*/ "$root"/tests/cases/ci-hostile-*/; do
	[ -f "$d/rules.json" ] || continue
	csv=$(cd "$d" && ls ./*.csv 2>/dev/null | head -n 1)
	[ -n "$csv" ] || continue
	run "lineup-$(basename "$d")" "$d" lineup -r rules.json "$csv"
done
# rules lint -f sarif over the shipped rule files and the lint cases'
for r in "$root"/rules/*.json "$root"/examples/*.json \
	"$root"/tests/cases/*lint*/*.json "$root"/tests/cases/error-rules*/*.json \
	"$root"/tests/cases/hostile-rules*/*.json; do
	[ -f "$r" ] || continue
	case $r in *schema.json) continue ;; esac
	name=$(echo "$r" | sed "s|$root/||; s|/|_|g")
	"$pc" rules lint -f sarif "$r" > "$out/lint-$name.sarif" 2>/dev/null || true
done

$py - "$sarif_schema" "$out" <<'PY'
import glob, json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
check = jsonschema.Draft4Validator(schema)
files = sorted(glob.glob(sys.argv[2] + "/*.sarif"))
bad = 0
for f in files:
    try:
        doc = json.load(open(f, encoding="utf-8"))
    except ValueError as e:
        print(f"{f}: not JSON: {e}", file=sys.stderr)
        bad += 1
        continue
    for e in check.iter_errors(doc):
        print(f"{f}: {'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
        bad += 1
if bad or not files:
    sys.exit(1)
print(f"sarif: {len(files)} files valid against the SARIF 2.1.0 schema")
PY
xmllint --noout --schema "$junit_schema" "$out"/*.xml 2> "$out/xmllint.log" ||
	{ grep -v ' validates$' "$out/xmllint.log" >&2; exit 1; }
echo "junit: $(ls "$out"/*.xml | wc -l) files valid against JUnit.xsd"
NODE_PATH=$node_modules node "$root/tools/check_tap.js" "$out"/*.tap
