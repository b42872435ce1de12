#!/usr/bin/env zsh
# Tests completion/_partnercheck: sources it with compadd and _files
# replaced by functions that record what they were given (they work only
# inside a completion widget), sets words and CURRENT as zsh's completion
# system would, calls _partnercheck and checks what it offered.
# Usage: zsh tests/completion.zsh PARTNERCHECK
# Run by make check-zsh (and by make check when zsh is installed); exits 1
# on any wrong completion.
emulate -L zsh
setopt extendedglob
bin=$1
top=${0:A:h:h}
# The completion asks "partnercheck" found on PATH; this one is under test.
_partnercheck_bin=$bin
typeset -a offered
compadd() {
	local -a w
	while (( $# )); do
		case $1 in
		--) shift; w=("$@"); break ;;
		-S | -P | -J | -X) shift 2 ;;
		*) shift ;;
		esac
	done
	offered+=($w)
}
_files() {
	local glob='*'
	local -a dirs
	[[ $1 == -g ]] && glob=$2
	dirs=(*(N/))
	offered+=(${~glob}(N.) ${^dirs}/)
}
source $top/completion/_partnercheck || exit 1
failed=0
tmp=$(mktemp -d)
trap 'rm -rf $tmp' EXIT
mkdir $tmp/sub
: > $tmp/partners.csv
: > $tmp/tender.json
: > $tmp/notes.txt
cd $tmp || exit 1

# complete LINE: what _partnercheck offers for the last word of LINE (a
# trailing space starts a new, empty word) that starts with that word,
# sorted and unique, on one line.
complete_line() {
	local -a words
	local CURRENT cur
	words=(${(z)1})
	[[ $1 == *' ' ]] && words+=('')
	CURRENT=$#words
	cur=$words[CURRENT]
	offered=()
	_partnercheck
	offered=(${(M)offered:#${(b)cur}*})
	print -r -- ${(ou)offered}
}

# expect LINE WANT: the completions are exactly WANT.
expect() {
	local got=$(complete_line $1)
	if [[ $got != $2 ]]; then
		print -r -- "completion of '$1': expected '$2', got '$got'" >&2
		failed=1
	fi
}

# has LINE WORD: WORD is among the completions.
has() {
	local got=" $(complete_line $1) "
	if [[ $got != *" $2 "* ]]; then
		print -r -- "completion of '$1': '$2' missing from '$got'" >&2
		failed=1
	fi
}

expect "partnercheck ch" "check"
expect "partnercheck ex" "explain"
expect "partnercheck di" "diff"
has "partnercheck " "conflicts"
has "partnercheck " "lineup"
expect "partnercheck rules s" "show"
expect "partnercheck rules t" "template test"
expect "partnercheck check -r coll" "collaborate"
has "partnercheck check -r " "tender.json"
has "partnercheck check -r " "sub/"
has "partnercheck check -r " "procurement"
has "partnercheck rules show " "collaborate"
expect "partnercheck check -f js" "json"
has "partnercheck screen -f " "markdown"
expect "partnercheck lineup -f nd" "ndjson"
expect "partnercheck diff -f " "comment json markdown text"
expect "partnercheck check --fail" "--fail-on"
has "partnercheck check --" "--rules"
has "partnercheck screen --" "--keep"
expect "partnercheck check --fail-on w" "warn"
expect "partnercheck check --delimiter s" "semicolon"
expect "partnercheck check --set c" "check. contract."
expect "partnercheck check " "partners.csv sub/"
has "partnercheck check --waivers " "partners.csv"
has "partnercheck diff " "tender.json"
expect "partnercheck explain quality.q" "quality.qaf"
has "partnercheck explain consortium." "consortium.size"
has "partnercheck explain -r procurement efs." "efs.liquidity"
has "partnercheck explain --" "--partner"
expect "partnercheck rules template --no" "--no-example"
expect "partnercheck rules template -f m" "markdown"
expect "partnercheck rules test -f " "junit tap text"
expect "partnercheck rules test --cov" "--coverage --coverage-min"
has "partnercheck rules test " "procurement"
expect "partnercheck rules test -r proc" "procurement"
exit $failed
