#ifndef EVAL_INT_H
#define EVAL_INT_H

/* The evaluator's state, shared by eval.c and eval_bind.c only. */

#include <stddef.h>
#include <stdint.h>

#include "diaglist.h"
#include "eval.h"
#include "idset.h"
#include "strbuf.h"

/* One declared field to parse from each row (used, or unused but in the
 * file): the loop over rows reads these and nothing else of the rule set. */
typedef struct parse_step {
	const type_spec *type;
	size_t col;
	value *val;
	item_vec *iv;
	const char *name;
	/* a percent field without "scale": whether every value so far was
	 * a fraction between 0 and 1 written with a point and no "%" */
	int watch_fraction;
	size_t fractions; /* values that were */
	int not_fraction; /* a value that was not */
} parse_step;

/* parse_step.col of an absent column: every row's cell is empty. */
#define ABSENT_STEP ((size_t)-1)

/* A finding under construction: strings are offsets into ev->text, made
 * pointers once the row is done, because the buffer may move meanwhile. */
typedef struct pending {
	const char *rule;
	const char *rationale;
	severity sev;
	outcome out;
	size_t msg;
	const check *ck; /* the check, or NULL (row error, min_score) */
	/* finding_detail strings, offsets into ev->text or NO_TEXT */
	size_t value, threshold, expires;
	size_t value_shown, threshold_shown; /* in the field's type */
	const waiver *w;                     /* the waiver met, or NULL */
	int expired;
} pending;

/* A pending string that is absent. */
#define NO_TEXT ((size_t)-1)

/* A sum of check weights: the double, and the weights scaled by
 * 10^wscale as whole numbers when every weight is a short decimal, so that
 * a score is exact: 18.75 rounds half up to 18.8, and min_score compares
 * the score before rounding. */
typedef struct tally {
	double w;
	int64_t i;
} tally;

struct evaluator {
	const ruleset *rs;
	eval_opts o;
	size_t ncols;
	int id_col, name_col;
	/* Per field, the evaluator's own: the rule set stays read-only. */
	unsigned char *used; /* read by the command's rules */
	int *col;            /* bound header column, or -1 */
	int *keep_cols;
	char **col_names; /* header, for messages */
	value *vals;
	item_vec *ivs;
	pending *pend;
	size_t npend, cappend;
	finding *findings;
	size_t capfind;
	category_score *cats;
	tally *cat_total, *cat_passed;
	int64_t *wint; /* each check's weight times 10^wscale */
	int wscale;
	int wexact;     /* every weight fits wint: scores are exact */
	decnum min_dec; /* rs->min_score as a decimal */
	const char **kept;
	strbuf text; /* every string of the current verdict */
	cond_ctx cx;
	idset *ids;        /* for the duplicate check */
	parse_step *steps; /* the fields in the file, in declaration order */
	size_t nsteps;
	int row_ok;
	const csv_record *rec; /* the row eval_row is on */
	int bad_record;        /* the reader flagged the current record */
	int has_nul;           /* the reader saw a NUL byte in it */
	size_t id_off, name_off;
	size_t *kept_off;
	const char **absent; /* needed columns read as empty (the rule
			      * set's strings) */
	size_t nabsent;
	int missing_as_missing; /* from the input config or the rule set */
	int header_insensitive;
};

/* ev->col of a needed field whose column is absent and read as empty
 * (input.missing_columns "as-missing"). */
#define ABSENT_COL (-2)

/* The index of the header column `name` (what it is for goes into the
 * message), or -1 after adding a message to dl at file:line: absent, or
 * named twice. */
int find_column(const evaluator *ev, const char *name, const char *what,
		const char *file, size_t line, diaglist *dl);

/* Binds every declared field to its header column in ev->col: one the
 * command reads must be there once (else a message in dl at file:line);
 * any other is bound where it is there once, so that its cells are still
 * checked; an absent one read as empty gets ABSENT_COL. */
void bind_fields(evaluator *ev, const char *file, size_t line, diaglist *dl);

/* Finds each --keep column (a message in dl for one that is not there
 * once); a name given twice is looked up, and reported, once. */
void bind_keep(evaluator *ev, const char *file, size_t line, diaglist *dl);

/* Lists the fields bound to a column, in declaration order: what each
 * row parses.  Call after bind_fields. */
void plan_parsing(evaluator *ev);

#endif
