#ifndef PARTNERCHECK_CONSORTIUM_H
#define PARTNERCHECK_CONSORTIUM_H

#include "partners.h"
#include "rules.h"
#include "verdict.h"

/*
 * Consortium rules over the whole line-up: size, sums, minima and maxima,
 * how many partners satisfy a condition, coverage of the contract's
 * requirements, and whether each partner adds something of its own.
 * Rules whose bounds name a contract value that is not set do not apply.
 */

typedef void (*cons_emit)(void *ctx, const cfinding *f);

/* Calls emit for each finding at or above min_sev, in rule order; counts
 * every finding into counts[severity]. */
void consortium_run(const ruleset *rs, const partner_set *ps, long today,
		    severity min_sev, cons_emit emit, void *ctx,
		    size_t counts[3]);

/* consortium_run, whose messages call a field by its label where the rule
 * set gives one when labels is non-zero (a report for people, see
 * emitter.labels), by its name when it is 0. */
void consortium_run_labelled(const ruleset *rs, const partner_set *ps,
			     long today, severity min_sev, int labels,
			     cons_emit emit, void *ctx, size_t counts[3]);

#endif
