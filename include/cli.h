#ifndef PARTNERCHECK_CLI_H
#define PARTNERCHECK_CLI_H

#define PARTNERCHECK_VERSION "0.1.0"

#include "report.h"
#include <stddef.h>

/*
 * Command-line options, declared by each command as tables of rows (one
 * row per option: its names, whether it takes a value, and the setter
 * that parses the value into a field of struct cli) and parsed by one
 * getopt_long loop.  A command lists the tables it accepts: the shared
 * rows below, then its own.  A new option is a new row, and a new command
 * a new list; cli_parse has no branch on the command.
 */

typedef enum fail_on {
	FAIL_ON_FAIL,
	FAIL_ON_WARN,
	FAIL_ON_NEVER
} fail_on;

typedef struct cli {
	const char *rules; /* the last -r; NULL for the embedded default */
	const char **rules_list; /* every -r in order, each later one
				  * extending those before (rules_extends.h) */
	size_t nrules;
	const char *format;   /* -f */
	const char *output;   /* -o */
	const char *keep;     /* --keep, as given; repeats joined by ',' */
	char *keep_joined;    /* owns keep when --keep came more than once */
	int fail_on;          /* a fail_on */
	const char **waivers; /* --waivers, repeatable */
	size_t nwaivers;
	const char *as_of;       /* --as-of YYYY-MM-DD */
	int delimiter;           /* 0 when not given */
	int missing_columns;     /* 0 when not given, 1 error, 2 as-missing */
	int encoding;            /* -1 when not given */
	const char *id_column;   /* NULL when not given; "" for row numbers */
	const char *name_column; /* NULL when not given; "" for none */
	int color;               /* -1 auto, 0 never, 1 always */
	int sanitize;
	int by_category;
	int explain;
	size_t max_field_bytes;
	size_t max_rows;
	const char **sets; /* --set contract.KEY=VALUE, after "contract." */
	size_t nsets;
	const char **check_sets; /* --set check.ID.KEY=VALUE, after "check." */
	size_t ncheck_sets;
	int severity;         /* --severity, as a severity */
	size_t max_conflicts; /* 0: unlimited */
	int matrix;
	const char *input;        /* FILE or "-" */
	const char *step_summary; /* --step-summary FILE (-f github) */
	int summary;              /* screen --summary: ndjson ends with one */
	const char *baseline;     /* --baseline FILE: known findings */
	int threads;    /* screen --threads N, 1..64; 0: the default */
	int graph_info; /* --graph-info: html and dot draw info-level pairs */
} cli;

/* A value an option takes as a word, and what it sets the field to. */
typedef struct cli_word {
	const char *word;
	int value;
} cli_word;

typedef struct cli_option cli_option;

/* What a setter returns. */
typedef enum cli_set_result {
	CLI_SET_OK,        /* the option was taken */
	CLI_SET_BAD,       /* a usage error: opt->bad, with the value for %s */
	CLI_SET_TOO_LARGE, /* a number too large to hold: "--NAME value
			    * 'VALUE' is too large (at most N)" */
	CLI_SET_DONE,      /* --help or --version was printed: exit EXIT_OK */
	CLI_SET_REFUSED,   /* not for this command: "--NAME applies to
			    * opt->bad" */
	CLI_SET_REFUSED_LATE /* the same, reported once every option was
			      * read (see cli_refuse_late) */
} cli_set_result;

/*
 * Parses arg (NULL for an option without a value) into c.  The generic
 * setters below write the field at opt->field; a command's own setter may
 * write anything in c.
 */
typedef cli_set_result (*cli_setter)(cli *c, const cli_option *opt,
				     const char *arg, const char *usage);

struct cli_option {
	const char *name;  /* long name, without "--"; NULL ends a table */
	const char *alias; /* another spelling of it ("colour"), or NULL */
	int short_name;    /* 'r' for -r, 0 for none */
	int has_arg;       /* 1: takes a value */
	cli_setter set;
	size_t field;          /* offsetof(cli, ...) for the generic setters */
	const char *bad;       /* the usage error for a bad value (%s: the
				* value; a second %s: emitter_names()),
				* or for cli_refuse* the commands that
				* take the option */
	const cli_word *words; /* cli_set_word: the words taken, NULL-ended */
};

/* Generic setters, for the field at opt->field. */
cli_set_result cli_set_string(cli *c, const cli_option *opt, const char *arg,
			      const char *usage); /* const char * */
cli_set_result cli_set_true(cli *c, const cli_option *opt, const char *arg,
			    const char *usage); /* int, to 1 */
cli_set_result cli_set_false(cli *c, const cli_option *opt, const char *arg,
			     const char *usage); /* int, to 0 */
cli_set_result cli_set_word(cli *c, const cli_option *opt, const char *arg,
			    const char *usage); /* int, from opt->words */
/* size_t: a number with an optional K, M or G suffix (powers of 1024);
 * the _positive variant refuses 0.  Sizes above SIZE_MAX / 2, suffix
 * applied, are CLI_SET_TOO_LARGE and leave the field as it was. */
cli_set_result cli_set_size(cli *c, const cli_option *opt, const char *arg,
			    const char *usage);
cli_set_result cli_set_positive_size(cli *c, const cli_option *opt,
				     const char *arg, const char *usage);
/* An option another command takes: a usage error at once ("--set applies
 * to check and conflicts", opt->bad naming the commands). */
cli_set_result cli_refuse(cli *c, const cli_option *opt, const char *arg,
			  const char *usage);
/* The same, reported only once every option was read, so that a later
 * --help or bad value wins; of several, the one in the earliest row. */
cli_set_result cli_refuse_late(cli *c, const cli_option *opt, const char *arg,
			       const char *usage);

/* --set for a command without consortium rules (screen): takes
 * check.ID.KEY=VALUE into c->check_sets; anything else is refused
 * (CLI_SET_REFUSED, opt->bad naming the commands that take it). */
cli_set_result cli_set_check_only(cli *c, const cli_option *opt,
				  const char *arg, const char *usage);

/* The rows every report command takes: -r, -f, -o, --fail-on,
 * --waivers, --as-of, the input overrides, --color, --no-sanitize, the
 * limits, --help and --version. */
extern const cli_option cli_common_options[];
/* --keep, --by-category, --explain: what the partner rows show. */
extern const cli_option cli_partner_options[];
/* --set, --severity, --max-conflicts: the pairwise and consortium runs. */
extern const cli_option cli_pair_options[];
/* --baseline FILE: screen, check and conflicts (see baseline.h). */
extern const cli_option cli_baseline_options[];
/* --graph-info: check and conflicts, for the graph of -f html and dot. */
extern const cli_option cli_graph_options[];

/* A command's options: its name, its --help text and its tables, NULL
 * ended, in the order their rows are tried. */
typedef struct cli_command {
	const char *name;
	const char *usage;
	const cli_option *const *tables;
} cli_command;

/* What cli_parse found. */
typedef enum cli_result {
	CLI_RUN,   /* the command should run */
	CLI_DONE,  /* --help or --version was printed: exit EXIT_OK */
	CLI_FAILED /* a usage error was printed to stderr: exit EXIT_USAGE */
} cli_result;

/*
 * Parses argv (argv[0] is the command name) against cmd's tables.  At
 * most one FILE operand ("-" when none); standard input may be read by
 * only one of the input, -r and --waivers.  c->sets, c->check_sets,
 * c->rules_list and c->waivers are allocated, whatever the result: free
 * with cli_free.
 */
cli_result cli_parse(cli *c, int argc, char **argv, const cli_command *cmd);

/* Frees what cli_parse allocated (not c); a zeroed cli and NULL are
 * no-ops. */
void cli_free(cli *c);

/* Marks a usage text may hold, replaced when --help prints it by the
 * emitter table's lists: "text, csv, tsv, json, ndjson or markdown" and
 * "text, csv or markdown" (see emitter_names_or, emitter_matrix_names). */
#define CLI_USAGE_FORMATS "{formats}"
#define CLI_USAGE_MATRIX_FORMATS "{matrix formats}"

/* What --help and --version ask for. */
typedef enum cli_info {
	CLI_HELP,
	CLI_VERSION
} cli_info;

/*
 * The one place --help and --version are answered, for the program and
 * for every command: prints usage (CLI_HELP), its CLI_USAGE_* marks
 * replaced, or the version line to standard output, and returns EXIT_OK.
 */
int cli_print_info(cli_info what, const char *usage);

#endif
