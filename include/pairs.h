#ifndef PARTNERCHECK_PAIRS_H
#define PARTNERCHECK_PAIRS_H

#include "partners.h"
#include "rules.h"
#include <stddef.h>

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
 * message (owned by the engine, valid only during the call).  There is no
 * way to stop the run from here: every finding is counted regardless. */
typedef void (*pair_emit)(void *ctx, size_t a, size_t b, const pair_rule *r,
			  const char *message);

/*
 * Builds an engine over the pairwise rules of rs and the partners in ps,
 * computing every rule's per-partner inputs now; today (days since
 * 1970-01-01) dates conditions that need it.  Returns the engine, which
 * the caller frees with pairs_free.  rs and ps are only read, never
 * written (several engines may share them), and must outlive the engine.
 */
pair_engine *pairs_new(const ruleset *rs, const partner_set *ps, long today);

/* Makes the engine's messages call a field by its label where the rule
 * set gives one (on non-zero; a report for people, see emitter.labels),
 * or by its name (0, as pairs_new leaves it). */
void pairs_use_labels(pair_engine *pe, int on);

/*
 * Calls emit for every finding of a rule whose severity is at least
 * min_sev, ordered by a, then b, then rule order; adds the number of
 * findings of every rule, reported or not, to counts[severity].  emit may
 * be NULL to count only.  May be called again: each run starts afresh.
 */
void pairs_run(pair_engine *pe, severity min_sev, pair_emit emit, void *ctx,
	       size_t counts[3]);

/* Returns 1 when pair rule number rule (an index into rs->pairs) finds
 * something for partners a and b (indexes into ps, in either order), as
 * pairs_run would report it, else 0. */
int pairs_holds(pair_engine *pe, size_t rule, size_t a, size_t b);

/* Frees the engine and everything it computed; NULL is a no-op. */
void pairs_free(pair_engine *pe);

#endif
