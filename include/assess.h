#ifndef PARTNERCHECK_ASSESS_H
#define PARTNERCHECK_ASSESS_H

#include <stddef.h>

#include "csvread.h"
#include "eval.h"
#include "partners.h"
#include "rules.h"
#include "verdict.h"
#include "waivers.h"

/*
 * The assessment path that check, conflicts, screen and the pipeline
 * fuzzer share, as steps a command strings together:
 *
 *   assess_rows        screen every row into a verdict (counted into the
 *                      summary), keeping each assessable partner's typed
 *                      values in a partner set
 *   assess_pairs       the pairwise rules over a partner set
 *   assess_consortium  the consortium rules over a partner set
 *
 * A command that judges chosen subsets of the partners (lineup) builds a
 * partner set per subset with pset_add from the rows of the full one and
 * runs the last two steps on it.  The steps decide nothing about output:
 * they hand verdicts and findings to the hooks below, each optional.
 */

typedef struct assess {
	const ruleset *rs;    /* the consortium rules resolve contract values */
	long today;           /* days since 1970-01-01 (--as-of) */
	severity min_sev;     /* findings below it are counted, not handed on */
	size_t max_conflicts; /* on_conflict sees at most this many; 0: all */
	waiver_set *ws;       /* partners read are marked on it, pairwise and
			       * consortium findings looked up; may be NULL */
	summary *sum;         /* counts of everything assessed; not NULL */
	int labels;           /* pairwise and consortium messages call fields
			       * by their label (emitter.labels) */
	/* --baseline: conflicts and consortium findings it has are marked
	 * known (partner findings are marked by the evaluator); NULL for
	 * none */
	const struct report_doc *baseline;

	/* Every row's verdict, after it was counted; vals are its typed
	 * values by field (NULL when the row is in error).  Both are valid
	 * during the call only. */
	void (*on_partner)(void *ctx, const verdict *v, const value *vals);
	/* Every pairwise finding at or above min_sev: partners a < b of the
	 * set, by index (for a matrix); out is OUT_WAIVED when a pair waiver
	 * in force covers it, else OUT_FAIL; message (with the waiver's
	 * note, if any) valid during the call. */
	void (*on_pair)(void *ctx, size_t a, size_t b, const pair_rule *r,
			outcome out, const char *message);
	/* The pairwise findings to report: those of on_pair, up to
	 * max_conflicts (counted in sum->conflicts_shown). */
	void (*on_conflict)(void *ctx, const conflict *c);
	/* Every consortium finding at or above min_sev. */
	void (*on_consortium)(void *ctx, const cfinding *f);
	void *ctx; /* passed to every hook */
} assess;

/* Where assess_rows reads its records: returns 1 with *rec filled, 0 at
 * the end, or -1 after a diagnostic (session_next is one). */
typedef int (*assess_next)(void *src, csv_record *rec);

/*
 * Reads records from next until it returns 0 or -1, evaluates each with
 * ev, counts the verdict into a->sum, marks its id on a->ws, calls
 * a->on_partner, and adds the partner to ps (rows in error are counted in
 * ps->errors instead).  ps may be NULL when no pair or consortium rule is
 * to follow (screen).  Returns 0, or -1 when next did.
 */
int assess_rows(const assess *a, evaluator *ev, assess_next next, void *src,
		partner_set *ps);

/* Counts one verdict into a->sum and marks its id on a->ws: what
 * assess_rows does for each row, for a caller that evaluates rows itself. */
void assess_count(const assess *a, const verdict *v);

/*
 * Runs the pairwise rules over ps (whose rule set must be a->rs): every
 * finding is counted into a->sum->conflicts, or into
 * a->sum->conflicts_waived when a pair waiver in force on a->today covers
 * it (an expired one only adds its note to the message); those at or
 * above a->min_sev go to on_pair, and the first max_conflicts of them to
 * on_conflict, waived ones with out OUT_WAIVED.
 */
void assess_pairs(const assess *a, const partner_set *ps);

/* Runs the consortium rules over ps: every finding is counted into
 * a->sum->consortium (or a->sum->consortium_waived, as for pairs), those
 * at or above a->min_sev go to on_consortium. */
void assess_consortium(const assess *a, const partner_set *ps);

/*
 * The columns --keep copies into reports, resolved against the header.
 * spec is the option's text ("a,b" or "all"; NULL keeps none).  An item
 * is a header cell (blanks around either ignored) or a declared field's
 * name, and is recorded as the header spells it; an item that is neither
 * is kept as written, for eval_new to report.  A name given twice is kept
 * once; "all" keeps every column by position, repeated names too, and
 * sets all.  The names are owned by the list: free with assess_keep_free.
 */
typedef struct keep_list {
	char **names;
	size_t n;
	int all; /* names[i] is column i (--keep all) */
} keep_list;

/* Fills k (which it overwrites: free a used list first) from spec as
 * above; header is only read and may be freed afterwards. */
void assess_keep(keep_list *k, const ruleset *rs, const csv_record *header,
		 const char *spec);
/* Frees the names and empties the list; an empty list and NULL are
 * no-ops. */
void assess_keep_free(keep_list *k);

#endif
