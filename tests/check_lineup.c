#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineup.h"
#include "testutil.h"

/*
 * The line-up search against brute force: on many random problems of up
 * to 14 candidates (random conflicts, penalties, must and exclude, and
 * random consortium rules of every kind, fail or penalised), every subset
 * is evaluated and sorted best first; the search must return the same
 * best value, the same tie-break winner and the same --top list.
 */

static unsigned long long rng_state;

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (unsigned)((rng_state >> 33) % n) : 0;
}

typedef struct inst {
	lu_problem p;
	int score[16];
	uint64_t conflict[16];
	int penalty[16 * 16];
	unsigned char must[16], excluded[16];
	lu_rule rules[8];
	unsigned char flag[8][16], present[8][16];
	double val[8][16];
	uint64_t covers[8][16];
	int items[8][16 * 4];
	size_t item_off[8][17];
} inst;

static void
random_rule(inst *t, size_t ri, size_t n)
{
	lu_rule *r = &t->rules[ri];
	size_t i, j;

	memset(r, 0, sizeof *r);
	r->kind = (lu_kind)rnd(7);
	r->fail = rnd(2);
	r->penalty = r->fail ? 0 : (int)rnd(4) * 50;
	r->flag = t->flag[ri];
	r->val = t->val[ri];
	r->present = t->present[ri];
	r->covers = t->covers[ri];
	r->req_words = 1;
	r->items = t->items[ri];
	r->item_off = t->item_off[ri];
	r->has_lo = rnd(2);
	r->has_hi = !r->has_lo || rnd(2);
	switch (r->kind) {
	case LU_COUNT:
	case LU_COUNT_WHERE:
		r->lo = rnd(4);
		r->hi = rnd(6) + 1;
		break;
	case LU_SUM:
		r->lo = (double)rnd(120) - 10;
		r->hi = (double)rnd(150) - 10;
		break;
	default:
		r->lo = (double)rnd(60) - 5;
		r->hi = (double)rnd(60) - 5;
		break;
	}
	if (r->kind == LU_COVERAGE)
		r->nreq = rnd(5);
	r->nitem_ids = 6;
	t->item_off[ri][0] = 0;
	for (i = 0; i < n; i++) {
		t->flag[ri][i] = rnd(3) == 0;
		t->present[ri][i] = rnd(5) != 0;
		/* quarters, some negative, so sums are exact and signed */
		t->val[ri][i] = ((double)rnd(160) - (rnd(4) ? 0 : 40)) / 4;
		t->covers[ri][i] = rnd(1u << (r->nreq ? r->nreq : 1)) &
				   ((1u << r->nreq) - 1);
		t->item_off[ri][i + 1] = t->item_off[ri][i];
		for (j = 0; j < 6; j++)
			if (rnd(4) == 0)
				t->items[ri][t->item_off[ri][i + 1]++] = (int)j;
	}
}

/* test_dense_penalties: every pair penalised, sizes up to 14 */
static int dense_pen;
/* test_dense_conflicts: most pairs conflict, the others mostly penalised */
static int dense_conf;

static void
random_inst(inst *t, size_t n)
{
	size_t i, j, nr;
	unsigned dens = dense_conf ? 5 + rnd(5) : rnd(5);

	memset(t, 0, sizeof *t);
	t->p.n = n;
	t->p.score = t->score;
	t->p.conflict = t->conflict;
	t->p.penalty = t->penalty;
	t->p.must = t->must;
	t->p.excluded = t->excluded;
	t->p.rules = t->rules;
	for (i = 0; i < n; i++) {
		/* few distinct scores, so that ties are common */
		t->score[i] = (int)(rnd(6) * 100 + (rnd(3) ? 0 : rnd(100)));
		t->must[i] = rnd(20) == 0;
		t->excluded[i] = rnd(15) == 0;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			int pen = dense_pen  ? 10 + (int)rnd(8) * 25 :
				  dense_conf ? (int)rnd(4) * 50 :
				  rnd(3)     ? 0 :
					       (int)rnd(5) * 50;

			if (rnd(10) < dens) {
				t->conflict[i] |= (uint64_t)1 << j;
				t->conflict[j] |= (uint64_t)1 << i;
			}
			t->penalty[i * n + j] = t->penalty[j * n + i] = pen;
		}
	t->p.min_size = rnd(4);
	t->p.max_size = t->p.min_size +
			(dense_pen || dense_conf ? rnd(15) : rnd(8));
	nr = rnd(5);
	for (i = 0; i < nr; i++)
		random_rule(t, i, n);
	t->p.nrules = nr;
}

typedef struct all_sets {
	lu_set *v;
	size_t n;
} all_sets;

static int
cmp_sets(const void *a, const void *b)
{
	return lu_set_cmp(a, b);
}

static void
brute(const lu_problem *p, long force, all_sets *out)
{
	size_t n = p->n, mask, i;

	out->v = calloc((size_t)1 << n, sizeof *out->v);
	out->n = 0;
	for (mask = 0; mask < ((size_t)1 << n); mask++) {
		size_t m[16], k = 0;
		long v;

		for (i = 0; i < n; i++)
			if (mask & ((size_t)1 << i))
				m[k++] = i;
		if (force >= 0 && !(mask & ((size_t)1 << force)))
			continue;
		if (!lu_evaluate(p, m, k, &v, NULL))
			continue;
		out->v[out->n].value = v;
		out->v[out->n].k = k;
		out->v[out->n].members = malloc((k + 1) * sizeof(size_t));
		memcpy(out->v[out->n].members, m, k * sizeof(size_t));
		out->n++;
	}
	qsort(out->v, out->n, sizeof *out->v, cmp_sets);
}

static void
all_free(all_sets *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i].members);
	free(a->v);
}

static void
compare(const lu_problem *p, size_t top, long force, unsigned long long seed)
{
	all_sets a, u = { NULL, 0 };
	lu_opts o;
	lu_result *r;
	size_t i, want;

	memset(&o, 0, sizeof o);
	o.top = top;
	o.force = force;
	/* without track the search may skip evaluating sets that cannot
	 * enter the list: test both ways */
	o.track = rnd(3) != 0;
	brute(p, force, &a);
	/* a re-solve may start from any feasible set's value as a floor */
	if (force >= 0 && a.n && top == 1 && rnd(2)) {
		o.floor = a.v[rnd((unsigned)a.n)].value;
		o.has_floor = 1;
	}
	/* a why-out re-solve starts from the optimum without the forced
	 * candidate, and no set is worth more than it */
	if (force >= 0 && rnd(2)) {
		brute(p, -1, &u);
		if (u.n) {
			o.hint = &u.v[0];
			o.ceiling = u.v[0].value;
			o.has_ceiling = 1;
		}
	}
	r = lu_solve(p, &o);
	want = a.n < top ? a.n : top;
	ck_assert_msg(r->proven, "seed %llu: not proven", seed);
	/* every value recorded per candidate is a feasible set's, with it */
	for (i = 0; o.track && i < p->n; i++) {
		size_t q;
		int found = r->best_with[i] == LU_NONE;

		for (q = 0; q < a.n && !found && force < 0; q++) {
			size_t m;

			for (m = 0; m < a.v[q].k; m++)
				if (a.v[q].members[m] == i &&
				    a.v[q].value == r->best_with[i])
					found = 1;
		}
		ck_assert_msg(found || force >= 0,
			      "seed %llu: best_with[%zu] %ld is "
			      "no feasible set's value",
			      seed, i, r->best_with[i]);
	}
	ck_assert_msg(r->nsets == want,
		      "seed %llu top %zu force %ld: %zu sets, "
		      "brute force %zu",
		      seed, top, force, r->nsets, want);
	for (i = 0; i < want; i++) {
		ck_assert_msg(
		    lu_set_cmp(&r->sets[i], &a.v[i]) == 0,
		    "seed %llu top %zu: set %zu worth %ld (%zu members), "
		    "brute force %ld (%zu)",
		    seed, top, i, r->sets[i].value, r->sets[i].k, a.v[i].value,
		    a.v[i].k);
	}
	lu_result_free(r);
	all_free(&a);
	all_free(&u);
}

START_TEST(test_brute_force)
{
	unsigned long long seed;
	inst *t = malloc(sizeof *t);

	for (seed = 1; seed <= 3000; seed++) {
		size_t n;

		rng_state = seed;
		n = 1 + rnd(14);
		random_inst(t, n);
		compare(&t->p, 1, -1, seed);
		compare(&t->p, 1 + rnd(6), -1, seed);
		compare(&t->p, 1, (long)rnd((unsigned)n), seed);
	}
	free(t);
}
END_TEST

/* Every pair penalised (the bound's weak spot), n = 14, sizes up to 14. */
START_TEST(test_dense_penalties)
{
	unsigned long long seed;
	inst *t = malloc(sizeof *t);

	dense_pen = 1;
	for (seed = 1; seed <= 300; seed++) {
		rng_state = seed * 7919;
		random_inst(t, 14);
		compare(&t->p, 1, -1, seed);
		compare(&t->p, 1 + rnd(6), -1, seed);
		compare(&t->p, 1, (long)rnd(14), seed);
	}
	dense_pen = 0;
	free(t);
}
END_TEST

/* Most pairs conflict (the colouring's classes), n = 14, sizes to 14. */
START_TEST(test_dense_conflicts)
{
	unsigned long long seed;
	inst *t = malloc(sizeof *t);

	dense_conf = 1;
	for (seed = 1; seed <= 300; seed++) {
		rng_state = seed * 104729;
		random_inst(t, 14);
		compare(&t->p, 1, -1, seed);
		compare(&t->p, 1 + rnd(6), -1, seed);
		compare(&t->p, 1, (long)rnd(14), seed);
	}
	dense_conf = 0;
	free(t);
}
END_TEST

/*
 * A fail-level sum with a maximum over non-negative values (a knapsack:
 * the bound that relaxes it with a multiplier), tight or loose, with ties
 * in both scores and weights, and other random rules besides.
 */
static void
knapsack_inst(inst *t)
{
	size_t i, n = 6 + rnd(9);
	lu_rule *r;

	random_inst(t, n);
	if (t->p.nrules == 0)
		t->p.nrules = 1;
	r = &t->rules[0];
	random_rule(t, 0, n);
	r->kind = LU_SUM;
	r->fail = 1;
	r->penalty = 0;
	r->has_lo = rnd(4) == 0;
	r->lo = (double)rnd(30);
	r->has_hi = 1;
	r->hi = (double)rnd(120);
	for (i = 0; i < n; i++) {
		t->present[0][i] = rnd(6) != 0;
		/* few weights, so that ratios tie; some zero */
		t->val[0][i] = (double)(rnd(5) * 10 + (rnd(4) ? 0 : rnd(40))) /
			       4;
		t->score[i] = 500 + (int)rnd(4) * 100 +
			      (rnd(5) ? 0 : (int)rnd(100));
	}
	t->p.min_size = rnd(3);
	t->p.max_size = t->p.min_size + rnd(13);
}

START_TEST(test_knapsack)
{
	unsigned long long seed;
	inst *t = malloc(sizeof *t);

	for (seed = 1; seed <= 800; seed++) {
		rng_state = seed * 15485863;
		knapsack_inst(t);
		compare(&t->p, 1, -1, seed);
		compare(&t->p, 1 + rnd(6), -1, seed);
		compare(&t->p, 1, (long)rnd((unsigned)t->p.n), seed);
	}
	free(t);
}
END_TEST

/*
 * The why-out at the largest size: with max_size cut to the optimum's own
 * size, every candidate out of it is forced in (as cmd_lineup re-solves,
 * from the optimum as hint and ceiling half the time).
 */
START_TEST(test_forced_at_max_size)
{
	unsigned long long seed;
	inst *t = malloc(sizeof *t);

	for (seed = 1; seed <= 150; seed++) {
		all_sets a;
		size_t e;

		rng_state = seed * 32452843;
		knapsack_inst(t);
		brute(&t->p, -1, &a);
		if (a.n && a.v[0].k >= t->p.min_size) {
			t->p.max_size = a.v[0].k;
			for (e = 0; e < t->p.n; e++)
				compare(&t->p, 1, (long)e, seed);
		}
		all_free(&a);
	}
	free(t);
}
END_TEST

START_TEST(test_limit_reports_gap)
{
	inst *t = malloc(sizeof *t);
	lu_opts o;
	lu_result *r, *full;
	unsigned long long seed;

	memset(&o, 0, sizeof o);
	o.top = 1;
	o.force = -1;
	for (seed = 1; seed <= 300; seed++) {
		rng_state = seed;
		random_inst(t, 14);
		o.max_nodes = 0;
		full = lu_solve(&t->p, &o);
		o.max_nodes = 1 + rnd(40);
		r = lu_solve(&t->p, &o);
		if (!r->proven && full->nsets) {
			/* the bound covers the true optimum */
			ck_assert_msg(r->upper >= full->sets[0].value,
				      "seed %llu: upper %ld below optimum %ld",
				      seed, r->upper, full->sets[0].value);
		}
		if (r->proven) {
			ck_assert_uint_eq(r->nsets, full->nsets);
		}
		lu_result_free(r);
		lu_result_free(full);
	}
	free(t);
}
END_TEST

START_TEST(test_free_null)
{
	lu_result_free(NULL);
}
END_TEST

static Suite *
lineup_suite(void)
{
	Suite *s = suite_create("lineup");
	TCase *tc = tcase_create("search");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_brute_force);
	tcase_add_test(tc, test_dense_penalties);
	tcase_add_test(tc, test_dense_conflicts);
	tcase_add_test(tc, test_knapsack);
	tcase_add_test(tc, test_forced_at_max_size);
	tcase_add_test(tc, test_limit_reports_gap);
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(lineup_suite)
