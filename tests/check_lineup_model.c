#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consortium.h"
#include "lineup_model.h"
#include "pairs.h"
#include "partner_fixture.h"

/*
 * The line-up model against consortium_run: on random pools (values
 * missing, negative, fractional, lists repeated across fields) and random
 * subsets, the findings each modelled rule gives must be exactly those
 * consortium_run reports for the same partners, rule by rule in order;
 * and pairwise findings must land as conflicts (fail) or penalties.
 */

#define FIELDS \
	"'fields': {'lead': {'type': 'enum', 'values': ['must', 'willing', 'no']}," \
	" 'share': 'percent', 'cost': 'money', 'n': 'number'," \
	" 'spec': 'list', 'infra': 'list', 'tags': 'list'}"

static const char rules_text[] =
    "{" FIELDS ","
    "'pairs': ["
    " {'id': 'lead', 'both': {'field': 'lead', 'op': '==', 'value': 'must'}},"
    " {'id': 'apart', 'severity': 'warn', 'field': 'cost', 'op': 'apart', 'by': '25%'},"
    " {'id': 'odd', 'severity': 'info', 'penalty': 1.5, 'field': 'spec', 'op': 'differ'}],"
    "'consortium': ["
    " {'id': 'size', 'aggregate': 'count', 'min': 2, 'max': 'contract.maxn'},"
    " {'id': 'size.warn', 'severity': 'warn', 'aggregate': 'count', 'max': 3},"
    " {'id': 'shares', 'aggregate': 'sum', 'field': 'share', 'min': 'contract.minshare', 'max': 100},"
    " {'id': 'unset', 'aggregate': 'sum', 'field': 'share', 'max': 'contract.nothing'},"
    " {'id': 'leads', 'severity': 'warn', 'aggregate': 'count', 'where':"
    "  {'field': 'lead', 'op': 'in', 'value': ['must', 'willing']}, 'min': 1, 'max': 2},"
    " {'id': 'low', 'severity': 'info', 'aggregate': 'min', 'field': 'n', 'min': -2, 'max': 6},"
    " {'id': 'high', 'aggregate': 'max', 'field': 'cost', 'min': 2, 'max': 9},"
    " {'id': 'cover', 'aggregate': 'coverage', 'field': 'spec', 'required': 'contract.req'},"
    " {'id': 'cover2', 'severity': 'warn', 'aggregate': 'coverage', 'field': 'infra',"
    "  'required': ['x', 'y']},"
    " {'id': 'distinct', 'severity': 'warn', 'aggregate': 'distinct', 'fields': ['spec', 'infra']}],"
    "'contract': {'maxn': 5, 'minshare': 20, 'req': ['a', 'b', 'c'], 'nothing': null}}";

static unsigned long long rng_state;

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static void
random_list(strbuf *sb, const char *field, const char *letters)
{
	size_t i, n = rnd(4);

	sb_addf(sb, "|%s=", field);
	for (i = 0; i < n; i++)
		sb_addf(sb, "%s%c", i ? ";" : "",
			letters[rnd((unsigned)strlen(letters))]);
}

static void
random_partner(size_t i)
{
	static const char *const leads[] = { "must", "willing", "no", "" };
	strbuf sb;
	char id[16];

	sb_init(&sb);
	sb_addf(&sb, "lead=%s", leads[rnd(4)]);
	if (rnd(5))
		sb_addf(&sb, "|share=%u.%u", rnd(60), rnd(10));
	if (rnd(5))
		sb_addf(&sb, "|cost=%s%u.25", rnd(5) ? "" : "-", rnd(12));
	if (rnd(5))
		sb_addf(&sb, "|n=%d", (int)rnd(12) - 3);
	random_list(&sb, "spec", "abcd");
	random_list(&sb, "infra", "axyz");
	snprintf(id, sizeof id, "P%zu", i);
	add(id, sb.buf);
	sb_free(&sb);
}

static void
collect(void *ctx, const cfinding *f)
{
	strbuf *sb = ctx;

	sb_addf(sb, "%s ", f->rule);
}

START_TEST(test_model_matches_consortium_run)
{
	unsigned long long seed;

	for (seed = 1; seed <= 400; seed++) {
		lineup_model m;
		size_t n, i, t;
		int score[16];

		rng_state = seed;
		use_rules(rules_text);
		n = 1 + rnd(10);
		for (i = 0; i < n; i++) {
			random_partner(i);
			score[i] = (int)rnd(1001);
		}
		lineup_model_build(&m, rs, &ps, score, 0, NULL);
		ck_assert_uint_eq(m.p.n, n);
		for (t = 0; t < 30; t++) {
			size_t mem[16], k = 0, r;
			partner_set sub;
			strbuf got, want;
			for (i = 0; i < n; i++)
				if (rnd(2))
					mem[k++] = i;
			pset_init(&sub, rs, used);
			for (i = 0; i < k; i++)
				pset_add(&sub, ps.ids[mem[i]],
					 pset_row(&ps, mem[i]));
			sb_init(&got);
			sb_init(&want);
			consortium_run(rs, &sub, 0, SEV_INFO, collect, &want,
				       counts);
			for (r = 0; r < m.p.nrules; r++) {
				int f = lu_rule_findings(&m.p.rules[r], mem, k);

				while (f-- > 0)
					sb_addf(&got, "%s ",
						rs->cons[m.cons_index[r]].id);
			}
			ck_assert_msg(
			    !strcmp(got.buf, want.buf),
			    "seed %llu subset %zu: model '%s', consortium_run '%s'",
			    seed, t, got.buf, want.buf);
			sb_free(&got);
			sb_free(&want);
			pset_free(&sub);
		}
		lineup_model_free(&m);
	}
}
END_TEST

static void
on_pair(void *ctx, size_t a, size_t b, const pair_rule *r, const char *msg)
{
	int *want = ctx;

	(void)msg;
	if (r->sev == SEV_FAIL)
		want[a * 16 + b] = -1;
	else if (want[a * 16 + b] >= 0)
		want[a * 16 + b] += !strcmp(r->id, "apart") ? 250 : 15;
}

START_TEST(test_model_pairs)
{
	unsigned long long seed;

	for (seed = 1; seed <= 200; seed++) {
		lineup_model m;
		size_t n, i, j, W;
		int score[16] = { 0 }, want[16 * 16];
		pair_engine *pe;

		rng_state = seed;
		use_rules(rules_text);
		n = 1 + rnd(12);
		for (i = 0; i < n; i++)
			random_partner(i);
		lineup_model_build(&m, rs, &ps, score, 0, NULL);
		memset(want, 0, sizeof want);
		pe = pairs_new(rs, &ps, 0);
		pairs_run(pe, SEV_INFO, on_pair, want, counts);
		pairs_free(pe);
		W = (n + 63) / 64;
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++) {
				int clash = (int)((m.p.conflict[i * W] >> j) &
						  1);

				ck_assert_int_eq(clash, want[i * 16 + j] < 0);
				if (!clash)
					ck_assert_int_eq(m.p.penalty[i * n + j],
							 want[i * 16 + j]);
				ck_assert_int_eq(m.p.penalty[i * n + j],
						 m.p.penalty[j * n + i]);
			}
		lineup_model_free(&m);
	}
}
END_TEST

START_TEST(test_lineup_section)
{
	use_rules("{" FIELDS
		  ", 'lineup': {'size': '3..5', 'penalty': {'warn': 10,"
		  " 'info': 0.5}}}");
	ck_assert_uint_eq(rs->lineup.min_size, 3);
	ck_assert_uint_eq(rs->lineup.max_size, 5);
	ck_assert(rs->lineup.pen_warn == 10);
	ck_assert(rs->lineup.pen_info == 0.5);
	use_rules("{" FIELDS "}");
	ck_assert(!rs->lineup.has_size);
	ck_assert(rs->lineup.pen_warn == 25);
	ck_assert(rs->lineup.pen_info == 0);
}
END_TEST

static const char *
lint(const char *text)
{
	char *s = xstrdup(text), *p;
	ruleset *r;
	size_t i;

	for (p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	diaglist_free(&dl);
	r = rules_parse("r.json", s, strlen(s), &dl);
	free(s);
	rules_free(r);
	sb_reset(&out);
	for (i = 0; i < dl.n; i++)
		sb_addf(&out, "%s%s", i ? "\n" : "", dl.msgs[i]);
	return out.buf;
}

START_TEST(test_lineup_lint)
{
	ck_assert_str_eq(
	    lint("{" FIELDS ", 'lineup': {'size': '5..3'}}"),
	    "r.json: lineup.size: expected \"MIN..MAX\" with 1 <= MIN "
	    "<= MAX, such as \"2..8\"");
	ck_assert_str_eq(
	    lint("{" FIELDS ", 'lineup': {'penalty': {'warn': -1}}}"),
	    "r.json: lineup.penalty.warn: a penalty cannot be negative");
	ck_assert_str_eq(
	    lint("{" FIELDS ", 'lineup': {'sise': 2}}"),
	    "r.json: lineup.sise: unknown key 'sise' (known: size, penalty)");
	ck_assert_str_eq(
	    lint("{" FIELDS ", 'pairs': [{'id': 'p', 'severity': 'warn',"
		 " 'penalty': -5, 'field': 'cost', 'op': 'apart', 'by': 1}]}"),
	    "r.json: pairs[0].penalty: a penalty cannot be negative");
	ck_assert_str_eq(
	    lint("{" FIELDS ", 'consortium': [{'id': 'c', 'severity': 'warn',"
		 " 'penalty': 'x', 'aggregate': 'count', 'max': 1}]}"),
	    "r.json: consortium[0].penalty: expected a number of points");
	ck_assert_str_eq(
	    lint("{" FIELDS ", 'consortium': [{'id': 'c', 'severity': 'warn',"
		 " 'penalty': 3, 'aggregate': 'count', 'max': 1}]}"),
	    "");
}
END_TEST

static Suite *
model_suite(void)
{
	Suite *s = suite_create("lineup_model");
	TCase *tc = tcase_create("model");

	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_model_matches_consortium_run);
	tcase_add_test(tc, test_model_pairs);
	tcase_add_test(tc, test_lineup_section);
	tcase_add_test(tc, test_lineup_lint);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(model_suite)
