#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consortium.h"
#include "partner_fixture.h"

/*
 * Consortium rules over partner sets built by hand: every aggregate, the
 * exact message and the partners each finding names, contract bounds, and
 * severity filtering with counts.  Rule text uses single quotes.
 */

#define FIELDS \
	"'fields': {'lead': {'type': 'enum', 'values': ['must', 'willing', 'no']}," \
	" 'flag': 'boolean', 'share': 'percent', 'cost': 'money', 'n': 'number'," \
	" 'spec': 'list', 'infra': 'list', 'tags': {'type': 'list'," \
	" 'separator': '/'}}"

static void
collect(void *ctx, const cfinding *f)
{
	size_t i;

	ck_assert_ptr_eq(ctx, &out);
	sb_addf(&out, "%s%s %s: %s [", out.len ? "\n" : "", f->rule,
		severity_name(f->sev), f->message);
	for (i = 0; i < f->npartners; i++)
		sb_addf(&out, "%s%s", i ? ", " : "", f->partners[i]);
	sb_addc(&out, ']');
}

/* The findings at min_sev, one a line: "rule sev: message [ids]". */
static const char *
run_at(severity min_sev)
{
	sb_reset(&out);
	memset(counts, 0, sizeof counts);
	consortium_run(rs, &ps, 0, min_sev, collect, &out, counts);
	return out.buf;
}

static const char *
run(void)
{
	return run_at(SEV_INFO);
}

START_TEST(test_count)
{
	use_rules(
	    "{" FIELDS ", 'consortium': ["
	    "{'id': 'size.min', 'aggregate': 'count', 'min': 2},"
	    "{'id': 'size.max', 'severity': 'warn', 'aggregate': 'count', 'max': 3,"
	    " 'message': 'keep the numbers small'}]}");
	ck_assert_str_eq(
	    run(),
	    "size.min fail: the consortium has 0 partners, below the minimum 2 []");
	ck_assert_uint_eq(counts[SEV_FAIL], 1);
	ck_assert_uint_eq(counts[SEV_WARN], 0);
	add("A", "");
	ck_assert_str_eq(
	    run(),
	    "size.min fail: the consortium has 1 partner, below the minimum 2 []");
	add("B", "");
	ck_assert_str_eq(run(), "");
	ck_assert_uint_eq(counts[SEV_FAIL] + counts[SEV_WARN] +
			      counts[SEV_INFO],
			  0);
	add("C", "");
	ck_assert_str_eq(run(), "");
	add("D", "");
	ck_assert_str_eq(
	    run(),
	    "size.max warn: the consortium has 4 partners, above the maximum 3: "
	    "keep the numbers small []");
	ck_assert_uint_eq(counts[SEV_WARN], 1);
	ck_assert_uint_eq(counts[SEV_FAIL], 0);
}
END_TEST

START_TEST(test_count_where)
{
	use_rules(
	    "{" FIELDS ", 'consortium': ["
	    "{'id': 'lead', 'aggregate': 'count', 'where': {'field': 'lead',"
	    " 'op': 'in', 'value': ['must', 'willing']}, 'min': 1, 'max': 2},"
	    "{'id': 'flags', 'severity': 'info', 'aggregate': 'count', 'where':"
	    " {'all': [{'field': 'flag', 'op': '==', 'value': true},"
	    " {'not': {'field': 'n', 'op': '<', 'value': 3}}]}, 'min': 2}]}");
	add("B", "lead=no|flag=yes|n=5");
	ck_assert_str_eq(
	    run(),
	    "lead fail: 0 partners with lead in must, willing, below the "
	    "minimum 1 []\n"
	    "flags info: 1 partner with flag == yes and not (n < 3), below the "
	    "minimum 2 [B]");
	add("A", "lead=must|flag=yes|n=2");
	ck_assert_str_eq(
	    run(),
	    "flags info: 1 partner with flag == yes and not (n < 3), below the "
	    "minimum 2 [B]");
	add("C", "lead=willing|flag=Y");
	add("D", "flag=yes|n=3");
	add("E", "lead=WILLING|n=9");
	/* A missing value does not count (C's n, D's lead). */
	ck_assert_str_eq(
	    run(),
	    "lead fail: 3 partners with lead in must, willing, above the "
	    "maximum 2 [A, C, E]");
	ck_assert_uint_eq(counts[SEV_FAIL], 1);
	ck_assert_uint_eq(counts[SEV_INFO], 0);
}
END_TEST

START_TEST(test_sum_min_max_findings)
{
	use_rules(
	    "{" FIELDS ", 'consortium': ["
	    "{'id': 'share', 'aggregate': 'sum', 'field': 'share', 'max': 100},"
	    "{'id': 'lowcost', 'severity': 'warn', 'aggregate': 'min', 'field': 'cost',"
	    " 'min': 10},"
	    "{'id': 'highn', 'aggregate': 'max', 'field': 'n', 'max': 40,"
	    " 'message': 'too big'},"
	    "{'id': 'lown', 'severity': 'info', 'aggregate': 'min', 'field': 'n',"
	    " 'min': 10, 'max': 12}]}");
	/* Nothing to add up: no finding. */
	add("D", "");
	ck_assert_str_eq(run(), "");
	add("A", "share=60%|cost=5|n=50");
	add("B", "share=50|cost=\xc2\xa3"
		 "5.00|n=10");
	add("C", "cost=20|n=50");
	ck_assert_str_eq(
	    run(),
	    "share fail: share adds up to 110%, above the maximum 100% [A, B]\n"
	    "lowcost warn: the lowest cost is \xc2\xa3"
	    "5, below the minimum \xc2\xa3"
	    "10 [A, B]\n"
	    "highn fail: the highest n is 50, above the maximum 40: too big "
	    "[A, C]");
	ck_assert_uint_eq(counts[SEV_FAIL], 2);
	ck_assert_uint_eq(counts[SEV_WARN], 1);
	ck_assert_uint_eq(counts[SEV_INFO], 0);

	use_rules(
	    "{" FIELDS ", 'consortium': ["
	    "{'id': 'share', 'aggregate': 'sum', 'field': 'share', 'max': 100},"
	    "{'id': 'tiny', 'aggregate': 'sum', 'field': 'n', 'max': 0.3},"
	    "{'id': 'neg', 'aggregate': 'min', 'field': 'cost', 'min': -10},"
	    "{'id': 'top', 'aggregate': 'max', 'field': 'cost', 'min': 1, 'max': 5}]}");
	/* Sums exact to the last cent: 33.3 + 33.3 + 33.4 is 100. */
	add("A", "share=33.3|n=0.1|cost=(20)");
	add("B", "share=33.3 %|n=0.2|cost=-$10");
	add("C", "share=33.4%|cost=0");
	ck_assert_str_eq(run(), "neg fail: the lowest cost is -\xc2\xa3"
				"20, below the minimum -\xc2\xa3"
				"10 [A]\n"
				"top fail: the highest cost is \xc2\xa3"
				"0, below the minimum \xc2\xa3"
				"1 [C]");
	add("D", "share=0.01|n=0.001|cost=5.000001");
	ck_assert_str_eq(
	    run(),
	    "share fail: share adds up to 100.01%, above the maximum 100% "
	    "[A, B, C, D]\n"
	    "tiny fail: n adds up to 0.301, above the maximum 0.3 [A, B, D]\n"
	    "neg fail: the lowest cost is -\xc2\xa3"
	    "20, below the minimum -\xc2\xa3"
	    "10 [A]\n"
	    "top fail: the highest cost is \xc2\xa3"
	    "5.000001, above the maximum \xc2\xa3"
	    "5 [D]");
}
END_TEST

START_TEST(test_contract_bounds)
{
	char err[128];

	use_rules(
	    "{" FIELDS ", 'contract': {'cap': 100, 'needed': ['a']},"
	    " 'consortium': ["
	    "{'id': 'cap', 'aggregate': 'sum', 'field': 'n', 'min': 'contract.cap'},"
	    "{'id': 'unset', 'aggregate': 'max', 'field': 'n',"
	    " 'max': 'contract.limit'},"
	    "{'id': 'list', 'aggregate': 'count', 'min': 'contract.needed'},"
	    "{'id': 'mixed', 'severity': 'warn', 'aggregate': 'count', 'min': 1,"
	    " 'max': 'contract.most'}]}");
	add("A", "n=30");
	add("B", "n=50");
	add("C", "");
	/* Bounds naming a key that is not set (or not a number) do not apply.
	 */
	ck_assert_str_eq(
	    run(),
	    "cap fail: n adds up to 80, below the contract's cap of 100 [A, B]");
	ck_assert_uint_eq(counts[SEV_FAIL], 1);
	ck_assert_int_eq(rules_set_contract(rs, "cap=80", err, sizeof err), 0);
	ck_assert_int_eq(rules_set_contract(rs, "limit=20", err, sizeof err),
			 0);
	ck_assert_int_eq(rules_set_contract(rs, "most=2", err, sizeof err), 0);
	ck_assert_str_eq(
	    run(),
	    "unset fail: the highest n is 50, above the contract's limit of 20 "
	    "[B]\n"
	    "mixed warn: the consortium has 3 partners, above the contract's "
	    "most of 2 []");
	/* a bound that is not a number is refused and leaves the old one */
	ck_assert_int_eq(rules_set_contract(rs, "limit=x;y", err, sizeof err),
			 -1);
	ck_assert_int_eq(rules_set_contract(rs, "limit=", err, sizeof err), 0);
	ck_assert_int_eq(rules_set_contract(rs, "most=3", err, sizeof err), 0);
	ck_assert_str_eq(run(), "");
	ck_assert_uint_eq(counts[SEV_FAIL] + counts[SEV_WARN] +
			      counts[SEV_INFO],
			  0);
}
END_TEST

START_TEST(test_coverage)
{
	char err[128];

	use_rules(
	    "{" FIELDS ", 'contract': {'needed': ['arts', 'sport'], 'one':"
	    " 'elderly', 'num': 5, 'none': []},"
	    " 'consortium': ["
	    "{'id': 'cov', 'aggregate': 'coverage', 'field': 'spec',"
	    " 'required': ['arts', 'sport', 'youth']},"
	    "{'id': 'covref', 'severity': 'warn', 'aggregate': 'coverage',"
	    " 'field': 'spec', 'required': 'contract.needed', 'message':"
	    " 'fill the gaps'},"
	    "{'id': 'covone', 'aggregate': 'coverage', 'field': 'spec',"
	    " 'required': 'contract.one'},"
	    "{'id': 'covnum', 'aggregate': 'coverage', 'field': 'spec',"
	    " 'required': 'contract.num'},"
	    "{'id': 'covnone', 'aggregate': 'coverage', 'field': 'spec',"
	    " 'required': 'contract.none'},"
	    "{'id': 'covunset', 'aggregate': 'coverage', 'field': 'spec',"
	    " 'required': 'contract.nope'},"
	    "{'id': 'covempty', 'aggregate': 'coverage', 'field': 'spec',"
	    " 'required': []},"
	    "{'id': 'tags', 'aggregate': 'coverage', 'field': 'tags',"
	    " 'required': ['a b', 'c']}]}");
	add("A", "spec=youth;housing|tags=a b/x");
	add("B", "spec=Sport");
	add("C", "");
	/* "Sport" offers "sport": items compare by key (textkey.h) */
	ck_assert_str_eq(
	    run(), "cov fail: no partner offers spec: arts []\n"
		   "covref warn: no partner offers spec: arts (required by "
		   "contract.needed): fill the gaps []\n"
		   "covone fail: no partner offers spec: elderly (required by "
		   "contract.one) []\n"
		   "tags fail: no partner offers tags: c []");
	ck_assert_uint_eq(counts[SEV_FAIL], 3);
	ck_assert_uint_eq(counts[SEV_WARN], 1);
	/* --set contract.needed=... replaces the list. */
	ck_assert_int_eq(rules_set_contract(rs, "needed=arts; housing ;", err,
					    sizeof err),
			 0);
	ck_assert_int_eq(rules_set_contract(rs, "one=youth", err, sizeof err),
			 0);
	add("D", "spec=arts;sport|tags=c");
	ck_assert_str_eq(run(), "");
	ck_assert_int_eq(rules_set_contract(rs, "one=youth;music", err,
					    sizeof err),
			 0);
	ck_assert_str_eq(
	    run(), "covone fail: no partner offers spec: music (required by "
		   "contract.one) []");
}
END_TEST

START_TEST(test_distinct)
{
	use_rules(
	    "{" FIELDS ", 'consortium': ["
	    "{'id': 'dist', 'severity': 'warn', 'aggregate': 'distinct',"
	    " 'fields': ['spec', 'infra']},"
	    "{'id': 'dist3', 'aggregate': 'distinct', 'fields': ['spec', 'infra',"
	    " 'tags'], 'message': 'what do they bring?'},"
	    "{'id': 'one', 'severity': 'info', 'aggregate': 'distinct', 'fields':"
	    " ['infra']}]}");
	add("A", "spec=a;b|infra=x");
	add("B", "spec=a|infra=x; y");
	add("C", "spec=b");
	add("D", "spec=a|tags=d");
	add("E", "");
	ck_assert_str_eq(
	    run(),
	    "dist warn: A, C, D, E add no spec or infra value that no other "
	    "partner has [A, C, D, E]\n"
	    "dist3 fail: A, C, E add no spec, infra or tags value that no other "
	    "partner has: what do they bring? [A, C, E]\n"
	    "one info: A, C, D, E add no infra value that no other partner has "
	    "[A, C, D, E]");
	ck_assert_uint_eq(counts[SEV_WARN], 1);
	ck_assert_uint_eq(counts[SEV_FAIL], 1);
	ck_assert_uint_eq(counts[SEV_INFO], 1);

	/* A value held twice by one partner, or in two of its fields, is
	 * still its own; values are compared whole, by key: "A" is "a", but
	 * "a b" is not "ab". */
	use_rules(
	    "{" FIELDS ", 'consortium': ["
	    "{'id': 'dist', 'aggregate': 'distinct', 'fields': ['spec', 'infra']}]}");
	add("A", "spec=a;a|infra=ab");
	add("B", "spec=q|infra=q");
	add("C", "spec=A;ab");
	add("D", "spec=ab|infra=a b");
	add("E", "spec=ab");
	ck_assert_str_eq(run(),
			 "dist fail: A, C, E add no spec or infra value that "
			 "no other partner has [A, C, E]");
	add("F", "infra=  A ");
	ck_assert_str_eq(
	    run(), "dist fail: A, C, E, F add no spec or infra value that "
		   "no other partner has [A, C, E, F]");
	/* One partner alone adds everything it has; with nothing, nothing. */
	use_rules(
	    "{" FIELDS ", 'consortium': ["
	    "{'id': 'dist', 'aggregate': 'distinct', 'fields': ['spec']}]}");
	ck_assert_str_eq(run(), "");
	add("A", "spec=x");
	ck_assert_str_eq(run(), "");
	add("B", "");
	ck_assert_str_eq(
	    run(), "dist fail: B adds no spec value that no other partner "
		   "has [B]");
}
END_TEST

START_TEST(test_incomplete_and_filtering)
{
	use_rules(
	    "{" FIELDS ", 'consortium': ["
	    "{'id': 'size', 'severity': 'info', 'aggregate': 'count', 'min': 3},"
	    "{'id': 'lead', 'severity': 'warn', 'aggregate': 'count', 'where':"
	    " {'field': 'lead', 'op': '==', 'value': 'must'}, 'max': 0},"
	    "{'id': 'share', 'aggregate': 'sum', 'field': 'share', 'max': 50}]}");
	add("A", "lead=must|share=40");
	add("B", "lead=must|share=20");
	ps.errors = 1;
	ck_assert_str_eq(
	    run(),
	    "consortium.incomplete info: 1 partner in error is left out of the "
	    "pairwise and consortium checks []\n"
	    "size info: the consortium has 2 partners, below the minimum 3 []\n"
	    "lead warn: 2 partners with lead == must, above the maximum 0 "
	    "[A, B]\n"
	    "share fail: share adds up to 60%, above the maximum 50% [A, B]");
	ck_assert_uint_eq(counts[SEV_INFO], 2);
	ck_assert_uint_eq(counts[SEV_WARN], 1);
	ck_assert_uint_eq(counts[SEV_FAIL], 1);
	ps.errors = 2;
	ck_assert_str_eq(
	    run_at(SEV_WARN),
	    "lead warn: 2 partners with lead == must, above the maximum 0 "
	    "[A, B]\n"
	    "share fail: share adds up to 60%, above the maximum 50% [A, B]");
	ck_assert_uint_eq(counts[SEV_INFO], 2);
	ck_assert_uint_eq(counts[SEV_WARN], 1);
	ck_assert_uint_eq(counts[SEV_FAIL], 1);
	ck_assert_str_eq(
	    run_at(SEV_FAIL),
	    "share fail: share adds up to 60%, above the maximum 50% [A, B]");
	ck_assert_uint_eq(counts[SEV_INFO], 2);
	ck_assert_str_eq(
	    run_at(SEV_INFO),
	    "consortium.incomplete info: 2 partners in error are left out of the "
	    "pairwise and consortium checks []\n"
	    "size info: the consortium has 2 partners, below the minimum 3 []\n"
	    "lead warn: 2 partners with lead == must, above the maximum 0 "
	    "[A, B]\n"
	    "share fail: share adds up to 60%, above the maximum 50% [A, B]");
	/* Without an emitter, only counts. */
	memset(counts, 0, sizeof counts);
	consortium_run(rs, &ps, 0, SEV_INFO, NULL, NULL, counts);
	ck_assert_uint_eq(counts[SEV_INFO], 2);
	ck_assert_uint_eq(counts[SEV_WARN], 1);
	ck_assert_uint_eq(counts[SEV_FAIL], 1);
	/* No rules: only the note. */
	use_rules("{}");
	ps.errors = 3;
	ck_assert_str_eq(
	    run(),
	    "consortium.incomplete info: 3 partners in error are left out of the "
	    "pairwise and consortium checks []");
	ps.errors = 0;
	ck_assert_str_eq(run(), "");
}
END_TEST

static Suite *
consortium_suite(void)
{
	Suite *s = suite_create("consortium");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_count);
	tcase_add_test(tc, test_count_where);
	tcase_add_test(tc, test_sum_min_max_findings);
	tcase_add_test(tc, test_contract_bounds);
	tcase_add_test(tc, test_coverage);
	tcase_add_test(tc, test_distinct);
	tcase_add_test(tc, test_incomplete_and_filtering);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(consortium_suite)
