#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "ops.h"
#include "rules.h"
#include "strbuf.h"
#include "testutil.h"
#include "xalloc.h"

/*
 * Loading rule sets: the embedded default, small valid sets section by
 * section, and invalid ones with every message exact and in order.
 *
 * Rule text is written with single quotes for readability; q() turns them
 * into double quotes before parsing (no test needs a literal ').
 */

static ruleset *rs;
static diaglist dl;
static strbuf joined;

static void
setup(void)
{
	rs = NULL;
	memset(&dl, 0, sizeof dl);
	sb_init(&joined);
}

static void
teardown(void)
{
	rules_free(rs);
	rs = NULL;
	diaglist_free(&dl);
	sb_free(&joined);
}

/* Parses s[0..len) from an exact-size heap copy (ASan sees overreads). */
static ruleset *
parse_raw(const char *s, size_t len)
{
	char *copy = xmalloc(len ? len : 1);

	memcpy(copy, s, len);
	rules_free(rs);
	diaglist_free(&dl);
	rs = rules_parse("r.json", copy, len, &dl);
	free(copy);
	return rs;
}

static ruleset *
parse_q(const char *text)
{
	char *s = xstrdup(text), *p;
	ruleset *r;

	for (p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	r = parse_raw(s, strlen(s));
	free(s);
	return r;
}

/* Every message, one a line, or "accepted" when the rule set loads. */
static const char *
joined_msgs(void)
{
	size_t i;

	sb_reset(&joined);
	if (rs) {
		ck_assert_uint_eq(dl.n, 0);
		return "accepted";
	}
	ck_assert_uint_gt(dl.n, 0);
	for (i = 0; i < dl.n; i++) {
		if (i)
			sb_addc(&joined, '\n');
		sb_adds(&joined, dl.msgs[i]);
	}
	return joined.buf;
}

static const char *
errors(const char *text)
{
	parse_q(text);
	return joined_msgs();
}

static const char *
errors_raw(const char *s, size_t len)
{
	parse_raw(s, len);
	return joined_msgs();
}

/* The rule set, which must load without a message. */
static ruleset *
ok(const char *text)
{
	if (!parse_q(text))
		ck_abort_msg("rejected: %s", joined_msgs());
	ck_assert_uint_eq(dl.n, 0);
	return rs;
}

#define FIELDS \
	"'fields': {'n': 'number', 'i': 'integer', 's': 'string', 't': 'list', " \
	"'u': {'type': 'list', 'separator': '|'}, 'd': 'date', " \
	"'b': 'boolean', 'm': 'money', 'p': 'percent', " \
	"'g': {'type': 'ordinal', 'levels': ['D', 'C', 'B', 'A']}, " \
	"'e': {'type': 'enum', 'values': ['x', 'y']}, " \
	"'d2': {'type': 'date', 'format': 'DD/MM/YYYY'}}"
/* A rule set with FIELDS and one check with id a.b and the body given. */
#define CHECK(body) "{" FIELDS ", 'checks': [{'id': 'a.b', " body "}]}"
#define ONE_CHECK "'checks': [{'id': 'a.b', 'field': 'n', 'op': 'present'}]"
#define PAIR(body) "{" FIELDS ", 'pairs': [{'id': 'p', " body "}]}"
#define CONS(body) "{" FIELDS ", 'consortium': [{'id': 'c', " body "}]}"

static const char *const type_list =
    "(known: string, integer, number, money, percent, boolean, ordinal, "
    "enum, list, date)";

/* ---- valid rule sets ---- */

START_TEST(test_default_rules)
{
	static const char *const cats[] = { "quality",    "viability",
					    "insurance",  "commitment",
					    "governance", "purpose",
					    "added_value" };
	size_t i;

	rs = rules_parse("<default rules>", default_rules_json,
			 strlen(default_rules_json), &dl);
	ck_assert_ptr_nonnull(rs);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_str_eq(rs->name, "collaborate");
	ck_assert_uint_eq(rs->nfields, 25);
	ck_assert_uint_eq(rs->nchecks, 15);
	ck_assert_uint_eq(rs->npairs, 5);
	ck_assert_uint_eq(rs->ncons, 7);
	ck_assert_uint_eq(rs->ncontract, 3);
	ck_assert_uint_eq(rs->nwaivers, 0);
	ck_assert_int_eq(rs->has_min_score, 0);
	ck_assert_uint_eq(rs->ncategories, 7);
	for (i = 0; i < 7; i++)
		ck_assert_str_eq(rs->categories[i], cats[i]);
	/* no fixed delimiter: a semicolon export (or "sep=;") is read as
	 * such, found from its header line */
	ck_assert_int_eq(rs->delimiter, 0);
	ck_assert_int_eq(rs->enc, ENC_UTF8);
	ck_assert_str_eq(rs->id_column, "id");
	ck_assert_str_eq(rs->name_column, "name");
	ck_assert_str_eq(rs->fields[0].name, "qaf_level");
	ck_assert_int_eq(rs->fields[0].type.type, FT_ORDINAL);
	ck_assert_uint_eq(rs->fields[0].type.nlevels, 4);
	ck_assert_str_eq(rs->checks[0].id, "quality.qaf");
	ck_assert_int_eq(rs->checks[0].test->op, C_GE);
	ck_assert_double_eq(rs->checks[0].test->args[0].num, 2);
	ck_assert_str_eq(rs->pairs[1].id, "conflict.deal_breaker");
	ck_assert_int_eq(rs->pairs[1].test->op, C_MEETS);
	ck_assert_int_eq(rs->pairs[1].test->field,
			 rules_field(rs, "deal_breakers"));
	ck_assert_int_eq(rs->pairs[1].test->field2, rules_field(rs, "tags"));
	ck_assert_int_eq(rs->pairs[2].test->relative, 1);
	ck_assert_double_eq(rs->pairs[2].test->tolerance, 25);
	ck_assert_int_eq(rs->cons[3].kind, AGG_COUNT_WHERE);
	ck_assert_int_eq(rs->cons[4].kind, AGG_COVERAGE);
	ck_assert_str_eq(rs->cons[4].required_ref, "required_specialisms");
	ck_assert_str_eq(rs->cons[5].min_ref, "capacity_needed");
	ck_assert_int_eq(rs->cons[6].kind, AGG_DISTINCT);
	ck_assert_uint_eq(rs->cons[6].nfields, 2);
	ck_assert_str_eq(rs->contract[0].key, "required_specialisms");
	ck_assert_uint_eq(rs->contract[0].nitems, 0);
}
END_TEST

START_TEST(test_empty_rule_set)
{
	ok("{}");
	ck_assert_ptr_null(rs->name);
	ck_assert_uint_eq(rs->nfields, 0);
	ck_assert_uint_eq(rs->nchecks, 0);
	ck_assert_uint_eq(rs->npairs, 0);
	ck_assert_uint_eq(rs->ncons, 0);
	ck_assert_uint_eq(rs->ncontract, 0);
	ck_assert_uint_eq(rs->nwaivers, 0);
	ck_assert_uint_eq(rs->ncategories, 0);
	/* no delimiter fixed: the reader finds it from the header */
	ck_assert_int_eq(rs->delimiter, 0);
	ck_assert_int_eq(rs->enc, ENC_UTF8);
	ck_assert_ptr_null(rs->id_column);
	ck_assert_ptr_null(rs->name_column);
	ck_assert_int_eq(rs->has_min_score, 0);
	ok(" {\n\t'partnercheck': 1, '$schema': 'x', 'description': 'd', "
	   "'name': 'mine', 'min_score': 0} \r\n");
	ck_assert_str_eq(rs->name, "mine");
	ck_assert_int_eq(rs->has_min_score, 1);
	ck_assert_double_eq(rs->min_score, 0);
	ok("{'min_score': 72.5}");
	ck_assert_double_eq(rs->min_score, 72.5);
	ok("{'min_score': 100}");
	ck_assert_double_eq(rs->min_score, 100);
}
END_TEST

START_TEST(test_fields_valid)
{
	const field_def *f;

	ok("{'fields': {'a': 'string', 'b_2': {'type': 'money', 'column': "
	   "'B (\xc2\xa3)', 'description': 'x'}, '_c.d': 'list', "
	   "'e': {'type': 'list', 'separator': ' | '}, "
	   "'f': {'type': 'date', 'format': 'D MMMM YYYY'}, "
	   "'g': {'type': 'ordinal', 'levels': ['low', 'high']}, "
	   "'h': {'type': 'enum', 'values': ['x']}}}");
	ck_assert_uint_eq(rs->nfields, 7);
	f = &rs->fields[0];
	ck_assert_str_eq(f->name, "a");
	ck_assert_str_eq(f->column, "a");
	ck_assert_int_eq(f->type.type, FT_STRING);
	ck_assert_ptr_null(f->type.separator);
	f = &rs->fields[1];
	ck_assert_str_eq(f->name, "b_2");
	ck_assert_str_eq(f->column, "B (\xc2\xa3)");
	ck_assert_int_eq(f->type.type, FT_MONEY);
	f = &rs->fields[2];
	ck_assert_str_eq(f->name, "_c.d");
	ck_assert_int_eq(f->type.type, FT_LIST);
	ck_assert_str_eq(f->type.separator, ";");
	ck_assert_str_eq(rs->fields[3].type.separator, " | ");
	ck_assert_str_eq(rs->fields[4].type.date_format, "D MMMM YYYY");
	ck_assert_ptr_null(rs->fields[0].type.date_format);
	f = &rs->fields[5];
	ck_assert_uint_eq(f->type.nlevels, 2);
	ck_assert_str_eq(f->type.levels[0], "low");
	ck_assert_str_eq(f->type.levels[1], "high");
	ck_assert_int_eq(rs->fields[6].type.type, FT_ENUM);
	ck_assert_uint_eq(rs->fields[6].type.nlevels, 1);
	ck_assert_int_eq(rules_field(rs, "_c.d"), 2);
	ck_assert_int_eq(rules_field(rs, "h"), 6);
	ck_assert_int_eq(rules_field(rs, "H"), -1);
	ck_assert_int_eq(rules_field(rs, "B (\xc2\xa3)"), -1);
}
END_TEST

START_TEST(test_checks_valid)
{
	const check *c;

	ok("{" FIELDS ", 'checks': ["
	   "{'id': 'viability.reserves', 'field': 'n', 'op': '>=', 'value': 3},"
	   "{'id': 'plain', 'field': 's', 'op': 'present', 'severity': 'warn',"
	   " 'weight': 2.5, 'missing': 'skip', 'title': 'T', 'rationale': 'R'},"
	   "{'id': 'x.y.z', 'category': 'Mine', 'field': 'b', 'op': '==',"
	   " 'value': true, 'severity': 'info', 'weight': 0, 'missing': 'pass',"
	   " 'when': {'field': 'e', 'op': '==', 'value': 'Y'}},"
	   "{'id': 'viability.more', 'all': [{'field': 'm', 'op': '>',"
	   " 'value': 5000000}, {'not': {'field': 't', 'op': 'is empty'}}]},"
	   "{'id': 'x.two', 'missing': 'fail', 'expr': 'n / 2 + years_since(d)',"
	   " 'op': 'between', 'value': [-1.5, 2]}]}");
	ck_assert_uint_eq(rs->nchecks, 5);
	c = &rs->checks[0];
	ck_assert_str_eq(c->id, "viability.reserves");
	ck_assert_str_eq(c->category, "viability");
	ck_assert_int_eq(c->cat, 0);
	ck_assert_int_eq(c->sev, SEV_FAIL);
	ck_assert_double_eq(c->weight, 1);
	ck_assert_int_eq(c->missing, MISSING_FAIL);
	ck_assert_ptr_null(c->when);
	ck_assert_ptr_null(c->title);
	ck_assert_ptr_null(c->rationale);
	ck_assert_int_eq(c->test->op, C_GE);
	ck_assert_int_eq(c->test->field, rules_field(rs, "n"));
	ck_assert_ptr_null(c->test->expr);
	ck_assert_str_eq(c->test->subject, "n");
	ck_assert_uint_eq(c->test->nargs, 1);
	ck_assert_double_eq(c->test->args[0].num, 3);
	ck_assert_str_eq(c->test->args[0].text, "3");
	ck_assert_uint_eq(c->test->args[0].len, 1);

	c = &rs->checks[1];
	ck_assert_str_eq(c->category, "general");
	ck_assert_int_eq(c->cat, 1);
	ck_assert_int_eq(c->sev, SEV_WARN);
	ck_assert_double_eq(c->weight, 2.5);
	ck_assert_int_eq(c->missing, MISSING_SKIP);
	ck_assert_str_eq(c->title, "T");
	ck_assert_str_eq(c->rationale, "R");
	ck_assert_int_eq(c->test->op, C_PRESENT);
	ck_assert_uint_eq(c->test->nargs, 0);

	c = &rs->checks[2];
	ck_assert_str_eq(c->category, "Mine");
	ck_assert_int_eq(c->cat, 2);
	ck_assert_int_eq(c->sev, SEV_INFO);
	ck_assert_double_eq(c->weight, 0);
	ck_assert_int_eq(c->missing, MISSING_PASS);
	ck_assert_double_eq(c->test->args[0].num, 1);
	ck_assert_str_eq(c->test->args[0].text, "yes");
	ck_assert_ptr_nonnull(c->when);
	ck_assert_int_eq(c->when->op, C_EQ);
	ck_assert_double_eq(c->when->args[0].num,
			    1); /* 'Y' is the enum's 'y' */
	ck_assert_str_eq(c->when->args[0].text, "Y");

	c = &rs->checks[3];
	ck_assert_int_eq(c->cat, 0); /* viability again */
	ck_assert_int_eq(c->test->op, C_ALL);
	ck_assert_uint_eq(c->test->nkids, 2);
	/* Money thresholds read as amounts. */
	ck_assert_str_eq(c->test->kids[0]->args[0].text, "5,000,000");
	ck_assert_double_eq(c->test->kids[0]->args[0].num, 5000000);
	ck_assert_int_eq(c->test->kids[1]->op, C_NOT);
	ck_assert_uint_eq(c->test->kids[1]->nkids, 1);
	ck_assert_int_eq(c->test->kids[1]->kids[0]->op, C_EMPTY);

	c = &rs->checks[4];
	ck_assert_str_eq(c->category, "x");
	ck_assert_int_eq(c->cat, 2 + 1);
	ck_assert_int_eq(c->test->field, -1);
	ck_assert_ptr_nonnull(c->test->expr);
	ck_assert_str_eq(c->test->subject, "n / 2 + years_since(d)");
	ck_assert_uint_eq(c->test->nargs, 2);
	ck_assert_str_eq(c->test->args[0].text, "-1.5");
	ck_assert_str_eq(c->test->args[1].text, "2");

	ck_assert_uint_eq(rs->ncategories, 4);
	ck_assert_str_eq(rs->categories[0], "viability");
	ck_assert_str_eq(rs->categories[1], "general");
	ck_assert_str_eq(rs->categories[2], "Mine");
	ck_assert_str_eq(rs->categories[3], "x");
	ck_assert_int_eq(rules_check(rs, "x.two"), 4);
	ck_assert_int_eq(rules_check(rs, "plain"), 1);
	ck_assert_int_eq(rules_check(rs, "x"), -1);
	ck_assert_int_eq(rules_check(rs, "Plain"), -1);
}
END_TEST

START_TEST(test_operands_valid)
{
	const cond *c;

	ok(CHECK("'any': ["
		 "{'field': 'm', 'op': 'between', 'value': [-1234567.5, 1000]},"
		 "{'field': 'n', 'op': '<', 'value': 5000000},"
		 "{'field': 'd', 'op': '>=', 'value': '2020-01-31'},"
		 "{'field': 'd2', 'op': '<', 'value': '31/01/2020'},"
		 "{'field': 'd2', 'op': '<', 'value': '2020-01-31'},"
		 "{'field': 'g', 'op': 'in', 'value': ['b', 'A']},"
		 "{'field': 'p', 'op': '<=', 'value': '45%'},"
		 "{'field': 's', 'op': 'not in', 'value': [1, 'two']},"
		 "{'field': 't', 'op': 'contains all', 'value': ['a', 2]},"
		 "{'field': 's', 'op': 'matches', 'value': '^[A-Z]+$'},"
		 "{'field': 'i', 'op': '==', 'value': 9007199254740991},"
		 "{'field': 'n', 'op': '!=', 'value': -9007199254740991}"
		 "]"));
	c = rs->checks[0].test;
	ck_assert_uint_eq(c->nkids, 12);
	ck_assert_str_eq(c->kids[0]->args[0].text, "-1,234,567.5");
	ck_assert_str_eq(c->kids[0]->args[1].text, "1,000");
	ck_assert_str_eq(c->kids[1]->args[0].text, "5000000");
	ck_assert_double_eq(c->kids[2]->args[0].num,
			    days_from_civil(2020, 1, 31));
	ck_assert_double_eq(c->kids[3]->args[0].num,
			    days_from_civil(2020, 1, 31));
	ck_assert_double_eq(c->kids[4]->args[0].num,
			    days_from_civil(2020, 1, 31));
	ck_assert_double_eq(c->kids[5]->args[0].num, 2);
	ck_assert_double_eq(c->kids[5]->args[1].num, 3);
	ck_assert_double_eq(c->kids[6]->args[0].num, 45);
	ck_assert_str_eq(c->kids[6]->args[0].text, "45%");
	ck_assert_str_eq(c->kids[7]->args[0].text, "1");
	ck_assert_str_eq(c->kids[7]->args[1].text, "two");
	ck_assert_str_eq(c->kids[8]->args[1].text, "2");
	ck_assert_ptr_nonnull(c->kids[9]->re);
	ck_assert_str_eq(c->kids[9]->args[0].text, "^[A-Z]+$");
	ck_assert_double_eq(c->kids[10]->args[0].num, 9007199254740991.0);
	ck_assert_double_eq(c->kids[11]->args[0].num, -9007199254740991.0);
	/* A number is no enum value: it is parsed as the enum's text. */
	ck_assert_str_eq(errors(CHECK("'field': 'e', 'op': '!=', 'value': 1")),
			 "r.json: checks[0].value: '1' is not one of x, y");
}
END_TEST

START_TEST(test_sections_valid)
{
	const pair_rule *p;
	const cons_rule *k;

	ok("{" FIELDS ","
	   "'input': {'delimiter': 'tab', 'encoding': 'CP1252', 'id': 'ID',"
	   " 'name': 'Name'},"
	   "'contract': {'need': 100, 'codes': ['a', 'b'], 'note': 'text',"
	   " 'none': []},"
	   "'checks': [{'id': 'q.one', 'field': 'n', 'op': 'present'}],"
	   "'pairs': ["
	   " {'id': 'p.both', 'both': {'field': 'e', 'op': '==', 'value': 'x'}},"
	   " {'id': 'p.meets', 'severity': 'warn', 'field': 't', 'op': 'meets',"
	   "  'other': 'u'},"
	   " {'id': 'p.self', 'field': 't', 'op': 'meets'},"
	   " {'id': 'p.apart', 'severity': 'info', 'field': 'm', 'op': 'apart',"
	   "  'by': 2.5},"
	   " {'id': 'p.rel', 'field': 'n', 'op': 'apart', 'by': 10,"
	   "  'relative': true},"
	   " {'id': 'p.pct', 'expr': 'n * 2', 'op': 'apart', 'by': '12.5%'},"
	   " {'id': 'p.any', 'any': [{'field': 's', 'op': 'differ'},"
	   "  {'not': {'field': 'g', 'op': 'same'}},"
	   "  {'either': {'field': 'b', 'op': '==', 'value': false}}]}],"
	   "'consortium': ["
	   " {'id': 'c.count', 'aggregate': 'count', 'min': 2, 'max': 8,"
	   "  'message': 'm', 'severity': 'warn'},"
	   " {'id': 'c.where', 'aggregate': 'count', 'where': {'field': 'e',"
	   "  'op': 'in', 'value': ['x']}, 'min': 1},"
	   " {'id': 'c.sum', 'aggregate': 'sum', 'field': 'p', 'max': 100},"
	   " {'id': 'c.min', 'aggregate': 'min', 'field': 'm',"
	   "  'min': 'contract.need'},"
	   " {'id': 'c.max', 'aggregate': 'max', 'field': 'i',"
	   "  'max': 'contract.cap'},"
	   " {'id': 'c.cov', 'aggregate': 'coverage', 'field': 't',"
	   "  'required': ['a', 'b']},"
	   " {'id': 'c.covref', 'aggregate': 'coverage', 'field': 'u',"
	   "  'required': 'contract.codes'},"
	   " {'id': 'c.dist', 'aggregate': 'distinct', 'fields': ['t', 'u']}],"
	   "'waivers': ["
	   " {'partner': 'P1', 'rule': 'q.one', 'reason': 'agreed'},"
	   " {'partner': 'P2', 'rule': 'q.one', 'reason': 'board',"
	   "  'expires': '2024-02-29'}],"
	   "'min_score': 50}");
	ck_assert_int_eq(rs->delimiter, '\t');
	ck_assert_int_eq(rs->enc, ENC_WINDOWS_1252);
	ck_assert_str_eq(rs->id_column, "ID");
	ck_assert_str_eq(rs->name_column, "Name");

	ck_assert_uint_eq(rs->ncontract, 4);
	ck_assert_ptr_eq(rules_contract(rs, "need"), &rs->contract[0]);
	ck_assert_int_eq(rs->contract[0].is_num, 1);
	ck_assert_double_eq(rs->contract[0].num, 100);
	ck_assert_uint_eq(rs->contract[1].nitems, 2);
	ck_assert_str_eq(rs->contract[1].items[1], "b");
	ck_assert_int_eq(rs->contract[1].is_num, 0);
	ck_assert_str_eq(rs->contract[2].text, "text");
	ck_assert_uint_eq(rs->contract[3].nitems, 0);
	ck_assert_ptr_null(rules_contract(rs, "cap"));
	ck_assert_ptr_null(rules_contract(rs, "Need"));

	ck_assert_uint_eq(rs->npairs, 7);
	p = &rs->pairs[0];
	ck_assert_int_eq(p->sev, SEV_FAIL);
	ck_assert_int_eq(p->test->op, C_BOTH);
	ck_assert_uint_eq(p->test->nkids, 1);
	ck_assert_int_eq(p->test->kids[0]->op, C_EQ);
	p = &rs->pairs[1];
	ck_assert_int_eq(p->sev, SEV_WARN);
	ck_assert_int_eq(p->test->field, rules_field(rs, "t"));
	ck_assert_int_eq(p->test->field2, rules_field(rs, "u"));
	ck_assert_int_eq(rs->pairs[2].test->field2, rules_field(rs, "t"));
	p = &rs->pairs[3];
	ck_assert_int_eq(p->sev, SEV_INFO);
	ck_assert_int_eq(p->test->op, C_APART);
	ck_assert_double_eq(p->test->tolerance, 2.5);
	ck_assert_int_eq(p->test->relative, 0);
	ck_assert_int_eq(rs->pairs[4].test->relative, 1);
	ck_assert_double_eq(rs->pairs[4].test->tolerance, 10);
	ck_assert_int_eq(rs->pairs[5].test->relative, 1);
	ck_assert_double_eq(rs->pairs[5].test->tolerance, 12.5);
	ck_assert_ptr_nonnull(rs->pairs[5].test->expr);
	p = &rs->pairs[6];
	ck_assert_int_eq(p->test->op, C_ANY);
	ck_assert_int_eq(p->test->kids[0]->op, C_DIFFER);
	ck_assert_int_eq(p->test->kids[1]->kids[0]->op, C_SAME);
	ck_assert_int_eq(p->test->kids[2]->op, C_EITHER);

	ck_assert_uint_eq(rs->ncons, 8);
	k = &rs->cons[0];
	ck_assert_int_eq(k->kind, AGG_COUNT);
	ck_assert_int_eq(k->sev, SEV_WARN);
	ck_assert_int_eq(k->has_min, 1);
	ck_assert_int_eq(k->has_max, 1);
	ck_assert_double_eq(k->min, 2);
	ck_assert_double_eq(k->max, 8);
	ck_assert_str_eq(k->message, "m");
	ck_assert_int_eq(k->field, -1);
	k = &rs->cons[1];
	ck_assert_int_eq(k->kind, AGG_COUNT_WHERE);
	ck_assert_int_eq(k->sev, SEV_FAIL);
	ck_assert_int_eq(k->where->op, C_IN);
	ck_assert_int_eq(k->has_max, 0);
	ck_assert_int_eq(rs->cons[2].kind, AGG_SUM);
	ck_assert_int_eq(rs->cons[2].field, rules_field(rs, "p"));
	k = &rs->cons[3];
	ck_assert_int_eq(k->kind, AGG_MIN);
	ck_assert_int_eq(k->has_min, 1);
	ck_assert_str_eq(k->min_ref, "need");
	k = &rs->cons[4];
	ck_assert_int_eq(k->kind, AGG_MAX);
	ck_assert_str_eq(k->max_ref, "cap"); /* resolved at run time */
	k = &rs->cons[5];
	ck_assert_int_eq(k->kind, AGG_COVERAGE);
	ck_assert_uint_eq(k->nrequired, 2);
	ck_assert_str_eq(k->required[0], "a");
	ck_assert_ptr_null(k->required_ref);
	ck_assert_str_eq(rs->cons[6].required_ref, "codes");
	k = &rs->cons[7];
	ck_assert_int_eq(k->kind, AGG_DISTINCT);
	ck_assert_uint_eq(k->nfields, 2);
	ck_assert_int_eq(k->fields[1], rules_field(rs, "u"));

	ck_assert_uint_eq(rs->nwaivers, 2);
	ck_assert_str_eq(rs->waivers[0].partner, "P1");
	ck_assert_str_eq(rs->waivers[0].rule, "q.one");
	ck_assert_str_eq(rs->waivers[0].reason, "agreed");
	ck_assert_int_eq(rs->waivers[0].has_expiry, 0);
	ck_assert_str_eq(rs->waivers[0].origin, "r.json: waivers[0]");
	ck_assert_int_eq(rs->waivers[1].has_expiry, 1);
	ck_assert_int_eq(rs->waivers[1].expires, days_from_civil(2024, 2, 29));
	ck_assert_str_eq(rs->waivers[1].origin, "r.json: waivers[1]");
	ck_assert_double_eq(rs->min_score, 50);

	ok("{'input': {'delimiter': ';'}}");
	ck_assert_int_eq(rs->delimiter, ';');
	ok("{'input': {'delimiter': 'semicolon', 'encoding': 'latin1'}}");
	ck_assert_int_eq(rs->delimiter, ';');
	ck_assert_int_eq(rs->enc, ENC_ISO_8859_1);
	ok("{'input': {'delimiter': 'comma', 'encoding': 'utf8'}}");
	ck_assert_int_eq(rs->delimiter, ',');
	ck_assert_int_eq(rs->enc, ENC_UTF8);
	ok("{'input': {'delimiter': '\\t'}}");
	ck_assert_int_eq(rs->delimiter, '\t');
}
END_TEST

/* ---- syntax and encoding ---- */

START_TEST(test_json_syntax)
{
	ck_assert_str_eq(errors_raw("", 0),
			 "r.json:1:1: malformed JSON: unexpected end of file");
	ck_assert_str_eq(
	    errors("{\n  'name': 'x',\n}"),
	    "r.json:3:1: malformed JSON: a trailing comma is not allowed");
	ck_assert_str_eq(
	    errors("{'checks': [\n  {'id': 1},\n  {'id': 2},\n]}"),
	    "r.json:4:1: malformed JSON: a trailing comma is not allowed");
	ck_assert_str_eq(errors("{\n'a': 1\n'b': 2}"),
			 "r.json:3:1: malformed JSON: expected ',' or '}'");
	ck_assert_str_eq(
	    errors("{'a' 1}"),
	    "r.json:1:6: malformed JSON: expected ':' after the key");
	ck_assert_str_eq(
	    errors("{'a': 01}"),
	    "r.json:1:8: malformed JSON: a number must not start with 0");
	ck_assert_str_eq(
	    errors("{'a': [1.]}"),
	    "r.json:1:10: malformed JSON: a digit must follow the decimal point");
	ck_assert_str_eq(
	    errors("{'a': .5}"),
	    "r.json:1:7: malformed JSON: expected a value (a string, number, "
	    "object, array, true, false or null)");
	ck_assert_str_eq(errors("{'a': -}"),
			 "r.json:1:8: malformed JSON: invalid number");
	ck_assert_str_eq(
	    errors("{'a': 1e}"),
	    "r.json:1:9: malformed JSON: a digit must follow the exponent");
	ck_assert_str_eq(
	    errors("{'a': '\\x'}"),
	    "r.json:1:9: malformed JSON: invalid escape in a string");
	ck_assert_str_eq(
	    errors("{'a': '\\u12'}"),
	    "r.json:1:9: malformed JSON: \\u needs four hex digits");
	ck_assert_str_eq(
	    errors("{'a':\n\t'x\ty'}"),
	    "r.json:2:4: malformed JSON: control character 0x09 inside a "
	    "string (write it as an escape)");
	ck_assert_str_eq(
	    errors("{'a': 1} x"),
	    "r.json:1:10: malformed JSON: unexpected text after the end of "
	    "the document");
	ck_assert_str_eq(errors_raw("{\"a\":\0 1}", 9),
			 "r.json:1:6: malformed JSON: control character 0x00");
	ck_assert_str_eq(errors_raw("{\"a\": 1}\n\0", 10),
			 "r.json:2:1: malformed JSON: control character 0x00");
	ck_assert_str_eq(errors("[1, 2"),
			 "r.json:1:6: malformed JSON: unexpected end of file");
	/* Columns count characters, not bytes. */
	ck_assert_str_eq(
	    errors("{'\xc3\xa9\xe2\x82\xac': x}"),
	    "r.json:1:8: malformed JSON: expected a value (a string, number, "
	    "object, array, true, false or null)");
	/* CR LF line ends count one line. */
	ck_assert_str_eq(
	    errors("{\r\n'a': 1,\r\n}"),
	    "r.json:3:1: malformed JSON: a trailing comma is not allowed");
}
END_TEST

START_TEST(test_nesting_limit)
{
	strbuf sb;
	size_t i;

	sb_init(&sb);
	sb_adds(&sb, "{'x': ");
	for (i = 0; i < 512; i++)
		sb_addc(&sb, '[');
	for (i = 0; i < 512; i++)
		sb_addc(&sb, ']');
	sb_adds(&sb, "}");
	/* 513 levels in all: the object and 512 arrays. */
	ck_assert_str_eq(
	    errors(sb.buf),
	    "r.json:1:518: malformed JSON: nested more than 512 levels deep");
	sb_reset(&sb);
	sb_adds(&sb, "{'x': ");
	for (i = 0; i < 511; i++)
		sb_addc(&sb, '[');
	for (i = 0; i < 511; i++)
		sb_addc(&sb, ']');
	sb_adds(&sb, "}");
	ck_assert_str_eq(errors(sb.buf), "r.json: x: unknown key 'x'");
	sb_free(&sb);
}
END_TEST

START_TEST(test_utf8_and_bom)
{
	ck_assert_str_eq(
	    errors("{'name': 'caf\xe9'}"),
	    "r.json:1:14: invalid UTF-8 (byte 0xE9); rule files are UTF-8");
	ck_assert_str_eq(
	    errors("{\n 'name':\n  '\xc3\xa9\xc3'}"),
	    "r.json:3:5: invalid UTF-8 (byte 0xC3); rule files are UTF-8");
	ck_assert_str_eq(
	    errors("{'name': '\xc0\xaf'}"),
	    "r.json:1:11: invalid UTF-8 (byte 0xC0); rule files are UTF-8");
	ck_assert_str_eq(
	    errors("{'name': '\xed\xa0\x80'}"),
	    "r.json:1:11: invalid UTF-8 (byte 0xED); rule files are UTF-8");
	/* UTF-8 comes first, then syntax. */
	ck_assert_str_eq(
	    errors("{,\xff}"),
	    "r.json:1:3: invalid UTF-8 (byte 0xFF); rule files are UTF-8");
	/* A byte order mark is accepted and is not JSON. */
	ok("\xef\xbb\xbf{'name': 'bom'}");
	ck_assert_str_eq(rs->name, "bom");
	ok("\xef\xbb\xbf {}\n");
	/* (Errors on the BOM's own line are not checked by column: see the
	 * report on locate() counting the BOM as a character.) */
	ck_assert_str_eq(
	    errors("\xef\xbb\xbf{\n,}"),
	    "r.json:2:1: malformed JSON: expected a key (a string)");
	/* Only at the start. */
	ck_assert_str_eq(
	    errors(" \xef\xbb\xbf{}"),
	    "r.json:1:2: malformed JSON: expected a value (a string, "
	    "number, object, array, true, false or null)");
}
END_TEST

/* ---- the root ---- */

START_TEST(test_root_problems)
{
	ck_assert_str_eq(
	    errors("[]"),
	    "r.json:1:1: a rule set is a JSON object, not an array");
	ck_assert_str_eq(
	    errors("'x'"),
	    "r.json:1:1: a rule set is a JSON object, not a string");
	ck_assert_str_eq(errors(" null"),
			 "r.json:1:1: a rule set is a JSON object, not null");
	ck_assert_str_eq(
	    errors("{'partnercheck': 2}"),
	    "r.json: partnercheck: this is rule language version 1; found "
	    "another version");
	ck_assert_str_eq(
	    errors("{'partnercheck': '1'}"),
	    "r.json: partnercheck: this is rule language version 1; found "
	    "a string");
	ck_assert_str_eq(
	    errors("{'nmae': 'x'}"),
	    "r.json: nmae: unknown key 'nmae' (did you mean 'name'?)");
	ck_assert_str_eq(
	    errors("{'check': []}"),
	    "r.json: check: unknown key 'check' (did you mean 'checks'?)");
	ck_assert_str_eq(errors("{'zzzzzz': 1}"),
			 "r.json: zzzzzz: unknown key 'zzzzzz'");
	ck_assert_str_eq(
	    errors("{'Name': 'x'}"),
	    "r.json: Name: unknown key 'Name' (did you mean 'name'?)");
	ck_assert_str_eq(errors("{'name': 5}"),
			 "r.json: name: expected a string, found a number");
	ck_assert_str_eq(
	    errors("{'description': []}"),
	    "r.json: description: expected a string, found an array");
	ck_assert_str_eq(errors("{'min_score': 101}"),
			 "r.json: min_score: must be between 0 and 100");
	ck_assert_str_eq(errors("{'min_score': -0.5}"),
			 "r.json: min_score: must be between 0 and 100");
	ck_assert_str_eq(
	    errors("{'min_score': '50'}"),
	    "r.json: min_score: expected a number, found a string");
	ck_assert_str_eq(errors("{'min_score': 1e400}"),
			 "r.json: min_score: number is out of range");
	ck_assert_str_eq(
	    errors("{'min_score': 9007199254740993}"),
	    "r.json: min_score: number is too large to be represented "
	    "exactly (2^53 or more)");
}
END_TEST

/*
 * A large number with an exponent as the last bytes of a buffer that is
 * not NUL-terminated (fuzz_rules found the exponent read past it): the
 * buffer is exactly as long as the text, so ASan sees any over-read, and
 * the exponent still decides whether the literal is exact.
 */
START_TEST(test_exponent_at_buffer_end)
{
	static const char *const texts[] = { "9007199254740992e0",
					     "9007199254740993E+0",
					     "90071992547409920e-1" };
	size_t i;

	for (i = 0; i < 3; i++) {
		size_t len = strlen(texts[i]);
		char *b = malloc(len);

		ck_assert_ptr_nonnull(b);
		memcpy(b, texts[i], len);
		ck_assert_str_eq(errors_raw(b, len),
				 "r.json:1:1: a rule set is a JSON object, not "
				 "a number");
		free(b);
	}
}
END_TEST

START_TEST(test_duplicate_keys)
{
	ck_assert_str_eq(errors("{'name': 'a', 'name': 'b', 'name': 'c'}"),
			 "r.json: key 'name' appears more than once");
	ck_assert_str_eq(errors("{'name': 'a', 'x': 1, 'name': 'b', 'x': 2}"),
			 "r.json: key 'name' appears more than once\n"
			 "r.json: key 'x' appears more than once\n"
			 "r.json: x: unknown key 'x'\n"
			 "r.json: x: unknown key 'x'");
	ck_assert_str_eq(errors(CHECK(
			     "'field': 'n', 'op': '>', 'op': '<', 'value': 1")),
			 "r.json: checks[0]: key 'op' appears more than once");
	ck_assert_str_eq(errors("{'fields': {'a': 'string', 'a': 'number'}}"),
			 "r.json: fields: key 'a' appears more than once");
	ck_assert_str_eq(
	    errors("{'contract': {'k': {'a': 1, 'a': 1}}}"),
	    "r.json: contract.k: key 'a' appears more than once\n"
	    "r.json: contract.k: expected a number, a string, an array "
	    "of strings or null, found an object");
}
END_TEST

/* ---- fields ---- */

START_TEST(test_field_problems)
{
	ck_assert_str_eq(
	    errors("{'fields': []}"),
	    "r.json: fields: expected an object mapping field names to "
	    "types, found an array");
	ck_assert_str_eq(
	    errors("{'fields': {'x': 'monye'}}"),
	    "r.json: fields.x: unknown type 'monye' (did you mean 'money'?)");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 'strng'}}}"),
	    "r.json: fields.x.type: unknown type 'strng' (did you mean 'string'?)");
	parse_q("{'fields': {'x': {'type': 'float'}}}");
	sb_reset(&joined);
	sb_addf(&joined, "r.json: fields.x.type: unknown type 'float' %s",
		type_list);
	ck_assert_str_eq(dl.msgs[0], joined.buf);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(
	    errors("{'fields': {'x': 5}}"),
	    "r.json: fields.x: expected a type name or an object, found a number");
	ck_assert_str_eq(errors("{'fields': {'x': {}}}"),
			 "r.json: fields.x: 'type' is required");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 5}}}"),
	    "r.json: fields.x.type: expected a string, found a number");
	ck_assert_str_eq(
	    errors("{'fields': {'1x': 'string', 'a b': 'number', "
		   "'.a': 'list', '': 'string'}}"),
	    "r.json: fields.1x: field name '1x' must start with a letter or "
	    "'_' and hold only letters, digits, '_' and '.' (use \"column\" "
	    "for the header text)\n"
	    "r.json: fields.a b: field name 'a b' must start with a letter or "
	    "'_' and hold only letters, digits, '_' and '.' (use \"column\" "
	    "for the header text)\n"
	    "r.json: fields..a: field name '.a' must start with a letter or "
	    "'_' and hold only letters, digits, '_' and '.' (use \"column\" "
	    "for the header text)\n"
	    "r.json: fields.: field name '' must start with a letter or "
	    "'_' and hold only letters, digits, '_' and '.' (use \"column\" "
	    "for the header text)");
	ck_assert_str_eq(
	    errors("{'fields': {'g': 'ordinal', 'e': {'type': 'enum'}}}"),
	    "r.json: fields.g: ordinal field needs \"levels\": [...] (lowest "
	    "first, e.g. [\"D\", \"C\", \"B\", \"A\"])\n"
	    "r.json: fields.e: enum field needs \"values\": [...] (the "
	    "allowed values)");
	ck_assert_str_eq(
	    errors("{'fields': {'g': {'type': 'ordinal', 'levels': []}}}"),
	    "r.json: fields.g.levels: the list is empty");
	ck_assert_str_eq(
	    errors("{'fields': {'g': {'type': 'ordinal', 'levels': "
		   "['A', 1, 'B', 'A', 'B']}}}"),
	    "r.json: fields.g.levels[1]: expected a string, found a number\n"
	    "r.json: fields.g.levels: 'A' is listed twice\n"
	    "r.json: fields.g.levels: 'B' is listed twice");
	ck_assert_str_eq(
	    errors("{'fields': {'g': {'type': 'enum', 'values': 'A'}}}"),
	    "r.json: fields.g.values: expected an array of strings, found a string");
	ck_assert_str_eq(
	    errors("{'fields': {'g': {'type': 'enum', 'levels': ['a']}}}"),
	    "r.json: fields.g: enum field needs \"values\": [...] (the "
	    "allowed values)");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 'string', 'separator': ';'}}}"),
	    "r.json: fields.x: \"separator\" applies to list fields only");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 'list', 'separator': ''}}}"),
	    "r.json: fields.x.separator: the separator is empty");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 'list', 'separator': 1}}}"),
	    "r.json: fields.x.separator: expected a string, found a number");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 'number', 'format': "
		   "'DD/MM/YYYY'}}}"),
	    "r.json: fields.x: \"format\" applies to date fields only");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 'date', 'format': 'DD/MM'}}}"),
	    "r.json: fields.x.format: date format 'DD/MM' has no year (YYYY)");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 'string', 'levels': ['a']}}}"),
	    "r.json: fields.x: \"levels\" and \"values\" apply to ordinal and "
	    "enum fields only");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 'list', 'seperator': ';'}}}"),
	    "r.json: fields.x.seperator: unknown key 'seperator' (did you "
	    "mean 'separator'?)");
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'type': 'string', 'column': 5}}}"),
	    "r.json: fields.x.column: expected a string, found a number");
	/* Every problem of a field, in order. */
	ck_assert_str_eq(
	    errors("{'fields': {'x': {'typ': 'list', 'column': []}}}"),
	    "r.json: fields.x.typ: unknown key 'typ' (did you mean 'type'?)\n"
	    "r.json: fields.x: 'type' is required\n"
	    "r.json: fields.x.column: expected a string, found an array");
}
END_TEST

/* ---- checks ---- */

START_TEST(test_check_problems)
{
	ck_assert_str_eq(
	    errors("{'checks': {}}"),
	    "r.json: checks: expected an array of checks, found an object");
	ck_assert_str_eq(
	    errors("{'checks': [1, 'x']}"),
	    "r.json: checks[0]: expected a check object, found a number\n"
	    "r.json: checks[1]: expected a check object, found a string");
	ck_assert_str_eq(errors(
			     "{" FIELDS
			     ", 'checks': [{'field': 'n', 'op': 'present'}]}"),
			 "r.json: checks[0]: 'id' is required");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'severty': 'warn'")),
	    "r.json: checks[0].severty: unknown key 'severty' (did you mean "
	    "'severity'?)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'severity': 'error'")),
	    "r.json: checks[0].severity: unknown severity 'error' (fail, warn "
	    "or info)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'severity': 'FAIL'")),
	    "r.json: checks[0].severity: unknown severity 'FAIL' (fail, warn "
	    "or info)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'severity': 2")),
	    "r.json: checks[0].severity: severity must be \"fail\", \"warn\" "
	    "or \"info\"");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'weight': -1")),
	    "r.json: checks[0].weight: weight must not be negative");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'weight': '2'")),
	    "r.json: checks[0].weight: expected a number, found a string");
	ck_assert_str_eq(errors(CHECK(
			     "'field': 'n', 'op': 'present', 'weight': 1e400")),
			 "r.json: checks[0].weight: number is out of range");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'missing': 'maybe'")),
	    "r.json: checks[0].missing: missing must be \"fail\", \"pass\" "
	    "or \"skip\"");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'missing': true")),
	    "r.json: checks[0].missing: missing must be \"fail\", \"pass\" "
	    "or \"skip\"");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'title': 1, "
			 "'category': [], 'rationale': {}")),
	    "r.json: checks[0].title: expected a string, found a number\n"
	    "r.json: checks[0].category: expected a string, found an array\n"
	    "r.json: checks[0].rationale: expected a string, found an object");
	ck_assert_str_eq(
	    errors("{" FIELDS ", 'checks': ["
		   "{'id': 'x', 'field': 'n', 'op': 'present'},"
		   "{'id': 'y', 'field': 'n', 'op': 'present'},"
		   "{'id': 'x', 'field': 'n', 'op': 'present'},"
		   "{'id': 'y', 'field': 'n', 'op': 'present'},"
		   "{'id': 'x', 'field': 'n', 'op': 'present'}]}"),
	    "r.json: checks[2].id: check id 'x' is used more than once "
	    "(first by checks[0])\n"
	    "r.json: checks[4].id: check id 'x' is used more than once "
	    "(first by checks[0])\n"
	    "r.json: checks[3].id: check id 'y' is used more than once "
	    "(first by checks[1])");
	ck_assert_str_eq(
	    errors(CHECK("'title': 't'")),
	    "r.json: checks[0]: a condition needs \"field\" or \"expr\" (or "
	    "one of all, any, not)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'when': "
			 "{'field': 'nope', 'op': 'present'}")),
	    "r.json: checks[0].when.field: unknown field 'nope' (declare it "
	    "under \"fields\")");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'when': 'x'")),
	    "r.json: checks[0].when: expected a condition object, found a string");
}
END_TEST

START_TEST(test_condition_structure)
{
	strbuf sb;
	int i;

	ck_assert_str_eq(
	    errors(CHECK("'field': 'nope', 'op': 'present'")),
	    "r.json: checks[0].field: unknown field 'nope' (declare it under "
	    "\"fields\")");
	ck_assert_str_eq(
	    errors(CHECK("'field': 3, 'op': 'present'")),
	    "r.json: checks[0].field: expected a field name, found a number");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'expr': 'n', 'op': 'present'")),
	    "r.json: checks[0]: give either \"field\" or \"expr\", not both");
	ck_assert_str_eq(
	    errors(CHECK("'expr': 'n +', 'op': '>', 'value': 1")),
	    "r.json: checks[0].expr: column 4: formula ends too early");
	ck_assert_str_eq(
	    errors(CHECK("'expr': 'years_since(n)', 'op': '>', 'value': 1")),
	    "r.json: checks[0].expr: column 13: 'n' is not a date field");
	ck_assert_str_eq(
	    errors(CHECK("'expr': 'd * 2', 'op': '>', 'value': 1")),
	    "r.json: checks[0].expr: column 1: field 'd' is not a number (use "
	    "years_since() for dates)");
	ck_assert_str_eq(
	    errors(CHECK("'expr': 2, 'op': '>', 'value': 1")),
	    "r.json: checks[0].expr: expected a formula string, found a number");
	ck_assert_str_eq(errors(CHECK("'field': 'n'")),
			 "r.json: checks[0]: 'op' is required");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': ['>']")),
	    "r.json: checks[0].op: expected an operator string, found an array");
	ck_assert_str_eq(
	    errors(CHECK("'all': []")),
	    "r.json: checks[0].all: expected a non-empty array of conditions, "
	    "found an empty array");
	ck_assert_str_eq(
	    errors(CHECK("'any': {}")),
	    "r.json: checks[0].any: expected a non-empty array of conditions, "
	    "found an object");
	ck_assert_str_eq(
	    errors(CHECK("'not': [{'field': 'n', 'op': 'present'}]")),
	    "r.json: checks[0].not: expected a condition object, found an array");
	ck_assert_str_eq(
	    errors(CHECK("'all': [{'field': 'n', 'op': 'present'}], "
			 "'any': [{'field': 'n', 'op': 'present'}]")),
	    "r.json: checks[0]: give one of all, any, not, both, either per "
	    "object");
	ck_assert_str_eq(
	    errors(CHECK("'all': [{'field': 'n', 'op': 'present'}], "
			 "'field': 'n', 'op': 'absent'")),
	    "r.json: checks[0].field: 'field' cannot stand beside \"all\"\n"
	    "r.json: checks[0].op: 'op' cannot stand beside \"all\"");
	ck_assert_str_eq(
	    errors(CHECK("'all': [{'field': 'n', 'op': 'present', "
			 "'vaule': 1}, 7, {'any': [{'field': 'x', "
			 "'op': 'present'}]}]")),
	    "r.json: checks[0].all[0].vaule: unknown key 'vaule' (did you "
	    "mean 'value'?)\n"
	    "r.json: checks[0].all[1]: expected a condition object, found a "
	    "number\n"
	    "r.json: checks[0].all[2].any[0].field: unknown field 'x' (declare "
	    "it under \"fields\")");
	ck_assert_str_eq(errors(CHECK(
			     "'field': 'n', 'op': 'present', 'other': 'n'")),
			 "r.json: checks[0].other: unknown key 'other'");
	/* both and either belong to pairwise rules. */
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'present', 'when': "
			 "{'both': {'field': 'n', 'op': 'present'}}")),
	    "r.json: checks[0].when.both: 'both' compares two partners: use it "
	    "in \"pairs\" rules");
	ck_assert_str_eq(
	    errors(CHECK("'any': [{'either': {'field': 'n', 'op': "
			 "'present'}}]")),
	    "r.json: checks[0].any[0].either: 'either' compares two partners: "
	    "use it in \"pairs\" rules");

	/* 64 levels of nesting are fine, 65 are not. */
	sb_init(&sb);
	sb_adds(&sb, CHECK("'field': 'n', 'op': 'present', 'when': "));
	sb.len -= 3;
	for (i = 0; i < 64; i++)
		sb_adds(&sb, "{'not': ");
	sb_adds(&sb, "{'field': 'n', 'op': 'present'}");
	for (i = 0; i < 64; i++)
		sb_addc(&sb, '}');
	sb_adds(&sb, "}]}");
	ck_assert_str_eq(errors(sb.buf), "accepted");
	sb_reset(&sb);
	sb_adds(&sb, CHECK("'field': 'n', 'op': 'present', 'when': "));
	sb.len -= 3;
	for (i = 0; i < 65; i++)
		sb_adds(&sb, "{'not': ");
	sb_adds(&sb, "{'field': 'n', 'op': 'present'}");
	for (i = 0; i < 65; i++)
		sb_addc(&sb, '}');
	sb_adds(&sb, "}]}");
	parse_q(sb.buf);
	sb_reset(&sb);
	sb_adds(&sb, "r.json: checks[0].when");
	for (i = 0; i < 65; i++)
		sb_adds(&sb, ".not");
	sb_adds(&sb, ": conditions nested more than 64 deep");
	ck_assert_str_eq(joined_msgs(), sb.buf);
	sb_free(&sb);
}
END_TEST

/* Lint's hints come from the operator table: every alias there points
 * at its operator, and a combinator's name is no operator. */
START_TEST(test_operator_hints_from_table)
{
	strbuf body, want;
	size_t i, a;

	sb_init(&body);
	sb_init(&want);
	for (i = 0; i < op_count; i++)
		for (a = 0; op_table[i].aliases && op_table[i].aliases[a];
		     a++) {
			const char *al = op_table[i].aliases[a];

			sb_reset(&body);
			sb_addf(&body, CHECK("'field': 'n', 'op': '%s'"), al);
			sb_reset(&want);
			sb_addf(&want,
				"r.json: checks[0].op: unknown operator '%s' "
				"(did you mean '%s'?)",
				al, op_table[i].name);
			ck_assert_str_eq(errors(body.buf), want.buf);
		}
	ck_assert_str_eq(errors(CHECK("'field': 'n', 'op': 'all', 'value': 1")),
			 "r.json: checks[0].op: unknown operator 'all'");
	sb_free(&want);
	sb_free(&body);
}
END_TEST

START_TEST(test_operators)
{
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'gte', 'value': 1")),
	    "r.json: checks[0].op: unknown operator 'gte' (did you mean '>='?)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'GTE', 'value': 1")),
	    "r.json: checks[0].op: unknown operator 'GTE' (did you mean '>='?)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': '=', 'value': 1")),
	    "r.json: checks[0].op: unknown operator '=' (did you mean '=='?)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': '<>', 'value': 1")),
	    "r.json: checks[0].op: unknown operator '<>' (did you mean '!='?)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 't', 'op': 'contains_any', 'value': ['a']")),
	    "r.json: checks[0].op: unknown operator 'contains_any' (did you "
	    "mean 'contains any'?)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': 'regex', 'value': 'a'")),
	    "r.json: checks[0].op: unknown operator 'regex' (did you mean "
	    "'matches'?)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': 'exists'")),
	    "r.json: checks[0].op: unknown operator 'exists' (did you mean "
	    "'present'?)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 't', 'op': 'contians', 'value': 'a'")),
	    "r.json: checks[0].op: unknown operator 'contians' (did you mean "
	    "'contains'?)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': 'not  in', 'value': ['a']")),
	    "r.json: checks[0].op: unknown operator 'not  in' (did you mean "
	    "'not in'?)");
	ck_assert_str_eq(errors(CHECK(
			     "'field': 's', 'op': 'xyzzy', 'value': 'a'")),
			 "r.json: checks[0].op: unknown operator 'xyzzy'");
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': 'Present'")),
	    "r.json: checks[0].op: unknown operator 'Present' (did you mean "
	    "'present'?)");
	/* Operators between two partners, outside pairs. */
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': 'differ'")),
	    "r.json: checks[0].op: 'differ' compares two partners: use it in "
	    "\"pairs\" rules");
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': 'same'")),
	    "r.json: checks[0].op: 'same' compares two partners: use it in "
	    "\"pairs\" rules");
	ck_assert_str_eq(
	    errors(CHECK("'field': 't', 'op': 'meets'")),
	    "r.json: checks[0].op: 'meets' compares two partners: use it in "
	    "\"pairs\" rules");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'apart', 'by': 1")),
	    "r.json: checks[0].by: unknown key 'by' (did you mean 'id'?)\n"
	    "r.json: checks[0].op: 'apart' compares two partners: use it in "
	    "\"pairs\" rules");
	ck_assert_str_eq(
	    errors("{" FIELDS ", 'consortium': [{'id': 'c', "
		   "'aggregate': 'count', 'min': 1, 'where': {'field': 's', "
		   "'op': 'same'}}]}"),
	    "r.json: consortium[0].where.op: 'same' compares two partners: use "
	    "it in \"pairs\" rules");
}
END_TEST

START_TEST(test_operator_types)
{
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': '>', 'value': 'a'")),
	    "r.json: checks[0].op: '>' does not apply to a string field ('s')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 't', 'op': '==', 'value': 'a'")),
	    "r.json: checks[0].op: '==' does not apply to a list field ('t')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'b', 'op': 'in', 'value': [true]")),
	    "r.json: checks[0].op: 'in' does not apply to a boolean field ('b')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'e', 'op': 'between', 'value': ['x', 'y']")),
	    "r.json: checks[0].op: 'between' does not apply to an enum field ('e')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'i', 'op': 'contains', 'value': 1")),
	    "r.json: checks[0].op: 'contains' does not apply to an integer "
	    "field ('i')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'm', 'op': 'is empty'")),
	    "r.json: checks[0].op: 'is empty' does not apply to a money field "
	    "('m')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'g', 'op': 'contains all', 'value': ['A']")),
	    "r.json: checks[0].op: 'contains all' does not apply to an ordinal "
	    "field ('g')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'd', 'op': 'is not empty'")),
	    "r.json: checks[0].op: 'is not empty' does not apply to a date "
	    "field ('d')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'p', 'op': 'contains any', 'value': [1]")),
	    "r.json: checks[0].op: 'contains any' does not apply to a percent "
	    "field ('p')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 't', 'op': 'not in', 'value': ['a']")),
	    "r.json: checks[0].op: 'not in' does not apply to a list field ('t')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'b', 'op': '<', 'value': true")),
	    "r.json: checks[0].op: '<' does not apply to a boolean field ('b')");
	/* Formulas are numbers; some operators need a field. */
	ck_assert_str_eq(
	    errors(CHECK("'expr': 'n', 'op': 'present'")),
	    "r.json: checks[0].op: 'present' needs a field, not a formula");
	ck_assert_str_eq(
	    errors(CHECK("'expr': 'n', 'op': 'absent'")),
	    "r.json: checks[0].op: 'absent' needs a field, not a formula");
	ck_assert_str_eq(
	    errors(CHECK("'expr': 'n', 'op': 'matches', 'value': '1'")),
	    "r.json: checks[0].op: 'matches' needs a field, not a formula");
	/* Allowed combinations. */
	ck_assert_str_eq(
	    errors(CHECK("'all': ["
			 "{'field': 'g', 'op': '>', 'value': 'C'},"
			 "{'field': 'd', 'op': 'between', 'value': "
			 "['2020-01-01', '2020-12-31']},"
			 "{'field': 'e', 'op': 'in', 'value': ['x']},"
			 "{'field': 's', 'op': '==', 'value': 'a'},"
			 "{'field': 'b', 'op': '!=', 'value': false},"
			 "{'field': 't', 'op': 'is empty'},"
			 "{'field': 's', 'op': 'absent'},"
			 "{'field': 't', 'op': 'present'},"
			 "{'field': 'e', 'op': 'matches', 'value': 'x'},"
			 "{'expr': 'p * 2', 'op': 'in', 'value': [1, 2]}]")),
	    "accepted");
}
END_TEST

/*
 * An operator that only fits lists, applied to a formula, must be refused
 * with a message, not crash: load_leaf formats the message with the
 * field's type, and a formula has none.  The wording is not settled, so
 * only the location is checked.
 */
START_TEST(test_formula_with_list_operator)
{
	static const char *const ops[] = {
		"'op': 'contains', 'value': 'a'",
		"'op': 'contains any', 'value': ['a']",
		"'op': 'contains all', 'value': ['a']",
		"'op': 'is empty'",
		"'op': 'is not empty'",
	};
	char buf[512];
	size_t i, k;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		snprintf(buf, sizeof buf,
			 "{'checks': [{'id': 'a', 'expr': '1', %s}]}", ops[i]);
		ck_assert_ptr_null(parse_q(buf));
		ck_assert_uint_ge(dl.n, 1);
		for (k = 0; k < dl.n; k++)
			ck_assert_int_eq(strncmp(dl.msgs[k],
						 "r.json: checks[0]", 17),
					 0);
	}
}
END_TEST

START_TEST(test_values)
{
	ck_assert_str_eq(errors(CHECK("'field': 'n', 'op': '>='")),
			 "r.json: checks[0]: '>=' needs a \"value\"");
	ck_assert_str_eq(errors(CHECK(
			     "'field': 'n', 'op': 'present', 'value': 1")),
			 "r.json: checks[0].value: 'present' takes no value");
	ck_assert_str_eq(errors(CHECK(
			     "'field': 't', 'op': 'is empty', 'value': []")),
			 "r.json: checks[0].value: 'is empty' takes no value");
	ck_assert_str_eq(errors(
			     CHECK("'field': 'n', 'op': '>', 'value': 'abc'")),
			 "r.json: checks[0].value: 'abc' is not a number");
	ck_assert_str_eq(errors(CHECK("'field': 'i', 'op': '>', 'value': 1.5")),
			 "accepted");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'i', 'op': '>', 'value': '1.5'")),
	    "r.json: checks[0].value: '1.5' is not a whole number");
	ck_assert_str_eq(errors(
			     CHECK("'field': 'm', 'op': '>', 'value': '\xc2\xa3"
				   "1,000'")),
			 "accepted");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'm', 'op': '>', 'value': '1,00'")),
	    "r.json: checks[0].value: '1,00' is not an amount of money");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'b', 'op': '==', 'value': 1")),
	    "r.json: checks[0].value: expected true or false for a boolean "
	    "field, found a number");
	ck_assert_str_eq(errors(
			     CHECK("'field': 'b', 'op': '==', 'value': 'yes'")),
			 "accepted");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'd', 'op': '>', 'value': 20200101")),
	    "r.json: checks[0].value: expected a date string for a date field, "
	    "found a number");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': '==', 'value': true")),
	    "r.json: checks[0].value: true/false compares with boolean fields "
	    "only, not a number");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'e', 'op': '==', 'value': false")),
	    "r.json: checks[0].value: true/false compares with boolean fields "
	    "only, not an enum");
	ck_assert_str_eq(
	    errors(CHECK("'expr': 'n', 'op': '==', 'value': true")),
	    "r.json: checks[0].value: true/false compares with boolean fields "
	    "only");
	ck_assert_str_eq(
	    errors(CHECK("'expr': 'n', 'op': '==', 'value': '5'")),
	    "r.json: checks[0].value: a formula compares with numbers, found a "
	    "string");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': '==', 'value': null")),
	    "r.json: checks[0].value: expected a value, found null");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': '==', 'value': {}")),
	    "r.json: checks[0].value: expected a value, found an object");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'd', 'op': '<', 'value': '2020-13-01'")),
	    "r.json: checks[0].value: '2020-13-01' is not a date (write "
	    "YYYY-MM-DD)");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'd', 'op': '<', 'value': '31/01/2020'")),
	    "r.json: checks[0].value: '31/01/2020' is not a date (write "
	    "YYYY-MM-DD)");
	ck_assert_str_eq(errors(
			     CHECK("'field': 'e', 'op': '==', 'value': 'z'")),
			 "r.json: checks[0].value: 'z' is not one of x, y");
	ck_assert_str_eq(errors(
			     CHECK("'field': 'g', 'op': '>=', 'value': ' '")),
			 "r.json: checks[0].value: the value is empty");
	ck_assert_str_eq(errors(CHECK("'field': 'n', 'op': '>=', 'value': ''")),
			 "r.json: checks[0].value: the value is empty");
	/* Numbers a double cannot hold exactly. */
	ck_assert_str_eq(errors(
			     CHECK("'field': 'n', 'op': '<', 'value': 1e400")),
			 "r.json: checks[0].value: number is out of range");
	ck_assert_str_eq(errors(
			     CHECK("'field': 'n', 'op': '<', 'value': -1e400")),
			 "r.json: checks[0].value: number is out of range");
	ck_assert_str_eq(
	    errors(
		CHECK("'field': 'n', 'op': '<', 'value': -9007199254740995")),
	    "r.json: checks[0].value: number is too large to be represented "
	    "exactly (2^53 or more)");
	ck_assert_str_eq(
	    errors(
		CHECK("'field': 'n', 'op': '<', 'value': -9007199254740993")),
	    "r.json: checks[0].value: number is too large to be represented "
	    "exactly (2^53 or more)");
	ck_assert_str_eq(
	    errors(
		CHECK("'field': 'n', 'op': 'in', 'value': [1, 1e400, 'x', 2]")),
	    "r.json: checks[0].value[1]: number is out of range\n"
	    "r.json: checks[0].value[2]: 'x' is not a number");
	/* Arrays. */
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'between', 'value': [10, 5]")),
	    "r.json: checks[0].value: the low bound 10 is above the high bound 5");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'm', 'op': 'between', 'value': "
			 "[5000000, 1000]")),
	    "r.json: checks[0].value: the low bound 5,000,000 is above the "
	    "high bound 1,000");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'd', 'op': 'between', 'value': "
			 "['2021-01-01', '2020-01-01']")),
	    "r.json: checks[0].value: the low bound 2021-01-01 is above the "
	    "high bound 2020-01-01");
	ck_assert_str_eq(errors(CHECK(
			     "'field': 'n', 'op': 'between', 'value': [5, 5]")),
			 "accepted");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'between', 'value': [1]")),
	    "r.json: checks[0].value: 'between' takes [low, high], found an array");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'between', 'value': [1, 2, 3]")),
	    "r.json: checks[0].value: 'between' takes [low, high], found an array");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': 'between', 'value': 5")),
	    "r.json: checks[0].value: 'between' takes [low, high], found a number");
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': 'in', 'value': 'a'")),
	    "r.json: checks[0].value: 'in' takes a non-empty array, found a string");
	ck_assert_str_eq(
	    errors(CHECK("'field': 't', 'op': 'contains all', 'value': []")),
	    "r.json: checks[0].value: 'contains all' takes a non-empty array, "
	    "found an empty array");
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': '==', 'value': ['a']")),
	    "r.json: checks[0].value: '==' takes one value, found an array "
	    "(use 'in')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 't', 'op': 'contains', 'value': ['a']")),
	    "r.json: checks[0].value: 'contains' takes one value, found an "
	    "array (use 'contains any' or 'contains all')");
	ck_assert_str_eq(
	    errors(CHECK("'field': 'n', 'op': '>', 'value': [1]")),
	    "r.json: checks[0].value: '>' takes one value, found an array");
	/* Regular expressions. */
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': 'matches', 'value': 'a('")),
	    "r.json: checks[0].value: regular expression 'a(' does not "
	    "compile at character 2: '(' is not closed");
	ck_assert_str_eq(
	    errors(CHECK("'field': 's', 'op': 'matches', 'value': 5")),
	    "r.json: checks[0].value: expected a regular expression string, "
	    "found a number");
	ck_assert_str_eq(errors(CHECK("'field': 's', 'op': 'matches'")),
			 "r.json: checks[0]: 'matches' needs a \"value\"");
}
END_TEST

/* ---- pairs ---- */

START_TEST(test_pair_problems)
{
	ck_assert_str_eq(
	    errors("{'pairs': {}}"),
	    "r.json: pairs: expected an array of pairwise rules, found an object");
	ck_assert_str_eq(
	    errors("{'pairs': [1]}"),
	    "r.json: pairs[0]: expected a rule object, found a number");
	ck_assert_str_eq(errors("{" FIELDS
				", 'pairs': [{'field': 's', 'op': 'same'}]}"),
			 "r.json: pairs[0]: 'id' is required");
	ck_assert_str_eq(
	    errors(PAIR("'field': 's', 'op': 'same', 'severity': 'high'")),
	    "r.json: pairs[0].severity: unknown severity 'high' (fail, warn or "
	    "info)");
	ck_assert_str_eq(
	    errors(PAIR("'title': 'x'")),
	    "r.json: pairs[0]: a condition needs \"field\" or \"expr\" (or one "
	    "of all, any, not, both, either)");
	/* One-partner operators need both or either. */
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': '>', 'value': 1")),
	    "r.json: pairs[0].op: '>' looks at one partner: in a pairwise rule, "
	    "wrap it in \"both\" or \"either\"");
	ck_assert_str_eq(
	    errors(PAIR("'all': [{'field': 's', 'op': 'differ'}, "
			"{'field': 's', 'op': 'present'}]")),
	    "r.json: pairs[0].all[1].op: 'present' looks at one partner: in a "
	    "pairwise rule, wrap it in \"both\" or \"either\"");
	ck_assert_str_eq(
	    errors(PAIR("'not': {'field': 'e', 'op': '==', 'value': 'x'}")),
	    "r.json: pairs[0].not.op: '==' looks at one partner: in a pairwise "
	    "rule, wrap it in \"both\" or \"either\"");
	ck_assert_str_eq(
	    errors(PAIR("'both': {'field': 's', 'op': 'same'}")),
	    "r.json: pairs[0].both.op: 'same' compares two partners: use it in "
	    "\"pairs\" rules");
	ck_assert_str_eq(
	    errors(PAIR("'either': {'not': {'field': 't', 'op': 'meets'}}")),
	    "r.json: pairs[0].either.not.op: 'meets' compares two partners: use "
	    "it in \"pairs\" rules");
	/* meets */
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': 'meets'")),
	    "r.json: pairs[0].op: 'meets' does not apply to a number field ('n')");
	ck_assert_str_eq(
	    errors(PAIR("'field': 't', 'op': 'meets', 'other': 'n'")),
	    "r.json: pairs[0].other: 'meets' compares two list fields; 'n' is "
	    "number");
	ck_assert_str_eq(errors(PAIR(
			     "'field': 't', 'op': 'meets', 'other': 'zz'")),
			 "r.json: pairs[0].other: unknown field 'zz'");
	ck_assert_str_eq(
	    errors(PAIR("'field': 't', 'op': 'meets', 'other': 1")),
	    "r.json: pairs[0].other: expected a field name, found a number");
	ck_assert_str_eq(errors(
			     PAIR("'field': 't', 'op': 'meets', 'value': 'a'")),
			 "r.json: pairs[0].value: 'meets' takes no value");
	/* apart */
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': 'apart'")),
	    "r.json: pairs[0].by: 'apart' needs \"by\": a tolerance such as 2 "
	    "or \"25%\"");
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': 'apart', 'by': 'x%'")),
	    "r.json: pairs[0].by: 'x%' is not a tolerance (a number, or a "
	    "percentage such as \"25%\")");
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': 'apart', 'by': '%'")),
	    "r.json: pairs[0].by: '%' is not a tolerance (a number, or a "
	    "percentage such as \"25%\")");
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': 'apart', 'by': '-5%'")),
	    "r.json: pairs[0].by: '-5%' is not a tolerance (a number, or a "
	    "percentage such as \"25%\")");
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': 'apart', 'by': '25'")),
	    "r.json: pairs[0].by: '25' is not a tolerance (a number, or a "
	    "percentage such as \"25%\")");
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': 'apart', 'by': -1")),
	    "r.json: pairs[0].by: expected a non-negative number or \"N%\", "
	    "found a number");
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': 'apart', 'by': [1]")),
	    "r.json: pairs[0].by: expected a non-negative number or \"N%\", "
	    "found an array");
	ck_assert_str_eq(errors(PAIR("'field': 'n', 'op': 'apart', 'by': 1, "
				     "'relative': 'yes'")),
			 "r.json: pairs[0].relative: expected true or false");
	ck_assert_str_eq(
	    errors(PAIR("'field': 's', 'op': 'apart', 'by': 1")),
	    "r.json: pairs[0].op: 'apart' does not apply to a string field ('s')");
	ck_assert_str_eq(errors(PAIR("'field': 'd', 'op': 'apart', 'by': 30, "
				     "'relative': false")),
			 "accepted");
	ck_assert_int_eq(rs->pairs[0].test->relative, 0);
	/* by, relative and other go with their operators only. */
	ck_assert_str_eq(
	    errors(PAIR("'field': 's', 'op': 'same', 'by': 2")),
	    "r.json: pairs[0]: \"by\" and \"relative\" go with 'apart' only");
	ck_assert_str_eq(
	    errors(PAIR("'field': 's', 'op': 'differ', 'relative': true")),
	    "r.json: pairs[0]: \"by\" and \"relative\" go with 'apart' only");
	ck_assert_str_eq(errors(
			     PAIR("'field': 's', 'op': 'same', 'other': 't'")),
			 "r.json: pairs[0]: \"other\" goes with 'meets' only");
	ck_assert_str_eq(
	    errors(PAIR("'field': 'n', 'op': 'apart', 'by': 1, 'other': 't'")),
	    "r.json: pairs[0]: \"other\" goes with 'meets' only");
	/* Formulas. */
	ck_assert_str_eq(
	    errors(PAIR("'expr': 'n', 'op': 'differ'")),
	    "r.json: pairs[0].op: 'differ' needs a field, not a formula");
	ck_assert_str_eq(
	    errors(PAIR("'expr': 'n', 'op': 'same'")),
	    "r.json: pairs[0].op: 'same' needs a field, not a formula");
	ck_assert_str_eq(
	    errors(PAIR("'expr': 'n', 'op': 'meets'")),
	    "r.json: pairs[0].op: 'meets' needs a field, not a formula");
	ck_assert_str_eq(errors(
			     PAIR("'expr': 'n', 'op': 'apart', 'by': '10%'")),
			 "accepted");
	ck_assert_str_eq(errors(
			     PAIR("'field': 's', 'op': 'same', 'value': 'a'")),
			 "r.json: pairs[0].value: 'same' takes no value");
}
END_TEST

/* Each unknown key of a pairwise rule is one problem, reported once. */
START_TEST(test_pair_unknown_key_once)
{
	ck_assert_str_eq(
	    errors(PAIR("'field': 's', 'op': 'same', 'foo': 1")),
	    "r.json: pairs[0].foo: unknown key 'foo' (did you mean 'op'?)");
}
END_TEST

/* ---- consortium ---- */

START_TEST(test_consortium_problems)
{
	ck_assert_str_eq(
	    errors("{'consortium': {}}"),
	    "r.json: consortium: expected an array of consortium rules, found "
	    "an object");
	ck_assert_str_eq(
	    errors("{'consortium': [[]]}"),
	    "r.json: consortium[0]: expected a rule object, found an array");
	ck_assert_str_eq(
	    errors("{'consortium': [{'aggregate': 'count', 'min': 1}]}"),
	    "r.json: consortium[0]: 'id' is required");
	ck_assert_str_eq(
	    errors(CONS("'min': 1")),
	    "r.json: consortium[0]: 'aggregate' is required (count, sum, min, "
	    "max, coverage or distinct)");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'cout', 'min': 1")),
	    "r.json: consortium[0].aggregate: unknown aggregate 'cout' (did you "
	    "mean 'count'?)");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'percentile', 'min': 1")),
	    "r.json: consortium[0].aggregate: unknown aggregate 'percentile'");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 5")),
	    "r.json: consortium[0].aggregate: expected a string, found a number");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'count', 'mni': 1")),
	    "r.json: consortium[0].mni: unknown key 'mni' (did you mean 'min'?)\n"
	    "r.json: consortium[0]: give \"min\", \"max\" or both");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'count', 'field': 'n', 'min': 1")),
	    "r.json: consortium[0]: \"field\" does not go with count");
	ck_assert_str_eq(errors(
			     CONS("'aggregate': 'count', 'min': 5, 'max': 2")),
			 "r.json: consortium[0]: min is above max");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'count', 'min': 'contract.a', 'max': 2")),
	    "accepted");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'count', 'min': 'x'")),
	    "r.json: consortium[0].min: expected a number or \"contract.KEY\"\n"
	    "r.json: consortium[0]: give \"min\", \"max\" or both");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'count', 'max': 'contract.'")),
	    "r.json: consortium[0].max: expected a number or \"contract.KEY\"\n"
	    "r.json: consortium[0]: give \"min\", \"max\" or both");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'count', 'max': 1e400")),
	    "r.json: consortium[0].max: number is out of range\n"
	    "r.json: consortium[0]: give \"min\", \"max\" or both");
	ck_assert_str_eq(errors(CONS("'aggregate': 'sum', 'max': 1")),
			 "r.json: consortium[0].field: is required for sum");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'max', 'field': 's', 'max': 1")),
	    "r.json: consortium[0].field: 's' is not a numeric field");
	ck_assert_str_eq(errors(CONS(
			     "'aggregate': 'min', 'field': 'zz', 'max': 1")),
			 "r.json: consortium[0].field: unknown field 'zz'");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'min', 'field': ['n'], 'max': 1")),
	    "r.json: consortium[0].field: expected a field name, found an array");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'sum', 'field': 'n', 'max': 1, "
			"'where': {'field': 'n', 'op': 'present'}")),
	    "r.json: consortium[0]: \"where\" goes with the count aggregate only");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'count', 'min': 1, "
			"'where': {'field': 'n', 'op': 'gt', 'value': 1}")),
	    "r.json: consortium[0].where.op: unknown operator 'gt' (did you "
	    "mean '>'?)");
	/* coverage */
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'coverage'")),
	    "r.json: consortium[0].field: is required for coverage\n"
	    "r.json: consortium[0].required: coverage needs a list or "
	    "\"contract.KEY\"");
	ck_assert_str_eq(
	    errors(
		CONS("'aggregate': 'coverage', 'field': 'n', 'required': 5")),
	    "r.json: consortium[0].field: 'n' is not a list field\n"
	    "r.json: consortium[0].required: expected an array of strings or "
	    "\"contract.KEY\"");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'coverage', 'field': 't', "
			"'required': ['a', 2]")),
	    "r.json: consortium[0].required[1]: expected a string, found a number");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'coverage', 'field': 't', "
			"'required': [], 'min': 1, 'max': 2")),
	    "r.json: consortium[0]: \"min\" and \"max\" do not go with coverage");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'count', 'min': 1, 'required': ['a']")),
	    "r.json: consortium[0]: \"required\" goes with coverage only");
	/* distinct */
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'distinct'")),
	    "r.json: consortium[0].fields: distinct needs \"fields\": a "
	    "non-empty array of list fields");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'distinct', 'fields': []")),
	    "r.json: consortium[0].fields: distinct needs \"fields\": a "
	    "non-empty array of list fields");
	ck_assert_str_eq(
	    errors(
		CONS("'aggregate': 'distinct', 'fields': ['t', 'n', 'x', 3]")),
	    "r.json: consortium[0].fields[1]: 'n' is not a list field\n"
	    "r.json: consortium[0].fields[2]: unknown field 'x'\n"
	    "r.json: consortium[0].fields[3]: expected a field name, found a "
	    "number");
	ck_assert_str_eq(
	    errors(
		CONS("'aggregate': 'distinct', 'fields': ['t'], 'field': 't', "
		     "'max': 1")),
	    "r.json: consortium[0]: \"field\" does not go with distinct\n"
	    "r.json: consortium[0]: \"min\" and \"max\" do not go with distinct");
	ck_assert_str_eq(
	    errors(CONS("'aggregate': 'count', 'min': 1, 'fields': ['t']")),
	    "r.json: consortium[0]: \"fields\" goes with distinct only");
}
END_TEST

/* ---- contract, waivers, input ---- */

START_TEST(test_contract_problems)
{
	ck_assert_str_eq(
	    errors("{'contract': []}"),
	    "r.json: contract: expected an object, found an array");
	/* null declares a key without setting it */
	ck_assert_str_eq(
	    errors("{'contract': {'a': true, 'b': null}}"),
	    "r.json: contract.a: expected a number, a string, an array of "
	    "strings or null, found true or false");
	ck_assert_str_eq(
	    errors("{'contract': {'a': ['x', 1]}}"),
	    "r.json: contract.a[1]: expected a string, found a number");
	ck_assert_str_eq(
	    errors("{'contract': {'a': 1e400, 'b': 9007199254740993}}"),
	    "r.json: contract.a: number is out of range\n"
	    "r.json: contract.b: number is too large to be represented exactly "
	    "(2^53 or more)");
}
END_TEST

/* issue 9: a percentage of a day count or of an ordinal level means
 * nothing, and lint says so where it is written. */
START_TEST(test_apart_relative_types)
{
	ck_assert_str_eq(
	    errors("{" FIELDS ", 'pairs': ["
		   "{'id': 'a', 'field': 'd', 'op': 'apart', 'by': '10%'}, "
		   "{'id': 'b', 'field': 'g', 'op': 'apart', 'by': 1, "
		   "'relative': true}, "
		   "{'id': 'c', 'field': 'd', 'op': 'apart', 'by': 30}, "
		   "{'id': 'e', 'field': 'n', 'op': 'apart', 'by': '10%'}, "
		   "{'id': 'f', 'field': 'g', 'op': 'apart', 'by': 1}]}"),
	    "r.json: pairs[0].by: a relative tolerance means nothing for a "
	    "date field; give days as a number\n"
	    "r.json: pairs[1].relative: a relative tolerance means nothing "
	    "for an ordinal field; give levels as a number");
}
END_TEST

/* issue 9: a large number that a double holds exactly is what it says. */
START_TEST(test_large_exact_numbers)
{
	ck_assert_str_eq(
	    errors("{'contract': {'a': 1e16, 'b': 9007199254740992, "
		   "'c': 10000000000000001, 'd': -2e20, "
		   "'e': 12345678901234567890e3}}"),
	    "r.json: contract.c: number is too large to be represented "
	    "exactly (2^53 or more)\n"
	    "r.json: contract.e: number is too large to be represented "
	    "exactly (2^53 or more)");
	ok("{" FIELDS ", 'checks': [{'id': 'a', 'field': 'm', 'op': '<', "
	   "'value': 1e16}, {'id': 'b', 'field': 'n', 'op': '>', "
	   "'value': 1.0E+17}]}");
	ck_assert(rs->checks[0].test->args[0].num == 1e16);
}
END_TEST

/* issue 9: cJSON would cut a string at a NUL, so "Camden\u0000 Ltd" would
 * compare as "Camden": refused where it is written. */
START_TEST(test_nul_in_strings)
{
	ck_assert_str_eq(
	    errors("{'name': 'a\\u0000b'}"),
	    "r.json:1:12: a NUL character (\\u0000) is not allowed in "
	    "a rule-set string");
	ck_assert_str_eq(
	    errors("{\n 'x\\u0000': 1}"),
	    "r.json:2:4: a NUL character (\\u0000) is not allowed in "
	    "a rule-set string");
	/* an escaped backslash then "u0000" is no NUL */
	ck_assert_str_eq(errors("{'name': 'a\\\\u0000b', 'x': 1}"),
			 "r.json: x: unknown key 'x'");
	ck_assert_str_eq(errors("{'name': 'a\\u0001b', 'x': 1}"),
			 "r.json: x: unknown key 'x'");
}
END_TEST

START_TEST(test_waiver_problems)
{
	ck_assert_str_eq(
	    errors("{'waivers': {}}"),
	    "r.json: waivers: expected an array of waivers, found an object");
	ck_assert_str_eq(
	    errors("{'waivers': [1]}"),
	    "r.json: waivers[0]: expected a waiver object, found a number");
	ck_assert_str_eq(errors("{'waivers': [{}]}"),
			 "r.json: waivers[0]: 'partner' is required\n"
			 "r.json: waivers[0]: 'rule' is required\n"
			 "r.json: waivers[0]: 'reason' is required");
	ck_assert_str_eq(
	    errors("{" FIELDS ", " ONE_CHECK ", 'waivers': ["
		   "{'partner': 'P1', 'rule': 'a.b', 'reason': 'r'},"
		   "{'partner': 'P1', 'rule': 'nope', 'reason': 'r'},"
		   "{'partner': 'P2', 'rule': 'a.c', 'reason': 'r', "
		   "'expires': '2020-02-30'},"
		   "{'partner': 'P3', 'rule': 'a.b', 'reason': 'r', "
		   "'expiry': '2020-01-01'}]}"),
	    "r.json: waivers[2].expires: '2020-02-30' is not a date (write "
	    "YYYY-MM-DD)\n"
	    "r.json: waivers[3].expiry: unknown key 'expiry' (did you mean "
	    "'expires'?)\n"
	    "r.json: waivers[1].rule: no check has the id 'nope'\n"
	    "r.json: waivers[2].rule: no check has the id 'a.c' (did you mean "
	    "'a.b'?)");
	ck_assert_str_eq(
	    errors("{" FIELDS ", " ONE_CHECK ", 'waivers': ["
		   "{'partner': 1, 'rule': 'a.b', 'reason': 'r', "
		   "'expires': 20200101}]}"),
	    "r.json: waivers[0].partner: expected a string, found a number\n"
	    "r.json: waivers[0].expires: expected a string, found a number");
	ck_assert_str_eq(
	    errors(
		"{'waivers': [{'partner': 'P', 'rule': 'r', 'reason': 'x'}]}"),
	    "r.json: waivers[0].rule: no check has the id 'r'");
	/* a waiver says why, as a --waivers row must */
	ck_assert_str_eq(
	    errors("{" FIELDS ", " ONE_CHECK ", 'waivers': ["
		   "{'partner': 'P', 'rule': 'a.b', 'reason': ''}, "
		   "{'partner': 'P', 'rule': 'a.b', 'reason': '   '}]}"),
	    "r.json: waivers[0].reason: the reason is empty\n"
	    "r.json: waivers[1].reason: the reason is empty");
}
END_TEST

START_TEST(test_input_problems)
{
	ck_assert_str_eq(errors("{'input': []}"),
			 "r.json: input: expected an object, found an array");
	ck_assert_str_eq(
	    errors("{'input': {'delimiter': '|'}}"),
	    "r.json: input.delimiter: delimiter must be \",\", \";\" or "
	    "\"\\t\" (or comma, semicolon, tab)");
	ck_assert_str_eq(
	    errors("{'input': {'missing_columns': 'skip'}}"),
	    "r.json: input.missing_columns: missing_columns must be "
	    "\"error\" or \"as-missing\", not 'skip'");
	ck_assert_str_eq(errors("{'input': {'header_case': 'lower'}}"),
			 "r.json: input.header_case: header_case must be "
			 "\"exact\" or \"insensitive\", not 'lower'");
	ck_assert_str_eq(
	    errors("{'fields': {'n': {'type': 'number', 'items': ['x']}}}"),
	    "r.json: fields.n.items: \"items\" applies to list fields only");
	ck_assert_str_eq(
	    errors(
		"{'fields': {'n': {'type': 'number', 'scale': 'fraction'}}}"),
	    "r.json: fields.n.scale: \"scale\" applies to percent fields only");
	ck_assert_str_eq(
	    errors("{'fields': {'p': {'type': 'percent', 'scale': 'ratio'}}}"),
	    "r.json: fields.p.scale: scale must be \"percent\" or "
	    "\"fraction\", not 'ratio'");
	ck_assert_str_eq(
	    errors("{'input': {'delimiter': 9}}"),
	    "r.json: input.delimiter: expected a string, found a number");
	ck_assert_str_eq(
	    errors("{'input': {'encoding': 'latin2'}}"),
	    "r.json: input.encoding: unknown encoding 'latin2' (known: utf-8, "
	    "windows-1252, iso-8859-1)");
	ck_assert_str_eq(
	    errors("{'input': {'id': 5, 'name': true}}"),
	    "r.json: input.id: expected a string, found a number\n"
	    "r.json: input.name: expected a string, found true or false");
	ck_assert_str_eq(
	    errors("{'input': {'ids': 'x'}}"),
	    "r.json: input.ids: unknown key 'ids' (did you mean 'id'?)");
}
END_TEST

/* Every problem of a file, in the order the sections are read. */
START_TEST(test_message_order)
{
	ck_assert_str_eq(
	    errors("{'waivers': [{'partner': 'P', 'rule': 'q', 'reason': 'r'}],"
		   "'min_score': 200,"
		   "'consortium': [{'id': 'c', 'aggregate': 'count'}],"
		   "'pairs': [{'id': 'p', 'field': 'x', 'op': 'same'}],"
		   "'checks': [{'id': 'q', 'field': 'y', 'op': 'present'}],"
		   "'contract': {'k': false},"
		   "'fields': {'f': 'strin'},"
		   "'input': {'delimiter': 'pipe'},"
		   "'description': 1,"
		   "'name': 2,"
		   "'partnercheck': 0,"
		   "'extra': 1, 'extra': 2}"),
	    "r.json: key 'extra' appears more than once\n"
	    "r.json: extra: unknown key 'extra'\n"
	    "r.json: extra: unknown key 'extra'\n"
	    "r.json: partnercheck: this is rule language version 1; found "
	    "another version\n"
	    "r.json: name: expected a string, found a number\n"
	    "r.json: description: expected a string, found a number\n"
	    "r.json: input.delimiter: delimiter must be \",\", \";\" or "
	    "\"\\t\" (or comma, semicolon, tab)\n"
	    "r.json: fields.f: unknown type 'strin' (did you mean 'string'?)\n"
	    "r.json: contract.k: expected a number, a string, an array of "
	    "strings or null, found true or false\n"
	    "r.json: checks[0].field: unknown field 'y' (declare it under "
	    "\"fields\")\n"
	    "r.json: pairs[0].field: unknown field 'x' (declare it under "
	    "\"fields\")\n"
	    "r.json: consortium[0]: give \"min\", \"max\" or both\n"
	    "r.json: min_score: must be between 0 and 100");
}
END_TEST

/* ---- run-time helpers ---- */

START_TEST(test_set_contract)
{
	char err[160];
	const contract_value *cv;

	ok("{'fields': {'m': 'money', 'p': 'percent', 'i': 'integer',"
	   " 'l': {'type': 'list', 'separator': '|'}},"
	   " 'consortium': ["
	   "{'id': 's', 'aggregate': 'sum', 'field': 'm', 'min': 'contract.budget'},"
	   "{'id': 'pp', 'aggregate': 'max', 'field': 'p', 'max': 'contract.share'},"
	   "{'id': 'c', 'aggregate': 'count', 'max': 'contract.most'},"
	   "{'id': 'u', 'aggregate': 'sum', 'field': 'i', 'min': 'contract.units'},"
	   "{'id': 'cov', 'aggregate': 'coverage', 'field': 'l',"
	   " 'required': 'contract.needs'}],"
	   " 'contract': {'need': 10, 'codes': ['x'], 'free': null}}");
	ck_assert_uint_eq(rs->ncontract, 3);
	memset(err, 'Z', sizeof err);
	/* a bound of a money sum takes money's forms */
	ck_assert_int_eq(rules_set_contract(rs,
					    "budget=\xC2\xA3"
					    "1,000.50",
					    err, sizeof err),
			 0);
	ck_assert_int_eq(err[0], 'Z');
	cv = rules_contract(rs, "budget");
	ck_assert_ptr_nonnull(cv);
	ck_assert_uint_eq(rs->ncontract, 4);
	ck_assert_int_eq(cv->is_num, 1);
	ck_assert_double_eq(cv->num, 1000.5);
	ck_assert_uint_eq(cv->nitems, 0);
	ck_assert_int_eq(rules_set_contract(rs, "budget= 400 ", err,
					    sizeof err),
			 0);
	ck_assert_double_eq(rules_contract(rs, "budget")->num, 400);
	ck_assert_int_eq(rules_set_contract(rs, "budget=lots", err, sizeof err),
			 -1);
	ck_assert_str_eq(err,
			 "contract.budget: 'lots' is not an amount of money "
			 "(write an amount such as 400, \xC2\xA3"
			 "1,250 or 12.50)");
	/* percent and count bounds */
	ck_assert_int_eq(rules_set_contract(rs, "share=45%", err, sizeof err),
			 0);
	ck_assert_double_eq(rules_contract(rs, "share")->num, 45);
	ck_assert_int_eq(rules_set_contract(rs, "most=8", err, sizeof err), 0);
	ck_assert_int_eq(rules_set_contract(rs, "most=8.5", err, sizeof err),
			 -1);
	ck_assert_str_eq(err,
			 "contract.most: '8.5' is not a whole number (write "
			 "a whole number such as 12)");
	/* a whole-number field's bound may fall between two sums */
	ck_assert_int_eq(rules_set_contract(rs, "units=90.5", err, sizeof err),
			 0);
	ck_assert_double_eq(rules_contract(rs, "units")->num, 90.5);
	ck_assert_int_eq(rules_set_contract(rs, "units=1,000", err, sizeof err),
			 -1);

	/* a coverage list is split as its field is; blanks-only is empty */
	ck_assert_int_eq(rules_set_contract(rs, "needs=a | b|c;d", err,
					    sizeof err),
			 0);
	cv = rules_contract(rs, "needs");
	ck_assert_int_eq(cv->is_num, 0);
	ck_assert_uint_eq(cv->nitems, 3);
	ck_assert_str_eq(cv->items[0], "a");
	ck_assert_str_eq(cv->items[1], "b");
	ck_assert_str_eq(cv->items[2], "c;d");
	ck_assert_int_eq(rules_set_contract(rs, "needs= | \t|", err,
					    sizeof err),
			 0);
	cv = rules_contract(rs, "needs");
	ck_assert_uint_eq(cv->nitems, 0);
	ck_assert_ptr_nonnull(cv->items);

	/* Setting a declared key again replaces its value; a key no rule
	 * uses is a number when it reads as one, else a list. */
	ck_assert_int_eq(rules_set_contract(rs, "need=a;b", err, sizeof err),
			 0);
	cv = rules_contract(rs, "need");
	ck_assert_ptr_eq(cv, &rs->contract[0]);
	ck_assert_int_eq(cv->is_num, 0);
	ck_assert_double_eq(cv->num, 0);
	ck_assert_uint_eq(cv->nitems, 2);
	ck_assert_int_eq(rules_set_contract(rs,
					    "free=\xC2\xA3"
					    "2,500",
					    err, sizeof err),
			 0);
	ck_assert_int_eq(rules_contract(rs, "free")->is_num, 1);
	ck_assert_double_eq(rules_contract(rs, "free")->num, 2500);
	ck_assert_int_eq(rules_set_contract(rs, "free= ; ", err, sizeof err),
			 0);
	ck_assert_int_eq(rules_contract(rs, "free")->is_num, 0);
	ck_assert_uint_eq(rules_contract(rs, "free")->nitems, 0);
	/* a declared list stays a list */
	ck_assert_int_eq(rules_set_contract(rs, "codes=12", err, sizeof err),
			 0);
	cv = rules_contract(rs, "codes");
	ck_assert_int_eq(cv->is_num, 0);
	ck_assert_uint_eq(cv->nitems, 1);
	ck_assert_str_eq(cv->items[0], "12");
	/* Only the first '=' splits. */
	ck_assert_int_eq(rules_set_contract(rs, "codes=a=b", err, sizeof err),
			 0);
	ck_assert_str_eq(rules_contract(rs, "codes")->items[0], "a=b");

	/* unknown keys are refused, with a did-you-mean */
	ck_assert_int_eq(rules_set_contract(rs, "budjet=5", err, sizeof err),
			 -1);
	ck_assert_str_eq(err, "unknown contract key 'budjet' (did you mean "
			      "'budget'?)");
	ck_assert_int_eq(rules_set_contract(rs, "zzzzzz=5", err, sizeof err),
			 -1);
	ck_assert_str_eq(err, "unknown contract key 'zzzzzz' (no rule uses it "
			      "and the rule set does not declare it)");
	ck_assert_int_eq(rules_set_contract(rs, "=5", err, sizeof err), -1);
	ck_assert_str_eq(err, "expected contract.KEY=VALUE, got 'contract.=5'");
	ck_assert_int_eq(rules_set_contract(rs, "noequals", err, sizeof err),
			 -1);
	ck_assert_str_eq(
	    err, "expected contract.KEY=VALUE, got 'contract.noequals'");
	ck_assert_int_eq(rules_set_contract(rs, "", err, sizeof err), -1);
	ck_assert_str_eq(err, "expected contract.KEY=VALUE, got 'contract.'");
	ck_assert_uint_eq(rs->ncontract, 8);
	ck_assert_ptr_null(rules_contract(rs, ""));
}
END_TEST

START_TEST(test_mark_used)
{
	static const int checks_only[] = { 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
	static const int with_pairs[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 };
	unsigned char used[11];
	size_t i;

	ok("{'fields': {'a': 'number', 'b': 'number', 'c': 'date', 'd': 'string',"
	   " 'e': 'list', 'f': 'list', 'g': 'money', 'h': 'boolean', 'i': 'list',"
	   " 'j': 'list', 'unused': 'string'},"
	   "'checks': [{'id': 'x', 'expr': 'a + years_since(c)', 'op': '>', 'value': 1,"
	   "  'when': {'field': 'b', 'op': 'present'}},"
	   " {'id': 'y', 'not': {'any': [{'field': 'd', 'op': 'absent'}]}}],"
	   "'pairs': [{'id': 'p', 'field': 'e', 'op': 'meets', 'other': 'f'}],"
	   "'consortium': [{'id': 'c1', 'aggregate': 'sum', 'field': 'g', 'max': 1},"
	   " {'id': 'c2', 'aggregate': 'count', 'min': 1, 'where': {'field': 'h',"
	   "  'op': '==', 'value': true}},"
	   " {'id': 'c3', 'aggregate': 'distinct', 'fields': ['i', 'j']}]}");
	ck_assert_uint_eq(rs->nfields, sizeof used);
	/* Every entry is written, 0 or 1, whatever was there before. */
	memset(used, 0xA5, sizeof used);
	rules_mark_used(rs, 0, used);
	for (i = 0; i < rs->nfields; i++)
		if (used[i] != checks_only[i])
			ck_abort_msg("field %s: used %d", rs->fields[i].name,
				     used[i]);
	rules_mark_used(rs, 1, used);
	for (i = 0; i < rs->nfields; i++)
		if (used[i] != with_pairs[i])
			ck_abort_msg("field %s: used %d", rs->fields[i].name,
				     used[i]);
	rules_mark_used(rs, 0, used);
	for (i = 0; i < rs->nfields; i++)
		if (used[i] != checks_only[i])
			ck_abort_msg("field %s: used %d after pairs",
				     rs->fields[i].name, used[i]);
}
END_TEST

START_TEST(test_rules_load)
{
	char path[] = "/tmp/check_rules_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{\"name\": \"from file\",\n \"min_score\": 101}", f);
	fclose(f);
	rs = rules_load(path, &dl);
	ck_assert_ptr_null(rs);
	ck_assert_uint_eq(dl.n, 1);
	sb_reset(&joined);
	sb_addf(&joined, "%s: min_score: must be between 0 and 100", path);
	ck_assert_str_eq(dl.msgs[0], joined.buf);
	diaglist_free(&dl);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("{\"name\": \"from file\"}", f);
	fclose(f);
	rs = rules_load(path, &dl);
	ck_assert_ptr_nonnull(rs);
	ck_assert_str_eq(rs->name, "from file");
	unlink(path);
	rules_free(rs);
	rs = rules_load(path, &dl);
	ck_assert_ptr_null(rs);
	sb_reset(&joined);
	sb_addf(&joined, "%s:1: cannot open: No such file or directory", path);
	ck_assert_str_eq(joined_msgs(), joined.buf);
}
END_TEST

START_TEST(test_diaglist)
{
	diaglist d = { NULL, 0, 0 };
	int i;

	for (i = 0; i < 100; i++)
		diaglist_add(&d, "%d: %s", i, "x");
	ck_assert_uint_eq(d.n, 100);
	ck_assert_str_eq(d.msgs[0], "0: x");
	ck_assert_str_eq(d.msgs[99], "99: x");
	diaglist_free(&d);
	ck_assert_ptr_null(d.msgs);
	ck_assert_uint_eq(d.n, 0);
	diaglist_free(&d);
	rules_free(NULL);
	cond_free(NULL);
}
END_TEST

/* A file of thousands of problems under a long key lists the first 100
 * and counts the rest, so what it prints grows with the file, not with its
 * square. */
START_TEST(test_problems_capped)
{
	strbuf in;
	size_t i, bytes = 0;
	int k;

	sb_init(&in);
	sb_adds(&in, "{\"fields\": {\"");
	for (k = 0; k < 20000; k++)
		sb_addc(&in, 'x');
	sb_adds(&in, "\": {\"type\": \"number\"");
	for (k = 0; k < 4000; k++)
		sb_addf(&in, ", \"k%d\": 1", k);
	sb_adds(&in, "}}}");
	ck_assert_ptr_null(parse_raw(in.buf, in.len));
	ck_assert_uint_eq(dl.n, 101);
	ck_assert_ptr_nonnull(strstr(dl.msgs[0], ": unknown key 'k0'"));
	ck_assert_ptr_nonnull(strstr(dl.msgs[99], ": unknown key 'k99'"));
	ck_assert_str_eq(dl.msgs[100], "r.json: 3900 more problems not shown; "
				       "fix the first 100 and lint again");
	for (i = 0; i < dl.n; i++)
		bytes += strlen(dl.msgs[i]);
	ck_assert_uint_lt(bytes, 101 * 20100);
	sb_free(&in);
}
END_TEST

static Suite *
rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_default_rules);
	tcase_add_test(tc, test_empty_rule_set);
	tcase_add_test(tc, test_fields_valid);
	tcase_add_test(tc, test_checks_valid);
	tcase_add_test(tc, test_operands_valid);
	tcase_add_test(tc, test_sections_valid);
	tcase_add_test(tc, test_json_syntax);
	tcase_add_test(tc, test_nesting_limit);
	tcase_add_test(tc, test_utf8_and_bom);
	tcase_add_test(tc, test_root_problems);
	tcase_add_test(tc, test_exponent_at_buffer_end);
	tcase_add_test(tc, test_duplicate_keys);
	tcase_add_test(tc, test_field_problems);
	tcase_add_test(tc, test_check_problems);
	tcase_add_test(tc, test_condition_structure);
	tcase_add_test(tc, test_operators);
	tcase_add_test(tc, test_operator_hints_from_table);
	tcase_add_test(tc, test_operator_types);
	tcase_add_test(tc, test_formula_with_list_operator);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_pair_problems);
	tcase_add_test(tc, test_pair_unknown_key_once);
	tcase_add_test(tc, test_consortium_problems);
	tcase_add_test(tc, test_contract_problems);
	tcase_add_test(tc, test_large_exact_numbers);
	tcase_add_test(tc, test_apart_relative_types);
	tcase_add_test(tc, test_nul_in_strings);
	tcase_add_test(tc, test_waiver_problems);
	tcase_add_test(tc, test_input_problems);
	tcase_add_test(tc, test_message_order);
	tcase_add_test(tc, test_set_contract);
	tcase_add_test(tc, test_mark_used);
	tcase_add_test(tc, test_rules_load);
	tcase_add_test(tc, test_diaglist);
	tcase_add_test(tc, test_problems_capped);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(rules_suite)
