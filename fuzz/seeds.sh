#!/bin/sh
# Builds the seed corpora of the fuzz targets: fuzz/seeds.sh OUT CORPORA
# writes the seeds of each target as OUT/corpus-TARGET/seed-N, from the
# repository's examples, rules and test cases, and from CORPORA
# (json-test-suite, csv-spectrum, real-orgs) when that directory exists.
# Seeds are replaced on every run; the units libFuzzer adds to the same
# directories (named by their SHA-1) are kept.  None of it is committed.
set -eu

out=$1
corpora=${2-}
n=0

for t in csvread rules value pipeline regex; do
	mkdir -p "$out/corpus-fuzz_$t"
	find "$out/corpus-fuzz_$t" -name 'seed-*' -exec rm -f {} +
done

# CSV inputs, one path a line; the real register is cut to its first rows
# so that a seed fits the targets' -max_len (and still crosses the csv
# reader's 64 KiB block).
# Inputs over 1 MiB (generated stress cases) would only be truncated.
small() {
	[ -f "$1" ] && [ "$(wc -c < "$1")" -le 1048576 ]
}
csvs=$out/seed-csvs.txt
jsons=$out/seed-jsons.txt
: > "$csvs"
: > "$jsons"
for f in examples/*.csv tests/cases/*/*.csv tests/cases/*/*.tsv \
	 tests/data/*.csv tests/data/*.tsv; do
	small "$f" && echo "$f" >> "$csvs"
done
for f in examples/*.json rules/*.json tests/cases/*/*.json tests/data/*.json; do
	small "$f" && echo "$f" >> "$jsons"
done
real=
if [ -d "$corpora" ]; then
	for f in "$corpora"/csv-spectrum/csvs/*.csv; do
		small "$f" && echo "$f" >> "$csvs"
	done
	for f in "$corpora"/real-orgs/*.csv; do
		[ -f "$f" ] || continue
		real=$out/seed-real-orgs.csv
		head -n 180 "$f" > "$real"
		echo "$real" >> "$csvs"
		# Fewer rows for the pipeline, whose every row goes through six
		# emitters.
		head -n 40 "$f" > "$out/seed-real-orgs-40.csv"
	done
fi

# csvread: an options byte (see fuzz/fuzz_csvread.c), then the file:
# comma, semicolon and tab in UTF-8; comma in Windows-1252; comma with
# an 8-byte field limit.
while read -r f; do
	for b in 000 001 002 004 020; do
		n=$((n + 1))
		{ printf "\\$b"; cat "$f"; } > "$out/corpus-fuzz_csvread/seed-$n"
	done
done < "$csvs"

# rules: every JSON file as it is, plus the JSON test suite.
while read -r f; do
	n=$((n + 1))
	cp "$f" "$out/corpus-fuzz_rules/seed-$n"
done < "$jsons"
if [ -d "$corpora/json-test-suite" ]; then
	for f in "$corpora"/json-test-suite/*.json; do
		n=$((n + 1))
		cp "$f" "$out/corpus-fuzz_rules/seed-$n"
	done
fi

# pipeline: RULES NUL CSV for the rule sets and the data written for them,
# every CSV alone (default rules), and every rule set over the example
# consortium.
pair() {
	n=$((n + 1))
	{ cat "$1"; printf '\000'; cat "$2"; } > "$out/corpus-fuzz_pipeline/seed-$n"
}
pair rules/collaborate.json examples/consortium.csv
pair examples/every-feature.json examples/every-feature.csv
[ -n "$real" ] && pair rules/ccni-register.json "$out/seed-real-orgs-40.csv"
for d in tests/cases/*/; do
	small "$d/rules.json" || continue
	for f in "$d"/*.csv "$d"/*.tsv; do
		small "$f" && pair "$d/rules.json" "$f"
	done
done
while read -r f; do
	[ "$f" = "$real" ] && continue
	n=$((n + 1))
	cp "$f" "$out/corpus-fuzz_pipeline/seed-$n"
done < "$csvs"
while read -r f; do
	pair "$f" examples/consortium.csv
done < "$jsons"

# value: a type byte and a variant byte (see fuzz/fuzz_value.c), then a
# cell: hand-picked cells of every type, then the cells of the examples.
# Types: 0 string 1 integer 2 number 3 money 4 percent 5 boolean
# 6 ordinal 7 enum 8 list 9 date.
cell() {
	n=$((n + 1))
	{ printf "\\$1\\$2"; printf '%s' "$3"; } > "$out/corpus-fuzz_value/seed-$n"
}
cell 000 000 'Haven Housing Trust'
cell 001 000 '-42'
cell 001 000 '+0012'
cell 002 000 '1.5e-3'
cell 002 000 '.5'
cell 003 000 '£1,250,000'
cell 003 000 '-$12.50'
cell 003 000 '$-12.50'
cell 003 000 '(1,250)'
cell 003 000 '€ 3.20'
cell 004 000 '45%'
cell 004 000 '4.5 %'
cell 005 000 'Yes'
cell 005 000 'n'
cell 006 000 'B'
cell 007 010 'up-to-date'
cell 010 000 'hr; finance ;;it'
cell 010 001 'a,b, c'
cell 010 003 'x / y / z'
cell 011 000 '2024-02-29'
cell 011 001 '13/12/2013'
cell 011 002 '31 March 2019'
cell 011 003 'Feb 29, 2023'
cell 011 004 '2019/3/1'
cell 011 060 'DD.MM.YYYY
01.02.2003'
cell 000 020 "$(printf 'Mart\355n it\222s \200 5')"
awk -F'[,;]' 'FNR > 1 { for (i = 1; i <= NF; i++) print $i }' \
	examples/*.csv | sort -u | head -n 400 > "$out/seed-cells.txt"
while IFS= read -r c; do
	case $c in
	*[0-9][0-9]/[0-9][0-9]/[0-9][0-9][0-9][0-9]*) t=011 v=001 ;;
	*[0-9]-[0-9][0-9]-[0-9]*) t=011 v=000 ;;
	*%) t=004 v=000 ;;
	*£*|*\$*|*€*) t=003 v=000 ;;
	*[!0-9.+-]*) t=010 v=000 ;;
	*.*) t=002 v=000 ;;
	*) t=001 v=000 ;;
	esac
	cell "$t" "$v" "$c"
done < "$out/seed-cells.txt"

# regex: PATTERN NUL TEXT, from the engine's own test table's kinds of
# expression, and every expression of the rule sets in the tree.
rx() {
	n=$((n + 1))
	{ printf '%s' "$1"; printf '\000'; printf '%s' "$2"; } \
		> "$out/corpus-fuzz_regex/seed-$n"
}
rx '^[0-9]+$' '12345'
rx '[0-9]+$' '12ab34'
rx '^(NI|SC)?[0-9]{6,8}$' 'SC0123456'
rx '^[[:alpha:] -]+$' 'Café Zürich'
rx '^.{3}$' 'été'
rx '[à-ü]+' 'naïve'
rx '^(a|b?)+$' 'abba'
rx '(a|)$^' ''
rx '[]a-]{2,}|x{,3}' ']-a'
rx '^([A-Z][a-z]* ?)+$' 'Hello World'
rx '[[:punct:][:space:]]' 'a, b'
rx '\.\$\(\)' '.$()'
rx '((a*)*)*b{2}' 'aaabb'
grep -ho '"value": *"[^"]*"' rules/*.json examples/*.json tests/cases/*/*.json \
	2>/dev/null | sed 's/^"value": *"//; s/"$//' | sort -u | head -n 200 |
while IFS= read -r v; do
	rx "$v" "Haven Housing Trust LS1 4AP 1234567"
done

for t in csvread rules value pipeline regex; do
	echo "fuzz: fuzz_$t: $(ls "$out/corpus-fuzz_$t" | grep -c '^seed-') seeds," \
	     "$(ls "$out/corpus-fuzz_$t" | grep -vc '^seed-') found by libFuzzer"
done
