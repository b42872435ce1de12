#ifndef PARTNERCHECK_PAIRS_STEPS_H
#define PARTNERCHECK_PAIRS_STEPS_H

#include "cond.h"
#include "pairs.h"
#include "rules.h"

/*
 * One pair rule followed step by step for one pair of partners, for
 * `explain --partner`: the truth of each part of its condition as the
 * pair engine computes it (the same evaluation that check reports), so
 * that the explanation cannot drift from the findings.
 */

/* Receives one step: c is a part of the rule's condition that is not an
 * all, any or not (those are walked through, their parts in order), r its
 * truth for the pair, and holds, when r is T_TRUE, what made it hold in
 * the words of a finding's message ("both HHT and RTS: lead_role is
 * must"), else NULL.  c and holds are valid during the call only. */
typedef void (*pair_step_fn)(void *ctx, const cond *c, tri r,
			     const char *holds);

/*
 * Calls fn for each step of pair rule number rule (an index into the
 * engine's rule set's pairs) for partners a and b (indexes into its
 * partner set, a < b as findings name them), then returns the truth of
 * the whole condition: T_TRUE is a finding.  A rule without a condition
 * has no steps and returns T_FALSE.
 */
tri pairs_steps(pair_engine *pe, size_t rule, size_t a, size_t b,
		pair_step_fn fn, void *ctx);

#endif
