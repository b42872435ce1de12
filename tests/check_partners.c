/*
 * The partner set (src/partners.c): deep copies of ids and used values,
 * rows by index, rows in error counted, and pset_free.
 */
#include <stdio.h>
#include <string.h>

#include "partners.h"
#include "rules.h"
#include "testutil.h"
#include "value.h"

static const char rules_json[] =
    "{\"fields\": {\"n\": \"number\", \"tags\": \"list\", \"unread\": \"string\"},"
    " \"checks\": [{\"id\": \"c\", \"field\": \"n\", \"op\": \">\", \"value\": 1},"
    " {\"id\": \"t\", \"field\": \"tags\", \"op\": \"is not empty\"}]}";

static ruleset *rs;
static diaglist dl;
static unsigned char used[8]; /* the fields the rules read */

static void
setup(void)
{
	memset(&dl, 0, sizeof dl);
	rs = rules_parse("r.json", rules_json, strlen(rules_json), &dl);
	ck_assert_ptr_nonnull(rs);
	ck_assert_uint_le(rs->nfields, sizeof used);
	rules_mark_used(rs, 0, used);
}

static void
teardown(void)
{
	rules_free(rs);
	diaglist_free(&dl);
}

/* One row of values as eval_values gives them, in caller-owned buffers. */
static void
make_row(value *row, const char *tags, double n)
{
	int nf = rules_field(rs, "n"), tf = rules_field(rs, "tags");
	int uf = rules_field(rs, "unread");

	memset(row, 0, 3 * sizeof *row);
	row[nf].kind = V_NUMBER;
	row[nf].num = n;
	row[nf].text = "n";
	row[nf].len = 1;
	row[tf].kind = V_LIST;
	row[tf].text = tags;
	row[tf].len = strlen(tags);
	row[uf].kind = V_TEXT;
	row[uf].text = "never copied";
	row[uf].len = 12;
}

START_TEST(test_add_and_row)
{
	partner_set ps;
	value row[3];
	item items[2];
	char tags[] = "a;bc";
	char id[] = "P1";
	int tf = rules_field(rs, "tags"), uf = rules_field(rs, "unread");

	pset_init(&ps, rs, used);
	ck_assert_uint_eq(ps.n, 0);
	make_row(row, tags, 2.5);
	items[0].s = tags;
	items[0].len = 1;
	items[1].s = tags + 2;
	items[1].len = 2;
	row[tf].items = items;
	row[tf].nitems = 2;
	pset_add(&ps, id, row);
	/* The caller's buffers may change: the set holds copies. */
	strcpy(id, "XX");
	strcpy(tags, "zzzz");
	ck_assert_uint_eq(ps.n, 1);
	ck_assert_str_eq(ps.ids[0], "P1");
	ck_assert_str_eq(pset_row(&ps, 0)[tf].text, "a;bc");
	ck_assert_uint_eq(pset_row(&ps, 0)[tf].nitems, 2);
	ck_assert_int_eq(memcmp(pset_row(&ps, 0)[tf].items[1].s, "bc", 2), 0);
	ck_assert_double_eq(pset_row(&ps, 0)[rules_field(rs, "n")].num, 2.5);
	/* A field no rule reads is not kept. */
	ck_assert_int_eq(pset_row(&ps, 0)[uf].kind, V_MISSING);
	pset_free(&ps);
	ck_assert_uint_eq(ps.n, 0);
	ck_assert_ptr_null(ps.ids);
}
END_TEST

/* Many rows and long text: rows stay in order across growth, and text
 * past an arena block's size gets a block of its own. */
START_TEST(test_many_rows)
{
	static char big[100000];
	partner_set ps;
	value row[3];
	char id[16];
	size_t i;
	int tf = rules_field(rs, "tags");

	memset(big, 'b', sizeof big - 1);
	pset_init(&ps, rs, NULL);
	for (i = 0; i < 3000; i++) {
		make_row(row, i == 1500 ? big : "t", (double)i);
		snprintf(id, sizeof id, "P%zu", i);
		pset_add(&ps, id, row);
	}
	ps.errors = 2;
	ck_assert_uint_eq(ps.n, 3000);
	ck_assert_str_eq(ps.ids[2999], "P2999");
	ck_assert_double_eq(pset_row(&ps, 1234)[rules_field(rs, "n")].num,
			    1234);
	ck_assert_uint_eq(pset_row(&ps, 1500)[tf].len, sizeof big - 1);
	ck_assert_str_eq(pset_row(&ps, 1501)[tf].text, "t");
	pset_free(&ps);
	ck_assert_uint_eq(ps.errors, 0);
}
END_TEST

START_TEST(test_free_empty)
{
	partner_set ps;

	pset_init(&ps, rs, NULL);
	pset_free(&ps);
	pset_free(&ps); /* a freed set is empty: freeing it again is a no-op */
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

static Suite *
partners_suite(void)
{
	Suite *s = suite_create("partners");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_and_row);
	tcase_add_test(tc, test_many_rows);
	tcase_add_test(tc, test_free_empty);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(partners_suite)
