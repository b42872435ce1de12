#ifndef PARTNERCHECK_MUTATE_H
#define PARTNERCHECK_MUTATE_H

#include <stddef.h>

#include "rules.h"
#include "strbuf.h"

/*
 * Mutations of a loaded rule set, for `rules test --mutate`: each one a
 * small change at a boundary that a rule set's tests should notice.
 *
 *  - every threshold of an order comparison (<, <=, >, >=, between) in a
 *    check's test or when, a pairwise test or a consortium where, moved one
 *    step up and one step down: 1 for integer fields and ordinal levels,
 *    one day for dates, one unit of the last decimal of the number's
 *    shortest form for other numbers (3 -> 2 and 4; 1.5 -> 1.4 and 1.6);
 *    a step past the first or last ordinal level is not made;
 *  - every such comparison flipped at its boundary (< and <=, > and >=);
 *  - every literal min and max of a consortium rule moved one step each
 *    way (1 for counts, which never go below 0).
 *
 * Mutations are numbered 0 .. mutate_count(rs) - 1 in rule-set order, and
 * the numbering depends only on the rule set, so a fresh copy loaded from
 * the same text can be given mutation k.  The rule file is never written.
 */

/* How many mutations rs has. */
size_t mutate_count(const ruleset *rs);

/*
 * Applies mutation k to rs (loaded from the same text as the one
 * counted) and appends what changed to out: "viability.reserves:
 * free_reserves_months >= 3 -> free_reserves_months >= 4".  Returns 0, or
 * -1 with rs unchanged when there is no mutation k.
 */
int mutate_apply(ruleset *rs, size_t k, strbuf *out);

#endif
