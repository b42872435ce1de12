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

/* Makes partner p's fragment of node nd: what holds for it (both,
 * either), or its value (apart, differ, same). */
static void
make_fragment(pair_engine *pe, const node *nd, size_t p, strbuf *sb)
{
	const cond *c = nd->c;
	const value *row = pset_row(pe->ps, p);

	switch (c->op) {
	case C_BOTH:
	case C_EITHER:
		cond_describe_holds(&pe->cx, c->kids[0], row, sb);
		return;
	case C_APART:
		if (c->expr)
			add_figure(sb, NULL, &nd->num[p]);
		else
			add_value(pe, c, &row[c->field < 0 ? 0 : c->field], sb);
		return;
	default:
		add_value(pe, c, &row[c->field], sb);
		return;
	}
}

/* Partner p's fragment of node nd, made on first use: a message that
 * names a partner's value or what holds for it reads the same in every
 * finding of that partner, so it is formatted once rather than once per
 * pair.  Sets *len; the text stays valid until the next fragment is made
 * (fragtext may move). */
static const char *
fragment(pair_engine *pe, const node *cnd, size_t p, size_t *len)
{
	/* The cache is the engine's own: nd is one of pe->nodes. */
	node *nd = &pe->nodes[cnd - pe->nodes];
	size_t i;

	if (!nd->frag) {
		nd->frag = xmalloc((pe->ps->n + 1) * sizeof *nd->frag);
		for (i = 0; i < pe->ps->n; i++)
			nd->frag[i].len = FRAG_NONE;
		sb_init(&nd->fragtext);
	}
	if (nd->frag[p].len == FRAG_NONE) {
		nd->frag[p].off = nd->fragtext.len;
		make_fragment(pe, nd, p, &nd->fragtext);
		nd->frag[p].len = nd->fragtext.len - nd->frag[p].off;
	}
	*len = nd->frag[p].len;
	return nd->fragtext.buf + nd->frag[p].off;
}

/* Appends partner p's fragment of node nd to sb. */
static void
add_fragment(pair_engine *pe, const node *nd, size_t p, strbuf *sb)
{
	size_t len;
	const char *s = fragment(pe, nd, p, &len);

	sb_add(sb, s, len);
}

void
pr_forget_fragments(pair_engine *pe)
{
	size_t i;

	for (i = 0; i < pe->nnodes; i++) {
		node *nd = &pe->nodes[i];

		if (!nd->frag)
			continue;
		free(nd->frag);
		nd->frag = NULL;
		sb_free(&nd->fragtext);
	}
}

/* Appends "A (ID)", a value and whose it is. */
static void
add_owned(strbuf *sb, pair_engine *pe, const node *nd, size_t p)
{
	add_fragment(pe, nd, p, sb);
	sb_adds(sb, " (");
	sb_adds(sb, pe->ps->ids[p]);
	sb_addc(sb, ')');
}

/* Appends the words and ids of "neither A nor B" and the like: s1, the
 * first id, s2, the second, s3.  Inlined, so that the words' lengths are
 * known when compiling: a message is a handful of these. */
static inline __attribute__((always_inline)) void
add_ids(strbuf *sb, const char *s1, const char *ida, const char *s2,
	const char *idb, const char *s3)
{
	sb_adds(sb, s1);
	sb_adds(sb, ida);
	sb_adds(sb, s2);
	sb_adds(sb, idb);
	sb_adds(sb, s3);
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

/* differ, same: "A (ID), B (ID)" */
static void
add_pair_values(pair_engine *pe, const node *nd, size_t a, size_t b, strbuf *sb)
{
	add_owned(sb, pe, nd, a);
	sb_adds(sb, ", ");
	add_owned(sb, pe, nd, b);
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
		sb_adds(sb, cond_subject(&pe->cx, c));
		sb_adds(sb, " differs: ");
		add_pair_values(pe, nd, a, b, sb);
		return;
	case C_DIFFER:
		sb_adds(sb, cond_subject(&pe->cx, c));
		sb_adds(sb, " is the same: ");
		add_pair_values(pe, nd, a, b, sb);
		return;
	case C_MEETS:
		add_ids(sb, "neither ", ps->ids[a], " nor ", ps->ids[b],
			" refuses the other");
		return;
	case C_APART:
		sb_adds(sb, cond_subject(&pe->cx, c));
		sb_adds(sb, " is within ");
		if (c->relative)
			fmt_percent(sb, c->tolerance, nd->tol);
		else
			add_gap(sb, cond_subject_type(&pe->cx, c), c->tolerance,
				nd->tol);
		add_ids(sb, " for ", ps->ids[a], " and ", ps->ids[b], "");
		return;
	case C_BOTH:
		add_ids(sb, "not both ", ps->ids[a], " and ", ps->ids[b], ": ");
		cond_text(c->kids[0], sb);
		return;
	case C_EITHER:
		add_ids(sb, "neither ", ps->ids[a], " nor ", ps->ids[b], ": ");
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
	const partner_set *ps = pe->ps;
	const char *ida = ps->ids[a], *idb = ps->ids[b];
	size_t k, n = 0;

	if (nd->c->op == C_BOTH) {
		size_t la, lb;
		const char *fa = fragment(pe, nd, a, &la);
		const char *fb;
		size_t offa = (size_t)(fa - nd->fragtext.buf);

		/* making b's fragment may move fragtext: a's is found again
		 * by its offset */
		fb = fragment(pe, nd, b, &lb);
		fa = nd->fragtext.buf + offa;
		if (la == lb && !memcmp(fa, fb, la)) {
			add_ids(sb, "both ", ida, " and ", idb, ": ");
			sb_add(sb, fb, lb);
		} else {
			sb_adds(sb, ida);
			sb_adds(sb, ": ");
			sb_add(sb, fa, la);
			sb_adds(sb, "; ");
			sb_adds(sb, idb);
			sb_adds(sb, ": ");
			sb_add(sb, fb, lb);
		}
		return;
	}
	for (k = 0; k < 2; k++) {
		size_t p = k ? b : a;

		if (nd->tri[p] != T_TRUE)
			continue;
		if (n++)
			sb_adds(sb, "; ");
		sb_adds(sb, ps->ids[p]);
		sb_adds(sb, ": ");
		add_fragment(pe, nd, p, sb);
	}
}

/* The items partners a and b share in direction d (see shared_walk),
 * from a's walk when the engine collected it, else by merging their
 * lists; joined by ", ". */
static void
add_shared_of(pair_engine *pe, const node *nd, size_t a, size_t b, int d,
	      strbuf *sb)
{
	size_t e, n = 0;

	if (!pr_walked(nd, a)) {
		if (d == 0)
			add_shared(pe, &nd->a[a], &nd->b[b], sb);
		else
			add_shared(pe, &nd->a[b], &nd->b[a], sb);
		return;
	}
	for (e = pr_shared(nd, d, b); e != NO_WALK; e = nd->sw.next[e]) {
		uint32_t id = nd->sw.id[e];

		if (n++)
			sb_adds(sb, ", ");
		sb_add(sb, pe->in.s[id], pe->in.len[id]);
	}
}

/* Whether partners a and b share an item in direction d. */
static int
shares(const node *nd, size_t a, size_t b, int d)
{
	if (pr_walked(nd, a))
		return pr_shared(nd, d, b) != NO_WALK;
	return d == 0 ? pr_intersects(&nd->a[a], &nd->b[b]) :
			pr_intersects(&nd->a[b], &nd->b[a]);
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
		add_ids(sb, "", ida, " and ", idb, " share ");
		sb_adds(sb, cond_subject(&pe->cx, c));
		sb_adds(sb, ": ");
		add_shared_of(pe, nd, a, b, 0, sb);
		return;
	}
	if (shares(nd, a, b, 0)) {
		add_ids(sb, "", ida, " refuses ", idb, " over ");
		add_shared_of(pe, nd, a, b, 0, sb);
		n++;
	}
	if (shares(nd, a, b, 1)) {
		if (n)
			sb_adds(sb, "; ");
		add_ids(sb, "", idb, " refuses ", ida, " over ");
		add_shared_of(pe, nd, a, b, 1, sb);
	}
}

/* The decimal m / 10^places, m a whole number: what the shortest form of
 * the double m / 10^places reads (the division is correctly rounded, and
 * two decimals of at most 15 digits are never the same double), found
 * without the printf-and-strtod search for it.  ok 0 past 15 digits. */
static decnum
rounded_decimal(double m, int places)
{
	decnum d = { 0, 0, 0 };
	int64_t v;

	if (!(m >= 0 && m < 1e15))
		return d;
	v = (int64_t)m;
	while (places > 0 && v % 10 == 0) {
		v /= 10;
		places--;
	}
	d.mant = v;
	d.scale = (signed char)places;
	d.ok = 1;
	return d;
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
	decnum tol = nd->tol;

	sb_adds(sb, cond_subject(&pe->cx, c));
	sb_adds(sb, " is ");
	add_fragment(pe, nd, a, sb);
	sb_adds(sb, " for ");
	sb_adds(sb, ida);
	sb_adds(sb, " and ");
	add_fragment(pe, nd, b, sb);
	sb_adds(sb, " for ");
	sb_adds(sb, idb);
	sb_adds(sb, ": ");
	if (c->relative && lo > 0) {
		double exact = (hi - lo) / lo * 100, pct = exact, scale;
		decnum pdec = { 0, 0, 0 };
		int places;

		/* one decimal, or as many as it takes to show the
		 * difference is over the tolerance */
		for (scale = 10, places = 1; scale <= 1e6;
		     scale *= 10, places++) {
			pct = floor(exact * scale + 0.5) / scale;
			if (pct > c->tolerance)
				break;
		}
		if (pct <= c->tolerance)
			pct = exact;
		else
			pdec = rounded_decimal(floor(exact * scale + 0.5),
					       places);
		fmt_percent(sb, pct, pdec);
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
		sb_adds(sb, cond_subject(&pe->cx, c));
		if (c->op == C_SAME) {
			sb_adds(sb, " is ");
			add_fragment(pe, nd, a, sb);
			add_ids(sb, " for both ", ida, " and ", idb, "");
			return;
		}
		sb_adds(sb, " differs: ");
		add_pair_values(pe, nd, a, b, sb);
		return;
	}
	default:
		return;
	}
}
