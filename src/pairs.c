#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "hash.h"
#include "pairs.h"
#include "pairs_int.h"
#include "strbuf.h"
#include "textkey.h"
#include "xalloc.h"

static uint32_t
intern_id(intern *in, const char *s, size_t n)
{
	size_t i, mask;

	if ((in->n + 1) * 2 > in->nslots) {
		size_t newn = in->nslots ? in->nslots * 2 : 256, k;
		uint32_t *t = xcalloc(newn, sizeof *t);

		for (k = 0; k < in->n; k++) {
			i = hash_bytes(in->s[k], in->len[k]) & (newn - 1);
			while (t[i])
				i = (i + 1) & (newn - 1);
			t[i] = (uint32_t)k + 1;
		}
		free(in->slots);
		in->slots = t;
		in->nslots = newn;
	}
	mask = in->nslots - 1;
	for (i = hash_bytes(s, n) & mask; in->slots[i]; i = (i + 1) & mask) {
		uint32_t id = in->slots[i] - 1;

		if (in->len[id] == n && !memcmp(in->s[id], s, n))
			return id;
	}
	if (in->n == in->cap) {
		size_t c = in->cap;

		in->s = xgrow(in->s, &c, in->n + 1, sizeof *in->s);
		in->len = xrealloc(in->len, c * sizeof *in->len);
		in->cap = c;
	}
	in->s[in->n] = xstrndup(s, n);
	in->len[in->n] = n;
	in->slots[i] = (uint32_t)in->n + 1;
	return (uint32_t)in->n++;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Appends v's items, interned, sorted and without repeats, to the pool
 * *pool (*len used, *cap allocated); returns how many.  The sets of all
 * partners lie end to end in one array, in partner order, so that the
 * pair loop reads them without chasing one allocation per partner. */
static size_t
add_value_set(pair_engine *pe, const value *v, uint32_t **pool, size_t *len,
	      size_t *cap)
{
	size_t k, n = 0;
	uint32_t *out;

	if (v->kind != V_LIST || !v->nitems)
		return 0;
	*pool = xgrow(*pool, cap, *len + v->nitems, sizeof **pool);
	out = *pool + *len;
	/* items are interned by key (textkey.h), so "For-profit" and
	 * "for-profit" are one entry of the index */
	for (k = 0; k < v->nitems; k++) {
		strbuf *sb = &pe->cx.scratch;

		sb_reset(sb);
		text_key_add(sb, v->items[k].s, v->items[k].len);
		out[k] = intern_id(&pe->in, sb->buf, sb->len);
	}
	qsort(out, v->nitems, sizeof *out, cmp_u32);
	for (k = 0; k < v->nitems; k++)
		if (!n || out[n - 1] != out[k])
			out[n++] = out[k];
	*len += n;
	return n;
}

/* meets: both value sets of every partner, in one pool. */
static void
make_value_sets(pair_engine *pe, node *nd)
{
	const partner_set *ps = pe->ps;
	const cond *c = nd->c;
	size_t i, len = 0, cap = 0,
		  *off = xmalloc((2 * ps->n + 1) * sizeof *off);
	uint32_t *pool = NULL;

	nd->a = xcalloc(ps->n + 1, sizeof *nd->a);
	nd->b = xcalloc(ps->n + 1, sizeof *nd->b);
	for (i = 0; i < ps->n; i++) {
		off[2 * i] = len;
		nd->a[i].n = add_value_set(pe, &pset_row(ps, i)[c->field],
					   &pool, &len, &cap);
		off[2 * i + 1] = len;
		nd->b[i].n = add_value_set(pe, &pset_row(ps, i)[c->field2],
					   &pool, &len, &cap);
	}
	/* the pool has stopped moving: the sets can point into it */
	if (!pool)
		pool = xmalloc(sizeof *pool);
	for (i = 0; i < ps->n; i++) {
		nd->a[i].v = pool + off[2 * i];
		nd->b[i].v = pool + off[2 * i + 1];
	}
	nd->setpool = pool;
	free(off);
}

static void
build_index(const value_set *sets, size_t nparts, size_t nids, holder_index *ix)
{
	size_t i, k, *fill;

	ix->start = xcalloc(nids + 1, sizeof *ix->start);
	for (i = 0; i < nparts; i++)
		for (k = 0; k < sets[i].n; k++)
			ix->start[sets[i].v[k] + 1]++;
	for (k = 0; k < nids; k++)
		ix->start[k + 1] += ix->start[k];
	ix->who = xmalloc((ix->start[nids] + 1) * sizeof *ix->who);
	fill = xmalloc((nids + 1) * sizeof *fill);
	memcpy(fill, ix->start, (nids + 1) * sizeof *fill);
	for (i = 0; i < nparts; i++)
		for (k = 0; k < sets[i].n; k++)
			ix->who[fill[sets[i].v[k]]++] = i;
	free(fill);
}

int
pr_intersects(const value_set *x, const value_set *y)
{
	size_t i = 0, j = 0;

	while (i < x->n && j < y->n) {
		if (x->v[i] == y->v[j])
			return 1;
		if (x->v[i] < y->v[j])
			i++;
		else
			j++;
	}
	return 0;
}

/* The numeric subject of an `apart` node for one partner. */
static int
subject_num(pair_engine *pe, const cond *c, const value *row, figure *out)
{
	value v;
	const value *src = &row[c->field < 0 ? 0 : c->field];
	int f;

	if (c->expr) {
		if (expr_eval_value(c->expr, row, pe->cx.today, &v, &f) !=
		    EXPR_OK)
			return 0;
		src = &v;
	} else if (src->kind == V_MISSING) {
		return 0;
	}
	out->num = src->num;
	/* dates and levels are whole numbers: exact as they are */
	out->dec = src->dec.ok ? src->dec : dec_from_int(src->num);
	return 1;
}

/* The key two partners' values are compared by for differ/same. */
static uint32_t
value_key(pair_engine *pe, const value *v)
{
	char buf[1 + sizeof(double)];
	double d = v->num;

	if (v->kind == V_TEXT || v->kind == V_LIST) {
		strbuf *sb = &pe->cx.scratch;

		sb_reset(sb);
		sb_addc(sb, '$');
		text_key_add(sb, v->text, v->len);
		return intern_id(&pe->in, sb->buf, sb->len);
	}
	if (d == 0)
		d = 0; /* -0 and 0 are the same value */
	buf[0] = '#';
	memcpy(buf + 1, &d, sizeof d);
	return intern_id(&pe->in, buf, sizeof buf);
}

/* Numbers c and its pairwise descendants in preorder, computing each
 * node's per-partner data; returns c's node number.  pe->nodes may move
 * while the kids are prepared, so nodes are held by number here. */
static size_t
prepare(pair_engine *pe, const cond *c)
{
	const partner_set *ps = pe->ps;
	node *nd;
	size_t i, k, self = pe->nnodes;

	pe->nodes = xgrow(pe->nodes, &pe->capnodes, pe->nnodes + 1,
			  sizeof *pe->nodes);
	nd = &pe->nodes[pe->nnodes++];
	memset(nd, 0, sizeof *nd);
	nd->c = c;
	switch (c->op) {
	case C_ALL:
	case C_ANY:
	case C_NOT: {
		size_t *kids = xmalloc((c->nkids + 1) * sizeof *kids);

		for (k = 0; k < c->nkids; k++)
			kids[k] = prepare(pe, c->kids[k]);
		pe->nodes[self].kids = kids;
		return self;
	}
	case C_BOTH:
	case C_EITHER:
		nd->tri = xmalloc(ps->n + 1);
		nd->holders = xmalloc((ps->n + 1) * sizeof *nd->holders);
		for (i = 0; i < ps->n; i++) {
			nd->tri[i] = (unsigned char)cond_eval(&pe->cx,
							      c->kids[0],
							      pset_row(ps, i));
			if (nd->tri[i] == T_TRUE)
				nd->holders[nd->nholders++] = i;
		}
		return self;
	case C_MEETS:
		make_value_sets(pe, nd);
		nd->sw.owner = NO_WALK;
		build_index(nd->a, ps->n, pe->in.n, &nd->ia);
		build_index(nd->b, ps->n, pe->in.n, &nd->ib);
		return self;
	case C_APART:
		nd->tol = dec_from_double(c->tolerance);
		nd->num = xmalloc((ps->n + 1) * sizeof *nd->num);
		nd->has = xmalloc(ps->n + 1);
		for (i = 0; i < ps->n; i++)
			nd->has[i] = (unsigned char)subject_num(pe, c,
								pset_row(ps, i),
								&nd->num[i]);
		return self;
	case C_DIFFER:
	case C_SAME:
		nd->key = xmalloc((ps->n + 1) * sizeof *nd->key);
		nd->has = xmalloc(ps->n + 1);
		for (i = 0; i < ps->n; i++) {
			const value *v = &pset_row(ps, i)[c->field];

			nd->has[i] = v->kind != V_MISSING;
			nd->key[i] = nd->has[i] ? value_key(pe, v) : 0;
		}
		return self;
	default:
		return self;
	}
}

pair_engine *
pairs_new(const ruleset *rs, const partner_set *ps, long today)
{
	pair_engine *pe = xcalloc(1, sizeof *pe);
	size_t r;

	pe->rs = rs;
	pe->ps = ps;
	cond_ctx_init(&pe->cx, rs, today);
	sb_init(&pe->msg);
	pe->root = xmalloc((rs->npairs + 1) * sizeof *pe->root);
	for (r = 0; r < rs->npairs; r++)
		pe->root[r] = rs->pairs[r].test ?
				  prepare(pe, rs->pairs[r].test) :
				  NO_NODE;
	pe->stamp = xmalloc((ps->n + 1) * sizeof *pe->stamp);
	for (r = 0; r < ps->n; r++)
		pe->stamp[r] = (size_t)-1;
	pe->cand = xmalloc((ps->n + 1) * sizeof *pe->cand);
	return pe;
}

void
pairs_free(pair_engine *pe)
{
	size_t i, k;

	if (!pe)
		return;
	for (i = 0; i < pe->nnodes; i++) {
		node *nd = &pe->nodes[i];

		free(nd->kids);
		free(nd->tri);
		free(nd->holders);
		free(nd->num);
		free(nd->has);
		free(nd->key);
		free(nd->setpool);
		for (k = 0; k < 2; k++) {
			free(nd->sw.stamp[k]);
			free(nd->sw.first[k]);
			free(nd->sw.last[k]);
		}
		free(nd->sw.id);
		free(nd->sw.next);
		free(nd->a);
		free(nd->b);
		free(nd->ia.start);
		free(nd->ia.who);
		free(nd->ib.start);
		free(nd->ib.who);
		free(nd->frag);
		if (nd->frag)
			sb_free(&nd->fragtext);
	}
	free(pe->nodes);
	free(pe->root);
	for (i = 0; i < pe->in.n; i++)
		free(pe->in.s[i]);
	free(pe->in.s);
	free(pe->in.len);
	free(pe->in.slots);
	free(pe->stamp);
	free(pe->cand);
	sb_free(&pe->msg);
	cond_ctx_free(&pe->cx);
	free(pe);
}

/* ---- evaluating one pair ---- */

/* Orders figures by value: the doubles, then on a tie the decimals. */
int
pr_fig_cmp(const figure *x, const figure *y)
{
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return x->dec.ok && y->dec.ok ? dec_cmp(x->dec, y->dec) : 0;
}

/* apart() for a gap too close to the tolerance for the doubles to tell:
 * in exact decimals (the doubles' shortest decimals for a value without
 * its own), so 40 and 50 are 25% apart, not 25.0000001%, and a gap of
 * 101.50 near 2,000,000,000 is over 100. */
static int
apart_exact(const cond *c, const figure *lo, const figure *hi)
{
	decnum dl = lo->dec.ok ? lo->dec : dec_from_double(lo->num);
	decnum dh = hi->dec.ok ? hi->dec : dec_from_double(hi->num);
	decnum tol = dec_from_double(c->tolerance);
	decnum gap = dec_sub(dh, dl), lim;
	static const decnum hundred = { 100, 0, 1 };

	if (c->relative) {
		gap = dec_mul(gap, hundred);
		lim = dec_mul(tol, dl);
		if (gap.ok && lim.ok)
			return dec_cmp(gap, lim) > 0;
		return (hi->num - lo->num) * 100 > c->tolerance * lo->num;
	}
	if (gap.ok && tol.ok)
		return dec_cmp(gap, tol) > 0;
	return hi->num - lo->num > c->tolerance;
}

/* Apart compares the lower and the higher value.  The doubles decide when
 * the gap is clearly on one side of the tolerance (their rounding errors
 * are far below the slack); only a near tie is worked out exactly. */
static int
apart(const cond *c, const figure *lo, const figure *hi)
{
	double gap, lim, slack;

	if (!c->relative) {
		gap = hi->num - lo->num;
		lim = c->tolerance;
		slack = 1e-12 * (fabs(hi->num) + fabs(lo->num) + lim);
	} else if (lo->num <= 0) {
		/* any difference counts */
		if (hi->num != lo->num)
			return 1;
		return hi->dec.ok && lo->dec.ok &&
		       dec_cmp(hi->dec, lo->dec) != 0;
	} else {
		gap = (hi->num - lo->num) * 100;
		lim = c->tolerance * lo->num;
		slack = 1e-12 * (100 * (fabs(hi->num) + fabs(lo->num)) + lim);
	}
	if (gap > lim + slack)
		return 1;
	if (gap < lim - slack)
		return 0;
	return apart_exact(c, lo, hi);
}

/* Node nd's k-th kid (all/any/not). */
const node *
pr_kid(const pair_engine *pe, const node *nd, size_t k)
{
	return &pe->nodes[nd->kids[k]];
}

tri
pr_eval(pair_engine *pe, const node *nd, size_t a, size_t b)
{
	const cond *c = nd->c;
	size_t k;
	tri acc;

	switch (c->op) {
	case C_ALL:
		acc = T_TRUE;
		for (k = 0; k < c->nkids && acc != T_FALSE; k++)
			acc = tri_and(acc,
				      pr_eval(pe, pr_kid(pe, nd, k), a, b));
		return acc;
	case C_ANY:
		acc = T_FALSE;
		for (k = 0; k < c->nkids && acc != T_TRUE; k++)
			acc = tri_or(acc, pr_eval(pe, pr_kid(pe, nd, k), a, b));
		return acc;
	case C_NOT:
		return tri_not(pr_eval(pe, pr_kid(pe, nd, 0), a, b));
	case C_BOTH:
		return tri_and((tri)nd->tri[a], (tri)nd->tri[b]);
	case C_EITHER:
		return tri_or((tri)nd->tri[a], (tri)nd->tri[b]);
	case C_MEETS:
		if (pr_walked(nd, a))
			return pr_shared(nd, 0, b) != NO_WALK ||
				       pr_shared(nd, 1, b) != NO_WALK ?
				   T_TRUE :
				   T_FALSE;
		return pr_intersects(&nd->a[a], &nd->b[b]) ||
			       pr_intersects(&nd->a[b], &nd->b[a]) ?
			   T_TRUE :
			   T_FALSE;
	case C_APART:
		if (!nd->has[a] || !nd->has[b])
			return T_MISSING;
		return (pr_fig_cmp(&nd->num[a], &nd->num[b]) <= 0 ?
			    apart(c, &nd->num[a], &nd->num[b]) :
			    apart(c, &nd->num[b], &nd->num[a])) ?
			   T_TRUE :
			   T_FALSE;
	case C_DIFFER:
	case C_SAME:
		if (!nd->has[a] || !nd->has[b])
			return T_MISSING;
		return (nd->key[a] != nd->key[b]) == (c->op == C_DIFFER) ?
			   T_TRUE :
			   T_FALSE;
	default:
		return T_FALSE;
	}
}

/* ---- counting without enumerating ---- */

static size_t
choose2(size_t n)
{
	return n < 2 ? 0 : n * (n - 1) / 2;
}

static int
cmp_figure(const void *a, const void *b)
{
	return pr_fig_cmp(a, b);
}

/* Pairs for which the rule's root holds, counted from group sizes or
 * sorted values where the form allows; returns -1 when it does not. */
static long long
count_fast(pair_engine *pe, const node *nd)
{
	const cond *c = nd->c;
	size_t n = pe->ps->n, i, k, p = 0, total = 0;

	switch (c->op) {
	case C_BOTH:
		return (long long)choose2(nd->nholders);
	case C_EITHER: {
		size_t notrue = n - nd->nholders;

		/* pairs with at least one true, minus none: missing-only pairs
		 * are not findings and are among the `notrue` ones */
		return (long long)(choose2(n) - choose2(notrue));
	}
	case C_DIFFER:
	case C_SAME: {
		uint32_t *keys = xmalloc((n + 1) * sizeof *keys);
		size_t same = 0, run = 0;

		for (i = 0; i < n; i++)
			if (nd->has[i])
				keys[p++] = nd->key[i];
		qsort(keys, p, sizeof *keys, cmp_u32);
		for (i = 0; i < p; i++) {
			run = i && keys[i] == keys[i - 1] ? run + 1 : 1;
			if (i + 1 == p || keys[i + 1] != keys[i])
				same += choose2(run);
		}
		free(keys);
		return (long long)(c->op == C_SAME ? same : choose2(p) - same);
	}
	case C_APART: {
		figure *v = xmalloc((n + 1) * sizeof *v);

		for (i = 0; i < n; i++)
			if (nd->has[i])
				v[p++] = nd->num[i];
		qsort(v, p, sizeof *v, cmp_figure);
		for (i = 0; i < p; i++) {
			size_t lo = i + 1, hi = p;

			/* first index after i whose value is apart from v[i] */
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (apart(c, &v[i], &v[mid]))
					hi = mid;
				else
					lo = mid + 1;
			}
			total += p - lo;
		}
		free(v);
		return (long long)total;
	}
	default:
		(void)k;
		return -1;
	}
}

/* ---- candidates through indexes ---- */

static int
indexable(const cond *c)
{
	return c->op == C_BOTH || c->op == C_MEETS;
}

static void
add_cand(pair_engine *pe, size_t i, size_t j)
{
	if (j > i && pe->stamp[j] != i) {
		pe->stamp[j] = i;
		pe->cand[pe->ncand++] = j;
	}
}

int
pr_walked(const node *nd, size_t a)
{
	return nd->sw.owner == a;
}

size_t
pr_shared(const node *nd, int d, size_t b)
{
	const shared_walk *w = &nd->sw;

	return w->stamp[d][b] == w->gen ? w->first[d][b] : NO_WALK;
}

/* Records that partner sw->owner shares item id with partner j > owner in
 * direction d. */
static void
walk_add(shared_walk *w, int d, size_t j, uint32_t id)
{
	size_t e;

	if (w->n == w->cap) {
		size_t c = w->cap;

		w->id = xgrow(w->id, &c, w->n + 1, sizeof *w->id);
		w->next = xrealloc(w->next, c * sizeof *w->next);
		w->cap = c;
	}
	e = w->n++;
	w->id[e] = id;
	w->next[e] = NO_WALK;
	if (w->stamp[d][j] != w->gen) {
		w->stamp[d][j] = w->gen;
		w->first[d][j] = e;
	} else {
		w->next[w->last[d][j]] = e;
	}
	w->last[d][j] = e;
}

/* Partners after i that i's item lists meet through index ix, walking
 * i's set s; with w, also what they share, in direction d. */
static void
walk_index(pair_engine *pe, const value_set *s, const holder_index *ix,
	   size_t i, shared_walk *w, int d)
{
	size_t k, m;

	for (k = 0; k < s->n; k++) {
		uint32_t id = s->v[k];
		size_t end = ix->start[id + 1];

		/* holders ascend: skip those up to i */
		for (m = ix->start[id]; m < end && ix->who[m] <= i; m++)
			;
		for (; m < end; m++) {
			add_cand(pe, i, ix->who[m]);
			if (w)
				walk_add(w, d, ix->who[m], id);
		}
	}
}

/* Adds partner i's candidates of indexable node nd; with collect (a
 * meets node), also collects what i shares with each (see shared_walk). */
static void
cands_from(pair_engine *pe, node *nd, size_t i, int collect)
{
	shared_walk *w = NULL;
	size_t k;

	if (nd->c->op == C_BOTH) {
		if (nd->tri[i] != T_TRUE)
			return;
		for (k = 0; k < nd->nholders; k++)
			add_cand(pe, i, nd->holders[k]);
		return;
	}
	if (collect) {
		w = &nd->sw;
		if (!w->stamp[0])
			for (k = 0; k < 2; k++) {
				w->stamp[k] = xcalloc(pe->ps->n + 1,
						      sizeof *w->stamp[k]);
				w->first[k] = xmalloc((pe->ps->n + 1) *
						      sizeof *w->first[k]);
				w->last[k] = xmalloc((pe->ps->n + 1) *
						     sizeof *w->last[k]);
			}
		/* stamps start at 0: generations at 1 */
		w->gen++;
		w->owner = i;
		w->n = 0;
	}
	/* meets: i's field meets j's other field, or j's field meets i's;
	 * one list against itself is one walk */
	walk_index(pe, &nd->a[i], &nd->ib, i, w, 0);
	if (nd->c->field != nd->c->field2)
		walk_index(pe, &nd->b[i], &nd->ia, i, w, 1);
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Puts partner i's candidates in file order.  A partner with many
 * candidates (a dense pool) has them read back from the stamps in one
 * pass over the partners after it, which costs less than sorting them
 * and is what a pair costs anyway; a few are sorted. */
static void
sort_cands(pair_engine *pe, size_t i)
{
	size_t n = pe->ps->n, j, k = 0;

	if (pe->ncand < 2)
		return;
	if (pe->ncand <= 16) {
		/* most partners have a few: qsort's setup costs more */
		for (j = 1; j < pe->ncand; j++) {
			size_t v = pe->cand[j];

			for (k = j; k > 0 && pe->cand[k - 1] > v; k--)
				pe->cand[k] = pe->cand[k - 1];
			pe->cand[k] = v;
		}
		return;
	}
	if (pe->ncand * 64 < n - i) {
		qsort(pe->cand, pe->ncand, sizeof *pe->cand, cmp_size);
		return;
	}
	for (j = i + 1; j < n; j++)
		if (pe->stamp[j] == i)
			pe->cand[k++] = j;
}

int
pairs_holds(pair_engine *pe, size_t rule, size_t a, size_t b)
{
	if (pe->root[rule] == NO_NODE || a == b)
		return 0;
	return pr_eval(pe, &pe->nodes[pe->root[rule]], a < b ? a : b,
		       a < b ? b : a) == T_TRUE;
}

void
pairs_use_labels(pair_engine *pe, int on)
{
	if (pe->cx.labels != on)
		pr_forget_fragments(pe);
	pe->cx.labels = on;
}

void
pairs_run(pair_engine *pe, severity min_sev, pair_emit emit, void *ctx,
	  size_t counts[3])
{
	const ruleset *rs = pe->rs;
	size_t n = pe->ps->n, i, j, r, k;
	size_t *rep = xmalloc((rs->npairs + 1) * sizeof *rep), nrep = 0;
	int all_indexable = 1;

	for (r = 0; r < rs->npairs; r++) {
		const pair_rule *pr = &rs->pairs[r];
		const node *root;
		long long cnt;

		if (pe->root[r] == NO_NODE)
			continue;
		root = &pe->nodes[pe->root[r]];
		if (pr->sev >= min_sev) {
			rep[nrep++] = r;
			if (!indexable(pr->test))
				all_indexable = 0;
			continue;
		}
		/* Not reported: only counted. */
		if ((cnt = count_fast(pe, root)) >= 0) {
			counts[pr->sev] += (size_t)cnt;
			continue;
		}
		if (pr->test->op == C_MEETS) {
			for (i = 0; i < n; i++) {
				pe->ncand = 0;
				cands_from(pe, &pe->nodes[pe->root[r]], i, 0);
				counts[pr->sev] += pe->ncand;
			}
			for (i = 0; i < n; i++)
				pe->stamp[i] = (size_t)-1;
			continue;
		}
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				if (pr_eval(pe, root, i, j) == T_TRUE)
					counts[pr->sev]++;
	}
	if (!nrep) {
		free(rep);
		return;
	}
	for (i = 0; i < n; i++) {
		size_t nc;

		if (all_indexable) {
			pe->ncand = 0;
			for (k = 0; k < nrep; k++)
				cands_from(pe, &pe->nodes[pe->root[rep[k]]], i,
					   1);
			sort_cands(pe, i);
			nc = pe->ncand;
		} else {
			nc = n - i - 1;
		}
		for (k = 0; k < nc; k++) {
			j = all_indexable ? pe->cand[k] : i + 1 + k;
			for (r = 0; r < nrep; r++) {
				const pair_rule *pr = &rs->pairs[rep[r]];
				const node *root = &pe->nodes[pe->root[rep[r]]];

				if (pr_eval(pe, root, i, j) != T_TRUE)
					continue;
				counts[pr->sev]++;
				if (!emit)
					continue;
				sb_reset(&pe->msg);
				pr_describe(pe, root, i, j, &pe->msg);
				emit(ctx, i, j, pr, pe->msg.buf);
			}
		}
	}
	/* what was collected is for this run's pairs only (pairs_holds
	 * merges) */
	for (k = 0; k < pe->nnodes; k++)
		pe->nodes[k].sw.owner = NO_WALK;
	/* and so are the candidate stamps: a next run starts afresh */
	for (i = 0; i < n; i++)
		pe->stamp[i] = (size_t)-1;
	free(rep);
}
