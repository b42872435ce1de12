#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "date.h"
#include "eval.h"
#include "rules_snapshot.h"
#include "strbuf.h"
#include "testutil.h"
#include "waivers.h"
#include "xalloc.h"

/*
 * Per-partner evaluation: a rule set from JSON text, records built by hand
 * as csvread would hand them over, and every verdict compared exactly.
 * Rule text uses single quotes; q() turns them into double quotes.
 */

#define MAXF 32

typedef struct rec_buf {
	char *cells[MAXF];
	size_t lens[MAXF];
	csv_record rec;
} rec_buf;

static ruleset *rs;
static evaluator *ev;
static waiver_set *ws;
static diaglist dl;
static rec_buf hdr, row_buf;
static strbuf out;
static size_t next_index;

static void
rec_clear(rec_buf *b)
{
	size_t i;

	for (i = 0; i < MAXF; i++) {
		free(b->cells[i]);
		b->cells[i] = NULL;
	}
	memset(&b->rec, 0, sizeof b->rec);
}

/* Fills b from cells separated by '|' (each an exact-size copy plus the
 * NUL that csvread adds). */
static csv_record *
rec_set(rec_buf *b, size_t line, size_t index, const char *cells)
{
	const char *p = cells;
	size_t n = 0;

	rec_clear(b);
	for (;;) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		ck_assert_uint_lt(n, MAXF);
		b->cells[n] = xmalloc(len + 1);
		memcpy(b->cells[n], p, len);
		b->cells[n][len] = '\0';
		b->lens[n] = len;
		n++;
		if (!end)
			break;
		p = end + 1;
	}
	b->rec.fields = b->cells;
	b->rec.lens = b->lens;
	b->rec.nfields = n;
	b->rec.line = line;
	b->rec.end_line = line;
	b->rec.index = index;
	b->rec.error = NULL;
	b->rec.error_field = -1;
	b->rec.has_nul = 0;
	return &b->rec;
}

static void
setup(void)
{
	rs = NULL;
	ev = NULL;
	ws = NULL;
	memset(&dl, 0, sizeof dl);
	memset(&hdr, 0, sizeof hdr);
	memset(&row_buf, 0, sizeof row_buf);
	sb_init(&out);
	next_index = 0;
}

static void
teardown(void)
{
	eval_free(ev);
	waivers_free(ws);
	rules_free(rs);
	diaglist_free(&dl);
	rec_clear(&hdr);
	rec_clear(&row_buf);
	sb_free(&out);
}

static void
load(const char *text)
{
	char *s = xstrdup(text), *p;
	size_t i;

	for (p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	rs = rules_parse("r.json", s, strlen(s), &dl);
	free(s);
	if (!rs) {
		for (i = 0; i < dl.n; i++)
			fprintf(stderr, "%s\n", dl.msgs[i]);
		ck_abort_msg("rule set rejected");
	}
}

/* Binds to a header (line 1); returns the messages, or "ok". */
static const char *
start_with(const char *header, const eval_opts *o)
{
	size_t i;

	eval_free(ev);
	ev = eval_new(rs, rec_set(&hdr, 1, 0, header), "f.csv", o, &dl);
	next_index = 0;
	sb_reset(&out);
	if (ev)
		return "ok";
	for (i = 0; i < dl.n; i++) {
		if (i)
			sb_addc(&out, '\n');
		sb_adds(&out, dl.msgs[i]);
	}
	return out.buf;
}

static void
start(const char *header, long today)
{
	eval_opts o;

	memset(&o, 0, sizeof o);
	o.today = today;
	o.waivers = ws;
	o.categories = 1;
	if (strcmp(start_with(header, &o), "ok"))
		ck_abort_msg("eval_new: %s", out.buf);
}

static verdict v;

/* Evaluates the next record (on line `line`) and returns its findings,
 * one a line: "rule severity outcome: message". */
static const char *
row_rec(const csv_record *rec)
{
	size_t i;

	memset(&v, 0xA5, sizeof v);
	eval_row(ev, rec, &v);
	sb_reset(&out);
	for (i = 0; i < v.nfindings; i++)
		sb_addf(&out, "%s%s %s %s: %s", i ? "\n" : "",
			v.findings[i].rule, severity_name(v.findings[i].sev),
			outcome_name(v.findings[i].out), v.findings[i].message);
	return out.buf;
}

static const char *
row(size_t line, const char *cells)
{
	return row_rec(rec_set(&row_buf, line, ++next_index, cells));
}

/* "status score" and each category as "name=score" ("-" for none). */
static const char *
scores(void)
{
	static char buf[256];
	size_t i, n;

	n = (size_t)snprintf(buf, sizeof buf, "%s ", status_name(v.st));
	if (v.has_score)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%g", v.score);
	else
		n += (size_t)snprintf(buf + n, sizeof buf - n, "-");
	for (i = 0; i < v.ncats; i++) {
		if (v.cats[i].has_score)
			n += (size_t)snprintf(buf + n, sizeof buf - n, " %s=%g",
					      v.cats[i].category,
					      v.cats[i].score);
		else
			n += (size_t)snprintf(buf + n, sizeof buf - n, " %s=-",
					      v.cats[i].category);
	}
	return buf;
}

/* ---- binding to the header ---- */

#define BIND_RULES \
	"{'input': {'id': 'id', 'name': 'name'}," \
	" 'fields': {'n': 'number', 'm': {'type': 'money', 'column': 'M (x)'}," \
	"  'unused': 'string', 's': 'string'}," \
	" 'checks': [{'id': 'c', 'expr': 'n + m', 'op': '>', 'value': 0}," \
	"  {'id': 'd', 'field': 's', 'op': 'present'}]}"

START_TEST(test_eval_new_errors)
{
	eval_opts o;
	static const char *const keep[] = { "region", "n", "region", "id" };

	load(BIND_RULES);
	memset(&o, 0, sizeof o);
	ck_assert_str_eq(start_with("id|name|n|M (x)|s", &o), "ok");
	/* The column of a field is its "column", not its name. */
	ck_assert_str_eq(
	    start_with("id|name|n|m|s", &o),
	    "f.csv:1: column 'M (x)' (field m) is not in the header");
	diaglist_free(&dl);
	ck_assert_str_eq(
	    start_with("n|s|M (x)", &o),
	    "f.csv:1: column 'id' (the partner id) is not in the header\n"
	    "f.csv:1: column 'name' (the partner name) is not in the header");
	diaglist_free(&dl);
	ck_assert_str_eq(
	    start_with("id|name|n|M (x)|n|s|id|id", &o),
	    "f.csv:1: column 'id' (the partner id) appears twice in the "
	    "header (columns 1 and 7)\n"
	    "f.csv:1: column 'n' (field n) appears twice in the header "
	    "(columns 3 and 5)");
	diaglist_free(&dl);
	/* Columns no rule uses may be absent or repeated. */
	ck_assert_str_eq(start_with("id|name|n|M (x)|s|x|x", &o), "ok");
	/* --keep: each unknown column once. */
	o.keep = keep;
	o.nkeep = 4;
	ck_assert_str_eq(
	    start_with("id|name|n|M (x)|s", &o),
	    "f.csv:1: column 'region' (--keep) is not in the header");
	diaglist_free(&dl);
	ck_assert_str_eq(
	    start_with("id|name|n|M (x)|s|region|region", &o),
	    "f.csv:1: column 'region' (--keep) appears twice in the header "
	    "(columns 6 and 7)");
	diaglist_free(&dl);
	ck_assert_str_eq(start_with("id|name|n|M (x)|s|region", &o), "ok");
	/* A message already in the list is not this header's problem. */
	diaglist_add(&dl, "earlier");
	o.nkeep = 0;
	ck_assert_str_eq(start_with("id|name|n|M (x)|s", &o), "ok");
	ck_assert_uint_eq(dl.n, 1);
	diaglist_free(&dl);
	/* An unreadable header is reported before its columns. */
	rec_set(&hdr, 3, 0, "id|name|n");
	hdr.rec.error = "invalid UTF-8 (byte 0xE9)";
	eval_free(ev);
	ev = eval_new(rs, &hdr.rec, "f.csv", &o, &dl);
	ck_assert_ptr_null(ev);
	ck_assert_uint_eq(dl.n, 3);
	ck_assert_str_eq(
	    dl.msgs[0],
	    "f.csv:3: the header row is unreadable: invalid UTF-8 (byte 0xE9)");
	ck_assert_str_eq(
	    dl.msgs[1],
	    "f.csv:3: column 'M (x)' (field m) is not in the header");
	ck_assert_str_eq(dl.msgs[2],
			 "f.csv:3: column 's' (field s) is not in the header");
	eval_free(NULL);
}
END_TEST

/* ---- every operator's message ---- */

#define OPS_FIELDS \
	" 'fields': {'reserves': 'number', 'turnover': 'money'," \
	"  'grade': {'type': 'ordinal', 'levels': ['D', 'C', 'B', 'A']}," \
	"  'lead': {'type': 'enum', 'values': ['must', 'willing', 'no']}," \
	"  'tags': 'list', 'audited': 'boolean', 'registered': 'date'," \
	"  'ethos': 'string', 'pct': 'percent', 'surplus': 'money'}"
#define OPS_HEADER \
	"id|name|reserves|turnover|grade|lead|tags|audited|" \
	"registered|ethos|pct|surplus"

START_TEST(test_operator_messages)
{
	load(
	    "{'input': {'id': 'id', 'name': 'name'}," OPS_FIELDS ", 'checks': ["
	    "{'id': 'v.ge', 'field': 'reserves', 'op': '>=', 'value': 3},"
	    "{'id': 'v.gt', 'field': 'reserves', 'op': '>', 'value': 3},"
	    "{'id': 'v.le', 'field': 'reserves', 'op': '<=', 'value': 1},"
	    "{'id': 'v.lt', 'field': 'reserves', 'op': '<', 'value': 1.5},"
	    "{'id': 'v.eq', 'field': 'lead', 'op': '==', 'value': 'must'},"
	    "{'id': 'v.ne', 'field': 'lead', 'op': '!=', 'value': 'no'},"
	    "{'id': 'v.between', 'field': 'pct', 'op': 'between', 'value': [0, 100]},"
	    "{'id': 'v.in1', 'field': 'lead', 'op': 'in', 'value': ['must']},"
	    "{'id': 'v.in2', 'field': 'lead', 'op': 'in', 'value': ['must', 'willing']},"
	    "{'id': 'v.notin', 'field': 'ethos', 'op': 'not in', 'value': ['x', 'profit']},"
	    "{'id': 'v.contains', 'field': 'tags', 'op': 'contains', 'value': 'charity'},"
	    "{'id': 'v.any', 'field': 'tags', 'op': 'contains any', 'value': ['a', 'b']},"
	    "{'id': 'v.all', 'field': 'tags', 'op': 'contains all', 'value': ['x', 'b', 'c']},"
	    "{'id': 'v.empty', 'field': 'tags', 'op': 'is empty'},"
	    "{'id': 'v.absent', 'field': 'ethos', 'op': 'absent'},"
	    "{'id': 'v.matches', 'field': 'ethos', 'op': 'matches', 'value': '^[A-Z]'},"
	    "{'id': 'v.grade', 'field': 'grade', 'op': '>=', 'value': 'B'},"
	    "{'id': 'v.money', 'field': 'turnover', 'op': '>', 'value': 5000000},"
	    "{'id': 'v.bool', 'field': 'audited', 'op': '==', 'value': true},"
	    "{'id': 'v.date', 'field': 'registered', 'op': '<', 'value': '2020-01-01'},"
	    "{'id': 'v.expr', 'expr': 'surplus / turnover * 100', 'op': '>=', 'value': 5},"
	    "{'id': 'v.str', 'field': 'ethos', 'op': '==', 'value': 'Profit'}"
	    "]}");
	start(OPS_HEADER, 0);
	ck_assert_str_eq(
	    row(2, "P1| Haven |1.5|\xc2\xa3"
		   "1,200,000|C|no|x; y|no|"
		   "2021-03-04| profit |120%|40000"),
	    "v.ge fail fail: reserves is 1.5, below the minimum 3\n"
	    "v.gt fail fail: reserves is 1.5, not above 3\n"
	    "v.le fail fail: reserves is 1.5, above the maximum 1\n"
	    "v.lt fail fail: reserves is 1.5, not below 1.5\n"
	    "v.eq fail fail: lead is no, expected must\n"
	    "v.ne fail fail: lead is no, which is not allowed\n"
	    "v.between fail fail: pct is 120%, outside 0% to 100%\n"
	    "v.in1 fail fail: lead is no, expected must\n"
	    "v.in2 fail fail: lead is no, not one of must, willing\n"
	    "v.notin fail fail: ethos is profit, which is excluded\n"
	    "v.contains fail fail: tags does not include charity\n"
	    "v.any fail fail: tags includes none of a, b\n"
	    "v.all fail fail: tags lacks b, c\n"
	    "v.empty fail fail: tags is x; y, expected nothing\n"
	    "v.absent fail fail: ethos is profit, expected nothing\n"
	    "v.matches fail fail: ethos is profit, which does not match the "
	    "pattern ^[A-Z]\n"
	    "v.grade fail fail: grade is C, below the minimum B\n"
	    "v.money fail fail: turnover is \xc2\xa3"
	    "1,200,000, not above \xc2\xa3"
	    "5,000,000\n"
	    "v.bool fail fail: audited is no, expected yes\n"
	    "v.date fail fail: registered is 2021-03-04, not below 2020-01-01\n"
	    "v.expr fail fail: surplus / turnover * 100 is 3.33, below the "
	    "minimum 5");
	ck_assert_str_eq(scores(), "fail 4.5 v=4.5");
	ck_assert_str_eq(v.id, "P1");
	ck_assert_str_eq(v.name, "Haven");
	ck_assert_uint_eq(v.line, 2);
	ck_assert_uint_eq(v.record, 1);
	ck_assert_ptr_nonnull(eval_values(ev));
	ck_assert_double_eq(eval_values(ev)[rules_field(rs, "turnover")].num,
			    1200000);

	/* The same checks, this time holding where they can. */
	ck_assert_str_eq(
	    row(3, "P2|Two|3|5000001|b|MUST|charity;b;c;x;a||"
		   "2019-12-31|Profit|0|250001"),
	    "v.gt fail fail: reserves is 3, not above 3\n"
	    "v.le fail fail: reserves is 3, above the maximum 1\n"
	    "v.lt fail fail: reserves is 3, not below 1.5\n"
	    "v.notin fail fail: ethos is Profit, which is excluded\n"
	    "v.empty fail fail: tags is charity;b;c;x;a, expected nothing\n"
	    "v.absent fail fail: ethos is Profit, expected nothing\n"
	    "v.bool fail missing: audited is missing");
	ck_assert_str_eq(scores(), "fail 68.2 v=68.2");
	ck_assert_str_eq(v.name, "Two");
	ck_assert_uint_eq(v.record, 2);
}
END_TEST

START_TEST(test_formula_messages)
{
	load("{ 'fields': {'m': 'number', 'n': 'number'}, 'checks': ["
	     "{'id': 'f.round', 'expr': 'm / 3', 'op': '>=', 'value': 1},"
	     "{'id': 'f.near', 'expr': 'm - 0.001', 'op': '>=', 'value': 3},"
	     "{'id': 'f.near2', 'expr': 'm + 0.004', 'op': '<=', 'value': 3},"
	     "{'id': 'f.miss', 'expr': 'm + n', 'op': '>', 'value': 0},"
	     "{'id': 'f.div', 'expr': 'm / (m - m)', 'op': '>', 'value': 0},"
	     "{'id': 'f.ok', 'expr': 'm * 2', 'op': '==', 'value': 6}"
	     "]}");
	start("m|n", 0);
	/* Two decimals, unless that would read as the threshold itself. */
	ck_assert_str_eq(
	    row(2, "2|1"),
	    "f.round fail fail: m / 3 is 0.67, below the minimum 1\n"
	    "f.near fail fail: m - 0.001 is 2, below the minimum 3\n"
	    "f.div fail missing: m / (m - m) cannot be computed (division by "
	    "zero)\n"
	    "f.ok fail fail: m * 2 is 4, expected 6");
	ck_assert_str_eq(
	    row(3, "3|"),
	    "f.near fail fail: m - 0.001 is 2.999, below the minimum 3\n"
	    "f.near2 fail fail: m + 0.004 is 3.004, above the maximum 3\n"
	    "f.miss fail missing: m + n cannot be computed: n is missing\n"
	    "f.div fail missing: m / (m - m) cannot be computed (division by "
	    "zero)");
	ck_assert_str_eq(scores(), "fail 33.3 f=33.3");
}
END_TEST

/* ---- combinations, missing values, policies ---- */

START_TEST(test_missing_and_combinations)
{
	load(
	    "{ 'fields': {'n': 'number', 'm': 'number', 's': 'string', 't': 'list'},"
	    " 'checks': ["
	    "{'id': 'm.fail', 'field': 'n', 'op': '>=', 'value': 1},"
	    "{'id': 'm.when', 'field': 's', 'op': 'present', 'when': {'field': 'n',"
	    "  'op': '>', 'value': 1}},"
	    "{'id': 'm.whenfalse', 'field': 's', 'op': 'present', 'when': {'field': 'm',"
	    "  'op': '>', 'value': 5}},"
	    "{'id': 'm.all', 'all': [{'field': 'n', 'op': '>', 'value': 1},"
	    "  {'field': 'm', 'op': '>', 'value': 5}, {'field': 'm', 'op': '<', 'value': 1}]},"
	    "{'id': 'm.allmiss', 'all': [{'field': 'n', 'op': '>', 'value': 1},"
	    "  {'field': 'm', 'op': '>', 'value': 1}, {'field': 's', 'op': '==', 'value': 'x'}]},"
	    "{'id': 'm.any', 'any': [{'field': 'n', 'op': '>', 'value': 1},"
	    "  {'field': 'm', 'op': '>', 'value': 5}]},"
	    "{'id': 'm.anyfalse', 'any': [{'field': 'm', 'op': '>', 'value': 5},"
	    "  {'field': 'm', 'op': '<', 'value': 1}]},"
	    "{'id': 'm.anytrue', 'any': [{'field': 'n', 'op': '>', 'value': 5},"
	    "  {'field': 'm', 'op': '<', 'value': 5}]},"
	    "{'id': 'm.not', 'not': {'field': 'm', 'op': '==', 'value': 2}},"
	    "{'id': 'm.notall', 'not': {'all': [{'field': 'm', 'op': '==', 'value': 2}]}},"
	    "{'id': 'm.notmiss', 'not': {'field': 'n', 'op': '==', 'value': 2}},"
	    "{'id': 'm.notabsent', 'not': {'field': 'n', 'op': 'absent'}},"
	    "{'id': 'm.present', 'field': 't', 'op': 'present'},"
	    "{'id': 'm.notempty', 'field': 't', 'op': 'is not empty'},"
	    "{'id': 'm.absent', 'field': 'n', 'op': 'absent'},"
	    "{'id': 'm.pass', 'field': 'n', 'op': '>', 'value': 0, 'missing': 'pass'},"
	    "{'id': 'm.skip', 'field': 'n', 'op': '>', 'value': 0, 'missing': 'skip'},"
	    "{'id': 'm.notnot', 'not': {'not': {'field': 'm', 'op': '>', 'value': 3}}}"
	    "]}");
	start("n|m|s|t", 0);
	ck_assert_str_eq(
	    row(2, "|2| |"),
	    "m.fail fail missing: n is missing\n"
	    "m.when fail fail: s is missing\n"
	    "m.all fail fail: m is 2, not above 5; m is 2, not below 1\n"
	    "m.allmiss fail missing: n is missing; s is missing\n"
	    "m.any fail missing: none of these holds: n is missing; m is 2, "
	    "not above 5\n"
	    "m.anyfalse fail fail: none of these holds: m is 2, not above 5; "
	    "m is 2, not below 1\n"
	    "m.not fail fail: m is 2, which the rule excludes\n"
	    "m.notall fail fail: the excluded combination of conditions holds\n"
	    "m.notmiss fail missing: n is missing\n"
	    "m.notabsent fail fail: n is missing, which the rule excludes\n"
	    "m.present fail fail: t is empty\n"
	    "m.notempty fail fail: t is empty\n"
	    "m.notnot fail fail: the excluded combination of conditions holds");
	/* 16 checks apply (m.whenfalse does not, m.skip is skipped); m.pass,
	 * m.anytrue, m.absent hold. */
	ck_assert_str_eq(scores(), "fail 18.8 m=18.8");
	ck_assert_uint_eq(v.nfindings, 13);
	/* The row's values are there for the pairwise rules. */
	ck_assert_int_eq(eval_values(ev)[0].kind, V_MISSING);
	ck_assert_int_eq(eval_values(ev)[3].kind, V_LIST);
}
END_TEST

START_TEST(test_scores_and_status)
{
	load(
	    "{ 'fields': {'n': 'number', 'm': 'number', 's': 'string'},"
	    " 'min_score': 60, 'checks': ["
	    "{'id': 'a.one', 'field': 'n', 'op': '>=', 'value': 1, 'weight': 2},"
	    "{'id': 'a.two', 'field': 'n', 'op': '>=', 'value': 2, 'severity': 'warn'},"
	    "{'id': 'b.three', 'field': 'm', 'op': '>=', 'value': 3, 'weight': 3,"
	    "  'missing': 'skip'},"
	    "{'id': 'b.four', 'field': 'm', 'op': '>=', 'value': 4, 'missing': 'pass',"
	    "  'severity': 'info'},"
	    "{'id': 'c.five', 'field': 's', 'op': 'present', 'when': {'field': 'n',"
	    "  'op': '>', 'value': 5}},"
	    "{'id': 'c.six', 'field': 's', 'op': 'present', 'weight': 0}"
	    "]}");
	start("n|m|s", 0);
	ck_assert_str_eq(row(2, "1|3|"),
			 "a.two warn fail: n is 1, below the minimum 2\n"
			 "b.four info fail: m is 3, below the minimum 4\n"
			 "c.six fail fail: s is missing");
	ck_assert_str_eq(scores(), "fail 71.4 a=66.7 b=75 c=-");
	ck_assert_str_eq(
	    row(3, "0.5||x"),
	    "a.one fail fail: n is 0.5, below the minimum 1\n"
	    "a.two warn fail: n is 0.5, below the minimum 2\n"
	    "min_score fail fail: score 25.0 is below the minimum 60");
	ck_assert_str_eq(scores(), "fail 25 a=0 b=100 c=-");
	ck_assert_str_eq(row(4, "6|4|"), "c.five fail fail: s is missing\n"
					 "c.six fail fail: s is missing");
	ck_assert_str_eq(scores(), "fail 87.5 a=100 b=100 c=0");
	/* Warn and info findings set the status they name, at most. */
	ck_assert_str_eq(row(5, "1.5|4|x"),
			 "a.two warn fail: n is 1.5, below the minimum 2");
	ck_assert_str_eq(scores(), "warn 85.7 a=66.7 b=100 c=-");
	ck_assert_str_eq(row(6, "2|3.5|x"),
			 "b.four info fail: m is 3.5, below the minimum 4");
	ck_assert_str_eq(scores(), "pass 85.7 a=100 b=75 c=-");
	ck_assert_str_eq(row(7, "2|5|x"), "");
	ck_assert_str_eq(scores(), "pass 100 a=100 b=100 c=-");
	ck_assert_ptr_null(v.name);
	ck_assert_str_eq(v.id, "6");
	ck_assert_uint_eq(v.nfindings, 0);
}
END_TEST

/* issue 9: 0.57 of 3.04 is exactly 18.75 and rounds half up to 18.8 (the
 * doubles made it 18.7); min_score compares the exact score. */
START_TEST(test_exact_scores)
{
	load(
	    "{ 'fields': {'n': 'number'}, 'min_score': 18.76, 'checks': ["
	    "{'id': 'm.a', 'field': 'n', 'op': '>', 'value': 0, 'weight': 0.57},"
	    "{'id': 'm.b', 'field': 'n', 'op': '>', 'value': 5, 'weight': 2.47}"
	    "]}");
	start("n", 0);
	ck_assert_str_eq(
	    row(2, "1"),
	    "m.b fail fail: n is 1, not above 5\n"
	    "min_score fail fail: score 18.75 is below the minimum 18.76");
	ck_assert_str_eq(scores(), "fail 18.8 m=18.8");
	/* a second rule set: the first, and the evaluator bound to it, go */
	eval_free(ev);
	ev = NULL;
	rules_free(rs);
	load(
	    "{ 'fields': {'n': 'number'}, 'min_score': 18.75, 'checks': ["
	    "{'id': 'm.a', 'field': 'n', 'op': '>', 'value': 0, 'weight': 0.57},"
	    "{'id': 'm.b', 'field': 'n', 'op': '>', 'value': 5, 'weight': 2.47}"
	    "]}");
	start("n", 0);
	ck_assert_str_eq(row(2, "1"), "m.b fail fail: n is 1, not above 5");
	ck_assert_str_eq(scores(), "fail 18.8 m=18.8");
}
END_TEST

START_TEST(test_no_check_applies)
{
	load(
	    "{ 'fields': {'n': 'number', 'k': 'number'}, 'min_score': 90, 'checks': ["
	    "{'id': 'a', 'field': 'n', 'op': '>', 'value': 1, 'missing': 'skip'},"
	    "{'id': 'b', 'field': 'n', 'op': '>', 'value': 1, 'when': {'field': 'k',"
	    "  'op': '>', 'value': 10}}]}");
	start("n|k", 0);
	/* No score, so no min_score finding either. */
	ck_assert_str_eq(row(2, "|5"), "");
	ck_assert_str_eq(scores(), "pass - general=-");
	ck_assert_str_eq(
	    row(3, "0|5"),
	    "a fail fail: n is 0, not above 1\n"
	    "min_score fail fail: score 0.0 is below the minimum 90");
	ck_assert_str_eq(scores(), "fail 0 general=0");
}
END_TEST

/* ---- rows that cannot be assessed ---- */

START_TEST(test_row_errors)
{
	csv_record *r;

	load(
	    "{'input': {'id': 'id'}, 'fields': {'n': 'number', "
	    "'g': {'type': 'ordinal', 'levels': ['D', 'C', 'B', 'A']}, 's': 'string'},"
	    " 'checks': [{'id': 'c', 'field': 'n', 'op': '>', 'value': 1},"
	    " {'id': 'd', 'field': 'g', 'op': '>=', 'value': 'B'},"
	    " {'id': 'e', 'field': 's', 'op': 'present'}]}");
	start("id|n|g|s", 0);
	ck_assert_str_eq(
	    row(2, "P1|abc|E|x"),
	    "input fail error: line 2: n: 'abc' is not a number\n"
	    "input fail error: line 2: g: 'E' is not one of D, C, B, A");
	ck_assert_str_eq(scores(), "error -");
	ck_assert_ptr_null(v.cats);
	ck_assert_uint_eq(v.ncats, 0);
	ck_assert_ptr_null(eval_values(ev));
	ck_assert_str_eq(v.id, "P1");
	ck_assert_ptr_null(v.name);
	/* A row whose values are bad still holds its id. */
	ck_assert_str_eq(
	    row(3, "P1|2|B|x"),
	    "input fail error: line 3: duplicate id 'P1' (first on line 2)");

	ck_assert_str_eq(
	    row(4, "P2|2"),
	    "input fail error: line 4: 2 fields, expected 4 as in the header");
	ck_assert_str_eq(v.id, "P2");
	ck_assert_str_eq(
	    row(5, "P3"),
	    "input fail error: line 5: 1 field, expected 4 as in the header");
	ck_assert_str_eq(
	    row(6, "P4|2|B|x|extra"),
	    "input fail error: line 6: 5 fields, expected 4 as in the header");
	ck_assert_str_eq(scores(), "error -");

	/* Empty ids. */
	ck_assert_str_eq(
	    row(7, "|2|B|x"),
	    "input fail error: line 7: the partner id (column 'id') is empty");
	ck_assert_str_eq(v.id, "6");
	ck_assert_str_eq(
	    row(8, " \t |2|B|x"),
	    "input fail error: line 8: the partner id (column 'id') is empty");
	ck_assert_str_eq(v.id, "7");

	/* NUL bytes. */
	r = rec_set(&row_buf, 9, ++next_index, "P5|2|B|ab");
	r->fields[3][1] = '\0';
	r->has_nul = 1;
	ck_assert_str_eq(
	    row_rec(r),
	    "input fail error: line 9: column 's' holds a NUL byte");
	r = rec_set(&row_buf, 10, ++next_index, "P6|2|B|x");
	r->fields[0][1] = '\0';
	r->has_nul = 1;
	ck_assert_str_eq(
	    row_rec(r),
	    "input fail error: line 10: column 'id' holds a NUL byte");
	ck_assert_str_eq(v.id, "P\xef\xbf\xbd");

	/* Errors from the reader: located by column when known. */
	r = rec_set(&row_buf, 11, ++next_index, "P7|2|B|caf?");
	r->error = "invalid UTF-8 (byte 0xE9)";
	r->error_field = 3;
	ck_assert_str_eq(
	    row_rec(r),
	    "input fail error: line 11: column 's': invalid UTF-8 (byte 0xE9)");
	ck_assert_str_eq(scores(), "error -");
	r = rec_set(&row_buf, 12, ++next_index, "P8|2");
	r->error = "quoted field is followed by 'x' instead of a delimiter";
	r->error_field = -1;
	ck_assert_str_eq(
	    row_rec(r),
	    "input fail error: line 12: quoted field is followed by 'x' "
	    "instead of a delimiter");
	r = rec_set(&row_buf, 13, ++next_index, "P9|2|B|x");
	r->error = "field too long";
	r->error_field = 99;
	ck_assert_str_eq(row_rec(r),
			 "input fail error: line 13: field too long");
	ck_assert_str_eq(v.id, "P9");
	ck_assert_uint_eq(v.line, 13);
	ck_assert_uint_eq(v.record, next_index);
	/* A row in error still claims the id it shows: P2 (line 4, short)
	 * and P9 (line 13, unreadable) are taken. */
	ck_assert_str_eq(
	    row(14, "P2|2|B|x"),
	    "input fail error: line 14: duplicate id 'P2' (first on line 4)");
	ck_assert_str_eq(row(15, "P10|2|B|x"), "");
	ck_assert_str_eq(scores(), "pass 100 general=100");
	ck_assert_ptr_nonnull(eval_values(ev));
	ck_assert_str_eq(
	    row(16, "P9|0|B|x"),
	    "input fail error: line 16: duplicate id 'P9' (first on line 13)");
	ck_assert_str_eq(row(17, "P11|0|B|x"),
			 "c fail fail: n is 0, not above 1");
}
END_TEST

START_TEST(test_duplicate_ids)
{
	char cells[32];
	size_t i;

	load("{'input': {'id': 'id'}, 'fields': {'n': 'number'},"
	     " 'checks': [{'id': 'c', 'field': 'n', 'op': '>', 'value': 1}]}");
	/* In order: only the last id needs remembering. */
	start("id|n", 0);
	ck_assert_str_eq(row(2, "P1|2"), "");
	ck_assert_str_eq(row(3, "P2|2"), "");
	ck_assert_str_eq(
	    row(4, " P2 |2"),
	    "input fail error: line 4: duplicate id 'P2' (first on line 3)");
	ck_assert_str_eq(v.id, "P2");
	ck_assert_str_eq(row(5, "P9|2"), "");
	ck_assert_str_eq(row(6, "P10|2"), "");
	/* Out of order from here. */
	ck_assert_str_eq(
	    row(7, "P1|2"),
	    "input fail error: line 7: duplicate id 'P1' (first on line 2)");
	ck_assert_str_eq(row(8, "P3|2"), "");
	ck_assert_str_eq(
	    row(9, "P10|2"),
	    "input fail error: line 9: duplicate id 'P10' (first on line 6)");
	ck_assert_str_eq(
	    row(10, "P3|2"),
	    "input fail error: line 10: duplicate id 'P3' (first on line 8)");
	ck_assert_str_eq(row(11, "P4|2"), "");

	start("id|n", 0);
	ck_assert_str_eq(row(2, "b|2"), "");
	ck_assert_str_eq(row(3, "a|2"), "");
	ck_assert_str_eq(row(4, "c|2"), "");
	ck_assert_str_eq(
	    row(5, "b|2"),
	    "input fail error: line 5: duplicate id 'b' (first on line 2)");
	ck_assert_str_eq(
	    row(6, "a|2"),
	    "input fail error: line 6: duplicate id 'a' (first on line 3)");
	ck_assert_str_eq(
	    row(7, "c|0"),
	    "input fail error: line 7: duplicate id 'c' (first on line 4)");
	ck_assert_str_eq(row(8, "d|0"), "c fail fail: n is 0, not above 1");

	/* Thousands of ids in falling order grow the table. */
	start("id|n", 0);
	for (i = 5000; i > 0; i--) {
		snprintf(cells, sizeof cells, "X%zu|2", i);
		if (strcmp(row(i + 1, cells), ""))
			ck_abort_msg("row %zu: %s", i, out.buf);
	}
	ck_assert_str_eq(
	    row(9000, "X4321|2"),
	    "input fail error: line 9000: duplicate id 'X4321' (first on "
	    "line 4322)");
	ck_assert_str_eq(
	    row(9001, "X1|2"),
	    "input fail error: line 9001: duplicate id 'X1' (first on line 2)");
	ck_assert_str_eq(
	    row(9002, "X5000|2"),
	    "input fail error: line 9002: duplicate id 'X5000' (first on "
	    "line 5001)");
	ck_assert_str_eq(row(9003, "X5001|2"), "");
}
END_TEST

/* Category scores are worked out only when a report shows them. */
START_TEST(test_categories_only_when_asked)
{
	eval_opts o;

	load("{'fields': {'n': 'number'},"
	     " 'checks': [{'id': 'c', 'category': 'q', 'field': 'n', 'op': '>',"
	     " 'value': 1}]}");
	memset(&o, 0, sizeof o);
	ck_assert_str_eq(start_with("n", &o), "ok");
	ck_assert_str_eq(row(2, "2"), "");
	ck_assert_str_eq(scores(), "pass 100");
	ck_assert_ptr_null(v.cats);
	o.categories = 1;
	ck_assert_str_eq(start_with("n", &o), "ok");
	ck_assert_str_eq(row(2, "2"), "");
	ck_assert_str_eq(scores(), "pass 100 q=100");
}
END_TEST

START_TEST(test_record_number_ids_and_kept)
{
	static const char *const keep[] = { "region", "name", "region", "n" };
	eval_opts o;
	csv_record *r;

	load("{'fields': {'n': 'number'},"
	     " 'checks': [{'id': 'c', 'field': 'n', 'op': '>', 'value': 1}]}");
	memset(&o, 0, sizeof o);
	o.keep = keep;
	o.nkeep = 4;
	ck_assert_str_eq(start_with("name|n|region", &o), "ok");
	ck_assert_str_eq(row(2, " Acme |2| North "), "");
	ck_assert_str_eq(v.id, "1");
	ck_assert_ptr_null(v.name);
	ck_assert_str_eq(v.kept[0], " North ");
	ck_assert_str_eq(v.kept[1], " Acme ");
	ck_assert_str_eq(v.kept[2], " North ");
	ck_assert_str_eq(v.kept[3], "2");
	/* Record numbers never repeat, so they are never duplicates. */
	ck_assert_str_eq(row(3, "Acme|0|North"),
			 "c fail fail: n is 0, not above 1");
	ck_assert_str_eq(v.id, "2");
	/* Kept values of rows in error too: short rows keep "", and the
	 * text of a record the reader flagged is made valid UTF-8. */
	ck_assert_str_eq(
	    row(4, "Acme|x"),
	    "input fail error: line 4: 2 fields, expected 3 as in the header");
	ck_assert_str_eq(v.id, "3");
	ck_assert_str_eq(v.kept[0], "");
	ck_assert_str_eq(v.kept[1], "Acme");
	ck_assert_str_eq(v.kept[3], "x");
	r = rec_set(&row_buf, 5, ++next_index, "Caf\xe9|2|\xff");
	r->error = "invalid UTF-8 byte 0xE9; if the file is Windows-1252, use "
		   "--encoding windows-1252";
	r->error_field = 0;
	ck_assert_str_eq(
	    row_rec(r),
	    "input fail error: line 5: column 'name': invalid UTF-8 byte 0xE9; "
	    "if the file is Windows-1252, use --encoding windows-1252");
	ck_assert_str_eq(v.kept[0], "\xef\xbf\xbd");
	ck_assert_str_eq(v.kept[1], "Caf\xef\xbf\xbd");
	ck_assert_str_eq(v.kept[3], "2");
	ck_assert_str_eq(v.id, "4");
	r = rec_set(&row_buf, 6, ++next_index, "a?b|2|r");
	r->fields[0][1] = '\0';
	r->has_nul = 1; /* as csvread marks such a record */
	ck_assert_str_eq(
	    row_rec(r),
	    "input fail error: line 6: column 'name' holds a NUL byte");
	ck_assert_str_eq(v.kept[1], "a\xef\xbf\xbd"
				    "b");
	ck_assert_str_eq(v.id, "5");
}
END_TEST

/* ---- waivers ---- */

START_TEST(test_waivers)
{
	long today = days_from_civil(2024, 3, 1);

	load(
	    "{'input': {'id': 'id'}, 'fields': {'n': 'number'}, 'checks': ["
	    "{'id': 'w.a', 'field': 'n', 'op': '>', 'value': 1},"
	    "{'id': 'w.b', 'field': 'n', 'op': '>', 'value': 2, 'severity': 'warn'},"
	    "{'id': 'w.c', 'field': 'n', 'op': '>', 'value': 3}],"
	    " 'waivers': ["
	    "{'partner': 'P1', 'rule': 'w.a', 'reason': 'board agreed'},"
	    "{'partner': 'P1', 'rule': 'w.b', 'reason': 'until summer',"
	    " 'expires': '2024-06-30'},"
	    "{'partner': 'P1', 'rule': 'w.c', 'reason': 'old', 'expires': '2024-01-01'},"
	    "{'partner': 'P2', 'rule': 'w.a', 'reason': 'last day', 'expires': '2024-03-01'},"
	    "{'partner': 'P2', 'rule': 'w.b', 'reason': 'gone', 'expires': '2024-02-29'},"
	    "{'partner': 'P3', 'rule': 'w.a', 'reason': 'r'},"
	    "{'partner': 'P3', 'rule': 'w.b', 'reason': 'r'},"
	    "{'partner': 'P3', 'rule': 'w.c', 'reason': 'r'}]}");
	ws = waivers_new(rs);
	waivers_seal(ws);
	start("id|n", today);
	ck_assert_str_eq(
	    row(2, "P1|1"),
	    "w.a fail waived: n is 1, not above 1; waived: board agreed\n"
	    "w.b warn waived: n is 1, not above 2; waived until 2024-06-30: "
	    "until summer\n"
	    "w.c fail fail: n is 1, not above 3; waiver expired on 2024-01-01 "
	    "(old)");
	ck_assert_str_eq(scores(), "fail 0 w=0");
	ck_assert_str_eq(
	    row(3, "P2|1"),
	    "w.a fail waived: n is 1, not above 1; waived until 2024-03-01: "
	    "last day\n"
	    "w.b warn fail: n is 1, not above 2; waiver expired on 2024-02-29 "
	    "(gone)\n"
	    "w.c fail fail: n is 1, not above 3");
	ck_assert_str_eq(scores(), "fail 0 w=0");
	/* Only waived findings: the partner passes, with nothing to score. */
	ck_assert_str_eq(row(4, "P3|1"),
			 "w.a fail waived: n is 1, not above 1; waived: r\n"
			 "w.b warn waived: n is 1, not above 2; waived: r\n"
			 "w.c fail waived: n is 1, not above 3; waived: r");
	ck_assert_str_eq(scores(), "pass - w=-");
	/* A waiver for a check that holds changes nothing. */
	ck_assert_str_eq(row(5, "P4|2.5"),
			 "w.c fail fail: n is 2.5, not above 3");
	ck_assert_str_eq(scores(), "fail 66.7 w=66.7");
	ck_assert_str_eq(
	    row(6, "P1|2.5"),
	    "input fail error: line 6: duplicate id 'P1' (first on line 2)");
}
END_TEST

START_TEST(test_waived_missing)
{
	load(
	    "{'input': {'id': 'id'}, 'fields': {'n': 'number'}, 'checks': ["
	    "{'id': 'w.a', 'field': 'n', 'op': '>', 'value': 1}],"
	    " 'waivers': [{'partner': 'P1', 'rule': 'w.a', 'reason': 'later'}]}");
	ws = waivers_new(rs);
	waivers_seal(ws);
	start("id|n", 0);
	ck_assert_str_eq(row(2, "P1|"),
			 "w.a fail waived: n is missing; waived: later");
	ck_assert_str_eq(row(3, "P2|"), "w.a fail missing: n is missing");
}
END_TEST

/* ---- conditions as text ---- */

static const char *
text_of(const cond *c)
{
	sb_reset(&out);
	cond_text(c, &out);
	return out.buf;
}

START_TEST(test_cond_text)
{
	load(
	    "{" OPS_FIELDS ", 'checks': ["
	    "{'id': 'a', 'field': 'reserves', 'op': '>=', 'value': 3},"
	    "{'id': 'b', 'field': 'lead', 'op': 'in', 'value': ['must', 'willing']},"
	    "{'id': 'c', 'field': 'pct', 'op': 'between', 'value': [0, '100%']},"
	    "{'id': 'd', 'field': 'tags', 'op': 'contains all', 'value': ['a', 'b']},"
	    "{'id': 'e', 'field': 'tags', 'op': 'is empty'},"
	    "{'id': 'f', 'field': 'ethos', 'op': 'present'},"
	    "{'id': 'g', 'field': 'ethos', 'op': 'matches', 'value': '^[A-Z]'},"
	    "{'id': 'h', 'all': [{'field': 'reserves', 'op': '!=', 'value': 1},"
	    "  {'any': [{'field': 'turnover', 'op': '<', 'value': 1234567},"
	    "  {'field': 'ethos', 'op': 'absent'}]}]},"
	    "{'id': 'i', 'not': {'field': 'lead', 'op': '==', 'value': 'must'}},"
	    "{'id': 'j', 'expr': 'surplus / turnover * 100', 'op': '<', 'value': 5},"
	    "{'id': 'k', 'field': 'tags', 'op': 'contains any', 'value': ['x']},"
	    "{'id': 'l', 'field': 'tags', 'op': 'contains', 'value': 'x'},"
	    "{'id': 'm', 'field': 'tags', 'op': 'is not empty'},"
	    "{'id': 'n', 'field': 'ethos', 'op': 'not in', 'value': ['a', 'b']},"
	    "{'id': 'o', 'field': 'audited', 'op': '==', 'value': false},"
	    "{'id': 'p', 'field': 'registered', 'op': '>', 'value': '2020-01-01'}"
	    "]}");
	ck_assert_str_eq(text_of(rs->checks[0].test), "reserves >= 3");
	ck_assert_str_eq(text_of(rs->checks[1].test), "lead in must, willing");
	ck_assert_str_eq(text_of(rs->checks[2].test), "pct between 0 and 100%");
	ck_assert_str_eq(text_of(rs->checks[3].test),
			 "tags contains all of a, b");
	ck_assert_str_eq(text_of(rs->checks[4].test), "tags is empty");
	ck_assert_str_eq(text_of(rs->checks[5].test), "ethos is present");
	ck_assert_str_eq(text_of(rs->checks[6].test), "ethos matches ^[A-Z]");
	ck_assert_str_eq(
	    text_of(rs->checks[7].test),
	    "reserves != 1 and turnover < 1,234,567 or ethos is absent");
	ck_assert_str_eq(text_of(rs->checks[8].test), "not (lead == must)");
	ck_assert_str_eq(text_of(rs->checks[9].test),
			 "surplus / turnover * 100 < 5");
	ck_assert_str_eq(text_of(rs->checks[10].test),
			 "tags contains any of x");
	ck_assert_str_eq(text_of(rs->checks[11].test), "tags contains x");
	ck_assert_str_eq(text_of(rs->checks[12].test), "tags is not empty");
	ck_assert_str_eq(text_of(rs->checks[13].test), "ethos not in a, b");
	ck_assert_str_eq(text_of(rs->checks[14].test), "audited == no");
	ck_assert_str_eq(text_of(rs->checks[15].test),
			 "registered > 2020-01-01");
}
END_TEST

/* The binding lives in the evaluator: two evaluators over one rule set,
 * bound to headers in different orders and used in turn, each read their
 * own columns, and the rule set's bytes never change. */
START_TEST(test_binding_is_the_evaluators)
{
	static const unsigned char checks_only[] = { 1, 1, 0, 1, 0 };
	static const unsigned char with_pairs[] = { 1, 1, 0, 1, 1 };
	eval_opts o;
	evaluator *other;
	rec_buf hdr2, row2;
	strbuf before;
	size_t i;

	load(
	    "{'input': {'id': 'id', 'name': 'name'},"
	    " 'fields': {'n': 'number', 'm': {'type': 'money', 'column': 'M (x)'},"
	    "  'unused': 'string', 's': 'string', 'p': 'number'},"
	    " 'checks': [{'id': 'c', 'expr': 'n + m', 'op': '>', 'value': 10},"
	    "  {'id': 'd', 'field': 's', 'op': 'present'}],"
	    " 'pairs': [{'id': 'q', 'field': 'p', 'op': 'apart', 'by': 1}]}");
	sb_init(&before);
	snapshot_rules(rs, &before);
	memset(&o, 0, sizeof o);
	memset(&hdr2, 0, sizeof hdr2);
	memset(&row2, 0, sizeof row2);

	/* Per-partner only: p is not needed, and not bound. */
	ck_assert_str_eq(start_with("id|name|n|M (x)|s|unused", &o), "ok");
	ck_assert_int_eq(memcmp(eval_used(ev), checks_only, sizeof checks_only),
			 0);
	ck_assert_int_eq(eval_column(ev, 0), 2);
	ck_assert_int_eq(eval_column(ev, 1), 3);
	ck_assert_int_eq(eval_column(ev, 2), -1); /* unused string: not bound */
	ck_assert_int_eq(eval_column(ev, 3), 4);
	ck_assert_int_eq(eval_column(ev, 4), -1);

	/* With the pairwise rules, p is needed... */
	o.pairs = 1;
	other = eval_new(rs, rec_set(&hdr2, 1, 0, "s|id|name|n|M (x)"), "g.csv",
			 &o, &dl);
	ck_assert_ptr_null(other);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.msgs[0],
			 "g.csv:1: column 'p' (field p) is not in the header");
	diaglist_free(&dl);
	/* ...and bound where this header has it. */
	other = eval_new(rs, rec_set(&hdr2, 1, 0, "p|s|M (x)|id|name|n"),
			 "g.csv", &o, &dl);
	ck_assert_ptr_nonnull(other);
	ck_assert_int_eq(memcmp(eval_used(other), with_pairs,
				sizeof with_pairs),
			 0);
	ck_assert_int_eq(eval_column(other, 0), 5);
	ck_assert_int_eq(eval_column(other, 1), 2);
	ck_assert_int_eq(eval_column(other, 3), 1);
	ck_assert_int_eq(eval_column(other, 4), 0);
	/* The first evaluator's binding is unchanged by the second's. */
	ck_assert_int_eq(memcmp(eval_used(ev), checks_only, sizeof checks_only),
			 0);
	ck_assert_int_eq(eval_column(ev, 0), 2);
	ck_assert_int_eq(eval_column(ev, 4), -1);

	/* Rows through the two in turn. */
	for (i = 0; i < 3; i++) {
		char cells[64], id[16];

		snprintf(id, sizeof id, "A%zu", i);
		snprintf(cells, sizeof cells, "%s|Alpha|6|5|x|", id);
		ck_assert_str_eq(row(2 + i, cells), "");
		ck_assert_str_eq(v.id, id);
		snprintf(id, sizeof id, "B%zu", i);
		snprintf(cells, sizeof cells, "7|y|1|%s|Beta|2", id);
		memset(&v, 0, sizeof v);
		eval_row(other, rec_set(&row2, 2 + i, 1 + i, cells), &v);
		ck_assert_str_eq(v.id, id);
		ck_assert_str_eq(v.name, "Beta");
		ck_assert_uint_eq(v.nfindings, 1);
		ck_assert_str_eq(v.findings[0].message,
				 "n + m is 3, not above 10");
		ck_assert_double_eq(eval_values(other)[4].num, 7);
		ck_assert_int_eq(eval_values(ev)[4].kind, V_MISSING);
		ck_assert_double_eq(eval_values(ev)[0].num, 6);
		ck_assert(rules_unchanged(rs, &before));
	}
	eval_free(other);
	ck_assert(rules_unchanged(rs, &before));
	rec_clear(&hdr2);
	rec_clear(&row2);
	sb_free(&before);
}
END_TEST

static Suite *
eval_suite(void)
{
	Suite *s = suite_create("eval");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_eval_new_errors);
	tcase_add_test(tc, test_binding_is_the_evaluators);
	tcase_add_test(tc, test_operator_messages);
	tcase_add_test(tc, test_formula_messages);
	tcase_add_test(tc, test_missing_and_combinations);
	tcase_add_test(tc, test_scores_and_status);
	tcase_add_test(tc, test_no_check_applies);
	tcase_add_test(tc, test_exact_scores);
	tcase_add_test(tc, test_row_errors);
	tcase_add_test(tc, test_duplicate_ids);
	tcase_add_test(tc, test_categories_only_when_asked);
	tcase_add_test(tc, test_record_number_ids_and_kept);
	tcase_add_test(tc, test_waivers);
	tcase_add_test(tc, test_waived_missing);
	tcase_add_test(tc, test_cond_text);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(eval_suite)
