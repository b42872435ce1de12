#!/bin/sh
# make check-browser: the HTML and DOT reports checked by real tools.
#   sh tools/browser/run.sh PARTNERCHECK OUTDIR GENPOOL
# 1. Writes the pages: check of the example consortium, screen and lineup
#    of the 300-candidate pool, check of a file of hostile names.
# 2. Each page must parse as XML (the reports are written as polyglot
#    HTML, so an unbalanced tag or a stray '<' from the input is an error).
# 3. Size: screen of 500 partners under 1 MB, of 10,000 under 10 MB.
# 4. `dot -Tsvg` must read every DOT output (conflicts, check, lineup).
# 5. tools/browser/check.mjs: chromium, axe-core, sort and filter, print to
#    PDF, screenshots.
# 6. The print check must be able to fail: a page whose table rows may break
#    across pages (its style sheet allows it) must be caught by the PDF
#    check that no row is split.
# Every tool must be there: an absent one fails, it never passes silently.
set -eu
pc=$1
out=$2
genpool=$3
here=$(dirname "$0")
for tool in chromium xmllint dot pdftotext pdfinfo node; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "check-browser: $tool is missing (sh tools/deps.sh browser)" >&2; exit 1; }
done
[ -d "$here/node_modules/puppeteer-core" ] && [ -d "$here/node_modules/axe-core" ] ||
	{ echo "check-browser: npm packages missing (sh tools/deps.sh browser)" >&2; exit 1; }
mkdir -p "$out"
asof="--as-of 2026-11-25"
# Exit 1 (a finding failed) is what these inputs give; 2 would be an error.
run() { st=0; "$pc" "$@" || st=$?; [ "$st" -le 1 ] || exit 1; }
run check $asof -f html examples/consortium.csv > "$out/check-example.html"
run screen $asof -f html examples/pool.csv > "$out/screen-pool.html"
run lineup $asof -f html examples/pool.csv > "$out/lineup-pool.html"
run check $asof -f html tests/data/hostile.csv > "$out/check-hostile.html"
run screen $asof -f html tests/data/hostile.csv > "$out/screen-hostile.html"
run screen $asof -f html examples/consortium.csv > "$out/screen-example.html"
run conflicts $asof --matrix -f html examples/consortium.csv > "$out/matrix-example.html"
run check $asof --graph-info -f html examples/consortium.csv > "$out/check-info.html"
for f in "$out"/*.html; do
	xmllint --noout "$f"
done
echo "ok   every page parses"

"$genpool" 500 42 > "$out/pool500.csv"
"$genpool" 10000 42 > "$out/pool10000.csv"
run screen $asof -f html "$out/pool500.csv" > "$out/screen-500.html"
run screen $asof -f html "$out/pool10000.csv" > "$out/screen-10000.html"
s500=$(wc -c < "$out/screen-500.html")
s10k=$(wc -c < "$out/screen-10000.html")
echo "     screen -f html: 500 partners $s500 bytes, 10,000 partners $s10k bytes"
[ "$s500" -lt 1000000 ] && [ "$s10k" -lt 10000000 ] ||
	{ echo "check-browser: a pool's HTML report is over its size limit" >&2; exit 1; }
echo "ok   sizes"

run conflicts $asof -f dot examples/consortium.csv > "$out/conflicts-example.dot"
run conflicts $asof --graph-info -f dot examples/consortium.csv > "$out/conflicts-info.dot"
run conflicts $asof -f dot examples/pool.csv > "$out/conflicts-pool.dot"
run check $asof -f dot tests/data/hostile.csv > "$out/check-hostile.dot"
run lineup $asof -f dot examples/pool.csv > "$out/lineup-pool.dot"
for f in "$out"/*.dot; do
	dot -Tsvg "$f" > "${f%.dot}.svg"
done
echo "ok   dot -Tsvg reads every graph"

node "$here/check.mjs" "$out" \
	"check-example=$out/check-example.html:12" \
	"screen-example=$out/screen-example.html:6" \
	"screen-pool=$out/screen-pool.html:90" \
	"lineup-pool=$out/lineup-pool.html:40" \
	"check-hostile=$out/check-hostile.html:15" \
	"screen-hostile=$out/screen-hostile.html:10" \
	"matrix-example=$out/matrix-example.html:2" \
	"check-info=$out/check-info.html:12"

# A table of tall rows, each of its own words, with rows allowed to break:
# some row straddles a page boundary, and the PDF check must say so.
awk 'BEGIN {
	print "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
	print "<title>rows that break</title><style>tr{break-inside:auto}</style>"
	print "</head><body><main><h1>Rows that break</h1><table>"
	print "<caption>Tall rows</caption><tbody>"
	for (r = 1; r <= 40; r++) {
		printf "<tr><th scope=\"row\">row %d</th><td>", r
		for (w = 1; w <= 90; w++) printf "w%03dx%02d ", r, w
		print "</td></tr>"
	}
	print "</tbody></table></main></body></html>"
}' > "$out/bad-print.html"
node "$here/check.mjs" --expect "table row not whole on one PDF page" "$out" \
	"bad-print=$out/bad-print.html:50"
