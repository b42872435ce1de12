/* The messages of pairwise findings: what made a pair rule true for two
 * partners, in words. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "fmt_value.h"
#include "pairs.h"
#include "pairs_int.h"
#include "strbuf.h"
#include "textkey.h"
#include "xalloc.h"

/* An `apart` figure for a message, in the type t of its field (NULL for
 * a formula): its exact digits when it has them. */
static void
add_figure(strbuf *sb, const type_spec *t, const figure *f)
{
	fmt_number(sb, t, f->num, f->dec);
}

/* A gap between two values of type t (NULL for a formula's): money and
 * percent in their type, dates in days, levels in levels, else plain. */
static void
add_gap(strbuf *sb, const type_spec *t, double num, decnum dec)
{
	const char *unit = NULL;

	if (t && !t->unknown &&
	    (t->type == FT_MONEY || t->type == FT_PERCENT)) {
		fmt_number(sb, t, num, dec);
		return;
	}
	fmt_plain_number(sb, num, dec);
	if (t && !t->unknown && t->type == FT_DATE)
		unit = "day";
	else if (t && !t->unknown && t->type == FT_ORDINAL)
		unit = "level";
	if (unit)
		sb_addf(sb, " %s%s", unit, num == 1 ? "" : "s");
}

/* A partner's value of c's field, in the field's type. */
static void
add_value(pair_engine *pe, const cond *c, const value *v, strbuf *sb)
{
	fmt_value(sb, cond_subject_type(&pe->cx, c), v);
}

static void
add_shared(pair_engine *pe, const value_set *x, const value_set *y, strbuf *sb)
{
	size_t i = 0, j = 0, n = 0;

	while (i < x->n && j < y->n) {
		if (x->v[i] == y->v[j]) {
			if (n++)
				sb_adds(sb, ", ");
			sb_add(sb, pe->in.s[x->v[i]], pe->in.len[x->v[i]]);
			i++;
			j++;
		} else if (x->v[i] < y->v[j]) {
			i++;
		} else {
			j++;
		}
	}
}

static void
add_pair_values(pair_engine *pe, const cond *c, size_t a, size_t b, strbuf *sb)
{
	const partner_set *ps = pe->ps;
	const value *va = &pset_row(ps, a)[c->field];
	const value *vb = &pset_row(ps, b)[c->field];

	add_value(pe, c, va, sb);
	sb_addf(sb, " (%s), ", ps->ids[a]);
	add_value(pe, c, vb, sb);
	sb_addf(sb, " (%s)", ps->ids[b]);
}

/* Says why a condition does not hold for the pair, for `not`. */
static void
describe_pair_false(pair_engine *pe, const node *nd, size_t a, size_t b,
		    strbuf *sb)
{
	const cond *c = nd->c;
	const partner_set *ps = pe->ps;
	size_t k, n = 0;

	switch (c->op) {
	case C_SAME:
		sb_addf(sb, "%s differs: ", cond_subject(&pe->cx, c));
		add_pair_values(pe, c, a, b, sb);
		return;
	case C_DIFFER:
		sb_addf(sb, "%s is the same: ", cond_subject(&pe->cx, c));
		add_pair_values(pe, c, a, b, sb);
		return;
	case C_MEETS:
		sb_addf(sb, "neither %s nor %s refuses the other", ps->ids[a],
			ps->ids[b]);
		return;
	case C_APART:
		sb_addf(sb, "%s is within ", cond_subject(&pe->cx, c));
		if (c->relative)
			fmt_percent(sb, c->tolerance,
				    dec_from_double(c->tolerance));
		else
			add_gap(sb, cond_subject_type(&pe->cx, c), c->tolerance,
				dec_from_double(c->tolerance));
		sb_addf(sb, " for %s and %s", ps->ids[a], ps->ids[b]);
		return;
	case C_BOTH:
		sb_addf(sb, "not both %s and %s: ", ps->ids[a], ps->ids[b]);
		cond_text(c->kids[0], sb);
		return;
	case C_EITHER:
		sb_addf(sb, "neither %s nor %s: ", ps->ids[a], ps->ids[b]);
		cond_text(c->kids[0], sb);
		return;
	case C_NOT:
		pr_describe(pe, pr_kid(pe, nd, 0), a, b, sb);
		return;
	default:
		/* all / any: name the parts that do not hold */
		for (k = 0; k < c->nkids; k++) {
			if (pr_eval(pe, pr_kid(pe, nd, k), a, b) == T_TRUE)
				continue;
			if (n++)
				sb_adds(sb, "; ");
			describe_pair_false(pe, pr_kid(pe, nd, k), a, b, sb);
		}
		return;
	}
}

/* both / either that holds: what holds for each partner, once when it
 * reads the same for both. */
static void
describe_both_either(pair_engine *pe, const node *nd, size_t a, size_t b,
		     strbuf *sb)
{
	const cond *c = nd->c;
	const partner_set *ps = pe->ps;
	const char *ida = ps->ids[a], *idb = ps->ids[b];
	size_t k, n = 0, mark;

	mark = sb->len;
	if (nd->tri[a] == T_TRUE)
		cond_describe_holds(&pe->cx, c->kids[0], pset_row(ps, a), sb);
	if (c->op == C_BOTH) {
		size_t la = sb->len - mark;
		strbuf tmp;

		sb_init(&tmp);
		cond_describe_holds(&pe->cx, c->kids[0], pset_row(ps, b), &tmp);
		if (tmp.len == la && !memcmp(tmp.buf, sb->buf + mark, la)) {
			sb->len = mark;
			sb_addf(sb, "both %s and %s: %s", ida, idb, tmp.buf);
		} else {
			sb->len = mark;
			sb->buf[mark] = '\0';
			sb_addf(sb, "%s: ", ida);
			cond_describe_holds(&pe->cx, c->kids[0],
					    pset_row(ps, a), sb);
			sb_addf(sb, "; %s: %s", idb, tmp.buf);
		}
		sb_free(&tmp);
		return;
	}
	sb->len = mark;
	sb->buf[mark] = '\0';
	for (k = 0; k < 2; k++) {
		size_t p = k ? b : a;

		if (nd->tri[p] != T_TRUE)
			continue;
		if (n++)
			sb_adds(sb, "; ");
		sb_addf(sb, "%s: ", ps->ids[p]);
		cond_describe_holds(&pe->cx, c->kids[0], pset_row(ps, p), sb);
	}
}

/* meets that holds: the values shared, or who refuses whom over what. */
static void
describe_meets(pair_engine *pe, const node *nd, size_t a, size_t b, strbuf *sb)
{
	const char *ida = pe->ps->ids[a], *idb = pe->ps->ids[b];
	const cond *c = nd->c;
	size_t n = 0;

	if (c->field == c->field2) {
		/* one list compared with itself: a shared value, not a
		 * refusal */
		sb_addf(sb, "%s and %s share %s: ", ida, idb,
			cond_subject(&pe->cx, c));
		add_shared(pe, &nd->a[a], &nd->b[b], sb);
		return;
	}
	if (pr_intersects(&nd->a[a], &nd->b[b])) {
		sb_addf(sb, "%s refuses %s over ", ida, idb);
		add_shared(pe, &nd->a[a], &nd->b[b], sb);
		n++;
	}
	if (pr_intersects(&nd->a[b], &nd->b[a])) {
		if (n)
			sb_adds(sb, "; ");
		sb_addf(sb, "%s refuses %s over ", idb, ida);
		add_shared(pe, &nd->a[b], &nd->b[a], sb);
	}
}

/* apart that holds: both values and how far apart they are, in the
 * field's type (a formula's figures plain); a relative gap in percent. */
static void
describe_apart(pair_engine *pe, const node *nd, size_t a, size_t b, strbuf *sb)
{
	const partner_set *ps = pe->ps;
	const char *ida = ps->ids[a], *idb = ps->ids[b];
	const cond *c = nd->c;
	const type_spec *t = cond_subject_type(&pe->cx, c);
	int a_low = pr_fig_cmp(&nd->num[a], &nd->num[b]) < 0;
	const figure *flo = a_low ? &nd->num[a] : &nd->num[b];
	const figure *fhi = a_low ? &nd->num[b] : &nd->num[a];
	double lo = flo->num, hi = fhi->num;
	decnum gap = dec_sub(fhi->dec, flo->dec);
	decnum tol = dec_from_double(c->tolerance);
	const value *va = &pset_row(ps, a)[c->field < 0 ? 0 : c->field];
	const value *vb = &pset_row(ps, b)[c->field < 0 ? 0 : c->field];

	sb_addf(sb, "%s is ", cond_subject(&pe->cx, c));
	if (c->expr)
		add_figure(sb, NULL, &nd->num[a]);
	else
		add_value(pe, c, va, sb);
	sb_addf(sb, " for %s and ", ida);
	if (c->expr)
		add_figure(sb, NULL, &nd->num[b]);
	else
		add_value(pe, c, vb, sb);
	sb_addf(sb, " for %s: ", idb);
	if (c->relative && lo > 0) {
		double exact = (hi - lo) / lo * 100, pct = exact, scale;
		decnum none = { 0, 0, 0 };

		/* one decimal, or as many as it takes to show the
		 * difference is over the tolerance */
		for (scale = 10; scale <= 1e6; scale *= 10) {
			pct = floor(exact * scale + 0.5) / scale;
			if (pct > c->tolerance)
				break;
		}
		if (pct <= c->tolerance)
			pct = exact;
		fmt_percent(sb, pct, none);
		sb_adds(sb, " apart, more than ");
		fmt_percent(sb, c->tolerance, tol);
	} else if (c->relative) {
		sb_adds(sb, "apart by more than ");
		fmt_percent(sb, c->tolerance, tol);
		sb_adds(sb, " (measured against a lower value of 0 or "
			    "less, any difference counts)");
	} else {
		figure g;

		/* 12.001 - 10 is 2.0009999999999994 in binary: the
		 * exact difference when there is one */
		g.dec = gap;
		g.num = gap.ok ? dec_to_double(gap) :
				 floor((hi - lo) * 1e6 + 0.5) / 1e6;
		sb_adds(sb, "apart by ");
		add_gap(sb, t, g.num, g.dec);
		sb_adds(sb, ", more than ");
		add_gap(sb, t, c->tolerance, tol);
	}
}

void
pr_describe(pair_engine *pe, const node *nd, size_t a, size_t b, strbuf *sb)
{
	const cond *c = nd->c;
	const partner_set *ps = pe->ps;
	const char *ida = ps->ids[a], *idb = ps->ids[b];
	size_t k, n = 0;

	switch (c->op) {
	case C_ALL:
	case C_ANY:
		for (k = 0; k < c->nkids; k++) {
			if (pr_eval(pe, pr_kid(pe, nd, k), a, b) != T_TRUE)
				continue;
			if (n++)
				sb_adds(sb, "; ");
			pr_describe(pe, pr_kid(pe, nd, k), a, b, sb);
		}
		return;
	case C_NOT:
		describe_pair_false(pe, pr_kid(pe, nd, 0), a, b, sb);
		return;
	case C_BOTH:
	case C_EITHER:
		describe_both_either(pe, nd, a, b, sb);
		return;
	case C_MEETS:
		describe_meets(pe, nd, a, b, sb);
		return;
	case C_APART:
		describe_apart(pe, nd, a, b, sb);
		return;
	case C_DIFFER:
	case C_SAME: {
		const value *va = &pset_row(ps, a)[c->field];

		if (c->op == C_SAME) {
			sb_addf(sb, "%s is ", cond_subject(&pe->cx, c));
			add_value(pe, c, va, sb);
			sb_addf(sb, " for both %s and %s", ida, idb);
			return;
		}
		sb_addf(sb, "%s differs: ", cond_subject(&pe->cx, c));
		add_pair_values(pe, c, a, b, sb);
		return;
	}
	default:
		return;
	}
}
