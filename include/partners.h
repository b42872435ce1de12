#ifndef PARTNERCHECK_PARTNERS_H
#define PARTNERCHECK_PARTNERS_H

#include "rules.h"
#include "value.h"
#include <stddef.h>

/*
 * The partners of a proposed consortium, kept for the pairwise and
 * consortium rules once their rows have been screened.  Values are deep
 * copies (the CSV reader reuses its buffers); text lives in an arena that is
 * freed as a whole.
 */

typedef struct arena_block arena_block;

typedef struct partner_set {
	const ruleset *rs;
	const unsigned char *used; /* fields to copy, or NULL for all */
	size_t n, cap;
	char **ids;    /* partner ids, in file order */
	size_t *lines; /* where each one's row starts; 0 when not known */
	value *vals;   /* n rows of rs->nfields values */
	size_t errors; /* rows in error, left out */
	arena_block *arena;
} partner_set;

/*
 * Starts an empty set of partners valued by rs's fields.  used (rs->nfields
 * entries, as eval_used gives) says which fields rows keep; NULL keeps
 * every field.  rs and used are only read and must outlive the set.
 */
void pset_init(partner_set *ps, const ruleset *rs, const unsigned char *used);
/* Copies id and the used fields of vals (one row from eval_values); the
 * other fields read as V_MISSING.  The set owns the copies. */
void pset_add(partner_set *ps, const char *id, const value *vals);
/* The same, noting that the partner's row starts on physical line line
 * (pset_add notes 0, unknown). */
void pset_add_line(partner_set *ps, const char *id, const value *vals,
		   size_t line);

/* Records the physical input line of the partner added last (for
 * pairwise findings' a_line and b_line); a no-op on an empty set.  A
 * partner whose line is never set has line 0. */
void pset_set_line(partner_set *ps, size_t line);
/* Frees every row and id and leaves ps empty (as after pset_init with no
 * rule set); an empty set and NULL are no-ops. */
void pset_free(partner_set *ps);

/* Partner i's values (i < ps->n): rs->nfields of them, owned by the set. */
static inline const value *
pset_row(const partner_set *ps, size_t i)
{
	return ps->vals + i * ps->rs->nfields;
}

#endif
