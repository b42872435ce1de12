/*
 * Rule tests: the mutations of a rule set (which, how many, in what order,
 * at which steps), the outcomes coverage asks of each rule kind, and one
 * case run end to end through rt_run_case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mutate.h"
#include "rules_test.h"
#include "testutil.h"

/* sb_detach leaves sb valid, with a buffer of its own: this frees that
 * too, for a caller done with sb. */
static char *
take(strbuf *sb)
{
	char *s = sb_detach(sb);

	sb_free(sb);
	return s;
}

static const char rules_text[] =
    "{\"partnercheck\": 1, \"input\": {\"id\": \"id\"},\n"
    " \"fields\": {\"n\": \"integer\", \"x\": \"number\", \"m\": \"money\",\n"
    "   \"q\": {\"type\": \"ordinal\", \"levels\": [\"D\", \"C\", \"B\"]},\n"
    "   \"d\": \"date\", \"t\": \"string\", \"l\": \"list\"},\n"
    " \"checks\": [\n"
    "  {\"id\": \"n\", \"field\": \"n\", \"op\": \">=\", \"value\": 3},\n"
    "  {\"id\": \"x\", \"field\": \"x\", \"op\": \"<\", \"value\": 1.25},\n"
    "  {\"id\": \"q\", \"field\": \"q\", \"op\": \">=\", \"value\": \"D\"},\n"
    "  {\"id\": \"d\", \"when\": {\"field\": \"m\", \"op\": \">\", "
    "\"value\": 1000},\n"
    "   \"field\": \"d\", \"op\": \"<=\", \"value\": \"2026-03-31\"},\n"
    "  {\"id\": \"t\", \"field\": \"t\", \"op\": \"==\", \"value\": \"a\"},\n"
    "  {\"id\": \"l\", \"field\": \"l\", \"op\": \"is empty\"},\n"
    "  {\"id\": \"b\", \"field\": \"n\", \"op\": \"between\", "
    "\"value\": [1, 9]}],\n"
    " \"consortium\": [{\"id\": \"size\", \"aggregate\": \"count\", "
    "\"min\": 0, \"max\": 3}]}\n";

static ruleset *
load(void)
{
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs = rules_parse("r.json", rules_text, strlen(rules_text),
				  &dl);

	if (!rs && dl.n)
		fprintf(stderr, "%s\n", dl.msgs[0]);
	ck_assert_ptr_nonnull(rs);
	diaglist_free(&dl);
	return rs;
}

/* The description of mutation k, applied to a fresh copy. */
static char *
mutation(size_t k)
{
	ruleset *rs = load();
	strbuf sb;

	sb_init(&sb);
	ck_assert_int_eq(mutate_apply(rs, k, &sb), 0);
	rules_free(rs);
	return take(&sb);
}

START_TEST(test_mutations)
{
	static const char *const want[] = {
		"n: n >= 3 -> n >= 4",
		"n: n >= 3 -> n >= 2",
		"n: n >= 3 -> n > 3",
		"x: x < 1.25 -> x < 1.26",
		"x: x < 1.25 -> x < 1.24",
		"x: x < 1.25 -> x <= 1.25",
		/* D is the lowest level: no step below it */
		"q: q >= D -> q >= C",
		"q: q >= D -> q > D",
		"d: m > 1,000 -> m > 1,001",
		"d: m > 1,000 -> m > 999",
		"d: m > 1,000 -> m >= 1,000",
		"d: d <= 2026-03-31 -> d <= 2026-04-01",
		"d: d <= 2026-03-31 -> d <= 2026-03-30",
		"d: d <= 2026-03-31 -> d < 2026-03-31",
		/* strings, lists: nothing; between: each end, no flip */
		"b: n between 2 and 9",
		"b: n between 0 and 9",
		"b: n between 1 and 10",
		"b: n between 1 and 8",
		/* a count never goes below 0 */
		"size: min 0 -> min 1",
		"size: max 3 -> max 4",
		"size: max 3 -> max 2",
	};
	size_t n = sizeof want / sizeof *want, k;
	ruleset *rs = load();
	strbuf sb;

	ck_assert_uint_eq(mutate_count(rs), n);
	for (k = 0; k < n; k++) {
		char *got = mutation(k);

		if (!strncmp(want[k], "b: ", 3))
			ck_assert_ptr_nonnull(strstr(got, want[k] + 3));
		else
			ck_assert_str_eq(got, want[k]);
		free(got);
	}
	/* no mutation n: -1 and the rule set untouched */
	sb_init(&sb);
	ck_assert_int_eq(mutate_apply(rs, n, &sb), -1);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_uint_eq(mutate_count(rs), n);
	sb_free(&sb);
	rules_free(rs);
}
END_TEST

START_TEST(test_applied_value)
{
	ruleset *rs = load();
	strbuf sb;

	sb_init(&sb);
	/* the operand itself moves, its exact decimal with it */
	ck_assert_int_eq(mutate_apply(rs, 3, &sb), 0);
	ck_assert_double_eq_tol(rs->checks[1].test->args[0].num, 1.26, 1e-12);
	ck_assert_int_eq(rs->checks[1].test->args[0].dec.scale, 2);
	sb_free(&sb);
	rules_free(rs);
}
END_TEST

START_TEST(test_applicable)
{
	ruleset *rs = load();
	unsigned want[9];

	ck_assert_uint_eq(rt_rule_count(rs), 8);
	rt_applicable(rs, want);
	ck_assert_uint_eq(want[0], RT_PASS | RT_FAIL | RT_MISSING | RT_WAIVED);
	ck_assert_uint_eq(want[3], RT_PASS | RT_FAIL | RT_MISSING |
				       RT_NOT_APPLY | RT_WAIVED);
	/* a list reads empty, never missing */
	ck_assert_uint_eq(want[5], RT_PASS | RT_FAIL | RT_WAIVED);
	/* a consortium (or pair) waiver covers a consortium rule's finding */
	ck_assert_uint_eq(want[7], RT_PASS | RT_FAIL | RT_WAIVED);
	ck_assert_str_eq(rt_rule_id(rs, 7), "size");
	rules_free(rs);
}
END_TEST

static rt_file *
load_tests(const char *json, diaglist *dl)
{
	char path[] = "/tmp/check_rules_test-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	rt_file *t;

	ck_assert_ptr_nonnull(f);
	fputs(json, f);
	fclose(f);
	t = rt_file_load(path, dl);
	unlink(path);
	return t;
}

START_TEST(test_run_case)
{
	diaglist dl = { NULL, 0, 0 };
	rt_file *t = load_tests(
	    "{\"cases\": [{\"name\": \"c\", \"as_of\": \"2026-01-01\",\n"
	    " \"partners\": [{\"id\": \"a\", \"n\": 2}, {\"id\": \"b\", "
	    "\"n\": 3}],\n"
	    " \"expect\": {\"partners\": {\"a\": {\"fires\": [\"n\"]},\n"
	    "   \"b\": {\"status\": \"fail\"}}, \"consortium\": []}}]}",
	    &dl);
	ruleset *rs = load();
	rt_coverage cov;
	strbuf diff;

	ck_assert_uint_eq(dl.n, 0);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(t->ncases, 1);
	cov.n = rt_rule_count(rs);
	cov.seen = calloc(cov.n, sizeof *cov.seen);
	sb_init(&diff);
	/* a: n 2 fails n, and x (missing); b passes n: its status is fail
	 * all the same, x being missing */
	ck_assert_int_eq(rt_run_case(rs, &t->cases[0], 0, &cov, &diff), 1);
	ck_assert_str_eq(diff.buf, "    partner a: fires: expected [n], got "
				   "[n, x, q, d, t]\n");
	ck_assert_uint_eq(cov.seen[0], RT_PASS | RT_FAIL);
	ck_assert_uint_eq(cov.seen[7], RT_PASS);
	sb_free(&diff);
	free(cov.seen);
	rules_free(rs);
	rt_file_free(t);
}
END_TEST

/* Pair and consortium rules that read a value a partner may lack: the
 * pair's condition is missing for a pair, a sum has no member value. */
static const char pair_rules_text[] =
    "{\"partnercheck\": 1, \"input\": {\"id\": \"id\"},\n"
    " \"fields\": {\"n\": \"integer\", \"t\": \"string\", "
    "\"l\": \"list\"},\n"
    " \"pairs\": [\n"
    "  {\"id\": \"differ\", \"field\": \"t\", \"op\": \"differ\"},\n"
    "  {\"id\": \"meets\", \"field\": \"l\", \"op\": \"meets\"},\n"
    "  {\"id\": \"both\", \"both\": {\"field\": \"n\", \"op\": \">\", "
    "\"value\": 1}}],\n"
    " \"consortium\": [{\"id\": \"sum\", \"aggregate\": \"sum\", "
    "\"field\": \"n\", \"max\": 9},\n"
    "  {\"id\": \"size\", \"aggregate\": \"count\", \"min\": 1}]}\n";

START_TEST(test_pair_missing)
{
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs = rules_parse("p.json", pair_rules_text,
				  strlen(pair_rules_text), &dl);
	/* a and b lack t and n; c has both: every pair of a or b with
	 * another is missing for differ, a-b is missing for both, and the
	 * sum has c's value */
	rt_file *t = load_tests(
	    "{\"cases\": [{\"name\": \"blank\", \"as_of\": \"2026-01-01\",\n"
	    " \"partners\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n"
	    " \"expect\": {\"pairs\": []}},\n"
	    " {\"name\": \"one set\", \"as_of\": \"2026-01-01\",\n"
	    " \"partners\": [{\"id\": \"a\"}, {\"id\": \"c\", \"t\": \"x\", "
	    "\"n\": 2}],\n"
	    " \"expect\": {\"pairs\": []}}]}",
	    &dl);
	unsigned want[6];
	rt_coverage cov;
	strbuf diff;

	if (dl.n)
		fprintf(stderr, "%s\n", dl.msgs[0]);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_ptr_nonnull(rs);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(rt_rule_count(rs), 5);
	rt_applicable(rs, want);
	ck_assert_uint_eq(want[0], RT_PASS | RT_FAIL | RT_MISSING | RT_WAIVED);
	/* lists read empty, never missing */
	ck_assert_uint_eq(want[1], RT_PASS | RT_FAIL | RT_WAIVED);
	ck_assert_uint_eq(want[2], RT_PASS | RT_FAIL | RT_MISSING | RT_WAIVED);
	ck_assert_uint_eq(want[3], RT_PASS | RT_FAIL | RT_MISSING | RT_WAIVED);
	/* a count reads no value */
	ck_assert_uint_eq(want[4], RT_PASS | RT_FAIL | RT_WAIVED);
	cov.n = rt_rule_count(rs);
	cov.seen = calloc(cov.n, sizeof *cov.seen);
	sb_init(&diff);
	ck_assert_int_eq(rt_run_case(rs, &t->cases[0], 0, &cov, &diff), 0);
	/* nothing fired, yet differ and both never passed: missing */
	ck_assert_uint_eq(cov.seen[0], RT_MISSING);
	ck_assert_uint_eq(cov.seen[1], RT_PASS);
	ck_assert_uint_eq(cov.seen[2], RT_MISSING);
	ck_assert_uint_eq(cov.seen[3], RT_MISSING);
	ck_assert_uint_eq(cov.seen[4], RT_PASS);
	memset(cov.seen, 0, cov.n * sizeof *cov.seen);
	ck_assert_int_eq(rt_run_case(rs, &t->cases[1], 0, &cov, &diff), 0);
	ck_assert_uint_eq(cov.seen[0], RT_MISSING);
	ck_assert_uint_eq(cov.seen[2], RT_MISSING);
	/* one member value is enough to judge the sum */
	ck_assert_uint_eq(cov.seen[3], RT_PASS);
	ck_assert_str_eq(diff.buf ? diff.buf : "", "");
	sb_free(&diff);
	free(cov.seen);
	rules_free(rs);
	rt_file_free(t);
}
END_TEST

START_TEST(test_bad_file)
{
	diaglist dl = { NULL, 0, 0 };
	rt_file *t = load_tests("{\"cases\": [{\"partners\": [{\"id\": 1}], "
				"\"expect\": {\"partnrs\": {}}}]}",
				&dl);

	ck_assert_ptr_null(t);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_ptr_nonnull(
	    strstr(dl.msgs[0], ": cases[0].expect.partnrs: unknown key"));
	diaglist_free(&dl);
	t = load_tests("{\"cases\": [\n  {]}", &dl);
	ck_assert_ptr_null(t);
	ck_assert_ptr_nonnull(
	    strstr(dl.msgs[0], ":2:4: malformed JSON: expected a key"));
	diaglist_free(&dl);
}
END_TEST

static Suite *
rules_test_suite(void)
{
	Suite *s = suite_create("rules_test");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_mutations);
	tcase_add_test(tc, test_applied_value);
	tcase_add_test(tc, test_applicable);
	tcase_add_test(tc, test_run_case);
	tcase_add_test(tc, test_pair_missing);
	tcase_add_test(tc, test_bad_file);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(rules_test_suite)
