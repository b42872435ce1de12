#ifndef PARTNERCHECK_LINEUP_MODEL_H
#define PARTNERCHECK_LINEUP_MODEL_H

#include "lineup.h"
#include "partners.h"
#include "rules.h"
#include "waivers.h"

/*
 * Turns a rule set and its eligible candidates into a line-up problem
 * (include/lineup.h): fail-level pairwise findings become conflicts, warn
 * and info ones penalties (the rule's own "penalty" or the lineup
 * section's default), gathered once from the pair engine; each consortium
 * rule that applies becomes what every candidate contributes to it, with
 * the contract values (after --set) resolved.  Rules whose bounds or list
 * name an unset contract value do not apply and are left out, as
 * consortium_run leaves them out.
 */

typedef struct lineup_model {
	lu_problem p;
	size_t *cons_index; /* rules[i] models rs->cons[cons_index[i]] */
	/* owned storage behind p */
	int *score;
	uint64_t *conflict;
	int *penalty;
	unsigned char *must, *excluded;
	lu_rule *rules;
	void **blocks; /* per-rule arrays, freed with the model */
	size_t nblocks;
	long long pair_findings[3]; /* pairwise findings by severity */
} lineup_model;

/*
 * Builds m from rs and ps (the eligible candidates, in row order; p.n =
 * ps->n) with scores in tenths (ps->n entries, copied).  A pairwise
 * finding or consortium rule that a waiver of ws in force on today covers
 * is left out: it is neither a conflict, a penalty nor a constraint (ws
 * NULL: none).  Sizes, must and
 * excluded start unset (0..n, none).  rs, ps and their values must
 * outlive m only during the build; m owns everything it points to.
 * Free with lineup_model_free.
 */
void lineup_model_build(lineup_model *m, ruleset *rs, const partner_set *ps,
			const int *score, long today, const waiver_set *ws);

/* Points to tenths, rounded to the nearest. */
int lineup_tenths(double points);

/* Frees what m owns; a zeroed model is a no-op. */
void lineup_model_free(lineup_model *m);

#endif
