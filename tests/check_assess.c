/*
 * The assessment path (src/assess.c): rows into verdicts and a partner
 * set, counted; pairwise and consortium findings, with --severity and
 * --max-conflicts; the --keep columns resolved against a header.
 */
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "cli.h"
#include "cond.h"
#include "csvread.h"
#include "diaglist.h"
#include "eval.h"
#include "expr.h"
#include "idset.h"
#include "pairs.h"
#include "partners.h"
#include "report.h"
#include "rules.h"
#include "strbuf.h"
#include "testutil.h"
#include "value.h"
#include "waivers.h"
#include "xalloc.h"

static const char rules_json[] =
    "{\"input\": {\"id\": \"id\"},"
    " \"fields\": {\"n\": \"number\", \"style\": {\"type\": \"string\","
    " \"column\": \"Style\"}},"
    " \"checks\": [{\"id\": \"big\", \"field\": \"n\", \"op\": \">\","
    " \"value\": 1}],"
    " \"pairs\": [{\"id\": \"alike\", \"field\": \"style\", \"op\": \"same\"}],"
    " \"consortium\": [{\"id\": \"size\", \"aggregate\": \"count\","
    " \"min\": 5}]}";

/* C is in error (n is not a number); A, B and E share a style. */
static const char csv[] = "id,n,Style\nA,2,x\nB,0,x\nC,abc,x\nD,5,y\nE,3,x\n";

static ruleset *rs;
static diaglist dl;
static FILE *f;
static csvread *in;
static evaluator *ev;
static waiver_set *ws;
static partner_set ps;
static summary sum;
static strbuf log_;
static assess a;

static int
next_row(void *src, csv_record *rec)
{
	return csvread_next(src, rec);
}

static void
on_partner(void *ctx, const verdict *v, const value *vals)
{
	(void)ctx;
	sb_addf(&log_, "%s:%s%s ", v->id, status_name(v->st),
		vals ? "" : "(no values)");
}

static void
on_pair(void *ctx, size_t i, size_t j, const pair_rule *r, outcome out,
	const char *msg)
{
	(void)ctx, (void)msg;
	sb_addf(&log_, "pair %zu-%zu %s%s ", i, j, r->id,
		out == OUT_WAIVED ? " waived" : "");
}

static void
on_conflict(void *ctx, const conflict *c)
{
	(void)ctx;
	sb_addf(&log_, "conflict %s-%s ", c->a, c->b);
}

static void
on_consortium(void *ctx, const cfinding *fi)
{
	(void)ctx;
	sb_addf(&log_, "consortium %s ", fi->rule);
}

static void
setup(void)
{
	csvread_opts ro = { ',', ENC_UTF8, 0 };
	csv_record header;
	eval_opts eo;

	memset(&dl, 0, sizeof dl);
	memset(&sum, 0, sizeof sum);
	sb_init(&log_);
	rs = rules_parse("r.json", rules_json, strlen(rules_json), &dl);
	ck_assert_ptr_nonnull(rs);
	ws = waivers_new(rs);
	waivers_seal(ws);
	f = fmemopen((void *)csv, strlen(csv), "r");
	ck_assert_ptr_nonnull(f);
	in = csvread_fopen(f, "p.csv", &ro);
	ck_assert_int_eq(csvread_next(in, &header), 1);
	memset(&eo, 0, sizeof eo);
	eo.waivers = ws;
	eo.pairs = 1;
	ev = eval_new(rs, &header, "p.csv", &eo, &dl);
	ck_assert_ptr_nonnull(ev);
	pset_init(&ps, rs, eval_used(ev));
	memset(&a, 0, sizeof a);
	a.rs = rs;
	a.ws = ws;
	a.sum = &sum;
	a.on_partner = on_partner;
	a.on_pair = on_pair;
	a.on_conflict = on_conflict;
	a.on_consortium = on_consortium;
}

static void
teardown(void)
{
	pset_free(&ps);
	eval_free(ev);
	csvread_close(in);
	fclose(f);
	waivers_free(ws);
	rules_free(rs);
	diaglist_free(&dl);
	sb_free(&log_);
}

START_TEST(test_rows)
{
	ck_assert_int_eq(assess_rows(&a, ev, next_row, in, &ps), 0);
	ck_assert_str_eq(log_.buf, "A:pass B:fail C:error(no values) D:pass "
				   "E:pass ");
	ck_assert_uint_eq(sum.rows_read, 5);
	ck_assert_uint_eq(sum.by_status[ST_PASS], 3);
	ck_assert_uint_eq(sum.by_status[ST_FAIL], 1);
	ck_assert_uint_eq(sum.by_status[ST_ERROR], 1);
	ck_assert_uint_eq(ps.n, 4);
	ck_assert_uint_eq(ps.errors, 1);
	ck_assert_str_eq(ps.ids[3], "E");
	ck_assert_str_eq(pset_row(&ps, 3)[rules_field(rs, "style")].text, "x");
}
END_TEST

/* Without a partner set the rows are screened and counted only. */
START_TEST(test_rows_without_set)
{
	ck_assert_int_eq(assess_rows(&a, ev, next_row, in, NULL), 0);
	ck_assert_uint_eq(sum.rows_read, 5);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(test_pairs_and_consortium)
{
	ck_assert_int_eq(assess_rows(&a, ev, next_row, in, &ps), 0);
	sb_reset(&log_);
	assess_pairs(&a, &ps);
	ck_assert_str_eq(
	    log_.buf,
	    "pair 0-1 alike conflict A-B "
	    "pair 0-3 alike conflict A-E pair 1-3 alike conflict B-E ");
	ck_assert_uint_eq(sum.conflicts[SEV_FAIL], 3);
	ck_assert_uint_eq(sum.conflicts_shown, 3);
	sb_reset(&log_);
	assess_consortium(&a, &ps);
	/* Four partners, below the minimum of five; the row in error is
	 * reported as leaving the line-up incomplete. */
	ck_assert_ptr_nonnull(strstr(log_.buf, "consortium size "));
	ck_assert_uint_eq(sum.consortium[SEV_FAIL], 1);
}
END_TEST

/* --max-conflicts cuts what is reported, not what is counted nor what a
 * matrix sees; --severity above the rules' hands nothing on. */
START_TEST(test_limits)
{
	ck_assert_int_eq(assess_rows(&a, ev, next_row, in, &ps), 0);
	sb_reset(&log_);
	a.max_conflicts = 1;
	assess_pairs(&a, &ps);
	ck_assert_str_eq(log_.buf, "pair 0-1 alike conflict A-B "
				   "pair 0-3 alike pair 1-3 alike ");
	ck_assert_uint_eq(sum.conflicts[SEV_FAIL], 3);
	ck_assert_uint_eq(sum.conflicts_shown, 1);
}
END_TEST

START_TEST(test_hooks_optional)
{
	a.on_partner = NULL;
	a.on_pair = NULL;
	a.on_conflict = NULL;
	a.on_consortium = NULL;
	ck_assert_int_eq(assess_rows(&a, ev, next_row, in, &ps), 0);
	assess_pairs(&a, &ps);
	assess_consortium(&a, &ps);
	ck_assert_str_eq(log_.buf, "");
	ck_assert_uint_eq(sum.conflicts[SEV_FAIL], 3);
	ck_assert_uint_eq(sum.conflicts_shown, 0);
	ck_assert_uint_eq(sum.consortium[SEV_FAIL], 1);
}
END_TEST

/* Pair and consortium waivers: a waived finding goes on with outcome
 * waived and its reason, is counted apart, and an expired waiver only
 * adds its note. */
static const char waived_json[] =
    "{\"waivers\": ["
    "{\"partner\": \"E + A\", \"rule\": \"alike\", \"reason\": \"agreed\"},"
    "{\"partner\": \"B + E\", \"rule\": \"alike\", \"reason\": \"old\","
    " \"expires\": \"1970-01-01\"},"
    "{\"partner\": \"*\", \"rule\": \"size\", \"reason\": \"small bid\"}]}";

static void
log_conflict(void *ctx, const conflict *c)
{
	(void)ctx;
	sb_addf(&log_, "%s-%s %s [%s] ", c->a, c->b, outcome_name(c->out),
		c->message);
}

static void
log_cons(void *ctx, const cfinding *fi)
{
	(void)ctx;
	sb_addf(&log_, "%s %s [%s] ", fi->rule, outcome_name(fi->out),
		strstr(fi->message, "; ") ? strstr(fi->message, "; ") : "");
}

START_TEST(test_pair_and_consortium_waivers)
{
	char *json = xmalloc(strlen(rules_json) + sizeof waived_json);
	ruleset *rw;
	waiver_set *w2;

	/* The rule set with waivers added, for its waivers only. */
	strcpy(json, rules_json);
	strcpy(json + strlen(json) - 1, ", ");
	strcat(json, waived_json + 1);
	rw = rules_parse("w.json", json, strlen(json), &dl);
	ck_assert_ptr_nonnull(rw);
	w2 = waivers_new(rw);
	waivers_seal(w2);
	ck_assert_int_eq(assess_rows(&a, ev, next_row, in, &ps), 0);
	a.ws = w2;
	a.today = 1;
	a.on_conflict = log_conflict;
	a.on_consortium = log_cons;
	sb_reset(&log_);
	assess_pairs(&a, &ps);
	ck_assert_str_eq(log_.buf,
			 "pair 0-1 alike A-B fail [style is x for both A and "
			 "B] pair 0-3 alike waived A-E waived [style is x for "
			 "both A and E; waived: agreed] pair 1-3 alike B-E "
			 "fail [style is x for both B and E; waiver expired "
			 "on 1970-01-01 (old)] ");
	ck_assert_uint_eq(sum.conflicts[SEV_FAIL], 2);
	ck_assert_uint_eq(sum.conflicts_waived, 1);
	ck_assert_uint_eq(sum.conflicts_shown, 3);
	sb_reset(&log_);
	assess_consortium(&a, &ps);
	/* C, in error, leaves the line-up incomplete: that stands. */
	ck_assert_str_eq(log_.buf, "consortium.incomplete fail [] "
				   "size waived [; waived: small bid] ");
	ck_assert_uint_eq(sum.consortium[SEV_FAIL], 0);
	ck_assert_uint_eq(sum.consortium_waived, 1);
	a.ws = ws;
	waivers_free(w2);
	rules_free(rw);
	free(json);
}
END_TEST

/* A subset of the partners, as lineup judges them: a set of its own. */
START_TEST(test_subset)
{
	partner_set sub;

	ck_assert_int_eq(assess_rows(&a, ev, next_row, in, &ps), 0);
	pset_init(&sub, rs, eval_used(ev));
	pset_add(&sub, ps.ids[0], pset_row(&ps, 0));
	pset_add(&sub, ps.ids[2], pset_row(&ps, 2));
	sb_reset(&log_);
	assess_pairs(&a, &sub);
	ck_assert_str_eq(log_.buf, "");
	pset_add(&sub, ps.ids[3], pset_row(&ps, 3));
	assess_pairs(&a, &sub);
	ck_assert_str_eq(log_.buf, "pair 0-2 alike conflict A-E ");
	pset_free(&sub);
}
END_TEST

/* A reading error ends the rows with -1; the rows before it stand. */
static int
fail_after_two(void *src, csv_record *rec)
{
	static int n;

	if (!src) {
		n = 0;
		return 0;
	}
	if (++n > 2)
		return -1;
	return csvread_next(src, rec);
}

START_TEST(test_read_error)
{
	fail_after_two(NULL, NULL);
	ck_assert_int_eq(assess_rows(&a, ev, fail_after_two, in, &ps), -1);
	ck_assert_uint_eq(sum.rows_read, 2);
	ck_assert_uint_eq(ps.n, 2);
}
END_TEST

/* ---- --keep ---- */

static csv_record *
header_of(const char *text, FILE **fp, csvread **rp)
{
	static csv_record h;
	csvread_opts ro = { ',', ENC_UTF8, 0 };

	*fp = fmemopen((void *)text, strlen(text), "r");
	ck_assert_ptr_nonnull(*fp);
	*rp = csvread_fopen(*fp, "h.csv", &ro);
	ck_assert_int_eq(csvread_next(*rp, &h), 1);
	return &h;
}

START_TEST(test_keep)
{
	static const char text[] = "id, Style ,x,x\n";
	FILE *hf;
	csvread *hr;
	csv_record *h = header_of(text, &hf, &hr);
	keep_list k;

	/* By header cell or field name, as the header spells it; once. */
	assess_keep(&k, rs, h, "id,style,Style,nope");
	ck_assert_uint_eq(k.n, 3);
	ck_assert_int_eq(k.all, 0);
	ck_assert_str_eq(k.names[0], "id");
	ck_assert_str_eq(k.names[1], " Style ");
	ck_assert_str_eq(k.names[2], "nope");
	assess_keep_free(&k);
	ck_assert_uint_eq(k.n, 0);
	assess_keep_free(&k);
	/* all: every column by position, a repeated name twice. */
	assess_keep(&k, rs, h, "all");
	ck_assert_uint_eq(k.n, 4);
	ck_assert_int_eq(k.all, 1);
	ck_assert_str_eq(k.names[2], "x");
	ck_assert_str_eq(k.names[3], "x");
	assess_keep_free(&k);
	assess_keep(&k, rs, h, NULL);
	ck_assert_uint_eq(k.n, 0);
	ck_assert_ptr_null(k.names);
	assess_keep_free(&k);
	csvread_close(hr);
	fclose(hf);
}
END_TEST

/* Every *_free declared in include/ takes NULL as a no-op, as its
 * contract says; a crash here fails the test. */
START_TEST(test_free_null)
{
	assess_keep_free(NULL);
	cli_free(NULL);
	cond_ctx_free(NULL);
	cond_free(NULL);
	diaglist_free(NULL);
	eval_free(NULL);
	expr_free(NULL);
	idset_free(NULL);
	item_vec_free(NULL);
	pairs_free(NULL);
	pset_free(NULL);
	report_free(NULL);
	rules_free(NULL);
	sb_free(NULL);
	waivers_free(NULL);
}
END_TEST

static Suite *
assess_suite(void)
{
	Suite *s = suite_create("assess");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_rows_without_set);
	tcase_add_test(tc, test_pairs_and_consortium);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_hooks_optional);
	tcase_add_test(tc, test_subset);
	tcase_add_test(tc, test_pair_and_consortium_waivers);
	tcase_add_test(tc, test_read_error);
	tcase_add_test(tc, test_keep);
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(assess_suite)
