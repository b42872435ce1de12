#ifndef PARTNERCHECK_PARTNERS_H
#define PARTNERCHECK_PARTNERS_H

#include <stddef.h>
#include "rules.h"
#include "value.h"

/*
 * The partners of a proposed consortium, kept for the pairwise and
 * consortium rules once their rows have been screened.  Values are deep
 * copies (the CSV reader reuses its buffers); text lives in an arena that is
 * freed as a whole.
 */

typedef struct arena_block arena_block;

typedef struct partner_set {
	const ruleset *rs;
	size_t n, cap;
	char **ids;       /* partner ids, in file order */
	value *vals;      /* n rows of rs->nfields values */
	size_t errors;    /* rows in error, left out */
	arena_block *arena;
} partner_set;

/* Makes *ps an empty set for rows of rs, which must outlive it. */
void pset_init(partner_set *ps, const ruleset *rs);
/*
 * Appends a partner: copies id and the fields of vals that rs marks used
 * (one row of rs->nfields values, from eval_values or pset_row of another
 * set of the same rule set); unused fields are stored as V_MISSING.  The
 * caller keeps its buffers; the set owns its copies.
 */
void pset_add(partner_set *ps, const char *id, const value *vals);
/* Frees every id, row and text, leaving an empty set bound to no rule set;
 * freeing an empty (or freed) set is a no-op. */
void pset_free(partner_set *ps);

/* Partner i's values (i < ps->n), indexed by field; valid until pset_free. */
static inline const value *
pset_row(const partner_set *ps, size_t i)
{
	return ps->vals + i * ps->rs->nfields;
}

#endif
