#ifndef PARTNERCHECK_RULES_DESCRIBE_H
#define PARTNERCHECK_RULES_DESCRIBE_H

#include <stddef.h>

#include "rules.h"
#include "strbuf.h"

/*
 * A loaded rule set described for people: what each field's cells may
 * hold and which rules read it, as `rules template` and `explain` print
 * them.  Nothing here changes the rule set.
 */

/* The kinds of rule, for rules_describe_reads. */
typedef enum describe_kind {
	DK_CHECK,
	DK_PAIR,
	DK_CONSORTIUM
} describe_kind;

/* Appends the forms a cell of type t may take, in words: "an amount such
 * as 400, £1,250 or 12.50". */
void rules_describe_forms(const type_spec *t, strbuf *out);

/* Appends the values t allows, comma-separated ("D, C, B, A" for an
 * ordinal, the items of a closed list), or nothing when any value of its
 * kind is allowed. */
void rules_describe_allowed(const type_spec *t, strbuf *out);

/* Appends one valid example cell of type t ("£1,250", "yes", "B"). */
void rules_describe_example(const type_spec *t, strbuf *out);

/*
 * Sets used[f] to 1 for every field f the rule of that kind at index i
 * reads (its condition, its "when", its aggregate's fields) and leaves the
 * others as they are.  used has rs->nfields entries and is the caller's.
 */
void rules_describe_reads(const ruleset *rs, describe_kind kind, size_t i,
			  unsigned char *used);

#endif
