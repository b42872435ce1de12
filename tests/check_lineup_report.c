#include <stdio.h>
#include <string.h>

#include "lineup_report.h"
#include "report.h"
#include "strbuf.h"
#include "testutil.h"
#include "xalloc.h"

/* The line-up report's table of writers (src/lineup_report.c) and what
 * the formats it gained say: markdown in plain words, the CI formats'
 * results per candidate, the line-up's own failing result. */

static const char *const names[] = { "text",   "csv",      "tsv",    "json",
				     "ndjson", "markdown", "html",   "dot",
				     "sarif",  "junit",    "github", "tap" };
#define NNAMES (sizeof names / sizeof names[0])

/* Two candidates: A1 (in, named with markup) and D4 screened out for two
 * fail findings, in a line-up of one with a titled consortium finding. */
static void
make_doc(lr_doc *d)
{
	static const finding fs[] = {
		{ .rule = "quality",
		  .sev = SEV_FAIL,
		  .out = OUT_FAIL,
		  .message = "q is 40" },
		{ .rule = "track",
		  .sev = SEV_WARN,
		  .out = OUT_FAIL,
		  .message = "years is 1" },
		{ .rule = "waived",
		  .sev = SEV_FAIL,
		  .out = OUT_WAIVED,
		  .message = "waived one" },
		{ .rule = "missing",
		  .sev = SEV_FAIL,
		  .out = OUT_MISSING,
		  .message = "x is missing" },
	};
	verdict v;

	memset(d, 0, sizeof *d);
	d->ncands = 2;
	d->cands = xcalloc(2, sizeof *d->cands);
	d->cands[0].id = xstrdup("A1");
	d->cands[0].name = xstrdup("Alder <b>Trust</b>");
	d->cands[0].why = LR_IN;
	d->cands[0].reason = xstrdup("in the best line-up");
	d->cands[0].has_score = 1;
	d->cands[0].score = 1000;
	d->cands[1].id = xstrdup("D4");
	d->cands[1].st = ST_FAIL;
	d->cands[1].why = LR_SCREENED;
	d->cands[1].reason = xstrdup("screened out: quality (fail): q is 40");
	memset(&v, 0, sizeof v);
	v.st = ST_FAIL;
	v.line = 5;
	v.findings = fs;
	v.nfindings = 4;
	lr_cand_note_row(&d->cands[1], &v);
	d->eligible = 1;
	d->min_size = 1;
	d->max_size = 2;
	d->top = 1;
	d->proven = 1;
	d->nlineups = 1;
	d->lineups = xcalloc(1, sizeof *d->lineups);
	d->lineups[0].value = 1000;
	d->lineups[0].k = 1;
	d->lineups[0].members = xcalloc(1, sizeof(size_t));
	d->lineups[0].nf = 1;
	d->lineups[0].f = xcalloc(1, sizeof *d->lineups[0].f);
	d->lineups[0].f[0].rule = xstrdup("small");
	d->lineups[0].f[0].sev = SEV_WARN;
	d->lineups[0].f[0].message = xstrdup("1 partner");
}

static char *
render(const char *format, const lr_doc *d)
{
	strbuf sb;
	char *r;

	sb_init(&sb);
	lineup_report_to(&sb, format, d);
	r = sb_detach(&sb);
	sb_free(&sb); /* sb_detach leaves it a fresh buffer */
	return r;
}

START_TEST(test_table_names)
{
	size_t i;

	ck_assert_str_eq(lineup_formats(),
			 "text, csv, tsv, json, ndjson, markdown, html, dot, "
			 "sarif, junit, github, tap");
	for (i = 0; i < NNAMES; i++) {
		ck_assert_int_eq(lineup_has_format(names[i]), 1);
		/* -f must parse it before lineup sees it */
		ck_assert_ptr_nonnull(emitter_find(names[i]));
	}
	ck_assert_int_eq(lineup_has_format("findings-csv"), 0);
	ck_assert_int_eq(lineup_has_format("JSON"), 0);
	ck_assert_int_eq(lineup_has_format(""), 0);
	ck_assert_int_eq(lineup_has_format(NULL), 0);
}
END_TEST

/* Each row writes its own format; an unknown name writes text. */
START_TEST(test_table_writers)
{
	static const char *const starts[] = {
		"line-up 1: value 100.0",
		"id,name,status",
		"id\tname\tstatus",
		"{\"lineups\":[",
		"{\"kind\":\"lineup\"",
		"# Line-up",
		"<!DOCTYPE html>",
		"// partnercheck: lineup: ",
		"{\"$schema\"",
		"<?xml",
		"::error",
		"TAP version 14\n",
	};
	lr_doc d;
	size_t i;
	char *text, *other;

	make_doc(&d);
	for (i = 0; i < NNAMES; i++) {
		char *out = render(names[i], &d);

		if (strncmp(out, starts[i], strlen(starts[i])))
			ck_abort_msg("%s starts \"%.40s\"", names[i], out);
		free(out);
	}
	text = render("text", &d);
	other = render("no-such-format", &d);
	ck_assert_str_eq(text, other);
	free(text);
	free(other);
	lr_doc_free(&d);
}
END_TEST

/* lr_cand_note_row keeps the fail findings screened_reason names: fail
 * severity, not waived; a warn finding is no reason to be out. */
START_TEST(test_note_row)
{
	lr_doc d;

	make_doc(&d);
	ck_assert_uint_eq(d.cands[1].line, 5);
	ck_assert_uint_eq(d.cands[1].nfails, 2);
	ck_assert_str_eq(d.cands[1].fails[0].rule, "quality");
	ck_assert_str_eq(d.cands[1].fails[1].rule, "missing");
	ck_assert_int_eq(d.cands[1].fails[1].out, OUT_MISSING);
	lr_doc_free(&d);
	lr_doc_free(&d); /* cleared: twice is harmless */
}
END_TEST

/* Markdown names rules by title with the id in brackets, a screened-out
 * candidate's findings a row each, and escapes markup. */
START_TEST(test_markdown_plain_words)
{
	static const rule_info rules[] = {
		{ .id = "quality",
		  .title = "Quality at least 50",
		  .kind = RULE_CHECK },
		{ .id = "small",
		  .title = "Small consortium",
		  .kind = RULE_CONSORTIUM },
		/* a pair rule of the same id: not the consortium's title */
		{ .id = "track", .title = "Pair title", .kind = RULE_PAIR },
	};
	report r;
	lr_doc d;
	char *md;

	memset(&r, 0, sizeof r);
	r.rules = rules;
	r.nrules = 3;
	make_doc(&d);
	d.origin = &r;
	md = render("markdown", &d);
	ck_assert_ptr_nonnull(strstr(md, "Alder &lt;b&gt;Trust&lt;/b&gt;"));
	ck_assert_ptr_null(strstr(md, "<b>"));
	ck_assert_ptr_nonnull(
	    strstr(md, "- **Small consortium (small)** (warn): 1 partner\n"));
	ck_assert_ptr_nonnull(
	    strstr(md,
		   "| screened out: Quality at least 50 (quality): q is 40 |\n"
		   "| | | | | missing (fail, missing): x is missing |\n"));
	free(md);
	lr_doc_free(&d);
}
END_TEST

/* The CI formats: a member passes, a screened-out candidate fails with
 * its findings, and a run without a line-up has a failing result of its
 * own. */
START_TEST(test_ci_results)
{
	lr_doc d;
	char *s;

	make_doc(&d);
	s = render("tap", &d);
	ck_assert_ptr_nonnull(strstr(s, "ok 1 - A1 Alder <b>Trust</b>\n"));
	ck_assert_ptr_nonnull(strstr(s, "not ok 2 - D4\n"));
	ck_assert_ptr_nonnull(strstr(s, "ok 4 - line-up: value 100.0\n"));
	ck_assert_ptr_nonnull(strstr(s, "1..4\n"));
	free(s);
	s = render("junit", &d);
	ck_assert_ptr_nonnull(strstr(s, "tests=\"2\" failures=\"1\""));
	ck_assert_ptr_nonnull(strstr(s, "<testcase classname=\"lineup\" "
					"name=\"feasible\" time=\"0\"/>"));
	free(s);
	/* no line-up: proven none (exit 1) */
	d.nlineups = 0;
	d.cands[0].why = LR_NO_FIT;
	s = render("tap", &d);
	ck_assert_ptr_nonnull(strstr(s, "not ok 3 - line-up\n"));
	free(s);
	s = render("sarif", &d);
	ck_assert_ptr_nonnull(strstr(s, "{\"ruleId\": \"lineup.feasible\", "
					"\"kind\": \"fail\", \"level\": "
					"\"error\""));
	free(s);
	s = render("junit", &d);
	ck_assert_ptr_nonnull(
	    strstr(s, "name=\"feasible\" time=\"0\">\n<failure type=\"fail\" "
		      "message=\"no feasible line-up\">"));
	free(s);
	d.nlineups = 1;
	lr_doc_free(&d);
}
END_TEST

static Suite *
lineup_report_suite(void)
{
	Suite *s = suite_create("lineup_report");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_table_names);
	tcase_add_test(tc, test_table_writers);
	tcase_add_test(tc, test_note_row);
	tcase_add_test(tc, test_markdown_plain_words);
	tcase_add_test(tc, test_ci_results);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(lineup_report_suite)
