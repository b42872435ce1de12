#ifndef EXPLAIN_INT_H
#define EXPLAIN_INT_H

/* What cmd_explain.c and explain_group.c share: conditions in words, and
 * following one rule of a partner file through its steps. */

#include "cond.h"
#include "rules.h"
#include "session.h"
#include "strbuf.h"
#include "value.h"

/* Appends the condition c as a sentence: "qaf_level is at least B". */
void explain_plain(const ruleset *rs, const cond *c, strbuf *sb);

/* "holds", "does not hold" or "cannot be decided (a value is missing)";
 * a static string. */
const char *explain_tri_words(tri r);

/*
 * Prints each leaf of the one-partner condition c (all, any and not are
 * walked through) for the values vals: a line with its words and truth,
 * then a line with the values it compared, indented by indent spaces
 * and, for the values, three more.  Steps are numbered from *n + 1 (and
 * *n advanced) when n is not NULL; who (or NULL) goes before the words
 * ("for HHT: ").
 */
void explain_steps(cond_ctx *cx, const cond *c, const value *vals, int *n,
		   int indent, const char *who);

/*
 * `explain --partner` for the pairwise and consortium rules with one id,
 * once the partner file is read: the rows go into ps through
 * explain_group_row, then explain_group_print prints, for each pair rule
 * with the id, each pair of the partner (or only the pair with other),
 * and for each consortium rule with the id, every member's contribution
 * and the aggregate.  The strings are borrowed from the caller and must
 * outlive the group.
 */
typedef struct explain_group {
	session *s;
	const char *rule;            /* the rule id */
	const char *partner;         /* --partner */
	const char *other;           /* the pair's other partner, or NULL */
	partner_set ps;              /* every assessable row */
	char **names;                /* display name by index in ps, or NULL */
	size_t seen_line[2];         /* the lines of --partner's row [0] and the
				      * other's [1]; 0 while not read */
	int in_error[2];             /* that row was in error */
	struct group_finding *found; /* the rule's findings, from assess */
	size_t nfound, capfound;
} explain_group;

/* Starts g over the session's rule set; free with explain_group_free. */
void explain_group_init(explain_group *g, session *s, const char *rule,
			const char *partner, const char *other);

/* Whether rs has a pair or consortium rule with the id: 1 or 0. */
int explain_group_has(const ruleset *rs, const char *rule);

/* Notes one row's verdict and values (NULL for a row in error), as an
 * assess on_partner hook does, before assess_rows adds it to g->ps. */
void explain_group_row(explain_group *g, const verdict *v, const value *vals);

/* Prints the explanation (see above) and returns EXIT_OK, or prints a
 * diagnostic and returns EXIT_USAGE when --partner or the other partner
 * was not read.  a is the session's assessment (hooks are replaced). */
int explain_group_print(explain_group *g, assess *a);

/* Frees what g holds (not the session); NULL is a no-op. */
void explain_group_free(explain_group *g);

#endif
