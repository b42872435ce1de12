#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "ops.h"
#include "rules.h"
#include "strbuf.h"
#include "testutil.h"
#include "xalloc.h"

/*
 * Conditions one at a time: each operator true, false and over a missing
 * value, with the words a report gives for each; and the operator table
 * that the loader, these messages and lint's hints share.
 *
 * Rule text uses single quotes; q() turns them into double quotes.  A
 * row is one cell per field, '|'-separated, in the order of FIELDS; a
 * cell "~" is a missing value (as for a column the file lacks).
 */

/* One field of each type, declared in field_type order, so that field i
 * has type i. */
#define FIELDS \
	"'fields': {'fs': 'string', 'fi': 'integer', 'fn': 'number', " \
	"'fm': 'money', 'fp': 'percent', 'fb': 'boolean', " \
	"'fo': {'type': 'ordinal', 'levels': ['D', 'C', 'B', 'A']}, " \
	"'fe': {'type': 'enum', 'values': ['x', 'y']}, 'fl': 'list', " \
	"'fd': 'date'}"
#define NF 10
#define ROW "abc|3|2.5|1000|45|yes|B|x|a; b|2021-03-04"
#define MISSING "~|~|~|~|~|~|~|~|~|~"
#define EMPTY_LIST "abc|3|2.5|1000|45|yes|B|x||2021-03-04"
#define TODAY 19723L /* 2024-01-01 */

static ruleset *rs;
static diaglist dl;
static strbuf out;
static value vals[NF];
static item_vec ivs[NF];
static char *cells;

static void
setup(void)
{
	rs = NULL;
	memset(&dl, 0, sizeof dl);
	memset(ivs, 0, sizeof ivs);
	cells = NULL;
	sb_init(&out);
}

static void
teardown(void)
{
	size_t i;

	rules_free(rs);
	rs = NULL;
	diaglist_free(&dl);
	for (i = 0; i < NF; i++)
		item_vec_free(&ivs[i]);
	free(cells);
	sb_free(&out);
}

/* Parses text with ' for ", keeping any messages in dl. */
static ruleset *
parse_q(const char *text)
{
	char *s = xstrdup(text), *p;

	for (p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	rules_free(rs);
	diaglist_free(&dl);
	rs = rules_parse("r.json", s, strlen(s), &dl);
	free(s);
	return rs;
}

/* The first message, or "accepted". */
static const char *
first_msg(void)
{
	if (rs)
		return "accepted";
	ck_assert_uint_gt(dl.n, 0);
	return dl.msgs[0];
}

/* The condition of a one-check rule set whose check is body. */
static const cond *
load_cond(const char *body)
{
	strbuf sb;

	sb_init(&sb);
	sb_addf(&sb, "{" FIELDS ", 'checks': [{'id': 'c', %s}]}", body);
	if (!parse_q(sb.buf))
		ck_abort_msg("rejected %s: %s", body, first_msg());
	sb_free(&sb);
	ck_assert_uint_eq(rs->nfields, NF);
	return rs->checks[0].test;
}

/* Parses row into vals, as the evaluator would. */
static void
set_row(const char *row)
{
	char *p, *end;
	size_t i;

	free(cells);
	cells = xstrdup(row);
	for (i = 0, p = cells; i < NF; i++, p = end + 1) {
		char err[200];

		end = strchr(p, '|');
		if (!end)
			end = p + strlen(p);
		ck_assert_msg(i + 1 < NF || !*end, "row has too many cells");
		ck_assert_msg(i + 1 == NF || *end, "row has too few cells");
		*end = '\0';
		if (!strcmp(p, "~")) {
			memset(&vals[i], 0, sizeof vals[i]);
			continue;
		}
		if (value_parse(&rs->fields[i].type, p, strlen(p), &vals[i],
				&ivs[i], err, sizeof err) < 0)
			ck_abort_msg("cell %zu: %s", i, err);
	}
}

/* "true: <what holds>", "false: <why not>" or "missing: <why>". */
static const char *
result_of(const char *body, const char *row)
{
	const cond *c = load_cond(body);
	cond_ctx cx;
	tri r;

	set_row(row);
	cond_ctx_init(&cx, rs, TODAY);
	r = cond_eval(&cx, c, vals);
	sb_reset(&out);
	sb_adds(&out, r == T_TRUE  ? "true: " :
		      r == T_FALSE ? "false: " :
				     "missing: ");
	if (r == T_TRUE)
		cond_describe_holds(&cx, c, vals, &out);
	else
		cond_describe(&cx, c, vals, r, &out);
	cond_ctx_free(&cx);
	return out.buf;
}

/* The condition as a rule reads. */
static const char *
text(const char *body)
{
	const cond *c = load_cond(body);

	sb_reset(&out);
	cond_text(c, &out);
	return out.buf;
}

/* ---- evaluation and messages, operator by operator ---- */

static const struct {
	const char *body, *row, *want;
} cases[] = {
	/* == != on numbers and text */
	{ "'field': 'fn', 'op': '==', 'value': 2.5", ROW, "true: fn is 2.5" },
	{ "'field': 'fn', 'op': '==', 'value': 3", ROW,
	  "false: fn is 2.5, expected 3" },
	{ "'field': 'fn', 'op': '==', 'value': 3", MISSING,
	  "missing: fn is missing" },
	{ "'field': 'fs', 'op': '==', 'value': 'abc'", ROW, "true: fs is abc" },
	/* strings compare by key: letter case and blanks do not count */
	{ "'field': 'fs', 'op': '==', 'value': 'ABC'", ROW, "true: fs is abc" },
	{ "'field': 'fs', 'op': '==', 'value': ' aBc  '", ROW,
	  "true: fs is abc" },
	{ "'field': 'fs', 'op': '==', 'value': 'a bc'", ROW,
	  "false: fs is abc, expected a bc" },
	{ "'field': 'fn', 'op': '!=', 'value': 3", ROW, "true: fn is 2.5" },
	{ "'field': 'fn', 'op': '!=', 'value': 2.5", ROW,
	  "false: fn is 2.5, which is not allowed" },
	{ "'field': 'fs', 'op': '!=', 'value': 'abc'", MISSING,
	  "missing: fs is missing" },
	/* the order operators, on a number, an ordinal and a date */
	{ "'field': 'fn', 'op': '<', 'value': 3", ROW, "true: fn is 2.5" },
	{ "'field': 'fn', 'op': '<', 'value': 2.5", ROW,
	  "false: fn is 2.5, not below 2.5" },
	{ "'field': 'fn', 'op': '<', 'value': 2.5", MISSING,
	  "missing: fn is missing" },
	{ "'field': 'fn', 'op': '<=', 'value': 2.5", ROW, "true: fn is 2.5" },
	{ "'field': 'fn', 'op': '<=', 'value': 2", ROW,
	  "false: fn is 2.5, above the maximum 2" },
	{ "'field': 'fi', 'op': '<=', 'value': 2", MISSING,
	  "missing: fi is missing" },
	{ "'field': 'fo', 'op': '>', 'value': 'C'", ROW, "true: fo is B" },
	{ "'field': 'fo', 'op': '>', 'value': 'B'", ROW,
	  "false: fo is B, not above B" },
	{ "'field': 'fo', 'op': '>', 'value': 'B'", MISSING,
	  "missing: fo is missing" },
	{ "'field': 'fd', 'op': '>=', 'value': '2021-03-04'", ROW,
	  "true: fd is 2021-03-04" },
	{ "'field': 'fd', 'op': '>=', 'value': '2021-03-05'", ROW,
	  "false: fd is 2021-03-04, below the minimum 2021-03-05" },
	{ "'field': 'fm', 'op': '>=', 'value': 5000000", ROW,
	  "false: fm is \xc2\xa3"
	  "1,000, below the minimum \xc2\xa3"
	  "5,000,000" },
	{ "'field': 'fd', 'op': '>=', 'value': '2021-03-05'", MISSING,
	  "missing: fd is missing" },
	{ "'field': 'fp', 'op': 'between', 'value': [40, 50]", ROW,
	  "true: fp is 45%" },
	{ "'field': 'fp', 'op': 'between', 'value': [0, 40]", ROW,
	  "false: fp is 45%, outside 0% to 40%" },
	{ "'field': 'fp', 'op': 'between', 'value': [0, 40]", MISSING,
	  "missing: fp is missing" },
	/* in, not in */
	{ "'field': 'fe', 'op': 'in', 'value': ['y', 'x']", ROW,
	  "true: fe is x" },
	{ "'field': 'fe', 'op': 'in', 'value': ['y']", ROW,
	  "false: fe is x, expected y" },
	{ "'field': 'fs', 'op': 'in', 'value': ['a', 'b']", ROW,
	  "false: fs is abc, not one of a, b" },
	{ "'field': 'fe', 'op': 'in', 'value': ['y']", MISSING,
	  "missing: fe is missing" },
	{ "'field': 'fs', 'op': 'not in', 'value': ['a', 'b']", ROW,
	  "true: fs is abc" },
	{ "'field': 'fi', 'op': 'not in', 'value': [1, 3]", ROW,
	  "false: fi is 3, which is excluded" },
	{ "'field': 'fi', 'op': 'not in', 'value': [1, 3]", MISSING,
	  "missing: fi is missing" },
	/* the list operators */
	{ "'field': 'fl', 'op': 'contains', 'value': 'b'", ROW,
	  "true: fl includes b" },
	{ "'field': 'fl', 'op': 'contains', 'value': 'c'", ROW,
	  "false: fl does not include c" },
	{ "'field': 'fl', 'op': 'contains', 'value': 'c'", MISSING,
	  "missing: fl is missing" },
	{ "'field': 'fl', 'op': 'contains any', 'value': ['c', 'b']", ROW,
	  "true: fl includes b" },
	{ "'field': 'fl', 'op': 'contains any', 'value': ['c', 'd']", ROW,
	  "false: fl includes none of c, d" },
	{ "'field': 'fl', 'op': 'contains any', 'value': ['c']", MISSING,
	  "missing: fl is missing" },
	{ "'field': 'fl', 'op': 'contains all', 'value': ['b', 'a']", ROW,
	  "true: fl includes b, a" },
	{ "'field': 'fl', 'op': 'contains all', 'value': ['a', 'c', 'd']", ROW,
	  "false: fl lacks c, d" },
	{ "'field': 'fl', 'op': 'contains all', 'value': ['a']", MISSING,
	  "missing: fl is missing" },
	{ "'field': 'fl', 'op': 'is empty'", EMPTY_LIST, "true: fl is empty" },
	{ "'field': 'fl', 'op': 'is empty'", ROW,
	  "false: fl is a; b, expected nothing" },
	{ "'field': 'fl', 'op': 'is empty'", MISSING,
	  "missing: fl is missing" },
	{ "'field': 'fl', 'op': 'is not empty'", ROW, "true: fl is a; b" },
	{ "'field': 'fl', 'op': 'is not empty'", EMPTY_LIST,
	  "false: fl is empty" },
	{ "'field': 'fl', 'op': 'is not empty'", MISSING,
	  "missing: fl is missing" },
	/* present and absent are never missing: they ask about it */
	{ "'field': 'fs', 'op': 'present'", ROW, "true: fs is abc" },
	{ "'field': 'fs', 'op': 'present'", MISSING, "false: fs is missing" },
	{ "'field': 'fl', 'op': 'present'", EMPTY_LIST, "false: fl is empty" },
	{ "'field': 'fs', 'op': 'absent'", MISSING, "true: fs is missing" },
	{ "'field': 'fl', 'op': 'absent'", EMPTY_LIST, "true: fl is empty" },
	{ "'field': 'fs', 'op': 'absent'", ROW,
	  "false: fs is abc, expected nothing" },
	/* matches */
	{ "'field': 'fs', 'op': 'matches', 'value': '^a[b-c]+$'", ROW,
	  "true: fs is abc" },
	{ "'field': 'fs', 'op': 'matches', 'value': '^b'", ROW,
	  "false: fs is abc, which does not match the pattern ^b" },
	{ "'field': 'fs', 'op': 'matches', 'value': '^b'", MISSING,
	  "missing: fs is missing" },
	/* a formula as the subject */
	{ "'expr': 'fn * 2', 'op': '>=', 'value': 5", ROW,
	  "true: fn * 2 is 5" },
	{ "'expr': 'fn / 3', 'op': '>=', 'value': 1", ROW,
	  "false: fn / 3 is 0.83, below the minimum 1" },
	{ "'expr': 'fn * 2', 'op': '>=', 'value': 5", MISSING,
	  "missing: fn * 2 cannot be computed: fn is missing" },
	{ "'expr': 'fn / (fi - 3)', 'op': '>=', 'value': 5", ROW,
	  "missing: fn / (fi - 3) cannot be computed (division by zero)" },
	/* the combinators, three-valued */
	{ "'all': [{'field': 'fn', 'op': '>', 'value': 2}, "
	  "{'field': 'fi', 'op': '==', 'value': 3}]",
	  ROW, "true: fn is 2.5; fi is 3" },
	{ "'all': [{'field': 'fn', 'op': '>', 'value': 3}, "
	  "{'field': 'fi', 'op': '==', 'value': 4}]",
	  ROW, "false: fn is 2.5, not above 3; fi is 3, expected 4" },
	{ "'all': [{'field': 'fn', 'op': '>', 'value': 3}, "
	  "{'field': 'fs', 'op': 'present'}]",
	  MISSING, "false: fs is missing" },
	{ "'any': [{'field': 'fn', 'op': '>', 'value': 3}, "
	  "{'field': 'fi', 'op': '==', 'value': 3}]",
	  ROW, "true: fi is 3" },
	{ "'any': [{'field': 'fn', 'op': '>', 'value': 3}, "
	  "{'field': 'fi', 'op': '==', 'value': 4}]",
	  ROW,
	  "false: none of these holds: fn is 2.5, not above 3; fi is 3, "
	  "expected 4" },
	{ "'any': [{'field': 'fn', 'op': '>', 'value': 3}, "
	  "{'field': 'fi', 'op': '==', 'value': 4}]",
	  MISSING,
	  "missing: none of these holds: fn is missing; fi is missing" },
	{ "'not': {'field': 'fe', 'op': '==', 'value': 'y'}", ROW,
	  "true: fe is x, expected y" },
	{ "'not': {'field': 'fe', 'op': '==', 'value': 'x'}", ROW,
	  "false: fe is x, which the rule excludes" },
	{ "'not': {'all': [{'field': 'fe', 'op': '==', 'value': 'x'}]}", ROW,
	  "false: the excluded combination of conditions holds" },
	{ "'not': {'field': 'fe', 'op': '==', 'value': 'x'}", MISSING,
	  "missing: fe is missing" },
};

START_TEST(test_outcomes)
{
	ck_assert_str_eq(result_of(cases[_i].body, cases[_i].row),
			 cases[_i].want);
}
END_TEST

/* Every leaf operator that a check can use has a case that is true, one
 * that is false and one over a missing value above. */
START_TEST(test_every_operator_has_cases)
{
	size_t i, k;

	for (i = 0; i < op_count; i++) {
		const op_info *oi = &op_table[i];
		int seen[3] = { 0, 0, 0 };
		char want[64];

		if (!op_is_leaf(oi) || (oi->flags & OPF_PAIRWISE))
			continue;
		snprintf(want, sizeof want, "'op': '%s'", oi->name);
		for (k = 0; k < sizeof cases / sizeof *cases; k++) {
			const char *w = cases[k].want;
			const char *at = strstr(cases[k].body, want);

			/* the name must end there: '<' is not '<=' */
			if (!at ||
			    (at[strlen(want)] != ',' && at[strlen(want)]))
				continue;
			seen[w[0] == 't' ? 0 : w[0] == 'f' ? 1 : 2] = 1;
		}
		ck_assert_msg(
		    seen[0] && seen[1] &&
			(seen[2] || oi->op == C_PRESENT || oi->op == C_ABSENT),
		    "operator '%s' lacks a true, false or missing case",
		    oi->name);
	}
}
END_TEST

START_TEST(test_text)
{
	ck_assert_str_eq(text(
			     "'field': 'fn', 'op': 'between', 'value': [1, 2]"),
			 "fn between 1 and 2");
	ck_assert_str_eq(text("'field': 'fl', 'op': 'contains any', "
			      "'value': ['a', 'b']"),
			 "fl contains any of a, b");
	ck_assert_str_eq(text("'field': 'fl', 'op': 'contains all', "
			      "'value': ['a']"),
			 "fl contains all of a");
	ck_assert_str_eq(text("'field': 'fs', 'op': 'present'"),
			 "fs is present");
	ck_assert_str_eq(text("'field': 'fs', 'op': 'absent'"), "fs is absent");
	ck_assert_str_eq(text("'field': 'fl', 'op': 'is not empty'"),
			 "fl is not empty");
	ck_assert_str_eq(text("'field': 'fm', 'op': '>=', 'value': 1500000"),
			 "fm >= 1,500,000");
	ck_assert_str_eq(text("'field': 'fs', 'op': 'not in', "
			      "'value': ['a', 'b']"),
			 "fs not in a, b");
	ck_assert_str_eq(text("'any': [{'field': 'fs', 'op': 'matches', "
			      "'value': '^x'}, {'not': {'field': 'fi', "
			      "'op': '!=', 'value': 1}}]"),
			 "fs matches ^x or not (fi != 1)");
}
END_TEST

/* ---- the operator table ---- */

START_TEST(test_table_one_row_per_op)
{
	size_t i, j;

	/* C_SAME is the last cond_op */
	ck_assert_uint_eq(op_count, (size_t)C_SAME + 1);
	for (i = 0; i < op_count; i++) {
		const op_info *oi = &op_table[i];

		ck_assert_int_eq(oi->op, (int)i);
		ck_assert_ptr_eq(op_info_of(oi->op), oi);
		ck_assert_ptr_nonnull(oi->name);
		ck_assert_ptr_nonnull(oi->text);
		ck_assert_str_eq(op_name(oi->op), oi->name);
		ck_assert_ptr_eq(op_by_name(oi->name), oi);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(op_table[j].name, oi->name);
		/* a leaf fits some type; a combinator fits none */
		ck_assert_int_eq(op_is_leaf(oi), oi->fits != 0);
	}
	ck_assert_ptr_null(op_by_name("gte"));
	ck_assert_ptr_null(op_by_name("IN"));
}
END_TEST

START_TEST(test_table_aliases)
{
	size_t i, a;

	for (i = 0; i < op_count; i++)
		for (a = 0; op_table[i].aliases && op_table[i].aliases[a];
		     a++) {
			const char *al = op_table[i].aliases[a];

			/* an alias is a hint, never a name the loader takes */
			ck_assert_ptr_null(op_by_name(al));
			ck_assert_str_eq(op_alias_target(al), op_table[i].name);
		}
	ck_assert_str_eq(op_alias_target("GTE"), ">=");
	ck_assert_str_eq(op_alias_target("Not_In"), "not in");
	ck_assert_ptr_null(op_alias_target("between"));
	ck_assert_ptr_null(op_alias_target("gtee"));
}
END_TEST

/* A literal of each field type, in FIELDS order. */
static const char *const literal[NF] = { "'x'", "1",           "1",   "1",
					 "1",   "true",        "'B'", "'x'",
					 "'x'", "'2020-01-01'" };

/* The body of a leaf on field ft with operator oi and what it takes. */
static void
leaf_body(strbuf *sb, const op_info *oi, field_type ft)
{
	static const char *const names[NF] = { "fs", "fi", "fn", "fm", "fp",
					       "fb", "fo", "fe", "fl", "fd" };

	sb_addf(sb, "'field': '%s', 'op': '%s'", names[ft], oi->name);
	switch (oi->arity) {
	case OPA_ONE:
		sb_addf(sb, ", 'value': %s",
			(oi->flags & OPF_REGEX) ? "'^x'" : literal[ft]);
		break;
	case OPA_LIST:
		sb_addf(sb, ", 'value': [%s]", literal[ft]);
		break;
	case OPA_RANGE:
		sb_addf(sb, ", 'value': [%s, %s]", literal[ft], literal[ft]);
		break;
	default:
		break;
	}
	if (oi->op == C_APART)
		sb_adds(sb, ", 'by': 1");
}

/* A whole rule set holding the leaf, where its kind of rule goes. */
static const char *
rule_set(strbuf *sb, const op_info *oi, field_type ft)
{
	sb_reset(sb);
	sb_adds(sb, "{" FIELDS ", ");
	sb_adds(sb, (oi->flags & OPF_PAIRWISE) ? "'pairs'" : "'checks'");
	sb_adds(sb, ": [{'id': 'r', ");
	leaf_body(sb, oi, ft);
	sb_adds(sb, "}]}");
	return sb->buf;
}

/* The loader takes every leaf operator on every field type the table
 * says it fits, and refuses it, saying so, on every other. */
START_TEST(test_loader_follows_table)
{
	strbuf sb, want;
	size_t i;
	int ft;

	sb_init(&sb);
	sb_init(&want);
	for (i = 0; i < op_count; i++) {
		const op_info *oi = &op_table[i];

		if (!op_is_leaf(oi))
			continue;
		for (ft = 0; ft < NF; ft++) {
			parse_q(rule_set(&sb, oi, (field_type)ft));
			if (oi->fits & OP_FT(ft)) {
				ck_assert_msg(rs != NULL, "%s: %s", sb.buf,
					      first_msg());
				continue;
			}
			sb_reset(&want);
			sb_addf(&want, "does not apply to");
			ck_assert_msg(!rs && strstr(first_msg(), want.buf) &&
					  strstr(first_msg(), oi->name),
				      "%s: %s", sb.buf, first_msg());
		}
	}
	sb_free(&want);
	sb_free(&sb);
}
END_TEST

/* Every combinator is taken too, each in its kind of rule. */
START_TEST(test_loader_takes_combinators)
{
	strbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < op_count; i++) {
		const op_info *oi = &op_table[i];

		if (op_is_leaf(oi))
			continue;
		sb_reset(&sb);
		sb_addf(&sb,
			"{" FIELDS ", %s: [{'id': 'r', '%s': %s"
			"{'field': 'fn', 'op': 'present'}%s}]}",
			(oi->flags & OPF_PAIRWISE) ? "'pairs'" : "'checks'",
			oi->name, oi->arity == OPA_KIDS ? "[" : "",
			oi->arity == OPA_KIDS ? "]" : "");
		parse_q(sb.buf);
		ck_assert_msg(rs != NULL, "%s: %s", sb.buf, first_msg());
	}
	sb_free(&sb);
}
END_TEST

/* Formulas are numbers: an operator fits one when it fits a number and
 * needs no field. */
START_TEST(test_formula_fit)
{
	size_t i;

	for (i = 0; i < op_count; i++) {
		const op_info *oi = &op_table[i];

		ck_assert_int_eq(op_fits(oi, NULL),
				 !(oi->flags & OPF_NEEDS_FIELD) &&
				     (oi->fits & OP_FT(FT_NUMBER)));
	}
	ck_assert(op_fits(op_info_of(C_GE), NULL));
	ck_assert(!op_fits(op_info_of(C_MATCHES), NULL));
	ck_assert(!op_fits(op_info_of(C_CONTAINS), NULL));
	parse_q("{" FIELDS ", 'checks': [{'id': 'c', 'expr': 'fn + 1', "
		"'op': 'present'}]}");
	ck_assert_str_eq(first_msg(), "r.json: checks[0].op: 'present' needs "
				      "a field, not a formula");
}
END_TEST

/* A field's label stands for its name in messages when the context asks
 * for it (a report for people), and only then; a field without one keeps
 * its name either way. */
START_TEST(test_labels)
{
	const cond *c;
	value v[2];
	cond_ctx cx;

	ck_assert_ptr_nonnull(parse_q(
	    "{'fields': {'cash': {'type': 'money', 'label': 'Cash in hand'},"
	    " 'n': 'number'}, 'checks': [{'id': 'c', 'all': ["
	    "{'field': 'cash', 'op': '>=', 'value': 1000},"
	    "{'field': 'n', 'op': '>', 'value': 2}]}]}"));
	ck_assert_str_eq(rs->fields[0].label, "Cash in hand");
	ck_assert_ptr_null(rs->fields[1].label);
	c = rs->checks[0].test;
	memset(v, 0, sizeof v);
	ck_assert_int_eq(value_parse(&rs->fields[0].type, "-12.5", 5, &v[0],
				     &ivs[0], NULL, 0),
			 0);
	ck_assert_int_eq(value_parse(&rs->fields[1].type, "1", 1, &v[1],
				     &ivs[1], NULL, 0),
			 0);
	cond_ctx_init(&cx, rs, TODAY);
	cond_describe(&cx, c, v, T_FALSE, &out);
	ck_assert_str_eq(out.buf, "cash is -\xc2\xa3"
				  "12.50, below the minimum \xc2\xa3"
				  "1,000; n is 1, not above 2");
	sb_reset(&out);
	cx.labels = 1;
	cond_describe(&cx, c, v, T_FALSE, &out);
	ck_assert_str_eq(out.buf, "Cash in hand is -\xc2\xa3"
				  "12.50, below the minimum \xc2\xa3"
				  "1,000; n is 1, not above 2");
	ck_assert_str_eq(cond_field_name(&cx, 1), "n");
	cond_ctx_free(&cx);
}
END_TEST

static Suite *
cond_suite(void)
{
	Suite *s = suite_create("cond");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_outcomes, 0,
			    (int)(sizeof cases / sizeof *cases));
	tcase_add_test(tc, test_every_operator_has_cases);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_table_one_row_per_op);
	tcase_add_test(tc, test_table_aliases);
	tcase_add_test(tc, test_loader_follows_table);
	tcase_add_test(tc, test_loader_takes_combinators);
	tcase_add_test(tc, test_formula_fit);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(cond_suite)
