# bash completion for partnercheck(1).
#
# Installed by `make install` into the bash-completion directory; to try it
# from a checkout: source completion/partnercheck.bash
#
# Everything that can change with the program (commands' options, formats,
# packs, rule ids) is asked of partnercheck itself, so that this file does
# not have to follow every new option.

# The long options a command's --help names.
_partnercheck_options()
{
	# "rules test" is two words
	"${_partnercheck_bin:-partnercheck}" $1 --help 2>/dev/null |
		grep -o -- '--[a-z][a-z-]*' | sort -u
}

# The formats -f takes, from the command's --help line for it.
_partnercheck_formats()
{
	"${_partnercheck_bin:-partnercheck}" "$1" --help 2>/dev/null |
		sed -n 's/^ *-f, --format [A-Z|a-z]* *//p' |
		sed 's/([^)]*)//g; s/;.*//; s/,/ /g; s/ or / /g'
}

# The embedded packs' names.
_partnercheck_packs()
{
	"${_partnercheck_bin:-partnercheck}" rules list 2>/dev/null |
		awk '{ print $1 }'
}

# The rule ids of the rule set the words so far name with -r.
_partnercheck_rule_ids()
{
	local i rules=()

	for ((i = 2; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-r | --rules) rules+=("${COMP_WORDS[i + 1]}") ;;
		esac
	done
	"${_partnercheck_bin:-partnercheck}" rules show "${rules[@]}" \
		2>/dev/null | sed -n 's/^[[:space:]]*"id":[[:space:]]*"\([^"]*\)".*/\1/p' |
		sort -u
}

# Files ending in one of the given suffixes, and directories to go into.
_partnercheck_files()
{
	local sfx
	local IFS=$'\n'

	COMPREPLY+=($(compgen -d -S / -- "$cur"))
	for sfx in "$@"; do
		COMPREPLY+=($(compgen -f -X "!*.$sfx" -- "$cur"))
	done
	[[ ${#COMPREPLY[@]} -gt 0 && $(type -t compopt) == builtin ]] &&
		compopt -o nospace -o filenames 2>/dev/null
	return 0
}

_partnercheck()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd=${COMP_WORDS[1]}
	local commands="check screen conflicts lineup diff rules explain"

	COMPREPLY=()
	if ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
		return 0
	fi

	case $prev in
	-r | --rules)
		COMPREPLY=($(compgen -W "$(_partnercheck_packs)" -- "$cur"))
		_partnercheck_files json
		return 0
		;;
	-f | --format)
		if [[ $cmd == rules && ${COMP_WORDS[2]} == test ]]; then
			COMPREPLY=($(compgen -W "text tap junit" -- "$cur"))
			return 0
		fi
		if [[ $cmd == rules ]]; then # rules template
			COMPREPLY=($(compgen -W "csv markdown" -- "$cur"))
			return 0
		fi
		COMPREPLY=($(compgen -W "$(_partnercheck_formats "$cmd")" -- "$cur"))
		return 0
		;;
	--fail-on)
		COMPREPLY=($(compgen -W "fail warn never" -- "$cur"))
		return 0
		;;
	--severity)
		COMPREPLY=($(compgen -W "info warn fail" -- "$cur"))
		return 0
		;;
	--delimiter)
		COMPREPLY=($(compgen -W "comma semicolon tab" -- "$cur"))
		return 0
		;;
	--encoding)
		COMPREPLY=($(compgen -W "utf-8 windows-1252 iso-8859-1" -- "$cur"))
		return 0
		;;
	--color | --colour)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return 0
		;;
	--missing-columns)
		COMPREPLY=($(compgen -W "error as-missing" -- "$cur"))
		return 0
		;;
	--threads)
		COMPREPLY=($(compgen -W "1 2" -- "$cur"))
		return 0
		;;
	--set)
		COMPREPLY=($(compgen -W "contract. check." -- "$cur"))
		[[ $(type -t compopt) == builtin ]] && compopt -o nospace 2>/dev/null
		return 0
		;;
	--waivers | -o | --output)
		_partnercheck_files csv
		return 0
		;;
	--baseline)
		_partnercheck_files json
		return 0
		;;
	--as-of | --keep | --id-column | --name-column | --max-rows | \
		--max-field-bytes | --max-conflicts | -p | --partner | --size | \
		--must | --exclude | --max-nodes | --coverage-min)
		return 0
		;;
	esac

	case $cmd in
	rules)
		if ((COMP_CWORD == 2)); then
			COMPREPLY=($(compgen -W "default lint list show template test --help" -- "$cur"))
			return 0
		fi
		case ${COMP_WORDS[2]} in
		template | test)
			if [[ $cur == -* ]]; then
				COMPREPLY=($(compgen -W "$(_partnercheck_options "rules ${COMP_WORDS[2]}")" -- "$cur"))
				return 0
			fi
			;&
		show | lint | test)
			COMPREPLY=($(compgen -W "$(_partnercheck_packs)" -- "$cur"))
			_partnercheck_files json
			;;
		esac
		return 0
		;;
	explain)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$(_partnercheck_options explain)" -- "$cur"))
			return 0
		fi
		COMPREPLY=($(compgen -W "$(_partnercheck_rule_ids)" -- "$cur"))
		_partnercheck_files csv tsv
		return 0
		;;
	diff)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$(_partnercheck_options diff)" -- "$cur"))
			return 0
		fi
		_partnercheck_files json
		return 0
		;;
	check | screen | conflicts | lineup)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$(_partnercheck_options "$cmd")" -- "$cur"))
			return 0
		fi
		_partnercheck_files csv tsv
		return 0
		;;
	esac
	return 0
}

complete -F _partnercheck partnercheck
