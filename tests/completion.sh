#!/bin/bash
# Tests completion/partnercheck.bash: sources it, completes command lines
# as bash would (COMP_WORDS, COMP_CWORD, then the completion function) and
# checks COMPREPLY.  Usage: bash tests/completion.sh PARTNERCHECK
# Run by make check; exits 1 on any wrong completion.
set -u
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
# The completion asks "partnercheck" found on PATH; this one is under test.
_partnercheck_bin=$bin
. "$top/completion/partnercheck.bash" || exit 1
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/sub"
: > "$tmp/partners.csv"
: > "$tmp/tender.json"
: > "$tmp/notes.txt"
cd "$tmp" || exit 1

# complete LINE: COMPREPLY for the last word of LINE (a trailing space
# starts a new, empty word), sorted, one line.
complete_line()
{
	read -r -a COMP_WORDS <<< "$1"
	[[ $1 == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_partnercheck
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}

# expect LINE WANT: the completions are exactly WANT.
expect()
{
	local got
	got=$(complete_line "$1")
	if [[ $got != "$2" ]]; then
		echo "completion of '$1': expected '$2', got '$got'" >&2
		failed=1
	fi
}

# has LINE WORD: WORD is among the completions.
has()
{
	local got
	got=" $(complete_line "$1") "
	if [[ $got != *" $2 "* ]]; then
		echo "completion of '$1': '$2' missing from '$got'" >&2
		failed=1
	fi
}

expect "partnercheck ch" "check"
expect "partnercheck ex" "explain"
has "partnercheck " "conflicts"
has "partnercheck " "lineup"
expect "partnercheck rules s" "show"
expect "partnercheck rules t" "template test"
expect "partnercheck check -r coll" "collaborate"
has "partnercheck check -r " "tender.json"
has "partnercheck check -r " "sub/"
has "partnercheck rules show " "collaborate"
expect "partnercheck check -f js" "json"
has "partnercheck screen -f " "markdown"
expect "partnercheck lineup -f nd" "ndjson"
expect "partnercheck lineup -f ta" "tap"
has "partnercheck " "diff"
expect "partnercheck diff -f c" "comment"
expect "partnercheck check --fail" "--fail-on"
has "partnercheck check --" "--rules"
has "partnercheck screen --" "--keep"
expect "partnercheck check --fail-on w" "warn"
expect "partnercheck check --delimiter s" "semicolon"
expect "partnercheck check --set c" "check. contract."
expect "partnercheck check " "partners.csv sub/"
expect "partnercheck check --waivers " "partners.csv sub/"
expect "partnercheck explain quality.q" "quality.qaf"
has "partnercheck explain consortium." "consortium.size"
has "partnercheck explain --" "--partner"
expect "partnercheck rules template --no" "--no-example"
expect "partnercheck rules template -f m" "markdown"
expect "partnercheck di" "diff"
expect "partnercheck diff -f " "comment json markdown text"
has "partnercheck diff --" "--fail-on"
has "partnercheck diff " "tender.json"
has "partnercheck check --baseline " "tender.json"
expect "partnercheck rules test -f " "junit tap text"
expect "partnercheck rules test --cov" "--coverage --coverage-min"
has "partnercheck rules test --" "--rules"
has "partnercheck rules test " "procurement"
expect "partnercheck rules test -r proc" "procurement"
exit $failed
