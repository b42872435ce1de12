#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineup_lp.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * The linearisation.  x<i> is 1 when candidate i is in.  A penalised pair
 * costs through p<i>_<j> >= x<i> + x<j> - 1; a rule's finding through a
 * binary z<r>_<side> that its constraint forces to 1 when the finding
 * holds (fail-level rules get the constraint without z).  Sums, minima
 * and maxima only apply when some member has a value: w<r> is that "some
 * member has one".  distinct uses u<r>_<i>_<t>, "i is in and no other
 * member holds item t".  Objective in tenths.
 */

#define HAS(w, i) (((w)[(i) >> 6] >> ((i)&63)) & 1)

typedef struct lp {
	strbuf sb;
	size_t terms; /* on the current line, to keep lines short */
} lp;

static void term(lp *l, double coef, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
term(lp *l, double coef, const char *fmt, ...)
{
	va_list ap;

	if (coef == 0)
		return;
	if (l->terms && !(l->terms % 8))
		sb_adds(&l->sb, "\n  ");
	sb_adds(&l->sb, coef < 0 ? " - " : " + ");
	if (fabs(coef) != 1) {
		sb_addnum(&l->sb, fabs(coef));
		sb_addc(&l->sb, ' ');
	}
	va_start(ap, fmt);
	sb_vaddf(&l->sb, fmt, ap);
	va_end(ap);
	l->terms++;
}

/* Ends a constraint: a constraint with no term gets the fixed 0 variable
 * so that it still reads (and an impossible one stays impossible). */
static void
rel(lp *l, const char *op, double rhs)
{
	if (!l->terms)
		sb_adds(&l->sb, " zero");
	sb_addf(&l->sb, " %s ", op);
	sb_addnum(&l->sb, rhs);
	sb_addc(&l->sb, '\n');
	l->terms = 0;
}

static double
shown(double x)
{
	return floor(x * 1e6 + 0.5) / 1e6;
}

/* w_ri = some member has a value (sum, min, max); the range of the sum
 * over the negative and the positive values into *lo_sum and *hi_sum. */
static void
rows_presence(lp *l, const lu_problem *p, size_t ri, const lu_rule *r,
	      double *lo_sum, double *hi_sum)
{
	size_t n = p->n, i;

	for (i = 0; i < n; i++) {
		if (!r->present[i])
			continue;
		if (r->val[i] < 0)
			*lo_sum += r->val[i];
		else
			*hi_sum += r->val[i];
	}
	for (i = 0; i < n; i++)
		if (r->present[i]) {
			term(l, 1, "w%zu", ri);
			term(l, -1, "x%zu", i);
			rel(l, ">=", 0);
		}
	for (i = 0; i < n; i++)
		if (r->present[i])
			term(l, 1, "x%zu", i);
	term(l, -1, "w%zu", ri);
	rel(l, ">=", 0);
}

/* One side of a count or count_where: the finding z (a penalised rule)
 * lets the count past its bound. */
static void
rows_count(lp *l, const lu_problem *p, const lu_rule *r, int lo, double b,
	   const char *z)
{
	size_t i;
	double m = 0;

	for (i = 0; i < p->n; i++)
		if (r->kind == LU_COUNT || r->flag[i]) {
			term(l, 1, "x%zu", i);
			m++;
		}
	if (lo) {
		double c = ceil(b);

		if (!r->fail)
			term(l, c > 0 ? c : 0, "%s", z);
		rel(l, ">=", c);
	} else {
		double f = floor(b);

		if (!r->fail)
			term(l, -(m - f > 0 ? m - f : 0), "%s", z);
		rel(l, "<=", f);
	}
}

/* One side of a sum: sum >= lo * w (or <= hi * w), or z. */
static void
rows_sum(lp *l, const lu_problem *p, size_t ri, const lu_rule *r, int lo,
	 double b, const char *z, double lo_sum, double hi_sum)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (r->present[i])
			term(l, r->val[i], "x%zu", i);
	if (lo) {
		term(l, -b, "w%zu", ri);
		if (!r->fail)
			term(l, (b - lo_sum > 0 ? b - lo_sum : 0) + 1, "%s", z);
		rel(l, ">=", 0);
	} else {
		term(l, -b, "w%zu", ri);
		if (!r->fail)
			term(l, -((hi_sum - b > 0 ? hi_sum - b : 0) + 1), "%s",
			     z);
		rel(l, "<=", 0);
	}
}

/* One side of a min or max: the side every member can break alone, and
 * the side some member must mend. */
static void
rows_extreme(lp *l, const lu_problem *p, size_t ri, const lu_rule *r, int lo,
	     double b, const char *z)
{
	size_t i;
	int alone = (r->kind == LU_MIN) == lo;

	if (alone) {
		for (i = 0; i < p->n; i++) {
			double v = shown(r->val[i]);

			if (!r->present[i] || (lo ? v >= b : v <= b))
				continue;
			term(l, 1, "x%zu", i);
			if (!r->fail)
				term(l, -1, "%s", z);
			rel(l, "<=", 0);
		}
	} else {
		for (i = 0; i < p->n; i++) {
			double v = shown(r->val[i]);

			if (r->present[i] && (lo ? v >= b : v <= b))
				term(l, 1, "x%zu", i);
		}
		term(l, -1, "w%zu", ri);
		if (!r->fail)
			term(l, 1, "%s", z);
		rel(l, ">=", 0);
	}
}

/* Coverage: every required item covered by some member, or z. */
static void
rows_coverage(lp *l, const lu_problem *p, size_t ri, const lu_rule *r,
	      int *zvars)
{
	size_t i, t;
	char z[48];

	snprintf(z, sizeof z, "z%zu_0", ri);
	for (t = 0; t < r->nreq; t++) {
		for (i = 0; i < p->n; i++)
			if (HAS(r->covers + i * r->req_words, t))
				term(l, 1, "x%zu", i);
		if (!r->fail)
			term(l, 1, "%s", z);
		rel(l, ">=", 1);
	}
	if (!r->fail)
		zvars[0] = 1;
}

/* Distinct, for member i's item it: u_i_it <= x_i, and the others
 * holding it are out when u_i_it is set (sum x_j <= h (1 - u)). */
static void
rows_distinct_item(lp *l, const lu_problem *p, size_t ri, const lu_rule *r,
		   size_t i, int it)
{
	size_t j, q, holders = 0;

	term(l, 1, "u%zu_%zu_%d", ri, i, it);
	term(l, -1, "x%zu", i);
	rel(l, "<=", 0);
	for (j = 0; j < p->n; j++) {
		if (j == i)
			continue;
		for (q = r->item_off[j]; q < r->item_off[j + 1]; q++)
			if (r->items[q] == it) {
				term(l, 1, "x%zu", j);
				holders++;
				break;
			}
	}
	if (holders) {
		term(l, (double)holders, "u%zu_%zu_%d", ri, i, it);
		rel(l, "<=", (double)holders);
	} else {
		l->terms = 0;
	}
}

/* Distinct: every member holds an item no other member holds, or z. */
static void
rows_distinct(lp *l, const lu_problem *p, size_t ri, const lu_rule *r,
	      int *zvars)
{
	size_t i, a;
	char z[48];

	snprintf(z, sizeof z, "z%zu_0", ri);
	for (i = 0; i < p->n; i++) {
		/* x_i <= sum of u_i_t (+ z) */
		term(l, 1, "x%zu", i);
		for (a = r->item_off[i]; a < r->item_off[i + 1]; a++)
			term(l, -1, "u%zu_%zu_%d", ri, i, r->items[a]);
		if (!r->fail)
			term(l, -1, "%s", z);
		rel(l, "<=", 0);
		for (a = r->item_off[i]; a < r->item_off[i + 1]; a++)
			rows_distinct_item(l, p, ri, r, i, r->items[a]);
	}
	if (!r->fail)
		zvars[0] = 1;
}

/* The constraints of one rule; zvars[side] is set for each finding
 * variable z<ri>_<side> a penalised rule uses. */
static void
rule_rows(lp *l, const lu_problem *p, size_t ri, const lu_rule *r, int *zvars)
{
	int side;
	double lo_sum = 0, hi_sum = 0;

	if (r->kind == LU_SUM || r->kind == LU_MIN || r->kind == LU_MAX)
		rows_presence(l, p, ri, r, &lo_sum, &hi_sum);
	for (side = 0; side < 2; side++) {
		int lo = side == 0;
		double b = lo ? r->lo : r->hi;
		char z[48];

		if (lo ? !r->has_lo : !r->has_hi)
			continue;
		snprintf(z, sizeof z, "z%zu_%d", ri, side);
		switch (r->kind) {
		case LU_COUNT:
		case LU_COUNT_WHERE:
			rows_count(l, p, r, lo, b, z);
			break;
		case LU_SUM:
			rows_sum(l, p, ri, r, lo, b, z, lo_sum, hi_sum);
			break;
		case LU_MIN:
		case LU_MAX:
			rows_extreme(l, p, ri, r, lo, b, z);
			break;
		default:
			break;
		}
		if (!r->fail)
			zvars[side] = 1;
	}
	if (r->kind == LU_COVERAGE)
		rows_coverage(l, p, ri, r, zvars);
	if (r->kind == LU_DISTINCT)
		rows_distinct(l, p, ri, r, zvars);
}

/* Every constraint: pairs (a conflict, or the penalty variable), the
 * size range, the rules; `impossible` adds zero >= 1. */
static void
lp_rows(lp *rows, const lu_problem *p, int impossible, int (*zvars)[2])
{
	size_t n = p->n, W = (n + 63) / 64, i, j, ri;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (HAS(p->conflict + i * W, j)) {
				term(rows, 1, "x%zu", i);
				term(rows, 1, "x%zu", j);
				rel(rows, "<=", 1);
			} else if (p->penalty[i * n + j]) {
				term(rows, 1, "p%zu_%zu", i, j);
				term(rows, -1, "x%zu", i);
				term(rows, -1, "x%zu", j);
				rel(rows, ">=", -1);
			}
		}
	for (i = 0; i < n; i++)
		term(rows, 1, "x%zu", i);
	rel(rows, ">=", (double)p->min_size);
	for (i = 0; i < n; i++)
		term(rows, 1, "x%zu", i);
	rel(rows, "<=", (double)p->max_size);
	for (ri = 0; ri < p->nrules; ri++)
		if (p->rules[ri].fail || p->rules[ri].penalty)
			rule_rows(rows, p, ri, &p->rules[ri], zvars[ri]);
	if (impossible)
		rel(rows, ">=", 1); /* zero >= 1 */
}

/* The objective: scores less pair penalties less rule findings. */
static void
lp_objective(lp *l, const lu_problem *p, int (*zvars)[2])
{
	size_t n = p->n, W = (n + 63) / 64, i, j, ri;

	sb_adds(&l->sb, "\\ partnercheck lineup: the objective is in tenths "
			"of a point\nMaximize\n obj:");
	for (i = 0; i < n; i++)
		term(l, p->score[i], "x%zu", i);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (!HAS(p->conflict + i * W, j) &&
			    p->penalty[i * n + j])
				term(l, -p->penalty[i * n + j], "p%zu_%zu", i,
				     j);
	for (ri = 0; ri < p->nrules; ri++) {
		int s;

		for (s = 0; s < 2; s++)
			if (zvars[ri][s])
				term(l, -p->rules[ri].penalty, "z%zu_%d", ri,
				     s);
	}
	if (!l->terms)
		sb_adds(&l->sb, " zero");
	l->terms = 0;
}

/* Bounds (must, excluded, penalty variables) and the binary variables. */
static void
lp_vars(lp *l, const lu_problem *p, int (*zvars)[2])
{
	size_t n = p->n, W = (n + 63) / 64, i, j, ri;

	sb_adds(&l->sb, "Bounds\n zero = 0\n");
	for (i = 0; i < n; i++) {
		if (p->must && p->must[i])
			sb_addf(&l->sb, " x%zu = 1\n", i);
		else if (p->excluded && p->excluded[i])
			sb_addf(&l->sb, " x%zu = 0\n", i);
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (!HAS(p->conflict + i * W, j) &&
			    p->penalty[i * n + j])
				sb_addf(&l->sb, " 0 <= p%zu_%zu <= 1\n", i, j);
	sb_adds(&l->sb, "Binary\n");
	for (i = 0; i < n; i++)
		sb_addf(&l->sb, " x%zu\n", i);
	for (ri = 0; ri < p->nrules; ri++) {
		const lu_rule *r = &p->rules[ri];
		int s;

		if (!r->fail && !r->penalty)
			continue;
		for (s = 0; s < 2; s++)
			if (zvars[ri][s])
				sb_addf(&l->sb, " z%zu_%d\n", ri, s);
		if (r->kind == LU_SUM || r->kind == LU_MIN || r->kind == LU_MAX)
			sb_addf(&l->sb, " w%zu\n", ri);
		if (r->kind == LU_DISTINCT)
			for (i = 0; i < n; i++) {
				size_t a;

				for (a = r->item_off[i]; a < r->item_off[i + 1];
				     a++)
					sb_addf(&l->sb, " u%zu_%zu_%d\n", ri, i,
						r->items[a]);
			}
	}
	sb_adds(&l->sb, "End\n");
}

int
lineup_lp_write(const lu_problem *p, int impossible, const char *path,
		char *err, size_t errsz)
{
	int(*zvars)[2] = xcalloc(p->nrules + 1, sizeof *zvars);
	lp l, rows;
	FILE *f;
	int rc = 0;

	sb_init(&l.sb);
	l.terms = 0;
	/* rows first: they decide which indicator variables exist */
	sb_init(&rows.sb);
	rows.terms = 0;
	lp_rows(&rows, p, impossible, zvars);
	lp_objective(&l, p, zvars);
	sb_adds(&l.sb, "\nSubject To\n");
	sb_add(&l.sb, rows.sb.buf, rows.sb.len);
	sb_free(&rows.sb);
	lp_vars(&l, p, zvars);
	f = fopen(path, "w");
	if (f) {
		int bad = fwrite(l.sb.buf, 1, l.sb.len, f) != l.sb.len;

		if (fclose(f) != 0 || bad)
			rc = -1;
	} else {
		rc = -1;
	}
	if (rc < 0)
		snprintf(err, errsz, "%s: cannot write: %s", path,
			 strerror(errno));
	sb_free(&l.sb);
	free(zvars);
	return rc;
}
