#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pairs.h"
#include "partner_fixture.h"
#include "rules_snapshot.h"

/*
 * Pairwise rules over partner sets built by hand: every operator's
 * findings and messages, their order, and the counts of rules that are
 * only counted, checked against brute force on a random pool.
 * Rule text uses single quotes; q() turns them into double quotes.
 */

static size_t nemitted;
static size_t *emitted; /* a, b, rule index triples */
static size_t capemitted;

static void
setup(void)
{
	fixture_setup();
	emitted = NULL;
	capemitted = nemitted = 0;
}

static void
teardown(void)
{
	fixture_teardown();
	free(emitted);
}

static void
collect(void *ctx, size_t a, size_t b, const pair_rule *r, const char *message)
{
	const partner_set *set = ctx;

	ck_assert_uint_lt(a, b);
	ck_assert_uint_lt(b, set->n);
	sb_addf(&out, "%s%s %s %s: %s", out.len ? "\n" : "", set->ids[a],
		set->ids[b], r->id, message);
	emitted = xgrow(emitted, &capemitted, nemitted * 3 + 3,
			sizeof *emitted);
	emitted[nemitted * 3] = a;
	emitted[nemitted * 3 + 1] = b;
	emitted[nemitted * 3 + 2] = (size_t)(r - rs->pairs);
	nemitted++;
}

/* Runs the rules at min_sev and returns the findings, one a line:
 * "A B rule: message".  counts[] is reset first. */
static const char *
run_at(severity min_sev, long today)
{
	pair_engine *pe = pairs_new(rs, &ps, today);

	sb_reset(&out);
	nemitted = 0;
	memset(counts, 0, sizeof counts);
	pairs_run(pe, min_sev, collect, &ps, counts);
	pairs_free(pe);
	return out.buf;
}

static const char *
run(void)
{
	return run_at(SEV_INFO, 0);
}

#define FIELDS \
	"'fields': {'role': {'type': 'enum', 'values': ['must', 'willing', 'no']}," \
	" 'flag': 'boolean', 'refuses': 'list', 'is': 'list', 'spec': 'list'," \
	" 'cost': 'money', 'n': 'number', 'style': 'string', 'd': 'date'}"
/* role|flag|refuses|is|spec|cost|n|style|d */

START_TEST(test_partner_set)
{
	const value *row;

	use_rules("{" FIELDS
		  ", 'pairs': [{'id': 'p', 'field': 'spec', 'op': 'meets'}]}");
	ck_assert_uint_eq(ps.n, 0);
	add("A",
	    "role=must|flag=yes|refuses=x;y|is=z|spec=a; b|cost=1,000|n=2.5|"
	    "style=Open|d=2020-01-31");
	add("B", "");
	ck_assert_uint_eq(ps.n, 2);
	ck_assert_str_eq(ps.ids[0], "A");
	ck_assert_str_eq(ps.ids[1], "B");
	ck_assert_uint_eq(ps.errors, 0);
	row = pset_row(&ps, 0);
	/* Only used fields are kept; the others read as missing. */
	ck_assert_int_eq(row[0].kind, V_MISSING);
	ck_assert_int_eq(row[4].kind, V_LIST);
	ck_assert_uint_eq(row[4].nitems, 2);
	ck_assert_int_eq(memcmp(row[4].items[1].s, "b", 1), 0);
	ck_assert_uint_eq(row[4].items[1].len, 1);
	ck_assert_str_eq(row[4].text, "a; b");
	ck_assert_int_eq(row[5].kind, V_MISSING);
	ck_assert_int_eq(pset_row(&ps, 1)[4].kind, V_LIST);
	ck_assert_uint_eq(pset_row(&ps, 1)[4].nitems, 0);
	ck_assert_ptr_null(pset_row(&ps, 1)[4].items);
	pset_free(&ps);
	ck_assert_uint_eq(ps.n, 0);
	ck_assert_ptr_null(ps.ids);
	ps_live = 0;
}
END_TEST

START_TEST(test_partner_set_grows)
{
	char id[16];
	size_t i;

	use_rules("{" FIELDS
		  ", 'pairs': [{'id': 'p', 'field': 'style', 'op': 'same'}]}");
	for (i = 0; i < 5000; i++) {
		snprintf(id, sizeof id, "P%zu", i);
		add(id, i % 2 ? "style=even" : "style=odd");
	}
	ck_assert_uint_eq(ps.n, 5000);
	ck_assert_str_eq(ps.ids[4999], "P4999");
	ck_assert_str_eq(pset_row(&ps, 4999)[7].text, "even");
	ck_assert_str_eq(pset_row(&ps, 0)[7].text, "odd");
	run_at(3, 0);
	ck_assert_uint_eq(counts[SEV_FAIL], 2 * (2500 * 2499 / 2));
	ck_assert_uint_eq(nemitted, 0);
}
END_TEST

START_TEST(test_both)
{
	use_rules("{" FIELDS
		  ", 'pairs': [{'id': 'lead', 'both': {'field': 'role',"
		  " 'op': '==', 'value': 'must'}}]}");
	add("A", "role=must");
	add("B", "role=willing");
	add("C", "role=MUST");
	add("D", "");
	add("E", "role=must");
	/* MUST is the value must as the rule set spells it: the finding
	 * reads the same for both */
	ck_assert_str_eq(run(), "A C lead: both A and C: role is must\n"
				"A E lead: both A and E: role is must\n"
				"C E lead: both C and E: role is must");
	ck_assert_uint_eq(counts[SEV_FAIL], 3);
	ck_assert_uint_eq(counts[SEV_WARN], 0);
	ck_assert_uint_eq(counts[SEV_INFO], 0);
	/* Only counted. */
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 3);
}
END_TEST

START_TEST(test_either)
{
	use_rules("{" FIELDS
		  ", 'pairs': [{'id': 'eith', 'severity': 'warn', 'either':"
		  " {'all': [{'field': 'flag', 'op': '==', 'value': true},"
		  " {'field': 'n', 'op': '>', 'value': 1}]}}]}");
	add("A", "flag=yes|n=2");
	add("B", "flag=no|n=2");
	add("C", "flag=Y|n=3");
	add("D", "");
	ck_assert_str_eq(
	    run(), "A B eith: A: flag is yes; n is 2\n"
		   "A C eith: A: flag is yes; n is 2; C: flag is yes; n is 3\n"
		   "A D eith: A: flag is yes; n is 2\n"
		   "B C eith: C: flag is yes; n is 3\n"
		   "C D eith: C: flag is yes; n is 3");
	ck_assert_uint_eq(counts[SEV_WARN], 5);
	ck_assert_str_eq(run_at(SEV_FAIL, 0), "");
	ck_assert_uint_eq(counts[SEV_WARN], 5);
}
END_TEST

START_TEST(test_meets)
{
	use_rules(
	    "{" FIELDS
	    ", 'pairs': [{'id': 'deal', 'field': 'refuses', 'op': 'meets',"
	    " 'other': 'is'}]}");
	add("A", "refuses=gambling;tobacco|is=charity");
	add("B", "is=tobacco; gambling;arms");
	add("C", "refuses=charity|is=gambling");
	add("D", "");
	add("E", "refuses=arms|is=arms");
	ck_assert_str_eq(
	    run(),
	    "A B deal: A refuses B over gambling, tobacco\n"
	    "A C deal: A refuses C over gambling; C refuses A over charity\n"
	    "B E deal: E refuses B over arms");
	ck_assert_uint_eq(counts[SEV_FAIL], 3);
	/* Counted through the index. */
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 3);
}
END_TEST

START_TEST(test_meets_within_one_list)
{
	use_rules("{" FIELDS ", 'pairs': [{'id': 'overlap', 'severity': 'info',"
		  " 'field': 'spec', 'op': 'meets'}]}");
	add("A", "spec=housing;youth");
	add("B", "spec=youth;housing;;");
	add("C", "spec=arts");
	add("D", "spec=youth; arts");
	add("E", "");
	ck_assert_str_eq(run(),
			 "A B overlap: A and B share spec: housing, youth\n"
			 "A D overlap: A and D share spec: youth\n"
			 "B D overlap: B and D share spec: youth\n"
			 "C D overlap: C and D share spec: arts");
	ck_assert_uint_eq(counts[SEV_INFO], 4);
	ck_assert_str_eq(run_at(SEV_WARN, 0), "");
	ck_assert_uint_eq(counts[SEV_INFO], 4);
}
END_TEST

START_TEST(test_apart_absolute)
{
	use_rules("{" FIELDS
		  ", 'pairs': [{'id': 'gap', 'field': 'n', 'op': 'apart',"
		  " 'by': 2}]}");
	add("A", "n=10");
	add("B", "n=12");     /* exactly 2 from A: not apart */
	add("C", "n=12.125"); /* over 2 from A */
	add("D", "");
	add("E", "n=8");
	ck_assert_str_eq(
	    run(),
	    "A C gap: n is 10 for A and 12.125 for C: apart by 2.125, more "
	    "than 2\n"
	    "B E gap: n is 12 for B and 8 for E: apart by 4, more than 2\n"
	    "C E gap: n is 12.125 for C and 8 for E: apart by 4.125, more than 2");
	ck_assert_uint_eq(counts[SEV_FAIL], 3);
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 3);

	/* Decimal boundaries are exact: 0.3 - 0.1 is 0.2. */
	use_rules("{" FIELDS
		  ", 'pairs': [{'id': 'gap', 'field': 'n', 'op': 'apart',"
		  " 'by': 0.2}]}");
	add("A", "n=0.1");
	add("B", "n=0.3");
	add("C", "n=0.30001");
	add("D", "n=-0.1");
	ck_assert_str_eq(
	    run(),
	    "A C gap: n is 0.1 for A and 0.30001 for C: apart by 0.20001, "
	    "more than 0.2\n"
	    "B D gap: n is 0.3 for B and -0.1 for D: apart by 0.4, more than 0.2\n"
	    "C D gap: n is 0.30001 for C and -0.1 for D: apart by 0.40001, "
	    "more than 0.2");
	ck_assert_uint_eq(counts[SEV_FAIL], 3);
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 3);
}
END_TEST

/* issue 9: tolerances are exact at any magnitude: a gap of 101.50 near
 * two billion is over 100 (an allowance of a billionth of the value hid
 * it), and one of exactly 100 is not; a relative one likewise. */
START_TEST(test_apart_large)
{
	use_rules("{" FIELDS ", 'pairs': [{'id': 'gap', 'field': 'cost', "
		  "'op': 'apart', 'by': 100}]}");
	add("A", "cost=\xc2\xa3"
		 "2,000,000,000.00");
	add("B", "cost=\xc2\xa3"
		 "2,000,000,101.50");
	add("C", "cost=\xc2\xa3"
		 "2,000,000,100.00");
	ck_assert_str_eq(run(), "A B gap: cost is \xc2\xa3"
				"2,000,000,000 for A and "
				"\xc2\xa3"
				"2,000,000,101.50 for B: apart by \xc2\xa3"
				"101.50, more than \xc2\xa3"
				"100");
	ck_assert_uint_eq(counts[SEV_FAIL], 1);
	/* counted only, through the sorted values */
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 1);

	use_rules("{" FIELDS ", 'pairs': [{'id': 'gap', 'field': 'n', "
		  "'op': 'apart', 'by': 0.000001}]}");
	add("A", "n=123456789012.000001");
	add("B", "n=123456789012.000002");
	add("C", "n=123456789012.000003");
	/* a double cannot tell these apart at all: 18 digits, exact */
	ck_assert_str_eq(
	    run(), "A C gap: n is 123456789012.000001 for A and "
		   "123456789012.000003 for C: apart by 0.000002, more than "
		   "0.000001");

	use_rules("{" FIELDS ", 'pairs': [{'id': 'r', 'field': 'n', "
		  "'op': 'apart', 'by': '10%'}]}");
	add("A", "n=4000000000000.0");
	add("B", "n=4400000000000.0");  /* exactly 10% */
	add("C", "n=4400000000000.01"); /* just over */
	ck_assert_str_eq(
	    run(),
	    "A C r: n is 4000000000000 for A and 4400000000000.01 for C: "
	    "10.000000000000245% apart, more than 10%");
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 1);
}
END_TEST

START_TEST(test_apart_relative)
{
	use_rules("{" FIELDS ", 'pairs': [{'id': 'cost', 'severity': 'warn',"
		  " 'field': 'cost', 'op': 'apart', 'by': '25%'}]}");
	add("A", "cost=40");
	add("B", "cost=50");    /* exactly 25% above A */
	add("C", "cost=50.01"); /* just over */
	add("D", "cost=\xc2\xa3"
		 "60");
	add("E", "");
	ck_assert_str_eq(run(), "A C cost: cost is \xc2\xa3"
				"40 for A and \xc2\xa3"
				"50.01 for C: 25.03% apart, more "
				"than 25%\n"
				"A D cost: cost is \xc2\xa3"
				"40 for A and \xc2\xa3"
				"60 for D: 50% apart, more "
				"than 25%");
	ck_assert_uint_eq(counts[SEV_WARN], 2);
	ck_assert_str_eq(run_at(SEV_FAIL, 0), "");
	ck_assert_uint_eq(counts[SEV_WARN], 2);

	/* A lower value of 0 or less: any difference counts. */
	use_rules("{" FIELDS
		  ", 'pairs': [{'id': 'cost', 'field': 'cost', 'op': 'apart',"
		  " 'by': 25, 'relative': true}]}");
	add("A", "cost=0");
	add("B", "cost=0.00");
	add("C", "cost=5");
	add("D", "cost=-5");
	add("E", "cost=-5");
	add("F", "cost=6.25");
	ck_assert_str_eq(
	    run(),
	    "A C cost: cost is \xc2\xa3"
	    "0 for A and \xc2\xa3"
	    "5 for C: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "A D cost: cost is \xc2\xa3"
	    "0 for A and -\xc2\xa3"
	    "5 for D: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "A E cost: cost is \xc2\xa3"
	    "0 for A and -\xc2\xa3"
	    "5 for E: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "A F cost: cost is \xc2\xa3"
	    "0 for A and \xc2\xa3"
	    "6.25 for F: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "B C cost: cost is \xc2\xa3"
	    "0 for B and \xc2\xa3"
	    "5 for C: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "B D cost: cost is \xc2\xa3"
	    "0 for B and -\xc2\xa3"
	    "5 for D: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "B E cost: cost is \xc2\xa3"
	    "0 for B and -\xc2\xa3"
	    "5 for E: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "B F cost: cost is \xc2\xa3"
	    "0 for B and \xc2\xa3"
	    "6.25 for F: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "C D cost: cost is \xc2\xa3"
	    "5 for C and -\xc2\xa3"
	    "5 for D: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "C E cost: cost is \xc2\xa3"
	    "5 for C and -\xc2\xa3"
	    "5 for E: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "D F cost: cost is -\xc2\xa3"
	    "5 for D and \xc2\xa3"
	    "6.25 for F: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)\n"
	    "E F cost: cost is -\xc2\xa3"
	    "5 for E and \xc2\xa3"
	    "6.25 for F: apart by more than 25% "
	    "(measured against a lower value of 0 or less, any difference "
	    "counts)");
	ck_assert_uint_eq(counts[SEV_FAIL], 12);
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 12);
}
END_TEST

START_TEST(test_apart_formula_and_dates)
{
	use_rules("{" FIELDS ", 'pairs': ["
		  "{'id': 'f', 'expr': 'n * 2', 'op': 'apart', 'by': '10%'},"
		  "{'id': 'age', 'field': 'd', 'op': 'apart', 'by': 30}]}");
	add("A", "n=10|d=2020-01-01");
	add("B", "n=11|d=2020-01-31");
	add("C", "n=11.05|d=2020-02-01");
	add("D", "");
	ck_assert_str_eq(
	    run(),
	    "A C f: n * 2 is 20 for A and 22.1 for C: 10.5% apart, more than 10%\n"
	    "A C age: d is 2020-01-01 for A and 2020-02-01 for C: apart by 31 "
	    "days, more than 30 days");
	ck_assert_uint_eq(counts[SEV_FAIL], 2);
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 2);
}
END_TEST

START_TEST(test_differ_and_same)
{
	use_rules(
	    "{" FIELDS ", 'pairs': ["
	    "{'id': 'diff', 'severity': 'info', 'field': 'style', 'op': 'differ'},"
	    "{'id': 'same', 'severity': 'warn', 'field': 'style', 'op': 'same'},"
	    "{'id': 'sameenum', 'field': 'role', 'op': 'same'},"
	    "{'id': 'samenum', 'field': 'n', 'op': 'same'}]}");
	add("A", "role=must|n=0|style=consensus");
	add("B", "role=MUST|n=-0|style=Consensus");
	add("C", "role=no|style=consensus");
	add("D", "style=  ");
	add("E", "role=no|n=0.0|style=Consensus-led");
	/* strings compare by key (textkey.h): "Consensus" is "consensus" */
	ck_assert_str_eq(
	    run(), "A B same: style is consensus for both A and B\n"
		   "A B sameenum: role is must for both A and B\n"
		   "A B samenum: n is 0 for both A and B\n"
		   "A C same: style is consensus for both A and C\n"
		   "A E diff: style differs: consensus (A), Consensus-led (E)\n"
		   "A E samenum: n is 0 for both A and E\n"
		   "B C same: style is Consensus for both B and C\n"
		   "B E diff: style differs: Consensus (B), Consensus-led (E)\n"
		   "B E samenum: n is 0 for both B and E\n"
		   "C E diff: style differs: consensus (C), Consensus-led (E)\n"
		   "C E sameenum: role is no for both C and E");
	ck_assert_uint_eq(counts[SEV_INFO], 3);
	ck_assert_uint_eq(counts[SEV_WARN], 3);
	ck_assert_uint_eq(counts[SEV_FAIL], 5);
	/* Reported at warn and above; info only counted. */
	ck_assert_str_eq(run_at(SEV_WARN, 0),
			 "A B same: style is consensus for both A and B\n"
			 "A B sameenum: role is must for both A and B\n"
			 "A B samenum: n is 0 for both A and B\n"
			 "A C same: style is consensus for both A and C\n"
			 "A E samenum: n is 0 for both A and E\n"
			 "B C same: style is Consensus for both B and C\n"
			 "B E samenum: n is 0 for both B and E\n"
			 "C E sameenum: role is no for both C and E");
	ck_assert_uint_eq(counts[SEV_INFO], 3);
	ck_assert_uint_eq(counts[SEV_WARN], 3);
	ck_assert_uint_eq(counts[SEV_FAIL], 5);
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_INFO], 3);
	ck_assert_uint_eq(counts[SEV_WARN], 3);
	ck_assert_uint_eq(counts[SEV_FAIL], 5);
}
END_TEST

START_TEST(test_combinations)
{
	use_rules(
	    "{" FIELDS ", 'pairs': ["
	    "{'id': 'all', 'all': [{'field': 'style', 'op': 'same'},"
	    "  {'field': 'n', 'op': 'apart', 'by': 2}]},"
	    "{'id': 'any', 'any': [{'both': {'field': 'role', 'op': '==',"
	    "  'value': 'must'}}, {'field': 'n', 'op': 'apart', 'by': 5}]},"
	    "{'id': 'notsame', 'not': {'field': 'style', 'op': 'same'}},"
	    "{'id': 'notdiffer', 'not': {'field': 'role', 'op': 'differ'}},"
	    "{'id': 'notmeets', 'not': {'field': 'refuses', 'op': 'meets',"
	    "  'other': 'is'}},"
	    "{'id': 'notapart', 'not': {'field': 'n', 'op': 'apart', 'by': 1}},"
	    "{'id': 'notrel', 'not': {'field': 'cost', 'op': 'apart', 'by': '10%'}},"
	    "{'id': 'notboth', 'not': {'both': {'field': 'flag', 'op': '==',"
	    "  'value': true}}},"
	    "{'id': 'noteither', 'not': {'either': {'field': 'flag', 'op': '==',"
	    "  'value': true}}},"
	    "{'id': 'notnot', 'not': {'not': {'field': 'style', 'op': 'differ'}}},"
	    "{'id': 'notall', 'not': {'all': [{'field': 'style', 'op': 'same'},"
	    "  {'field': 'role', 'op': 'differ'}]}}]}");
	add("A", "role=must|flag=yes|refuses=x|is=y|cost=100|n=1|style=calm");
	add("B", "role=must|flag=no|refuses=z|is=w|cost=105|n=10|style=calm");
	ck_assert_str_eq(
	    run(),
	    "A B all: style is calm for both A and B; n is 1 for A and 10 for "
	    "B: apart by 9, more than 2\n"
	    "A B any: both A and B: role is must; n is 1 for A and 10 for B: "
	    "apart by 9, more than 5\n"
	    "A B notdiffer: role is the same: must (A), must (B)\n"
	    "A B notmeets: neither A nor B refuses the other\n"
	    "A B notrel: cost is within 10% for A and B\n"
	    "A B notboth: not both A and B: flag == yes\n"
	    "A B notall: role is the same: must (A), must (B)");
	ck_assert_uint_eq(counts[SEV_FAIL], 7);
	ck_assert_str_eq(run_at(3, 0), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 7);

	use_rules(
	    "{" FIELDS ", 'pairs': ["
	    "{'id': 'notsame', 'not': {'field': 'style', 'op': 'same'}},"
	    "{'id': 'notapart', 'not': {'field': 'n', 'op': 'apart', 'by': 1}},"
	    "{'id': 'noteither', 'not': {'either': {'field': 'flag', 'op': '==',"
	    "  'value': true}}},"
	    "{'id': 'notnot', 'not': {'not': {'field': 'style', 'op': 'differ'}}}]}");
	add("A", "flag=no|style=calm");
	add("B", "flag=N|n=2|style=busy");
	add("C", "flag=no|n=2.5");
	ck_assert_str_eq(run(),
			 "A B notsame: style differs: calm (A), busy (B)\n"
			 "A B noteither: neither A nor B: flag == yes\n"
			 "A B notnot: style differs: calm (A), busy (B)\n"
			 "A C noteither: neither A nor C: flag == yes\n"
			 "B C notapart: n is within 1 for B and C\n"
			 "B C noteither: neither B nor C: flag == yes");
	ck_assert_uint_eq(counts[SEV_FAIL], 6);
}
END_TEST

/* Findings come by a, then b, then rule order, whether the rules are
 * enumerated through indexes (both, meets) or pair by pair. */
START_TEST(test_order)
{
	size_t i;

	use_rules(
	    "{" FIELDS ", 'pairs': ["
	    "{'id': 'r0', 'field': 'spec', 'op': 'meets'},"
	    "{'id': 'r1', 'both': {'field': 'flag', 'op': '==', 'value': true}},"
	    "{'id': 'r2', 'field': 'refuses', 'op': 'meets', 'other': 'is'}]}");
	add("A", "flag=yes|spec=k");
	add("B", "flag=no|refuses=q");
	add("C", "flag=yes|is=q|spec=k");
	add("D", "flag=yes|refuses=q");
	add("E", "spec=k");
	ck_assert_str_eq(run(), "A C r0: A and C share spec: k\n"
				"A C r1: both A and C: flag is yes\n"
				"A D r1: both A and D: flag is yes\n"
				"A E r0: A and E share spec: k\n"
				"B C r2: B refuses C over q\n"
				"C D r1: both C and D: flag is yes\n"
				"C D r2: D refuses C over q\n"
				"C E r0: C and E share spec: k");
	/* The same with a rule that is not indexable in the mix. */
	use_rules(
	    "{" FIELDS ", 'pairs': ["
	    "{'id': 'r0', 'field': 'spec', 'op': 'meets'},"
	    "{'id': 'r1', 'both': {'field': 'flag', 'op': '==', 'value': true}},"
	    "{'id': 'r2', 'field': 'refuses', 'op': 'meets', 'other': 'is'},"
	    "{'id': 'r3', 'field': 'n', 'op': 'apart', 'by': 0}]}");
	add("A", "flag=yes|spec=k|n=1");
	add("B", "flag=no|refuses=q");
	add("C", "flag=yes|is=q|spec=k|n=1");
	add("D", "flag=yes|refuses=q|n=2");
	add("E", "spec=k|n=1");
	ck_assert_str_eq(
	    run(), "A C r0: A and C share spec: k\n"
		   "A C r1: both A and C: flag is yes\n"
		   "A D r1: both A and D: flag is yes\n"
		   "A D r3: n is 1 for A and 2 for D: apart by 1, more than 0\n"
		   "A E r0: A and E share spec: k\n"
		   "B C r2: B refuses C over q\n"
		   "C D r1: both C and D: flag is yes\n"
		   "C D r2: D refuses C over q\n"
		   "C D r3: n is 1 for C and 2 for D: apart by 1, more than 0\n"
		   "C E r0: C and E share spec: k\n"
		   "D E r3: n is 2 for D and 1 for E: apart by 1, more than 0");
	for (i = 1; i < nemitted; i++) {
		const size_t *p = emitted + 3 * (i - 1), *q = emitted + 3 * i;

		ck_assert(p[0] < q[0] ||
			  (p[0] == q[0] &&
			   (p[1] < q[1] || (p[1] == q[1] && p[2] < q[2]))));
	}
	ck_assert_uint_eq(counts[SEV_FAIL], 11);
}
END_TEST

START_TEST(test_no_partners)
{
	use_rules(
	    "{" FIELDS
	    ", 'pairs': [{'id': 'p', 'field': 'style', 'op': 'differ'},"
	    " {'id': 'q', 'field': 'spec', 'op': 'meets', 'severity': 'info'}]}");
	ck_assert_str_eq(run(), "");
	ck_assert_str_eq(run_at(3, 0), "");
	add("A", "style=x");
	ck_assert_str_eq(run(), "");
	ck_assert_uint_eq(counts[SEV_FAIL], 0);
	ck_assert_uint_eq(counts[SEV_INFO], 0);
	/* No emitter: counted all the same. */
	add("B", "spec=s|style=y");
	add("C", "spec=s|style=y");
	{
		pair_engine *pe = pairs_new(rs, &ps, 0);

		memset(counts, 0, sizeof counts);
		pairs_run(pe, SEV_INFO, NULL, NULL, counts);
		pairs_free(pe);
	}
	ck_assert_uint_eq(counts[SEV_FAIL], 2);
	ck_assert_uint_eq(counts[SEV_INFO], 1);
	pairs_free(NULL);
}
END_TEST

/* ---- the rule set is only read ---- */

START_TEST(test_rule_set_untouched)
{
	strbuf before;
	char first[2048];
	pair_engine *pe, *pe2;
	size_t sev;

	/* Nested nodes of every kind, so that an engine that cached
	 * anything in them (a node number, say) would change their bytes. */
	use_rules(
	    "{" FIELDS ", 'pairs': ["
	    "{'id': 'r0', 'all': [{'field': 'spec', 'op': 'meets'},"
	    "  {'not': {'field': 'style', 'op': 'same'}}]},"
	    "{'id': 'r1', 'any': [{'both': {'field': 'flag', 'op': '==', 'value': true}},"
	    "  {'either': {'field': 'role', 'op': '==', 'value': 'no'}},"
	    "  {'field': 'refuses', 'op': 'meets', 'other': 'is'}]},"
	    "{'id': 'r2', 'severity': 'warn', 'field': 'n', 'op': 'apart', 'by': 1},"
	    "{'id': 'r3', 'severity': 'info', 'field': 'style', 'op': 'differ'},"
	    "{'id': 'r4', 'severity': 'info', 'field': 'cost', 'op': 'apart',"
	    "  'by': '10%'}]}");
	add("A", "role=must|flag=yes|spec=k|style=x|n=1|cost=100");
	add("B", "role=no|refuses=q|style=y|n=5|cost=200");
	add("C", "flag=yes|is=q|spec=k|style=y|n=1.5|cost=105");
	add("D", "role=willing|flag=yes|refuses=q|spec=k|style=x");
	sb_init(&before);
	snapshot_rules(rs, &before);

	/* Every path: reported, counted from sizes, counted by brute force. */
	for (sev = SEV_INFO; sev <= 3; sev++) {
		run_at((severity)sev, 0);
		ck_assert(rules_unchanged(rs, &before));
	}
	snprintf(first, sizeof first, "%s", run());
	ck_assert_uint_eq(nemitted, 16);
	ck_assert_uint_eq(counts[SEV_FAIL], 8);
	ck_assert_uint_eq(counts[SEV_WARN], 2);
	ck_assert_uint_eq(counts[SEV_INFO], 6);

	/* pairs_holds agrees with the run: true for each finding, in either
	 * order, and for nothing else. */
	pe = pairs_new(rs, &ps, 0);
	{
		size_t i, j, r, held = 0;

		for (i = 0; i < nemitted; i++) {
			ck_assert(pairs_holds(pe, emitted[i * 3 + 2],
					      emitted[i * 3],
					      emitted[i * 3 + 1]));
			ck_assert(pairs_holds(pe, emitted[i * 3 + 2],
					      emitted[i * 3 + 1],
					      emitted[i * 3]));
		}
		for (r = 0; r < rs->npairs; r++)
			for (i = 0; i < ps.n; i++) {
				ck_assert(!pairs_holds(pe, r, i, i));
				for (j = i + 1; j < ps.n; j++)
					held += (size_t)pairs_holds(pe, r, i,
								    j);
			}
		ck_assert_uint_eq(held, nemitted);
	}
	pairs_free(pe);

	/* Two engines over the same rule set, built and run interleaved,
	 * agree with one run alone. */
	pe = pairs_new(rs, &ps, 0);
	pe2 = pairs_new(rs, &ps, 0);
	ck_assert(rules_unchanged(rs, &before));
	sb_reset(&out);
	nemitted = 0;
	memset(counts, 0, sizeof counts);
	pairs_run(pe2, SEV_INFO, NULL, NULL, counts);
	pairs_free(pe2);
	memset(counts, 0, sizeof counts);
	pairs_run(pe, SEV_INFO, collect, &ps, counts);
	pairs_free(pe);
	ck_assert_str_eq(out.buf, first);
	ck_assert_uint_eq(counts[SEV_FAIL], 8);
	ck_assert(rules_unchanged(rs, &before));
	sb_free(&before);
}
END_TEST

/* ---- counting checked against brute force ---- */

#define POOL 200

typedef struct mine {
	int role;                   /* 0 must, 1 willing, 2 no, 3 missing */
	int flag;                   /* 0 no, 1 yes, 2 missing */
	unsigned refuses, is, spec; /* bit sets over 6 values */
	int cost;                   /* INT_MIN + 1: missing */
	int n;
	int has_cost, has_n;
	int style; /* 0..2, 3 missing */
} mine;

static mine pool[POOL];

static unsigned long long rng = 20240229;

static unsigned
rnd(unsigned m)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % m);
}

static void
add_list(strbuf *sb, unsigned bits)
{
	static const char *const words[] = { "a", "b", "c", "d", "e", "f" };
	int k, first = 1;

	for (k = 0; k < 6; k++)
		if (bits & (1u << k)) {
			sb_addf(sb, "%s%s", first ? "" : ";", words[k]);
			first = 0;
		}
}

static void
make_pool(void)
{
	static const char *const roles[] = { "must", "willing", "no", "" };
	static const char *const flags[] = { "no", "yes", "" };
	static const char *const styles[] = { "x", "y", "z", "" };
	strbuf sb;
	char id[16];
	size_t i;

	sb_init(&sb);
	for (i = 0; i < POOL; i++) {
		mine *m = &pool[i];

		m->role = (int)rnd(4);
		m->flag = (int)rnd(3);
		m->refuses = rnd(8) < 5 ? 0 : 1u << rnd(6);
		m->is = rnd(64) & rnd(64);
		m->spec = rnd(64) & rnd(64) & rnd(64);
		m->has_cost = rnd(10) != 0;
		/* Small integers with ties, zero and negatives. */
		m->cost = (int)rnd(13) * 10 - 20;
		m->has_n = rnd(10) != 0;
		m->n = (int)rnd(30);
		m->style = (int)rnd(4);
		sb_reset(&sb);
		sb_addf(&sb, "role=%s|flag=%s|refuses=", roles[m->role],
			flags[m->flag]);
		add_list(&sb, m->refuses);
		sb_adds(&sb, "|is=");
		add_list(&sb, m->is);
		sb_adds(&sb, "|spec=");
		add_list(&sb, m->spec);
		sb_adds(&sb, "|cost=");
		if (m->has_cost)
			sb_addf(&sb, "%d", m->cost);
		sb_adds(&sb, "|n=");
		if (m->has_n)
			sb_addf(&sb, "%d", m->n);
		sb_addf(&sb, "|style=%s", styles[m->style]);
		snprintf(id, sizeof id, "R%zu", i);
		add(id, sb.buf);
	}
	sb_free(&sb);
}

/* Three-valued, as the engine: 0 false, 1 true, 2 missing. */
static int
t_not(int r)
{
	return r == 2 ? 2 : !r;
}

static int
t_both(int ta, int tb)
{
	return ta == 1 && tb == 1 ? 1 : ta == 0 || tb == 0 ? 0 : 2;
}

static int
t_either(int ta, int tb)
{
	return ta == 1 || tb == 1 ? 1 : ta == 0 && tb == 0 ? 0 : 2;
}

static int
t_and(int x, int y)
{
	return x == 0 || y == 0 ? 0 : x == 2 || y == 2 ? 2 : 1;
}

static int
t_or(int x, int y)
{
	return x == 1 || y == 1 ? 1 : x == 2 || y == 2 ? 2 : 0;
}

static int
apart_abs(int ha, int va, int hb, int vb, int tol)
{
	int lo = va < vb ? va : vb, hi = va < vb ? vb : va;

	if (!ha || !hb)
		return 2;
	return hi - lo > tol;
}

static int
apart_rel(int ha, int va, int hb, int vb, int pct)
{
	int lo = va < vb ? va : vb, hi = va < vb ? vb : va;

	if (!ha || !hb)
		return 2;
	if (lo <= 0)
		return hi != lo;
	return (hi - lo) * 100 > pct * lo;
}

static int
oracle(int rule, const mine *a, const mine *b)
{
	int role_must_a = a->role == 3 ? 2 : a->role == 0;
	int role_must_b = b->role == 3 ? 2 : b->role == 0;
	int flag_a = a->flag == 2 ? 2 : a->flag == 1;
	int flag_b = b->flag == 2 ? 2 : b->flag == 1;
	int same_style = a->style == 3 || b->style == 3 ? 2 :
							  a->style == b->style;

	switch (rule) {
	case 0: /* both role == must */
		return t_both(role_must_a, role_must_b);
	case 1: /* either flag == yes */
		return t_either(flag_a, flag_b);
	case 2: /* refuses meets is */
		return (a->refuses & b->is) || (b->refuses & a->is);
	case 3: /* spec meets */
		return (a->spec & b->spec) != 0;
	case 4: /* n apart by 2 */
		return apart_abs(a->has_n, a->n, b->has_n, b->n, 2);
	case 5: /* cost apart by 25% */
		return apart_rel(a->has_cost, a->cost, b->has_cost, b->cost,
				 25);
	case 6: /* style differ */
		return t_not(same_style);
	case 7: /* style same */
		return same_style;
	case 8: /* not same style */
		return t_not(same_style);
	case 9: /* all [same style, n apart by 2] */
		return t_and(same_style,
			     apart_abs(a->has_n, a->n, b->has_n, b->n, 2));
	case 10: /* any [both role must, either flag yes] */
		return t_or(t_both(role_must_a, role_must_b),
			    t_either(flag_a, flag_b));
	case 11: /* not both flag yes */
		return t_not(t_both(flag_a, flag_b));
	case 12: /* cost apart by 0 (any difference) */
		return apart_abs(a->has_cost, a->cost, b->has_cost, b->cost, 0);
	case 13: /* n apart by 50%, relative */
		return apart_rel(a->has_n, a->n, b->has_n, b->n, 50);
	default:
		return 0;
	}
}

static const char *const pool_rules[] = {
	"'both': {'field': 'role', 'op': '==', 'value': 'must'}",
	"'either': {'field': 'flag', 'op': '==', 'value': true}",
	"'field': 'refuses', 'op': 'meets', 'other': 'is'",
	"'field': 'spec', 'op': 'meets'",
	"'field': 'n', 'op': 'apart', 'by': 2",
	"'field': 'cost', 'op': 'apart', 'by': '25%'",
	"'field': 'style', 'op': 'differ'",
	"'field': 'style', 'op': 'same'",
	"'not': {'field': 'style', 'op': 'same'}",
	"'all': [{'field': 'style', 'op': 'same'}, {'field': 'n', 'op': 'apart',"
	" 'by': 2}]",
	"'any': [{'both': {'field': 'role', 'op': '==', 'value': 'must'}},"
	" {'either': {'field': 'flag', 'op': '==', 'value': true}}]",
	"'not': {'both': {'field': 'flag', 'op': '==', 'value': true}}",
	"'field': 'cost', 'op': 'apart', 'by': 0",
	"'field': 'n', 'op': 'apart', 'by': 50, 'relative': true",
};
#define NPOOL_RULES (sizeof pool_rules / sizeof pool_rules[0])

START_TEST(test_counts_match_brute_force)
{
	strbuf sb;
	size_t r, i, j, want, per_sev[3] = { 0, 0, 0 };
	static const char *const sevs[] = { "info", "warn", "fail" };

	sb_init(&sb);
	for (r = 0; r < NPOOL_RULES; r++) {
		sb_reset(&sb);
		sb_addf(&sb,
			"{" FIELDS
			", 'pairs': [{'id': 'r', 'severity': 'info', %s}]}",
			pool_rules[r]);
		use_rules(sb.buf);
		rng = 20240229;
		make_pool();
		want = 0;
		for (i = 0; i < POOL; i++)
			for (j = i + 1; j < POOL; j++)
				want += oracle((int)r, &pool[i], &pool[j]) == 1;
		ck_assert_uint_gt(want, 0);
		/* Only counted. */
		run_at(SEV_WARN, 0);
		if (counts[SEV_INFO] != want)
			ck_abort_msg("rule %zu counted %zu, brute force %zu", r,
				     counts[SEV_INFO], want);
		ck_assert_uint_eq(nemitted, 0);
		/* Reported: every finding emitted, and the same count. */
		run_at(SEV_INFO, 0);
		if (counts[SEV_INFO] != want || nemitted != want)
			ck_abort_msg(
			    "rule %zu reported %zu (counted %zu), brute force "
			    "%zu",
			    r, nemitted, counts[SEV_INFO], want);
		for (i = 0; i < nemitted; i++)
			if (oracle((int)r, &pool[emitted[3 * i]],
				   &pool[emitted[3 * i + 1]]) != 1)
				ck_abort_msg(
				    "rule %zu: pair %zu %zu is no finding", r,
				    emitted[3 * i], emitted[3 * i + 1]);
	}

	/* All rules at once, severities mixed: rules below warn are only
	 * counted, and the counts by severity still add up. */
	sb_reset(&sb);
	sb_adds(&sb, "{" FIELDS ", 'pairs': [");
	for (r = 0; r < NPOOL_RULES; r++)
		sb_addf(&sb, "%s{'id': 'r%zu', 'severity': '%s', %s}",
			r ? "," : "", r, sevs[r % 3], pool_rules[r]);
	sb_adds(&sb, "]}");
	use_rules(sb.buf);
	sb_free(&sb);
	rng = 20240229;
	make_pool();
	want = 0;
	for (i = 0; i < POOL; i++)
		for (j = i + 1; j < POOL; j++)
			for (r = 0; r < NPOOL_RULES; r++)
				if (oracle((int)r, &pool[i], &pool[j]) == 1) {
					per_sev[r % 3]++;
					if (r % 3 != SEV_INFO)
						want++;
				}
	run_at(SEV_WARN, 0);
	ck_assert_uint_eq(counts[SEV_INFO], per_sev[SEV_INFO]);
	ck_assert_uint_eq(counts[SEV_WARN], per_sev[SEV_WARN]);
	ck_assert_uint_eq(counts[SEV_FAIL], per_sev[SEV_FAIL]);
	ck_assert_uint_eq(nemitted, want);
	for (i = 0; i < nemitted; i++) {
		ck_assert_uint_ne(emitted[3 * i + 2] % 3, SEV_INFO);
		ck_assert_int_eq(oracle((int)emitted[3 * i + 2],
					&pool[emitted[3 * i]],
					&pool[emitted[3 * i + 1]]),
				 1);
		if (i) {
			const size_t *p = emitted + 3 * (i - 1),
				     *q = emitted + 3 * i;

			ck_assert(
			    p[0] < q[0] ||
			    (p[0] == q[0] &&
			     (p[1] < q[1] || (p[1] == q[1] && p[2] < q[2]))));
		}
	}
}
END_TEST

/* ---- messages: collected while walking the index, or merged ---- */

/* The findings of rule r alone, reported; with forced, beside a rule that
 * no index can enumerate and that never holds, which makes the engine
 * evaluate every pair and merge the lists of a meets again for each
 * message, as it did before it collected them while walking the index.
 * Either way the fragments of a message are made once per partner and
 * kept.  Returns a copy of the findings, one a line; the caller frees. */
static char *
findings_of(const char *rule, int forced)
{
	strbuf sb;

	sb_init(&sb);
	sb_addf(&sb,
		"{" FIELDS ", 'pairs': [{'id': 'r', 'severity': 'fail', %s}",
		rule);
	if (forced)
		sb_adds(&sb, ", {'id': 'never', 'severity': 'fail', 'field': "
			     "'n', 'op': 'apart', 'by': 1000}");
	sb_adds(&sb, "]}");
	use_rules(sb.buf);
	rng = 20240229;
	make_pool();
	sb_free(&sb);
	run_at(SEV_FAIL, 0);
	return xstrndup(out.buf, out.len);
}

START_TEST(test_messages_walked_and_merged_agree)
{
	size_t r;

	for (r = 0; r < NPOOL_RULES; r++) {
		char *walked = findings_of(pool_rules[r], 0);
		char *merged = findings_of(pool_rules[r], 1);

		/* the oracle's pairs hold: neither run is empty */
		ck_assert_uint_gt(strlen(walked), 0);
		if (strcmp(walked, merged))
			ck_abort_msg("rule %zu: walked\n%s\nmerged\n%s", r,
				     walked, merged);
		free(walked);
		free(merged);
	}
}
END_TEST

/* A partner's fragment is made once and kept: a second run of the same
 * engine, the fragments all made, says the same; with labels switched
 * on, they are made again in the labels' words, as a new engine says. */
START_TEST(test_fragments_kept_and_remade)
{
	pair_engine *pe;
	char *first;

	use_rules("{'fields': {'style': {'type': 'string', 'label': "
		  "'House style'}, 'n': {'type': 'number', 'label': 'Size'}},"
		  " 'pairs': [{'id': 'd', 'severity': 'fail', 'field': "
		  "'style', 'op': 'differ'}, {'id': 'a', 'severity': 'fail', "
		  "'field': 'n', 'op': 'apart', 'by': 1}]}");
	add("P1", "style=x|n=1");
	add("P2", "style=y|n=5");
	add("P3", "style=x|n=9");
	pe = pairs_new(rs, &ps, 0);
	sb_reset(&out);
	pairs_run(pe, SEV_FAIL, collect, &ps, counts);
	first = xstrndup(out.buf, out.len);
	ck_assert_str_eq(
	    first, "P1 P2 d: style differs: x (P1), y (P2)\n"
		   "P1 P2 a: n is 1 for P1 and 5 for P2: apart by 4, more "
		   "than 1\n"
		   "P1 P3 a: n is 1 for P1 and 9 for P3: apart by 8, more "
		   "than 1\n"
		   "P2 P3 d: style differs: y (P2), x (P3)\n"
		   "P2 P3 a: n is 5 for P2 and 9 for P3: apart by 4, more "
		   "than 1");
	sb_reset(&out);
	pairs_run(pe, SEV_FAIL, collect, &ps, counts);
	ck_assert_str_eq(out.buf, first);
	pairs_use_labels(pe, 1);
	sb_reset(&out);
	pairs_run(pe, SEV_FAIL, collect, &ps, counts);
	ck_assert_str_eq(out.buf,
			 "P1 P2 d: House style differs: x (P1), y (P2)\n"
			 "P1 P2 a: Size is 1 for P1 and 5 for P2: apart by 4, "
			 "more than 1\n"
			 "P1 P3 a: Size is 1 for P1 and 9 for P3: apart by 8, "
			 "more than 1\n"
			 "P2 P3 d: House style differs: y (P2), x (P3)\n"
			 "P2 P3 a: Size is 5 for P2 and 9 for P3: apart by 4, "
			 "more than 1");
	free(first);
	pairs_free(pe);
}
END_TEST

static Suite *
pairs_suite(void)
{
	Suite *s = suite_create("pairs");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_partner_set);
	tcase_add_test(tc, test_partner_set_grows);
	tcase_add_test(tc, test_both);
	tcase_add_test(tc, test_either);
	tcase_add_test(tc, test_meets);
	tcase_add_test(tc, test_meets_within_one_list);
	tcase_add_test(tc, test_apart_absolute);
	tcase_add_test(tc, test_apart_relative);
	tcase_add_test(tc, test_apart_large);
	tcase_add_test(tc, test_apart_formula_and_dates);
	tcase_add_test(tc, test_differ_and_same);
	tcase_add_test(tc, test_combinations);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_no_partners);
	tcase_add_test(tc, test_rule_set_untouched);
	tcase_add_test(tc, test_counts_match_brute_force);
	tcase_add_test(tc, test_messages_walked_and_merged_agree);
	tcase_add_test(tc, test_fragments_kept_and_remade);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(pairs_suite)
