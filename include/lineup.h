#ifndef PARTNERCHECK_LINEUP_H
#define PARTNERCHECK_LINEUP_H

#include <stddef.h>
#include <stdint.h>

/*
 * The line-up search: the best sets of candidates by value, exactly.
 * A problem is plain numbers, no rules: each candidate's score, a bitset
 * of fail-level pair conflicts, a matrix of pairwise penalties, and the
 * consortium rules reduced to what each candidate contributes to them.
 * Candidates are numbered by row position (0 is the first eligible row),
 * which is also the tie-break order.  Values and penalties are integers
 * in tenths of a point (the reported score has one decimal).
 *
 * value(S) = sum of scores - pair penalties between members - consortium
 * penalties.  A set is feasible when min_size <= |S| <= max_size, no two
 * members conflict and no fail-level consortium rule fires.  Best: highest
 * value, then fewer members, then the member positions (ascending) first
 * in lexicographic order.
 */

/* The consortium rule kinds of consortium.c, with its semantics exactly:
 * sum, min and max ignore members without a value and do not apply when
 * no member has one; their figure is rounded to 1e-6 before comparing. */
typedef enum lu_kind {
	LU_COUNT,
	LU_COUNT_WHERE,
	LU_SUM,
	LU_MIN,
	LU_MAX,
	LU_COVERAGE,
	LU_DISTINCT
} lu_kind;

typedef struct lu_rule {
	lu_kind kind;
	int fail;      /* a hard constraint */
	int penalty;   /* tenths, per finding, when not fail; >= 0 */
	double lo, hi; /* bounds (count, count_where, sum, min, max) */
	int has_lo, has_hi;
	const unsigned char *flag; /* count_where: candidate satisfies where */
	const double *val;         /* sum/min/max: candidate's value ... */
	const unsigned char *present; /* ... when present[i] */
	size_t nreq;            /* coverage: required items (0: no rule) */
	const uint64_t *covers; /* coverage: n rows of req_words words */
	size_t req_words;
	const int *items;       /* distinct: item ids of candidate i are */
	const size_t *item_off; /* items[item_off[i] .. item_off[i+1]) */
	size_t nitem_ids;       /* distinct ids are 0 .. nitem_ids-1 */
} lu_rule;

typedef struct lu_problem {
	size_t n;
	const int *score;          /* tenths, n entries */
	const uint64_t *conflict;  /* n rows of (n+63)/64 words, symmetric */
	const int *penalty;        /* n*n, symmetric, >= 0, diagonal 0 */
	const unsigned char *must; /* may be NULL */
	const unsigned char *excluded; /* may be NULL */
	size_t min_size, max_size;
	const lu_rule *rules;
	size_t nrules;
} lu_problem;

typedef struct lu_set {
	long value; /* tenths */
	size_t k;
	size_t *members; /* row positions, ascending */
} lu_set;

typedef struct lu_opts {
	size_t top;          /* how many best sets to keep (>= 1) */
	long long max_nodes; /* 0: no limit */
	double time_limit;   /* seconds, 0: no limit */
	long force;          /* a candidate that must be in too, or -1 */
	long floor;          /* with has_floor: a feasible set worth this */
	int has_floor;       /* is known to exist; worse ones are not sought */
	int track;           /* fill lu_result.best_with */
	long ceiling;        /* with has_ceiling: no feasible set is worth */
	int has_ceiling;     /* more (say, the optimum without force) */
	const lu_set *hint;  /* may be NULL: a good set (say, the optimum
			      * without force) to start from: the search
			      * first tries it with the fixed members in
			      * and one of its own out */
} lu_opts;

typedef struct lu_result {
	lu_set *sets; /* best first; nsets <= top; 0 when none found */
	size_t nsets;
	int proven;      /* the search finished: the sets are the optimum */
	long upper;      /* when !proven: no set is worth more than this */
	long long nodes; /* search nodes visited */
	long *best_with; /* with lu_opts.track: per candidate, the value of
			  * the best feasible set with it that the search
			  * met (LU_NONE if none); a floor for a re-solve */
} lu_result;

#define LU_NONE (-0x7fffffffL - 1)

/*
 * Solves p.  Returns a result the caller frees with lu_result_free.  An
 * infeasible problem gives nsets == 0 with proven set.  p and what it
 * points to are only read, so several solves may share one problem.
 */
lu_result *lu_solve(const lu_problem *p, const lu_opts *o);

/* Frees r; NULL is a no-op. */
void lu_result_free(lu_result *r);

/*
 * Evaluates the set members[0..k) (row positions, any order) exactly as
 * the search does: returns 1 when it is feasible (size, conflicts and
 * every fail-level rule) and stores its value in *value, else 0.  fired,
 * when not NULL, receives each rule's number of findings (nrules entries).
 */
int lu_evaluate(const lu_problem *p, const size_t *members, size_t k,
		long *value, int *fired);

/* Number of findings rule r gives for members[0..k) (0, 1 or 2). */
int lu_rule_findings(const lu_rule *r, const size_t *members, size_t k);

/* Orders two sets best first: negative when a is better (value, then
 * fewer members, then lexicographic positions). */
int lu_set_cmp(const lu_set *a, const lu_set *b);

#endif
