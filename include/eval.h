#ifndef PARTNERCHECK_EVAL_H
#define PARTNERCHECK_EVAL_H

#include "csvread.h"
#include "input_config.h"
#include "rules.h"
#include "verdict.h"
#include "waivers.h"

/*
 * Per-partner evaluation: binds a rule set to a CSV header, then turns each
 * record into a verdict.  Each used cell is parsed once into a typed value;
 * the checks then run over those values.
 */

typedef struct evaluator evaluator;

typedef struct eval_opts {
	long today;                /* days since 1970-01-01 (--as-of) */
	const waiver_set *waivers; /* may be NULL */
	const char *const *keep;   /* column names to copy into reports */
	size_t nkeep;
	int keep_all;              /* keep[i] is column i, names repeated or
				    * not (--keep all) */
	int categories;            /* score each category too (--by-category);
				    * otherwise verdicts carry no cats */
	int pairs;                 /* the pairwise and consortium rules will
				    * read the values too (check, conflicts) */
	const input_config *input; /* the id and name columns; NULL: the
				    * rule set's own */
	int labels;                /* messages call fields by their label
				    * (emitter.labels) */
	const struct report_doc *baseline; /* --baseline: its findings are
					    * marked known; may be NULL */
} eval_opts;

/*
 * Binds rs to the header record of file: every field the checks read (and,
 * with o->pairs, the pairwise and consortium rules; see rules_mark_used)
 * must be in the header once.  Returns the evaluator (caller frees with
 * eval_free), or NULL after adding one message per problem to dl: a column
 * needed but absent, a needed column named twice, an unknown --keep column.
 * rs is only read, never written; rs and o's arrays must outlive the
 * evaluator.
 */
evaluator *eval_new(const ruleset *rs, const csv_record *header,
		    const char *file, const eval_opts *o, diaglist *dl);

/*
 * Evaluates one data record.  *v and everything it points to stay valid
 * until the next eval_row or eval_free.  A record that cannot be assessed
 * gets status ST_ERROR with the reason (and its line) in its findings.
 */
void eval_row(evaluator *ev, const csv_record *rec, verdict *v);

/* The typed values of the last row evaluated, indexed by field, or NULL
 * when that row was in error. */
const value *eval_values(const evaluator *ev);

/* Which fields the command reads, indexed by field (rs->nfields entries,
 * each 0 or 1, owned by ev): the ones a partner_set needs to keep. */
const unsigned char *eval_used(const evaluator *ev);

/* The header column field is bound to, or -1: a field no rule reads may
 * be absent, and one whose any text is valid (string, list) is not bound
 * unless used.  field must be below rs->nfields. */
int eval_column(const evaluator *ev, size_t field);

/*
 * The columns that fields read but the header lacks, read as empty cells
 * because the rule set (or --missing-columns) says "as-missing": their
 * names as the rule set spells them, in declaration order, *n of them.
 * Owned by ev (the strings by the rule set); none without as-missing,
 * since eval_new refuses such a header then.
 */
const char *const *eval_absent_columns(const evaluator *ev, size_t *n);

/*
 * The percent fields without "scale" whose every value so far (at least
 * one; missing cells aside) was a fraction between 0 and 1 written with a
 * decimal point and no "%": probably 62% exported as 0.62.  Stores up to
 * max of their names (the rule set's strings) in names and returns how
 * many there are.  Meant for the end of the run, when every row is in.
 */
size_t eval_fraction_fields(const evaluator *ev, const char **names,
			    size_t max);

/* Frees the evaluator and every verdict's storage; NULL is a no-op. */
void eval_free(evaluator *ev);

#endif
