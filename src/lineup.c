#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lineup.h"
#include "xalloc.h"

/*
 * Branch and bound over the candidates, ordered by score (best first):
 * each node is a set S; its children add one more compatible candidate
 * with a later position in that order, so every set is met once.  A node
 * is pruned when
 *   - an upper bound on the value of every superset, S's value plus the
 *     best marginal values (score minus penalties against S) of the
 *     candidates still compatible, is below the value to beat; penalties
 *     are never negative, so the bound is sound;
 *   - or a fail-level consortium rule is broken in a way no superset can
 *     mend (a sum of non-negative values already above its maximum, a
 *     requirement that no remaining candidate covers).
 * Every node whose size is in range is evaluated exactly, so pruning only
 * ever saves work; it never decides feasibility.
 */

#define WORD(i) ((i) >> 6)
#define BIT(i) ((uint64_t)1 << ((i)&63))
#define NO_BOUND LU_NONE

typedef struct rstate {
	/* precomputed in order space (index = order position) */
	uint64_t *fixlo;     /* candidates that could mend a lo violation */
	uint64_t *fixhi;     /* candidates that could mend a hi violation */
	uint64_t **coverers; /* coverage: per required item */
	double *val;         /* sum: values by order position (0 when absent) */
	unsigned char *present;
	int any_negative; /* sum: some candidate's value is below zero */
	int *count;       /* distinct: owners per item id (scratch) */
} rstate;

typedef struct search {
	const lu_problem *p;
	const lu_opts *o;
	size_t n, W;
	size_t *ord;    /* order position -> row */
	uint64_t *conf; /* order space, n rows of W words */
	int *score;     /* by order position */
	size_t nfixed;  /* must (and forced) members, all in mem[0..nfixed) */
	size_t *mem;    /* members, as rows */
	size_t *memo;   /* members, as order positions (-1 for fixed) */
	size_t k;
	long val;
	int *marg;      /* by order position */
	int *open;      /* penalties in order space, n x n */
	uint64_t *pset; /* (max_size + 1) rows of W words */
	long *dbound;
	size_t lo, hi; /* size range */
	rstate *rs;
	size_t *sorted; /* scratch for evaluation */
	int *topv;      /* scratch for the bound */
	long *cbound;   /* (max_size + 1) rows of n: child bounds per node */
	double *rsmall; /* child_bounds: 64 smallest values per rule */
	size_t *rfree, *rns; /* ... members without a value, values kept */
	double *rcap;        /* ... room left under the maximum */
	uint64_t *clash;     /* order space: conflict or penalty, n x W */
	uint64_t *cls;       /* colour_bound: the classes, n x W (scratch) */
	int *cpen;           /* ... each class's smallest penalty */
	int *cval;           /* ... each class's best marginals, n x 64 */
	size_t *cn;          /* ... members per class */
	long *sizepen;       /* non-fail count penalties by size, 0..hi+1 */
	double *lam;         /* lag_bound: multiplier per rule (0: unused) */
	double lconst;       /* ... sum of lam times the room under max */
	double *ltop;        /* ... scratch: best adjusted marginals */
	double *lwt;         /* ... and their weights */
	lu_set *best;
	size_t nbest;
	long long nodes;
	int stopped;
	size_t depth;
	long *best_with; /* lu_opts.track: by row */
	struct timespec t0;
} search;

static double
shown(double x)
{
	return floor(x * 1e6 + 0.5) / 1e6;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

static void
sort_rows(size_t *m, size_t k)
{
	size_t i, j;

	if (k > 32) {
		qsort(m, k, sizeof *m, cmp_size);
		return;
	}
	for (i = 1; i < k; i++) {
		size_t v = m[i];

		for (j = i; j > 0 && m[j - 1] > v; j--)
			m[j] = m[j - 1];
		m[j] = v;
	}
}

/* Findings of r for members m[0..k), ascending rows (sums are added in
 * row order, as consortium_run adds them).  count: scratch of nitem_ids
 * zeros for distinct, left zeroed. */
static int
findings_sorted(const lu_rule *r, const size_t *m, size_t k, int *count)
{
	double got = 0;
	size_t i, j, present = 0;
	int n = 0;

	switch (r->kind) {
	case LU_COUNT:
		got = (double)k;
		break;
	case LU_COUNT_WHERE:
		for (i = 0; i < k; i++)
			got += r->flag[m[i]] ? 1 : 0;
		break;
	case LU_SUM:
	case LU_MIN:
	case LU_MAX:
		for (i = 0; i < k; i++) {
			double v = r->val[m[i]];

			if (!r->present[m[i]])
				continue;
			if (r->kind == LU_SUM)
				got += v;
			else if (!present ||
				 (r->kind == LU_MIN ? v < got : v > got))
				got = v;
			present++;
		}
		if (!present)
			return 0;
		got = shown(got);
		break;
	case LU_COVERAGE:
		if (!r->nreq)
			return 0;
		for (j = 0; j < r->req_words; j++) {
			uint64_t u = 0, want;

			for (i = 0; i < k; i++)
				u |= r->covers[m[i] * r->req_words + j];
			want = j + 1 < r->req_words || !(r->nreq & 63) ?
				   ~(uint64_t)0 :
				   BIT(r->nreq) - 1;
			if ((u & want) != want)
				return 1;
		}
		return 0;
	case LU_DISTINCT: {
		int missing = 0;

		for (i = 0; i < k; i++)
			for (j = r->item_off[m[i]]; j < r->item_off[m[i] + 1];
			     j++)
				count[r->items[j]]++;
		for (i = 0; i < k && !missing; i++) {
			int adds = 0;

			for (j = r->item_off[m[i]]; j < r->item_off[m[i] + 1];
			     j++)
				if (count[r->items[j]] == 1) {
					adds = 1;
					break;
				}
			missing = !adds;
		}
		for (i = 0; i < k; i++)
			for (j = r->item_off[m[i]]; j < r->item_off[m[i] + 1];
			     j++)
				count[r->items[j]]--;
		return missing;
	}
	}
	if (r->has_lo && got < r->lo)
		n++;
	if (r->has_hi && got > r->hi)
		n++;
	return n;
}

int
lu_rule_findings(const lu_rule *r, const size_t *members, size_t k)
{
	size_t *m = xmalloc((k + 1) * sizeof *m);
	int *count = r->kind == LU_DISTINCT ?
			 xcalloc(r->nitem_ids + 1, sizeof *count) :
			 NULL;
	int n;

	memcpy(m, members, k * sizeof *m);
	sort_rows(m, k);
	n = findings_sorted(r, m, k, count);
	free(count);
	free(m);
	return n;
}

int
lu_evaluate(const lu_problem *p, const size_t *members, size_t k, long *value,
	    int *fired)
{
	size_t W = (p->n + 63) / 64, i, j;
	long v = 0;
	int ok = k >= p->min_size && k <= p->max_size;

	for (i = 0; i < k; i++) {
		v += p->score[members[i]];
		for (j = i + 1; j < k; j++) {
			size_t a = members[i], b = members[j];

			if (p->conflict[a * W + WORD(b)] & BIT(b))
				ok = 0;
			v -= p->penalty[a * p->n + b];
		}
		if (p->excluded && p->excluded[members[i]])
			ok = 0;
	}
	if (p->must)
		for (i = 0; i < p->n; i++) {
			if (!p->must[i])
				continue;
			for (j = 0; j < k && members[j] != i; j++)
				;
			if (j == k)
				ok = 0;
		}
	for (i = 0; i < p->nrules; i++) {
		int f = lu_rule_findings(&p->rules[i], members, k);

		if (fired)
			fired[i] = f;
		if (f && p->rules[i].fail)
			ok = 0;
		else if (f)
			v -= (long)f * p->rules[i].penalty;
	}
	*value = v;
	return ok;
}

int
lu_set_cmp(const lu_set *a, const lu_set *b)
{
	size_t i;

	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	for (i = 0; i < a->k; i++)
		if (a->members[i] != b->members[i])
			return a->members[i] < b->members[i] ? -1 : 1;
	return 0;
}

void
lu_result_free(lu_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nsets; i++)
		free(r->sets[i].members);
	free(r->sets);
	free(r->best_with);
	free(r);
}

/* ---- the search ---- */

static double
elapsed(const search *s)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - s->t0.tv_sec) +
	       (double)(t.tv_nsec - s->t0.tv_nsec) / 1e9;
}

/* Offers the set m[0..k) (sorted rows, feasible, worth v) to the list of
 * the best; a set already in it is not added twice (incumbent() offers
 * sets the search meets again). */
static void
offer(search *s, const size_t *m, size_t k, long v)
{
	lu_set cand, *slot;
	size_t i, top = s->o->top ? s->o->top : 1;

	cand.value = v;
	cand.k = k;
	cand.members = (size_t *)m;
	if (s->nbest == top && lu_set_cmp(&cand, &s->best[top - 1]) >= 0)
		return;
	for (i = 0; i < s->nbest; i++)
		if (lu_set_cmp(&cand, &s->best[i]) == 0)
			return;
	if (s->nbest < top) {
		slot = &s->best[s->nbest++];
		slot->members = xmalloc((s->hi + 1) * sizeof *slot->members);
	} else {
		slot = &s->best[top - 1];
	}
	slot->value = v;
	slot->k = k;
	memcpy(slot->members, m, k * sizeof *m);
	/* keep the list ordered: bubble the new entry up */
	for (i = (size_t)(slot - s->best);
	     i > 0 && lu_set_cmp(&s->best[i], &s->best[i - 1]) < 0; i--) {
		lu_set t = s->best[i];

		s->best[i] = s->best[i - 1];
		s->best[i - 1] = t;
	}
}

/* Evaluates the current set exactly; offers it when feasible. */
static void
evaluate(search *s)
{
	const lu_problem *p = s->p;
	long v = s->val;
	size_t i, top = s->o->top ? s->o->top : 1;

	/* consortium penalties are never negative, so the set is worth at
	 * most val: when that is below the last of a full list, offer()
	 * would turn it down (unless the value is wanted for best_with) */
	if (!s->best_with && s->nbest == top && v < s->best[top - 1].value)
		return;
	memcpy(s->sorted, s->mem, s->k * sizeof *s->mem);
	sort_rows(s->sorted, s->k);
	for (i = 0; i < p->nrules; i++) {
		int f = findings_sorted(&p->rules[i], s->sorted, s->k,
					s->rs[i].count);

		if (!f)
			continue;
		if (p->rules[i].fail)
			return;
		v -= (long)f * p->rules[i].penalty;
	}
	if (s->best_with)
		for (i = 0; i < s->k; i++)
			if (s->best_with[s->mem[i]] < v)
				s->best_with[s->mem[i]] = v;
	offer(s, s->sorted, s->k, v);
}

/* ---- a first incumbent ---- */

/* The value of rows m[0..k) (ascending, pairwise compatible) into *v,
 * and the number of fail-level rules it breaks (the size aside). */
static int
set_eval(search *s, const size_t *m, size_t k, long *v)
{
	const lu_problem *p = s->p;
	size_t i, j;
	long val = 0;
	int nfail = 0;

	for (i = 0; i < k; i++) {
		val += p->score[m[i]];
		for (j = i + 1; j < k; j++)
			val -= p->penalty[m[i] * p->n + m[j]];
	}
	for (i = 0; i < p->nrules; i++) {
		int f = findings_sorted(&p->rules[i], m, k, s->rs[i].count);

		if (f && p->rules[i].fail)
			nfail++;
		else
			val -= (long)f * p->rules[i].penalty;
	}
	*v = val;
	return nfail;
}

static int
compatible(const search *s, size_t x, const size_t *m, size_t k, size_t skip)
{
	size_t W = (s->p->n + 63) / 64, i;

	for (i = 0; i < k; i++)
		if (i != skip && (s->p->conflict[m[i] * W + WORD(x)] & BIT(x)))
			return 0;
	return 1;
}

/* t = m[0..k) without m[skip] (skip >= k: none) and with x (x == -1:
 * none), ascending; returns its size, 0 when x is already in m. */
static size_t
edit(const size_t *m, size_t k, size_t skip, size_t x, size_t *t)
{
	size_t i, n = 0;
	int put = x == (size_t)-1;

	for (i = 0; i < k; i++)
		if (m[i] == x)
			return 0;
	for (i = 0; i < k; i++) {
		if (!put && x < m[i]) {
			t[n++] = x;
			put = 1;
		}
		if (i != skip)
			t[n++] = m[i];
	}
	if (!put)
		t[n++] = x;
	return n;
}

/* Evaluates t[0..k); offers it when feasible; returns 1 then, with *v. */
static int
try_set(search *s, const size_t *t, size_t k, long *v)
{
	size_t i;

	if (k < s->lo || k > s->hi || set_eval(s, t, k, v))
		return 0;
	if (s->best_with)
		for (i = 0; i < k; i++)
			if (s->best_with[t[i]] < *v)
				s->best_with[t[i]] = *v;
	offer(s, t, k, *v);
	return 1;
}

static int
is_fixed(const search *s, size_t row)
{
	return (s->p->must && s->p->must[row]) || (long)row == s->o->force;
}

/*
 * Line-ups to start from, so that the bounds prune from the first node:
 * a greedy one (from the fixed members, add the candidate that leaves the
 * fewest fail-level rules broken and then the highest value), the hint
 * with the fixed members in and at most one of its own out, and then the
 * best of them improved by adding, dropping or swapping one member while
 * that helps.  Every feasible set met is offered, as the search would.
 * cur and t: scratch of hi + 2 rows.
 */
static void
incumbent(search *s, const size_t *fixed, size_t nfixed, size_t *cur, size_t *t)
{
	const lu_problem *p = s->p;
	size_t k = nfixed, i, u, d, round;
	long v;

	memcpy(cur, fixed, nfixed * sizeof *cur);
	sort_rows(cur, k);
	while (k < s->hi) {
		size_t pick = (size_t)-1;
		long key = 0;

		for (u = 0; u < s->n; u++) {
			size_t x = s->ord[u], n;
			long kv;
			int nf;

			if (!compatible(s, x, cur, k, k) ||
			    !(s->pset[WORD(u)] & BIT(u)))
				continue;
			n = edit(cur, k, k, x, t);
			if (!n)
				continue; /* already in */
			nf = set_eval(s, t, n, &v);
			if (!nf && n >= s->lo)
				try_set(s, t, n, &v);
			kv = v - 100000L * nf;
			if (pick == (size_t)-1 || kv > key) {
				pick = x;
				key = kv;
			}
		}
		if (pick == (size_t)-1)
			break;
		k = edit(cur, k, k, pick, t);
		memcpy(cur, t, k * sizeof *cur);
	}
	if (s->o->hint) {
		const lu_set *h = s->o->hint;

		for (d = 0; d <= h->k; d++) {
			k = nfixed;
			memcpy(cur, fixed, nfixed * sizeof *cur);
			sort_rows(cur, k);
			for (i = 0; i < h->k && k < s->hi; i++) {
				size_t x = h->members[i];

				if (i == d || is_fixed(s, x) ||
				    (p->excluded && p->excluded[x]) ||
				    !compatible(s, x, cur, k, k))
					continue;
				k = edit(cur, k, k, x, t);
				memcpy(cur, t, k * sizeof *cur);
			}
			try_set(s, cur, k, &v);
		}
	}
	if (!s->nbest)
		return;
	k = s->best[0].k;
	memcpy(cur, s->best[0].members, k * sizeof *cur);
	for (round = 0; round < 20; round++) {
		lu_set now, cand;
		int better = 0;

		now.value = s->best[0].value;
		now.k = k;
		now.members = cur;
		/* moves: drop d (k: none) and add ord[u] (n: none) */
		for (d = 0; d <= k; d++) {
			if (d < k && is_fixed(s, cur[d]))
				continue;
			for (u = 0; u <= s->n; u++) {
				size_t x = u < s->n ? s->ord[u] : (size_t)-1, n;

				if (x == (size_t)-1 ?
					d == k :
					!(s->pset[WORD(u)] & BIT(u)) ||
					    !compatible(s, x, cur, k, d))
					continue;
				n = edit(cur, k, d, x, t);
				if (!n && x != (size_t)-1)
					continue; /* x already in */
				if (!try_set(s, t, n, &v))
					continue;
				cand.value = v;
				cand.k = n;
				cand.members = t;
				if (lu_set_cmp(&cand, &now) < 0)
					better = 1;
			}
		}
		if (!better || lu_set_cmp(&s->best[0], &now) >= 0)
			break;
		/* the best set met is better than cur: move there */
		k = s->best[0].k;
		memcpy(cur, s->best[0].members, k * sizeof *cur);
	}
}

static int
any_common(const uint64_t *a, const uint64_t *b, size_t from, size_t W)
{
	size_t w = WORD(from);

	if (w >= W)
		return 0;
	if (a[w] & b[w] & ~(BIT(from) - 1))
		return 1;
	for (w++; w < W; w++)
		if (a[w] & b[w])
			return 1;
	return 0;
}

static size_t
count_common(const uint64_t *a, const uint64_t *b, size_t from, size_t W)
{
	size_t w = WORD(from), n;

	if (w >= W)
		return 0;
	n = (size_t)__builtin_popcountll(a[w] & b[w] & ~(BIT(from) - 1));
	for (w++; w < W; w++)
		n += (size_t)__builtin_popcountll(a[w] & b[w]);
	return n;
}

/* hopeless() for a count_where rule: too many members count already, or
 * too few would even with every one of R that counts. */
static int
hopeless_count_where(const search *s, const lu_rule *r, const rstate *st,
		     const uint64_t *P, size_t from, size_t slots)
{
	size_t have = 0, j;

	for (j = 0; j < s->k; j++)
		have += r->flag[s->mem[j]];
	if (r->has_hi && (double)have > r->hi)
		return 1;
	if (r->has_lo && (double)have < r->lo) {
		size_t more = count_common(P, st->fixlo, from, s->W);

		if (more > slots)
			more = slots;
		if ((double)(have + more) < r->lo)
			return 1;
	}
	return 0;
}

/* The most a sum can still come down: every negative value of R (looser
 * than the `slots` most negative, and cheaper). */
static double
sum_fall(const search *s, const rstate *st, const uint64_t *P, size_t from)
{
	double lo = 0;
	size_t w;

	for (w = WORD(from); w < s->W; w++) {
		uint64_t b = P[w];

		if (w == WORD(from))
			b &= ~(BIT(from) - 1);
		while (b) {
			size_t u = w * 64 + (size_t)__builtin_ctzll(b);

			b &= b - 1;
			if (st->present[u] && st->val[u] < 0)
				lo += st->val[u];
		}
	}
	return lo;
}

/* The most a sum can still go up: the `slots` largest positive values of
 * R (INFINITY past 64 slots). */
static double
sum_rise(const search *s, const rstate *st, const uint64_t *P, size_t from,
	 size_t slots)
{
	double top[64], hi = 0;
	size_t nt = 0, take = slots < 64 ? slots : 64, w, j;

	for (w = WORD(from); w < s->W; w++) {
		uint64_t b = P[w];

		if (w == WORD(from))
			b &= ~(BIT(from) - 1);
		while (b) {
			size_t u = w * 64 + (size_t)__builtin_ctzll(b);
			double v = st->val[u];
			size_t q;

			b &= b - 1;
			if (!st->present[u] || v <= 0 || !take)
				continue;
			if (nt == take && v <= top[nt - 1])
				continue;
			if (nt < take)
				nt++;
			for (q = nt - 1; q > 0 && top[q - 1] < v; q--)
				top[q] = top[q - 1];
			top[q] = v;
		}
	}
	for (j = 0; j < nt; j++)
		hi += top[j];
	if (slots > 64)
		hi = INFINITY;
	return hi;
}

/* hopeless() for a sum: above its maximum by more than R can take off,
 * or below its minimum by more than R can add. */
static int
hopeless_sum(const search *s, const lu_rule *r, const rstate *st,
	     const uint64_t *P, size_t from, size_t slots)
{
	double sum = 0;
	size_t present = 0, j;

	for (j = 0; j < s->k; j++)
		if (r->present[s->mem[j]]) {
			sum += r->val[s->mem[j]];
			present++;
		}
	if (!present)
		return 0; /* may never apply */
	if (r->has_hi && sum > r->hi + 1e-7 * (1 + fabs(r->hi))) {
		double lo = st->any_negative ? sum_fall(s, st, P, from) : 0;

		if (sum + lo > r->hi + 1e-7 * (1 + fabs(r->hi)))
			return 1;
	}
	if (r->has_lo && sum < r->lo - 1e-7 * (1 + fabs(r->lo)) &&
	    sum + sum_rise(s, st, P, from, slots) <
		r->lo - 1e-7 * (1 + fabs(r->lo)))
		return 1;
	return 0;
}

/* The members' smallest (LU_MIN) or largest (LU_MAX) value of r, as
 * shown, into *ext; returns how many members have a value (0: *ext is
 * left alone). */
static size_t
members_extreme(const search *s, const lu_rule *r, double *ext)
{
	double e = 0;
	size_t present = 0, j;

	for (j = 0; j < s->k; j++) {
		double v = r->val[s->mem[j]];

		if (!r->present[s->mem[j]])
			continue;
		if (!present || (r->kind == LU_MIN ? v < e : v > e))
			e = v;
		present++;
	}
	if (present)
		*ext = shown(e);
	return present;
}

/* hopeless() for a min or a max: a min only goes down and a max only up,
 * and the other way only a candidate of R within the bound can help. */
static int
hopeless_extreme(const search *s, const lu_rule *r, const rstate *st,
		 const uint64_t *P, size_t from)
{
	double ext;

	if (!members_extreme(s, r, &ext))
		return 0;
	if (r->kind == LU_MIN && r->has_lo && ext < r->lo)
		return 1;
	if (r->kind == LU_MAX && r->has_hi && ext > r->hi)
		return 1;
	if (r->kind == LU_MIN && r->has_hi && ext > r->hi &&
	    !any_common(P, st->fixhi, from, s->W))
		return 1;
	if (r->kind == LU_MAX && r->has_lo && ext < r->lo &&
	    !any_common(P, st->fixlo, from, s->W))
		return 1;
	return 0;
}

/* hopeless() for coverage: a requirement S lacks and no one in R covers. */
static int
hopeless_coverage(const search *s, const lu_rule *r, const rstate *st,
		  const uint64_t *P, size_t from)
{
	size_t j, q;

	for (j = 0; j < r->nreq; j++) {
		int have = 0;

		for (q = 0; q < s->k && !have; q++)
			have = (r->covers[s->mem[q] * r->req_words + WORD(j)] &
				BIT(j)) != 0;
		if (!have && !any_common(P, st->coverers[j], from, s->W))
			return 1;
	}
	return 0;
}

/* Whether some fail-level rule is broken for S and every superset of S
 * drawn from R = P from position `from` on, with at most `slots` more. */
static int
hopeless(search *s, const uint64_t *P, size_t from, size_t slots)
{
	const lu_problem *p = s->p;
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		const lu_rule *r = &p->rules[i];
		const rstate *st = &s->rs[i];
		int h = 0;

		if (!r->fail)
			continue;
		switch (r->kind) {
		case LU_COUNT:    /* folded into the size range */
		case LU_DISTINCT: /* only ever a penalty here */
			break;
		case LU_COUNT_WHERE:
			h = hopeless_count_where(s, r, st, P, from, slots);
			break;
		case LU_SUM:
			h = hopeless_sum(s, r, st, P, from, slots);
			break;
		case LU_MIN:
		case LU_MAX:
			h = hopeless_extreme(s, r, st, P, from);
			break;
		case LU_COVERAGE:
			h = hopeless_coverage(s, r, st, P, from);
			break;
		}
		if (h)
			return 1;
	}
	return 0;
}

/*
 * Findings of rule i that S has and that no superset can lose: a count,
 * a count_where, a max or (with no negative value) a sum already above
 * its maximum, a min already below its minimum, a distinct rule with a
 * member that adds nothing (the others only ever cover more).  Counts
 * and sums only grow, a min only falls and a max only rises.
 */
static int
lasting(search *s, size_t i)
{
	const lu_rule *r = &s->p->rules[i];
	size_t j, q, present = 0;
	double got = 0;

	switch (r->kind) {
	case LU_COUNT:
		return 0; /* counted by size, in sizepen */
	case LU_COUNT_WHERE:
		for (j = 0; j < s->k; j++)
			got += r->flag[s->mem[j]] ? 1 : 0;
		return r->has_hi && got > r->hi;
	case LU_SUM:
		if (!r->has_hi || s->rs[i].any_negative)
			return 0;
		for (j = 0; j < s->k; j++)
			if (r->present[s->mem[j]]) {
				got += r->val[s->mem[j]];
				present++;
			}
		return present && got > r->hi + 1e-7 * (1 + fabs(r->hi));
	case LU_MIN:
	case LU_MAX:
		if (!members_extreme(s, r, &got))
			return 0;
		return r->kind == LU_MIN ? r->has_lo && got < r->lo :
					   r->has_hi && got > r->hi;
	case LU_DISTINCT: {
		int *count = s->rs[i].count, missing = 0;

		for (j = 0; j < s->k; j++)
			for (q = r->item_off[s->mem[j]];
			     q < r->item_off[s->mem[j] + 1]; q++)
				count[r->items[q]]++;
		for (j = 0; j < s->k && !missing; j++) {
			int adds = 0;

			for (q = r->item_off[s->mem[j]];
			     q < r->item_off[s->mem[j] + 1] && !adds; q++)
				adds = count[r->items[q]] == 1;
			missing = !adds;
		}
		for (j = 0; j < s->k; j++)
			for (q = r->item_off[s->mem[j]];
			     q < r->item_off[s->mem[j] + 1]; q++)
				count[r->items[q]]--;
		return missing;
	}
	case LU_COVERAGE:
		return 0;
	}
	return 0;
}

/* The penalties every superset of S pays for lasting() findings; -1 when
 * one of them is at fail level, so no superset is feasible. */
static long
sure_penalty(search *s)
{
	size_t i;
	long pen = 0;

	for (i = 0; i < s->p->nrules; i++) {
		if (!lasting(s, i))
			continue;
		if (s->p->rules[i].fail)
			return -1;
		pen += s->p->rules[i].penalty;
	}
	return pen;
}

/* How many more members a fail-level sum with a maximum and no negative
 * value leaves room for: the smallest values of R that still fit (members
 * without a value always fit). */
static size_t
room(search *s, const uint64_t *P, size_t from, size_t slots)
{
	const lu_problem *p = s->p;
	size_t i, j, w;

	for (i = 0; i < p->nrules; i++) {
		const lu_rule *r = &p->rules[i];
		rstate *st = &s->rs[i];
		double cap, small[64], acc = 0;
		size_t free_ones = 0, ns = 0, take = slots < 64 ? slots : 64,
		       fit;

		if (!r->fail || r->kind != LU_SUM || !r->has_hi ||
		    st->any_negative)
			continue;
		cap = r->hi + 1e-7 * (1 + fabs(r->hi));
		for (j = 0; j < s->k; j++)
			if (r->present[s->mem[j]])
				cap -= r->val[s->mem[j]];
		for (w = WORD(from); w < s->W && free_ones < slots; w++) {
			uint64_t b = P[w];

			if (w == WORD(from))
				b &= ~(BIT(from) - 1);
			while (b) {
				size_t u = w * 64 + (size_t)__builtin_ctzll(b),
				       q;
				double v = st->val[u];

				b &= b - 1;
				if (!st->present[u]) {
					free_ones++;
					continue;
				}
				if (!take || (ns == take && v >= small[ns - 1]))
					continue;
				if (ns < take)
					ns++;
				for (q = ns - 1; q > 0 && small[q - 1] > v; q--)
					small[q] = small[q - 1];
				small[q] = v;
			}
		}
		if (free_ones >= slots || slots > 64)
			continue;
		for (fit = 0; fit < ns && acc + small[fit] <= cap; fit++)
			acc += small[fit];
		if (free_ones + fit < slots)
			slots = free_ones + fit;
	}
	return slots;
}

/*
 * s->val plus the most that t of the values top[0..nt) (largest first)
 * can add, need <= t <= nt, less the penalties of the non-fail count
 * rules for a line-up of k + t (known from its size alone).
 */
static long
best_prefix(const search *s, const int *top, size_t nt, size_t need)
{
	long sum = 0, b = NO_BOUND;
	size_t t;

	for (t = 1; t <= nt; t++) {
		sum += top[t - 1];
		if (t >= need && s->val + sum - s->sizepen[s->k + t] > b)
			b = s->val + sum - s->sizepen[s->k + t];
	}
	return b;
}

/* An upper bound on the value of any set S + T, T a non-empty subset of
 * R = P from `from` on, |T| <= slots, |S + T| >= lo; NO_BOUND when no
 * such T exists. */
static long
bound(search *s, const uint64_t *P, size_t from, size_t slots)
{
	size_t need = s->lo > s->k ? s->lo - s->k : 0, nt = 0, w;
	int *top = s->topv;

	if (need < 1)
		need = 1;
	if (need > slots)
		return NO_BOUND;
	slots = room(s, P, from, slots);
	if (need > slots)
		return NO_BOUND;
	for (w = WORD(from); w < s->W; w++) {
		uint64_t bits = P[w];

		if (w == WORD(from))
			bits &= ~(BIT(from) - 1);
		while (bits) {
			size_t u = w * 64 + (size_t)__builtin_ctzll(bits);
			int v = s->marg[u];
			size_t q;

			bits &= bits - 1;
			if (nt == slots && v <= top[nt - 1])
				continue;
			if (nt < slots)
				nt++;
			for (q = nt - 1; q > 0 && top[q - 1] < v; q--)
				top[q] = top[q - 1];
			top[q] = v;
		}
	}
	if (nt < need)
		return NO_BOUND;
	return best_prefix(s, top, nt, need);
}

/*
 * The knapsack bound.  A fail-level sum rule with a maximum and no
 * negative value caps the weight w(T) = sum of T's values by the room C
 * its maximum leaves under S.  For any lam >= 0, every T that fits has
 * value(T) <= sum over T of (marginal - lam * w) + lam * C, so the best
 * prefix of those adjusted marginals (as bound() takes them) plus lam * C
 * bounds every feasible superset, whatever lam is.  lam = 0 is bound();
 * the best lam (the one where the members taken just fill C) is the
 * linear relaxation's, which on sparse pools, where the colouring finds
 * nothing to exploit, prunes far more.  C carries a tolerance at least
 * as loose as the feasibility test's rounding to 1e-6.
 */
static int
cap_rule(const search *s, size_t i)
{
	const lu_rule *r = &s->p->rules[i];

	return r->fail && r->kind == LU_SUM && r->has_hi &&
	       !s->rs[i].any_negative;
}

static double
cap_left(const search *s, size_t i)
{
	const lu_rule *r = &s->p->rules[i];
	double tol = 1e-7 * (1 + fabs(r->hi)), cap;
	size_t j;

	cap = r->hi + (tol > 1e-6 ? tol : 1e-6);
	for (j = 0; j < s->k; j++)
		if (r->present[s->mem[j]])
			cap -= r->val[s->mem[j]];
	return cap;
}

/* The best prefix, as best_prefix(), of top[0..nt) (adjusted marginals,
 * largest first, weights wt): its value (less s->val) into the return,
 * -HUGE_VAL when nt < need; the weight it takes into *wsum. */
static double
lag_prefix(const search *s, const double *top, const double *wt, size_t nt,
	   size_t need, double *wsum)
{
	double sum = 0, w = 0, best = -HUGE_VAL;
	size_t t;

	*wsum = 0;
	for (t = 1; t <= nt; t++) {
		sum += top[t - 1];
		w += wt ? wt[t - 1] : 0;
		if (t >= need && sum - (double)s->sizepen[s->k + t] > best) {
			best = sum - (double)s->sizepen[s->k + t];
			*wsum = w;
		}
	}
	return best;
}

/* The bound with multiplier lam for rule i alone over R = P from `from`
 * on, at most `slots` more members; the weight the best prefix takes into
 * *wsum. */
static double
lag_eval(search *s, const uint64_t *P, size_t from, size_t slots, size_t i,
	 double lam, double *wsum)
{
	const double *val = s->rs[i].val;
	double *top = s->ltop, *wt = s->lwt;
	size_t need = s->lo > s->k ? s->lo - s->k : 0, nt = 0, w;

	if (need < 1)
		need = 1;
	for (w = WORD(from); w < s->W; w++) {
		uint64_t bits = P[w];

		if (w == WORD(from))
			bits &= ~(BIT(from) - 1);
		while (bits) {
			size_t u = w * 64 + (size_t)__builtin_ctzll(bits), q;
			double a = s->marg[u] - lam * val[u];

			bits &= bits - 1;
			if (nt == slots && a <= top[nt - 1])
				continue;
			if (nt < slots)
				nt++;
			for (q = nt - 1; q > 0 && top[q - 1] < a; q--) {
				top[q] = top[q - 1];
				wt[q] = wt[q - 1];
			}
			top[q] = a;
			wt[q] = val[u];
		}
	}
	return lag_prefix(s, top, wt, nt, need, wsum);
}

/* Chooses s->lam (and s->lconst) for the node: per cap rule, by bisection
 * on lam, the one whose bound is the least (the bound is convex in lam and
 * falls while the prefix it takes weighs more than C). */
static void
node_lambda(search *s, const uint64_t *P, size_t from, size_t slots)
{
	size_t i, it, w;

	s->lconst = 0;
	for (i = 0; i < s->p->nrules; i++) {
		const double *val = s->rs[i].val;
		double cap, lo = 0, hi = 0, wsum, f, best, blam = 0;

		s->lam[i] = 0;
		if (!cap_rule(s, i) || !slots || slots > 64)
			continue;
		cap = cap_left(s, i);
		if (cap < 0)
			continue;
		best = lag_eval(s, P, from, slots, i, 0, &wsum);
		if (wsum <= cap || best == -HUGE_VAL)
			continue; /* the room is not what limits T */
		for (w = WORD(from); w < s->W; w++) {
			uint64_t bits = P[w];

			if (w == WORD(from))
				bits &= ~(BIT(from) - 1);
			while (bits) {
				size_t u = w * 64 +
					   (size_t)__builtin_ctzll(bits);

				bits &= bits - 1;
				if (val[u] > 0 && s->marg[u] > 0 &&
				    s->marg[u] / val[u] > hi)
					hi = s->marg[u] / val[u];
			}
		}
		for (it = 0; it < 8; it++) {
			double mid = (lo + hi) / 2;

			f = lag_eval(s, P, from, slots, i, mid, &wsum) +
			    mid * cap;
			if (f < best) {
				best = f;
				blam = mid;
			}
			if (wsum > cap)
				lo = mid;
			else
				hi = mid;
		}
		s->lam[i] = blam;
		s->lconst += blam * cap;
	}
}

/* child_bounds(): the room each sum rule leaves under S. */
static void
child_bounds_start(search *s)
{
	const lu_problem *p = s->p;
	size_t i, j;

	for (i = 0; i < p->nrules; i++) {
		const lu_rule *r = &p->rules[i];

		s->rfree[i] = 0;
		s->rns[i] = 0;
		if (!r->fail || r->kind != LU_SUM || !r->has_hi ||
		    s->rs[i].any_negative)
			continue;
		s->rcap[i] = r->hi + 1e-7 * (1 + fabs(r->hi));
		for (j = 0; j < s->k; j++)
			if (r->present[s->mem[j]])
				s->rcap[i] -= r->val[s->mem[j]];
	}
}

/* child_bounds(): order position u joins R; returns the slots room()
 * leaves for R from u on (at most `slots`), keeping each sum rule's
 * smallest values (up to `take`) and members without one up to date. */
static size_t
child_room(search *s, size_t u, size_t slots, size_t take)
{
	const lu_problem *p = s->p;
	size_t i, q, eff = slots;

	for (i = 0; i < p->nrules; i++) {
		const lu_rule *r = &p->rules[i];
		const rstate *st = &s->rs[i];
		double *small = s->rsmall + i * 64, dv, acc = 0;
		size_t ns, fit;

		if (!r->fail || r->kind != LU_SUM || !r->has_hi ||
		    st->any_negative)
			continue;
		if (!st->present[u]) {
			s->rfree[i]++;
		} else if (take) {
			dv = st->val[u];
			ns = s->rns[i];
			if (!(ns == take && dv >= small[ns - 1])) {
				if (ns < take)
					s->rns[i] = ++ns;
				for (q = ns - 1; q > 0 && small[q - 1] > dv;
				     q--)
					small[q] = small[q - 1];
				small[q] = dv;
			}
		}
		/* room(), with the slots earlier rules left */
		if (s->rfree[i] >= eff || eff > 64)
			continue;
		ns = s->rns[i] < eff ? s->rns[i] : eff;
		for (fit = 0; fit < ns && acc + small[fit] <= s->rcap[i]; fit++)
			acc += small[fit];
		if (s->rfree[i] + fit < eff)
			eff = s->rfree[i] + fit;
	}
	return eff;
}

/* child_bounds(): u's adjusted marginal (lag_bound) into s->ltop, which
 * holds nl of them, at most `slots`. */
static void
child_lag_insert(search *s, size_t u, size_t nl, size_t slots)
{
	double a = s->marg[u], *ltop = s->ltop;
	size_t i, q;

	for (i = 0; i < s->p->nrules; i++)
		if (s->lam[i] > 0)
			a -= s->lam[i] * s->rs[i].val[u];
	if (nl == slots && a <= ltop[nl - 1])
		return;
	if (nl < slots)
		nl++;
	for (q = nl - 1; q > 0 && ltop[q - 1] < a; q--)
		ltop[q] = ltop[q - 1];
	ltop[q] = a;
}

/*
 * bound(s, P, u, slots) for every u of R = P from `from` on, into
 * out[u], in one pass over R from its end: the sets R from u on only grow
 * as u goes down, so the best marginals (and, for room(), the smallest
 * values and the members without one) are kept up to date by insertion
 * rather than found again for each child, which made a node cost |R|^2.
 * The arithmetic is bound()'s and room()'s, step for step; with a
 * multiplier (node_lambda), the knapsack bound's too, the lower one kept.
 */
static void
child_bounds(search *s, const uint64_t *P, size_t from, size_t slots, long *out)
{
	size_t need = s->lo > s->k ? s->lo - s->k : 0, nt = 0, i, w;
	size_t take = slots < 64 ? slots : 64;
	int *top = s->topv, lag = 0;

	if (need < 1)
		need = 1;
	for (i = 0; i < s->p->nrules; i++)
		lag |= s->lam[i] > 0;
	child_bounds_start(s);
	for (w = s->W; w-- > WORD(from);) {
		uint64_t bits = P[w];

		if (w == WORD(from))
			bits &= ~(BIT(from) - 1);
		while (bits) {
			size_t u = w * 64 + 63 - (size_t)__builtin_clzll(bits),
			       q, eff, navail, nl = nt;
			int v = s->marg[u];

			bits &= ~BIT(u);
			if (need > slots) {
				out[u] = NO_BOUND;
				continue;
			}
			if (!(nt == slots && v <= top[nt - 1])) {
				if (nt < slots)
					nt++;
				for (q = nt - 1; q > 0 && top[q - 1] < v; q--)
					top[q] = top[q - 1];
				top[q] = v;
			}
			if (lag)
				child_lag_insert(s, u, nl, slots);
			eff = child_room(s, u, slots, take);
			navail = nt < eff ? nt : eff;
			if (need > eff || navail < need) {
				out[u] = NO_BOUND;
				continue;
			}
			out[u] = best_prefix(s, top, navail, need);
			if (lag) {
				double wsum,
				    lb = lag_prefix(s, s->ltop, NULL, navail,
						    need, &wsum);
				long b = (long)floor((double)s->val + lb +
						     s->lconst + 1e-6);

				if (b < out[u])
					out[u] = b;
			}
		}
	}
}

/*
 * A tighter bound() for the node as a whole, from a greedy colouring of R
 * by clashes: every member of a class conflicts with, or is penalised
 * against, every other one.  T takes at most one member of a class whose
 * pairs all conflict, and j members of any other class cost at least
 * (j choose 2) times the class's smallest penalty between members that do
 * not conflict, since every pair T takes from it is such a pair.  Within
 * a class the j-th best marginal less (j - 1) times that penalty falls as
 * j grows, so the best T takes, from the increments of all the classes,
 * the largest ones (at least `need`, more while positive, at most the
 * slots room() leaves), exactly as bound() does with one class per
 * candidate; penalties between classes are dropped, so the sum is still
 * an upper bound.  NO_BOUND when no such T exists.
 */
static long
colour_bound(search *s, const uint64_t *P, size_t from, size_t slots)
{
	size_t need = s->lo > s->k ? s->lo - s->k : 0, W = s->W, nc = 0;
	size_t nt = 0, c, j, w, q;
	int *top = s->topv;

	if (need < 1)
		need = 1;
	if (need > slots)
		return NO_BOUND;
	slots = room(s, P, from, slots);
	if (need > slots || slots > 64)
		return need > slots ? NO_BOUND : LONG_MAX;
	for (w = WORD(from); w < W; w++) {
		uint64_t bits = P[w];

		if (w == WORD(from))
			bits &= ~(BIT(from) - 1);
		while (bits) {
			size_t u = w * 64 + (size_t)__builtin_ctzll(bits);
			const uint64_t *cu = s->clash + u * W;
			int v = s->marg[u], *cv;

			bits &= bits - 1;
			for (c = 0; c < nc; c++) {
				const uint64_t *k = s->cls + c * W;

				for (q = 0; q < W && !(k[q] & ~cu[q]); q++)
					;
				if (q == W)
					break;
			}
			if (c == nc) {
				memset(s->cls + c * W, 0, W * sizeof *s->cls);
				s->cpen[c] = INT_MAX;
				s->cn[c] = 0;
				nc++;
			} else {
				/* the smallest penalty u brings to the class,
				 * over the members it does not conflict with */
				const uint64_t *k = s->cls + c * W;
				const uint64_t *fu = s->conf + u * W;
				const int *pen = s->open + u * s->n;

				for (q = 0; q < W; q++) {
					uint64_t m = k[q] & ~fu[q];

					while (m) {
						size_t x = q * 64 +
							   (size_t)
							       __builtin_ctzll(
								   m);

						m &= m - 1;
						if (pen[x] < s->cpen[c])
							s->cpen[c] = pen[x];
					}
				}
			}
			s->cls[c * W + WORD(u)] |= BIT(u);
			/* the class's best marginals, largest first */
			cv = s->cval + c * 64;
			if (s->cn[c] == slots && v <= cv[slots - 1])
				continue;
			if (s->cn[c] < slots)
				s->cn[c]++;
			for (q = s->cn[c] - 1; q > 0 && cv[q - 1] < v; q--)
				cv[q] = cv[q - 1];
			cv[q] = v;
		}
	}
	for (c = 0; c < nc; c++) {
		const int *cv = s->cval + c * 64;
		size_t m = s->cpen[c] == INT_MAX ? 1 : s->cn[c];

		for (j = 0; j < m; j++) {
			long d = (long)cv[j] - (long)j * s->cpen[c];
			int v = d < INT_MIN / 2 ? INT_MIN / 2 : (int)d;

			if (nt == slots && v <= top[nt - 1])
				break; /* the class's later ones are lower */
			if (nt < slots)
				nt++;
			for (q = nt - 1; q > 0 && top[q - 1] < v; q--)
				top[q] = top[q - 1];
			top[q] = v;
		}
	}
	if (nt < need)
		return NO_BOUND;
	return best_prefix(s, top, nt, need);
}

/*
 * Whether no superset S + T (T from R, as for bound()) can enter the list
 * of the best, whose last entry is worth exactly b, the bound: it would
 * have to win the tie-break, by fewer members (impossible when even the
 * best value with fewer members than the last entry's is below b) or, with
 * as many, by lower row positions (impossible when S with R's lowest rows
 * does not come first).
 */
static int
tie_lost(search *s, const uint64_t *P, size_t from, size_t slots)
{
	const lu_set *last = &s->best[(s->o->top ? s->o->top : 1) - 1];
	size_t want, i, j, w, nl = 0;
	size_t low[64], *m = s->sorted;

	if (s->k >= last->k)
		return 1; /* every superset has more members */
	if (last->k - 1 > s->k &&
	    bound(s, P, from, last->k - 1 - s->k) >= last->value)
		return 0; /* might tie with fewer members */
	want = last->k - s->k;
	if (want > 64 || want > slots)
		return want > slots;
	/* a member x of T with the others at best: marg(x) + the want - 1
	 * best marginals of R must reach b - val */
	{
		int *top = s->topv;
		size_t nt = 0;
		long rest = 0, mstar;

		for (w = WORD(from); w < s->W; w++) {
			uint64_t bits = P[w];

			if (w == WORD(from))
				bits &= ~(BIT(from) - 1);
			while (bits) {
				size_t u = w * 64 +
					   (size_t)__builtin_ctzll(bits),
				       q;
				int v = s->marg[u];

				bits &= bits - 1;
				if (nt == want && v <= top[nt - 1])
					continue;
				if (nt < want)
					nt++;
				for (q = nt - 1; q > 0 && top[q - 1] < v; q--)
					top[q] = top[q - 1];
				top[q] = v;
			}
		}
		if (nt < want)
			return 1;
		for (j = 0; j + 1 < want; j++)
			rest += top[j];
		if (s->val + rest + top[want - 1] < last->value)
			return 1;
		mstar = last->value - s->val - rest;
		for (w = WORD(from); w < s->W; w++) {
			uint64_t bits = P[w];

			if (w == WORD(from))
				bits &= ~(BIT(from) - 1);
			while (bits) {
				size_t u = w * 64 +
					   (size_t)__builtin_ctzll(bits),
				       q;
				size_t row = s->ord[u];

				bits &= bits - 1;
				if (s->marg[u] < mstar ||
				    (nl == want && row >= low[nl - 1]))
					continue;
				if (nl < want)
					nl++;
				for (q = nl - 1; q > 0 && low[q - 1] > row; q--)
					low[q] = low[q - 1];
				low[q] = row;
			}
		}
	}
	if (nl < want)
		return 1;
	/* merge S's rows and the lowest rows of R: the first such set */
	memcpy(m, s->mem, s->k * sizeof *m);
	sort_rows(m, s->k);
	{
		size_t a = 0, b = 0;

		for (i = 0; i < last->k; i++) {
			size_t next = b >= nl || (a < s->k && m[a] < low[b]) ?
					  m[a++] :
					  low[b++];

			if (next != last->members[i])
				return next > last->members[i];
		}
	}
	return 1; /* the very same set */
}

static int
beaten(const search *s, long b)
{
	size_t top = s->o->top ? s->o->top : 1;

	return (s->nbest == top && b < s->best[top - 1].value) ||
	       (s->o->has_floor && b < s->o->floor);
}

static int
tied(const search *s, long b)
{
	size_t top = s->o->top ? s->o->top : 1;

	return s->nbest == top && b == s->best[top - 1].value;
}

/* Adds order position u to the set.  Only the marginals of the
 * candidates left to the subtree, Q from u + 1 on, are kept up to date,
 * and none at a leaf (size max_size): nothing below reads the others, and
 * drop_member() undoes exactly the same ones (Q does not change while the
 * subtree runs). */
static void
add_member(search *s, size_t u, const uint64_t *Q)
{
	const int *pen = s->open + u * s->n;
	size_t w;

	s->mem[s->k] = s->ord[u];
	s->memo[s->k] = u;
	s->k++;
	s->val += s->marg[u];
	if (s->k >= s->hi)
		return; /* a leaf: no marginal is read below it */
	for (w = WORD(u + 1); w < s->W; w++) {
		uint64_t bits = Q[w];

		if (w == WORD(u + 1))
			bits &= ~(BIT(u + 1) - 1);
		while (bits) {
			size_t v = w * 64 + (size_t)__builtin_ctzll(bits);

			bits &= bits - 1;
			s->marg[v] -= pen[v];
		}
	}
}

static void
drop_member(search *s, const uint64_t *Q)
{
	size_t u, w;
	const int *pen;

	s->k--;
	u = s->memo[s->k];
	pen = s->open + u * s->n;
	for (w = WORD(u + 1); s->k + 1 < s->hi && w < s->W; w++) {
		uint64_t bits = Q[w];

		if (w == WORD(u + 1))
			bits &= ~(BIT(u + 1) - 1);
		while (bits) {
			size_t v = w * 64 + (size_t)__builtin_ctzll(bits);

			bits &= bits - 1;
			s->marg[v] += pen[v];
		}
	}
	s->val -= s->marg[u];
}

static void dfs(search *s, size_t from);

/* Whether a subtree whose bound is b (R = P from `from` on) holds nothing
 * the search still wants. */
static int
pruned(search *s, const uint64_t *P, size_t from, size_t slots, long b)
{
	if (s->o->has_ceiling && b != NO_BOUND && b > s->o->ceiling)
		b = s->o->ceiling;
	return b == NO_BOUND || beaten(s, b) ||
	       (tied(s, b) && tie_lost(s, P, from, slots));
}

/* The bound child_bounds() gave the first child, R's first member. */
static long
first_bound(const search *s, const uint64_t *P, size_t from, const long *cb)
{
	size_t w;

	for (w = WORD(from); w < s->W; w++) {
		uint64_t bits = P[w];

		if (w == WORD(from))
			bits &= ~(BIT(from) - 1);
		if (bits)
			return cb[w * 64 + (size_t)__builtin_ctzll(bits)];
	}
	return NO_BOUND;
}

static void
dfs_node(search *s, size_t from)
{
	const uint64_t *P = s->pset + s->depth * s->W;
	uint64_t *Q = s->pset + (s->depth + 1) * s->W;
	long *cb = s->cbound + s->depth * (s->n + 1);
	size_t slots, w;
	long sure;
	int stop;

	if (s->stopped)
		return;
	s->nodes++;
	if ((s->o->max_nodes && s->nodes >= s->o->max_nodes) ||
	    (s->o->time_limit > 0 && !(s->nodes & 1023) &&
	     elapsed(s) > s->o->time_limit)) {
		s->stopped = 1;
		s->dbound[s->depth] = bound(s, P, from, s->hi - s->k);
		if (s->k >= s->lo && s->k <= s->hi &&
		    s->dbound[s->depth] < s->val)
			s->dbound[s->depth] = s->val;
		return;
	}
	if (s->k >= s->lo && s->k <= s->hi)
		evaluate(s);
	if (s->k >= s->hi)
		return;
	slots = s->hi - s->k;
	sure = sure_penalty(s);
	if (sure < 0)
		return;
	/* the bounds count S as worth what any superset keeps of it */
	s->val -= sure;
	node_lambda(s, P, from, room(s, P, from, slots));
	child_bounds(s, P, from, slots, cb);
	/* the first child's bound is the largest; where it does not settle
	 * the node, the colouring may */
	if (!pruned(s, P, from, slots, first_bound(s, P, from, cb)) &&
	    pruned(s, P, from, slots, colour_bound(s, P, from, slots))) {
		s->val += sure;
		return;
	}
	s->val += sure;
	for (w = WORD(from); w < s->W; w++) {
		uint64_t bits = P[w];

		if (w == WORD(from))
			bits &= ~(BIT(from) - 1);
		while (bits) {
			size_t u = w * 64 + (size_t)__builtin_ctzll(bits), q;
			long b;

			bits &= bits - 1;
			b = cb[u];
			s->dbound[s->depth] = b;
			s->val -= sure;
			stop = pruned(s, P, u, slots, b);
			s->val += sure;
			if (stop || hopeless(s, P, u, slots))
				return;
			for (q = 0; q < s->W; q++)
				Q[q] = P[q] & ~s->conf[u * s->W + q];
			add_member(s, u, Q);
			s->depth++;
			dfs(s, u + 1);
			s->depth--;
			drop_member(s, Q);
			if (s->stopped)
				return;
		}
	}
}

/* One node; a subtree left behind no longer counts towards the bound of
 * what is still open (dbound, read when a limit stops the search). */
static void
dfs(search *s, size_t from)
{
	dfs_node(s, from);
	if (!s->stopped)
		s->dbound[s->depth] = NO_BOUND;
}

typedef struct ordkey {
	int score;
	size_t row;
	double key; /* the order: highest first, then rows ascending */
	double w;   /* order_keys: scratch */
} ordkey;

static int
cmp_ord(const void *a, const void *b)
{
	const ordkey *x = a, *y = b;

	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/* The best `slots` of keys' key - lam * w summed, plus lam * cap, and the
 * weight they take into *wsum: the root's lag_eval(), for order_keys(). */
static double
root_lag(const ordkey *keys, size_t nfree, size_t slots, double lam, double cap,
	 double *top, double *wt, double *wsum)
{
	size_t nt = 0, i, q;
	double f = lam * cap;

	for (i = 0; i < nfree; i++) {
		double a = keys[i].key - lam * keys[i].w;

		if (nt == slots && a <= top[nt - 1])
			continue;
		if (nt < slots)
			nt++;
		for (q = nt - 1; q > 0 && top[q - 1] < a; q--) {
			top[q] = top[q - 1];
			wt[q] = wt[q - 1];
		}
		top[q] = a;
		wt[q] = keys[i].w;
	}
	*wsum = 0;
	for (q = 0; q < nt && top[q] > 0; q++) {
		f += top[q];
		*wsum += wt[q];
	}
	return f;
}

/*
 * The search order.  Without a fail-level sum with a maximum (over values
 * none of which is negative) it is by score, best first.  With one, the
 * room under the maximum is what limits a line-up, and many candidates
 * often share a score: each one's key is its marginal value against the
 * fixed members less the root's multiplier for the rule (as in lag_eval)
 * times its value, so that the candidates the bound ranks first come
 * first and later siblings' bounds fall fast.  Any order is exact; this
 * one only prunes sooner.
 */
static void
order_keys(const lu_problem *p, const size_t *fixed, size_t nfixed,
	   ordkey *keys, size_t nfree, size_t slots)
{
	size_t i, q, it;
	double *top, *wt;

	for (q = 0; q < nfree; q++) {
		keys[q].key = keys[q].score;
		for (i = 0; i < nfixed; i++)
			keys[q]
			    .key -= p->penalty[fixed[i] * p->n + keys[q].row];
	}
	if (!slots || !nfree)
		return;
	top = xmalloc((slots + 1) * sizeof *top);
	wt = xmalloc((slots + 1) * sizeof *wt);
	for (i = 0; i < p->nrules; i++) {
		const lu_rule *r = &p->rules[i];
		double cap = r->hi + 1e-6, lo = 0, hi = 0, wsum, f, best;
		double blam = 0;
		int neg = 0;

		if (!r->fail || r->kind != LU_SUM || !r->has_hi)
			continue;
		for (q = 0; q < nfixed; q++)
			if (r->present[fixed[q]])
				cap -= r->val[fixed[q]];
		for (q = 0; q < nfree; q++) {
			size_t row = keys[q].row;

			keys[q].w = r->present[row] ? r->val[row] : 0;
			neg |= keys[q].w < 0;
			if (keys[q].w > 0 && keys[q].key / keys[q].w > hi)
				hi = keys[q].key / keys[q].w;
		}
		if (neg || cap < 0)
			continue;
		best = root_lag(keys, nfree, slots, 0, cap, top, wt, &wsum);
		if (wsum <= cap)
			continue;
		for (it = 0; it < 20; it++) {
			double mid = (lo + hi) / 2;

			f = root_lag(keys, nfree, slots, mid, cap, top, wt,
				     &wsum);
			if (f < best) {
				best = f;
				blam = mid;
			}
			if (wsum > cap)
				lo = mid;
			else
				hi = mid;
		}
		for (q = 0; q < nfree; q++)
			keys[q].key -= blam * keys[q].w;
	}
	free(top);
	free(wt);
}

static void
prepare_rules(search *s)
{
	const lu_problem *p = s->p;
	size_t i, u, j;

	s->rs = xcalloc(p->nrules + 1, sizeof *s->rs);
	for (i = 0; i < p->nrules; i++) {
		const lu_rule *r = &p->rules[i];
		rstate *st = &s->rs[i];

		st->fixlo = xcalloc(s->W + 1, sizeof *st->fixlo);
		st->fixhi = xcalloc(s->W + 1, sizeof *st->fixhi);
		if (r->kind == LU_DISTINCT)
			st->count = xcalloc(r->nitem_ids + 1,
					    sizeof *st->count);
		if (r->kind == LU_SUM || r->kind == LU_MIN ||
		    r->kind == LU_MAX) {
			st->val = xcalloc(s->n + 1, sizeof *st->val);
			st->present = xcalloc(s->n + 1, 1);
		}
		if (r->kind == LU_COVERAGE && r->nreq) {
			st->coverers = xcalloc(r->nreq, sizeof *st->coverers);
			for (j = 0; j < r->nreq; j++)
				st->coverers[j] =
				    xcalloc(s->W + 1, sizeof **st->coverers);
		}
		for (u = 0; u < s->n; u++) {
			size_t row = s->ord[u];

			switch (r->kind) {
			case LU_COUNT_WHERE:
				if (r->flag[row])
					st->fixlo[WORD(u)] |= BIT(u);
				break;
			case LU_SUM:
			case LU_MIN:
			case LU_MAX:
				st->present[u] = r->present[row];
				st->val[u] = r->present[row] ? r->val[row] : 0;
				if (st->present[u] && st->val[u] < 0)
					st->any_negative = 1;
				if (st->present[u] && r->has_lo &&
				    shown(st->val[u]) >= r->lo)
					st->fixlo[WORD(u)] |= BIT(u);
				if (st->present[u] && r->has_hi &&
				    shown(st->val[u]) <= r->hi)
					st->fixhi[WORD(u)] |= BIT(u);
				break;
			case LU_COVERAGE:
				for (j = 0; j < r->nreq; j++)
					if (r->covers[row * r->req_words +
						      WORD(j)] &
					    BIT(j))
						st->coverers[j][WORD(u)] |= BIT(
						    u);
				break;
			default:
				break;
			}
		}
	}
}

static void
free_rules(search *s)
{
	size_t i, j;

	for (i = 0; i < s->p->nrules; i++) {
		rstate *st = &s->rs[i];

		free(st->fixlo);
		free(st->fixhi);
		free(st->count);
		free(st->val);
		free(st->present);
		if (st->coverers)
			for (j = 0; j < s->p->rules[i].nreq; j++)
				free(st->coverers[j]);
		free(st->coverers);
	}
	free(s->rs);
}

/* The size range, with fail-level count rules folded in as size limits. */
static void
size_range(search *s)
{
	const lu_problem *p = s->p;
	size_t i;

	s->lo = p->min_size;
	s->hi = p->max_size;
	for (i = 0; i < p->nrules; i++) {
		const lu_rule *r = &p->rules[i];

		if (r->kind != LU_COUNT || !r->fail)
			continue;
		if (r->has_lo && (double)s->lo < r->lo)
			s->lo = r->lo > (double)p->n + 1 ? p->n + 1 :
							   (size_t)ceil(r->lo);
		if (r->has_hi && (double)s->hi > r->hi)
			s->hi = r->hi < 0 ? 0 : (size_t)floor(r->hi);
	}
	if (s->hi > p->n)
		s->hi = p->n;
}

/* Sorts the rows into the fixed ones (must and forced) and the free ones
 * (keys, not excluded); returns 0 when no set can be feasible (a fixed
 * row excluded, two fixed rows in conflict, too many fixed rows). */
static int
split_fixed(search *s, size_t *fixed, size_t *nfixed, ordkey *keys,
	    size_t *nfree)
{
	const lu_problem *p = s->p;
	size_t W = (p->n + 63) / 64, i, j;
	int ok = 1;

	*nfixed = *nfree = 0;
	for (i = 0; i < p->n; i++) {
		int must = (p->must && p->must[i]) || (long)i == s->o->force;
		int out = p->excluded && p->excluded[i];

		if (must && out)
			ok = 0;
		if (must)
			fixed[(*nfixed)++] = i;
		else if (!out) {
			keys[*nfree].score = p->score[i];
			keys[*nfree].row = i;
			(*nfree)++;
		}
	}
	for (i = 0; i < *nfixed; i++)
		for (j = i + 1; j < *nfixed; j++)
			if (p->conflict[fixed[i] * W + WORD(fixed[j])] &
			    BIT(fixed[j]))
				ok = 0;
	return ok && *nfixed <= s->hi && s->lo <= s->hi;
}

/* The problem in order space: rows, scores, marginals, penalties,
 * conflicts and clashes (conflict or penalty) by order position. */
static void
build_order(search *s, const ordkey *keys, size_t nfree)
{
	const lu_problem *p = s->p;
	size_t W = (p->n + 63) / 64, i, j;

	s->n = nfree;
	s->W = (nfree + 63) / 64;
	if (!s->W)
		s->W = 1;
	s->ord = xmalloc((nfree + 1) * sizeof *s->ord);
	s->score = xmalloc((nfree + 1) * sizeof *s->score);
	s->marg = xmalloc((nfree + 1) * sizeof *s->marg);
	for (i = 0; i < nfree; i++) {
		s->ord[i] = keys[i].row;
		s->score[i] = keys[i].score;
		s->marg[i] = keys[i].score;
	}
	s->open = xmalloc((nfree * nfree + 1) * sizeof *s->open);
	for (i = 0; i < nfree; i++)
		for (j = 0; j < nfree; j++)
			s->open[i * nfree + j] =
			    p->penalty[s->ord[i] * p->n + s->ord[j]];
	s->conf = xcalloc(nfree * s->W + 1, sizeof *s->conf);
	s->clash = xcalloc(nfree * s->W + 1, sizeof *s->clash);
	for (i = 0; i < nfree; i++)
		for (j = 0; j < nfree; j++) {
			size_t a = s->ord[i], b = s->ord[j];

			if (p->conflict[a * W + WORD(b)] & BIT(b))
				s->conf[i * s->W + WORD(j)] |= BIT(j);
			if ((p->conflict[a * W + WORD(b)] & BIT(b)) ||
			    s->open[i * nfree + j] > 0)
				s->clash[i * s->W + WORD(j)] |= BIT(j);
		}
}

/* The search's scratch, the rules' state and the penalties of non-fail
 * count rules by size. */
static void
alloc_search(search *s, size_t nfixed, size_t top)
{
	const lu_problem *p = s->p;
	size_t nfree = s->n, i, j;

	s->cls = xcalloc(nfree * s->W + 1, sizeof *s->cls);
	s->cpen = xcalloc(nfree + 1, sizeof *s->cpen);
	s->cn = xcalloc(nfree + 1, sizeof *s->cn);
	s->cval = xcalloc(nfree * 64 + 1, sizeof *s->cval);
	s->mem = xmalloc((s->hi + nfixed + 1) * sizeof *s->mem);
	s->memo = xmalloc((s->hi + nfixed + 1) * sizeof *s->memo);
	s->sorted = xmalloc((s->hi + nfixed + 1) * sizeof *s->sorted);
	s->topv = xmalloc((s->hi + 1) * sizeof *s->topv);
	s->cbound = xmalloc((s->hi + 2) * (nfree + 1) * sizeof *s->cbound);
	s->rsmall = xmalloc((p->nrules + 1) * 64 * sizeof *s->rsmall);
	s->rfree = xmalloc((p->nrules + 1) * sizeof *s->rfree);
	s->rns = xmalloc((p->nrules + 1) * sizeof *s->rns);
	s->rcap = xcalloc(p->nrules + 1, sizeof *s->rcap);
	s->pset = xcalloc((s->hi + 2) * s->W, sizeof *s->pset);
	s->dbound = xmalloc((s->hi + 2) * sizeof *s->dbound);
	for (i = 0; i < s->hi + 2; i++)
		s->dbound[i] = NO_BOUND;
	s->best = xcalloc(top, sizeof *s->best);
	prepare_rules(s);
	s->sizepen = xcalloc(s->hi + 2, sizeof *s->sizepen);
	s->lam = xcalloc(p->nrules + 1, sizeof *s->lam);
	s->ltop = xmalloc((s->hi + 1) * sizeof *s->ltop);
	s->lwt = xmalloc((s->hi + 1) * sizeof *s->lwt);
	for (i = 0; i < s->hi + 2; i++)
		for (j = 0; j < p->nrules; j++) {
			const lu_rule *r = &p->rules[j];

			if (r->kind != LU_COUNT || r->fail)
				continue;
			if (r->has_lo && (double)i < r->lo)
				s->sizepen[i] += r->penalty;
			if (r->has_hi && (double)i > r->hi)
				s->sizepen[i] += r->penalty;
		}
}

/* The fixed members come first; candidates that conflict with one are
 * never compatible. */
static void
add_fixed(search *s, const size_t *fixed, size_t nfixed)
{
	const lu_problem *p = s->p;
	size_t W = (p->n + 63) / 64, i, j, v;

	for (i = 0; i < s->n; i++)
		s->pset[WORD(i)] |= BIT(i);
	for (i = 0; i < nfixed; i++) {
		size_t row = fixed[i];

		s->mem[s->k] = row;
		s->memo[s->k] = (size_t)-1;
		s->k++;
		s->val += p->score[row];
		for (j = 0; j + 1 < s->k; j++)
			s->val -= p->penalty[row * p->n + s->mem[j]];
		for (v = 0; v < s->n; v++) {
			if (p->conflict[row * W + WORD(s->ord[v])] &
			    BIT(s->ord[v]))
				s->pset[WORD(v)] &= ~BIT(v);
			s->marg[v] -= p->penalty[row * p->n + s->ord[v]];
		}
	}
	s->nfixed = nfixed;
}

/* Frees what build_order() and alloc_search() made (not s->best, which
 * the result takes). */
static void
free_search(search *s)
{
	free_rules(s);
	free(s->ord);
	free(s->score);
	free(s->marg);
	free(s->open);
	free(s->conf);
	free(s->clash);
	free(s->cls);
	free(s->cpen);
	free(s->cn);
	free(s->cval);
	free(s->sizepen);
	free(s->lam);
	free(s->ltop);
	free(s->lwt);
	free(s->mem);
	free(s->memo);
	free(s->sorted);
	free(s->topv);
	free(s->cbound);
	free(s->rsmall);
	free(s->rfree);
	free(s->rns);
	free(s->rcap);
	free(s->pset);
	free(s->dbound);
}

/* Runs the search from a first incumbent; fills res. */
static void
run_search(search *s, lu_result *res, const size_t *fixed, size_t nfixed)
{
	size_t i;

	s->best_with = res->best_with;
	/* a node limit is the user's measure of the work: what it finds
	 * stays what that many nodes of the search find */
	if (!s->o->max_nodes) {
		size_t *cur = xmalloc((s->hi + 2) * sizeof *cur);
		size_t *t = xmalloc((s->hi + 2) * sizeof *t);

		incumbent(s, fixed, nfixed, cur, t);
		free(cur);
		free(t);
	}
	dfs(s, 0);
	res->proven = !s->stopped;
	if (s->stopped) {
		long up = s->nbest ? s->best[0].value : NO_BOUND;

		for (i = 0; i < s->hi + 2; i++)
			if (s->dbound[i] > up)
				up = s->dbound[i];
		res->upper = up;
	}
	res->sets = s->best;
	res->nsets = s->nbest;
	res->nodes = s->nodes;
}

lu_result *
lu_solve(const lu_problem *p, const lu_opts *o)
{
	search s;
	lu_result *res = xcalloc(1, sizeof *res);
	size_t i, nfree, nfixed, top = o->top ? o->top : 1;
	size_t *fixed = xmalloc((p->n + 1) * sizeof *fixed);
	ordkey *keys = xmalloc((p->n + 1) * sizeof *keys);

	memset(&s, 0, sizeof s);
	if (o->track) {
		res->best_with = xmalloc((p->n + 1) * sizeof *res->best_with);
		for (i = 0; i < p->n; i++)
			res->best_with[i] = LU_NONE;
	}
	s.p = p;
	s.o = o;
	s.W = (p->n + 63) / 64;
	clock_gettime(CLOCK_MONOTONIC, &s.t0);
	size_range(&s);
	res->proven = 1;
	if (split_fixed(&s, fixed, &nfixed, keys, &nfree)) {
		order_keys(p, fixed, nfixed, keys, nfree,
			   s.hi > nfixed ? s.hi - nfixed : 0);
		qsort(keys, nfree, sizeof *keys, cmp_ord);
		build_order(&s, keys, nfree);
		alloc_search(&s, nfixed, top);
		add_fixed(&s, fixed, nfixed);
		run_search(&s, res, fixed, nfixed);
		free_search(&s);
	}
	if (!res->sets)
		res->sets = xcalloc(1, sizeof *res->sets);
	free(fixed);
	free(keys);
	return res;
}
