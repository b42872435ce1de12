#ifndef PARTNERCHECK_COND_H
#define PARTNERCHECK_COND_H

#include "rules.h"
#include "strbuf.h"
#include "value.h"

/*
 * Evaluating one partner's condition, and saying in words why it failed.
 * Three-valued: a condition over a missing value is neither true nor false;
 * the check's missing policy decides what that means.
 */

typedef enum tri {
	T_FALSE,
	T_TRUE,
	T_MISSING
} tri;

/* Kleene's three-valued and, or, not: false wins an and, true wins an or,
 * otherwise missing is catching. */
static inline tri
tri_and(tri a, tri b)
{
	return a == T_FALSE || b == T_FALSE     ? T_FALSE :
	       a == T_MISSING || b == T_MISSING ? T_MISSING :
						  T_TRUE;
}

static inline tri
tri_or(tri a, tri b)
{
	return a == T_TRUE || b == T_TRUE       ? T_TRUE :
	       a == T_MISSING || b == T_MISSING ? T_MISSING :
						  T_FALSE;
}

static inline tri
tri_not(tri a)
{
	return a == T_MISSING ? T_MISSING : a == T_TRUE ? T_FALSE : T_TRUE;
}

typedef struct cond_ctx {
	const ruleset *rs;
	long today;     /* days since 1970-01-01 */
	int labels;     /* messages call a field by its label, where the rule
			 * set gives one (set after cond_ctx_init; 0 there) */
	strbuf scratch; /* for the caller's use (pairs.c builds value keys in
			   it) */
	/* Each literal of the rule set as messages write it, formatted once
	 * (cond.c); owned by cx. */
	struct literal_cache *lits;
} cond_ctx;

/* Sets cx up to evaluate rs's conditions as of today (days since
 * 1970-01-01); rs is borrowed and must outlive cx.  Free with
 * cond_ctx_free; cx must not be copied (it owns a cache). */
void cond_ctx_init(cond_ctx *cx, const ruleset *rs, long today);
/* Frees what cond_ctx_init allocated (not the rule set); NULL is a no-op. */
void cond_ctx_free(cond_ctx *cx);

/* Evaluates a one-partner condition over vals (indexed by field). */
tri cond_eval(cond_ctx *cx, const cond *c, const value *vals);

/* Appends to out why c (which evaluated to r, false or missing) did not
 * hold: "free_reserves_months is 1.5, below the minimum 3". */
void cond_describe(cond_ctx *cx, const cond *c, const value *vals, tri r,
		   strbuf *out);

/* Appends what holds for a condition that is true: "lead_role is must". */
void cond_describe_holds(cond_ctx *cx, const cond *c, const value *vals,
			 strbuf *out);

/* Appends a value as the report shows it: a field's in its type
 * (fmt_value.h: "£2,000,000", "62%"), a formula's result to two decimals. */
void cond_add_value(cond_ctx *cx, const cond *c, const value *v, strbuf *out);

/* What messages call field f: its label when cx->labels is set and the
 * rule set gives one, else its name.  The string is the rule set's. */
const char *cond_field_name(const cond_ctx *cx, int f);

/* What messages call c's subject: cond_field_name of its field, or the
 * formula's text. */
const char *cond_subject(const cond_ctx *cx, const cond *c);

/* The type of c's subject field, or NULL for a formula. */
const type_spec *cond_subject_type(const cond_ctx *cx, const cond *c);

/* Appends the condition as a rule reads: "lead_role in must, willing". */
void cond_text(const cond *c, strbuf *out);

#endif
