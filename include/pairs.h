#ifndef PARTNERCHECK_PAIRS_H
#define PARTNERCHECK_PAIRS_H

#include <stddef.h>
#include "partners.h"
#include "rules.h"

/*
 * Pairwise rules over a partner set.  Each rule's per-partner inputs are
 * computed once (a cell is never re-parsed per pair).  Rules whose
 * findings are reported are enumerated through indexes where their form
 * allows (partners grouped by list value, partners that satisfy a `both`
 * condition), so that sparse conflicts in a large pool cost far less than
 * n^2; rules that are only counted are counted combinatorially where their
 * form allows (group sizes, sorted values).
 */

typedef struct pair_engine pair_engine;

/* Receives one finding: partners a < b (file order), the rule and its
 * message (valid during the call).  Return non-zero to keep the finding
 * flowing; the engine never stops counting. */
typedef void (*pair_emit)(void *ctx, size_t a, size_t b, const pair_rule *r,
			  const char *message);

/* The caller keeps rs and ps alive for the engine's lifetime. */
pair_engine *pairs_new(const ruleset *rs, const partner_set *ps, long today);

/*
 * Calls emit for every finding of a rule whose severity is at least
 * min_sev, ordered by a, then b, then rule order; adds the number of
 * findings of every rule, reported or not, to counts[severity].
 */
void pairs_run(pair_engine *pe, severity min_sev, pair_emit emit, void *ctx,
	       size_t counts[3]);

void pairs_free(pair_engine *pe);

#endif
