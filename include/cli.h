#ifndef PARTNERCHECK_CLI_H
#define PARTNERCHECK_CLI_H

#define PARTNERCHECK_VERSION "0.1.0"

#include <stddef.h>
#include "report.h"

/*
 * The options shared by screen, check and conflicts, parsed with
 * getopt_long.  Each command passes its own usage text and mode.
 */

typedef enum fail_on { FAIL_ON_FAIL, FAIL_ON_WARN, FAIL_ON_NEVER } fail_on;

typedef struct cli {
	const char *rules;       /* -r; NULL for the embedded default */
	const char *format;      /* -f */
	const char *output;      /* -o */
	const char *keep;        /* --keep, as given; repeats joined by ',' */
	char *keep_joined;       /* owns keep when --keep came more than once */
	fail_on fail_on;
	const char **waivers;    /* --waivers, repeatable */
	size_t nwaivers;
	const char *as_of;       /* --as-of YYYY-MM-DD */
	int delimiter;           /* 0 when not given */
	int encoding;            /* -1 when not given */
	const char *id_column;
	const char *name_column;
	int color;               /* -1 auto, 0 never, 1 always */
	int sanitize;
	int by_category;
	int explain;
	size_t max_field_bytes;
	size_t max_rows;
	const char **sets;       /* --set contract.KEY=VALUE */
	size_t nsets;
	int severity;            /* --severity, as a severity */
	size_t max_conflicts;    /* 0: unlimited */
	int matrix;
	const char *input;       /* FILE or "-" */
} cli;

/*
 * Parses argv (argv[0] is the command name).  Returns 0 when the command
 * should run, 1 after printing --help to stdout (exit 0), 2 after printing a
 * usage error to stderr (exit 2).  c->sets and c->waivers are allocated:
 * free with cli_free.
 */
int cli_parse(cli *c, int argc, char **argv, report_mode mode,
	      const char *usage);
void cli_free(cli *c);

#endif
