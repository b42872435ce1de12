#ifndef PARTNERCHECK_INPUT_CONFIG_H
#define PARTNERCHECK_INPUT_CONFIG_H

#include "cli.h"
#include "rules.h"
#include "utf8.h"

/*
 * How to read the partner file: the rule set's "input" section with the
 * command line's --delimiter, --encoding, --id-column, --name-column and
 * --missing-columns
 * laid over it.  The rule set keeps the rule file's own values; this is
 * what the reader and the evaluator use.
 */
typedef struct input_config {
	char delimiter;
	encoding enc;
	const char *id_column;   /* NULL: the record number is the id */
	const char *name_column; /* NULL: partners have no display name */
	int missing_as_missing;  /* a needed column absent from the header
				  * reads as empty cells (input.missing_columns
				  * "as-missing", --missing-columns) */
	int header_insensitive;  /* input.header_case "insensitive" */
} input_config;

/*
 * Fills *ic from rs, then from the flags c gives (c may be NULL: the rule
 * set's values alone).  An empty --id-column or --name-column clears the
 * rule set's column.  The strings are borrowed from rs and c, which must
 * outlive ic.
 */
void input_config_resolve(input_config *ic, const ruleset *rs, const cli *c);

#endif
