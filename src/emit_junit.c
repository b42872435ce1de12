#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "emit_ci.h"
#include "emit_util.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * JUnit XML as Jenkins and GitLab read it (the Ant schema): a test suite
 * per check category, then "input" for rows in error, "pairs" and
 * "consortium"; in a category's suite a test case per partner and check
 * (classname the partner id, name the check id), failing for a fail
 * finding, skipped for a waived one and, with --baseline, for a known one
 * (the baseline has it: it does not fail the run); warn and info findings
 * pass and are listed in the suite's system-out.  A suite's counts come first
 * in its start tag, so the whole document is held until the end.
 */

typedef struct suite {
	const char *name;
	strbuf cases; /* the <testcase> elements */
	strbuf out;   /* the system-out text, unescaped */
	size_t tests, failures, errors, skipped;
} suite;

typedef struct junit_state {
	suite
	    *suites; /* the categories' suites, then input, pairs, consortium */
	size_t nsuites;
	size_t *suite_of; /* suite of each check of r->rules */
	size_t *seen;  /* consortium findings of each id, at its first rule */
	size_t *named; /* test cases of each id so far, at its first rule */
	size_t input, pairs, consortium; /* their suites' indexes */
	strbuf scratch;
} junit_state;

static size_t
add_suite(junit_state *st, const char *name)
{
	suite *s;

	st->suites = xrealloc(st->suites, (st->nsuites + 1) * sizeof *s);
	s = &st->suites[st->nsuites];
	memset(s, 0, sizeof *s);
	s->name = name;
	sb_init(&s->cases);
	sb_init(&s->out);
	return st->nsuites++;
}

/* The suite named name, made when it is new. */
static size_t
suite_named(junit_state *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nsuites; i++)
		if (!strcmp(st->suites[i].name, name))
			return i;
	return add_suite(st, name);
}

static void
junit_begin(report *r)
{
	junit_state *st = xcalloc(1, sizeof *st);
	size_t i;

	r->state = st;
	sb_init(&st->scratch);
	st->suite_of = xcalloc(r->nrules ? r->nrules : 1, sizeof *st->suite_of);
	st->seen = xcalloc(r->nrules ? r->nrules : 1, sizeof *st->seen);
	st->named = xcalloc(r->nrules ? r->nrules : 1, sizeof *st->named);
	if (r->mode != MODE_CONFLICTS)
		for (i = 0; i < r->nrules; i++)
			if (r->rules[i].kind == RULE_CHECK)
				st->suite_of[i] = suite_named(
				    st, r->rules[i].category &&
						*r->rules[i].category ?
					    r->rules[i].category :
					    "checks");
	st->input = r->mode != MODE_CONFLICTS ? add_suite(st, "input") : 0;
	st->pairs = r->mode != MODE_SCREEN ? add_suite(st, "pairs") : 0;
	st->consortium = r->mode == MODE_CHECK ? add_suite(st, "consortium") :
						 0;
}

/* Opens <testcase classname= name= and leaves the tag open. */
static void
open_case(suite *s, const char *classname, const char *name)
{
	s->tests++;
	sb_adds(&s->cases, "<testcase classname=\"");
	ci_add_xml(&s->cases, classname);
	sb_adds(&s->cases, "\" name=\"");
	ci_add_xml(&s->cases, name);
	sb_adds(&s->cases, "\" time=\"0\"");
}

/* Writes what one finding makes of its test case, which open_case began:
 * a failure, an error, a skip, or a pass with a line of system-out.  A
 * known failure or error is skipped with "known: " before its message. */
static void
close_case(suite *s, const char *who, const char *rule, severity sev,
	   outcome out, int known, const char *msg)
{
	const char *elem = NULL, *type = outcome_name(out);
	strbuf km;

	if (known &&
	    (out == OUT_ERROR || (out != OUT_WAIVED && sev == SEV_FAIL))) {
		sb_init(&km);
		sb_adds(&km, "known: ");
		sb_adds(&km, msg ? msg : "");
		s->skipped++;
		sb_adds(&s->cases, ">\n<skipped message=\"");
		ci_add_xml(&s->cases, km.buf);
		sb_adds(&s->cases, "\">");
		ci_add_xml_text(&s->cases, km.buf);
		sb_adds(&s->cases, "</skipped>\n</testcase>\n");
		sb_free(&km);
		return;
	}
	if (out == OUT_ERROR) {
		elem = "error";
		s->errors++;
	} else if (out == OUT_WAIVED) {
		elem = "skipped";
		s->skipped++;
	} else if (sev == SEV_FAIL) {
		elem = "failure";
		s->failures++;
	}
	if (!elem) {
		sb_adds(&s->cases, "/>\n");
		sb_addf(&s->out, "%s %s (%s%s): %s\n", who ? who : "",
			rule ? rule : "", severity_name(sev),
			known ? ", known" : "", msg ? msg : "");
		return;
	}
	sb_addf(&s->cases, ">\n<%s", elem);
	if (out != OUT_WAIVED)
		sb_addf(&s->cases, " type=\"%s\"", type);
	sb_adds(&s->cases, " message=\"");
	ci_add_xml(&s->cases, msg);
	sb_adds(&s->cases, "\">");
	ci_add_xml_text(&s->cases, msg);
	sb_addf(&s->cases, "</%s>\n</testcase>\n", elem);
}

static void
junit_partner(report *r, const verdict *v)
{
	junit_state *st = r->state;
	size_t i, k;

	if (v->st == ST_ERROR) {
		suite *s = &st->suites[st->input];
		const char *msg = v->nfindings ? v->findings[0].message : NULL;

		sb_reset(&st->scratch);
		sb_addf(&st->scratch, "input, line %zu", v->line);
		open_case(s, v->id, st->scratch.buf);
		close_case(s, v->id, "input", SEV_FAIL, OUT_ERROR,
			   v->nfindings && v->findings[0].d.known, msg);
		return;
	}
	for (i = 0; i < r->nrules; i++) {
		const rule_info *ri = &r->rules[i];
		suite *s = &st->suites[st->suite_of[i]];
		const finding *f = NULL;

		if (ri->kind != RULE_CHECK)
			continue;
		for (k = 0; k < v->nfindings && !f; k++)
			if (v->findings[k].rule && ri->id &&
			    !strcmp(v->findings[k].rule, ri->id))
				f = &v->findings[k];
		open_case(s, v->id, ri->id);
		if (!f)
			sb_adds(&s->cases, "/>\n");
		else
			close_case(s, v->id, f->rule, f->sev, f->out,
				   f->d.known, f->message);
	}
}

static void
junit_conflict(report *r, const conflict *c)
{
	junit_state *st = r->state;
	suite *s = &st->suites[st->pairs];

	sb_reset(&st->scratch);
	sb_adds(&st->scratch, c->a ? c->a : "");
	sb_adds(&st->scratch, " + ");
	sb_adds(&st->scratch, c->b ? c->b : "");
	open_case(s, st->scratch.buf, c->rule);
	close_case(s, st->scratch.buf, c->rule, c->sev, c->out, c->d.known,
		   c->message);
}

/* Opens a consortium test case named after rule id.  Consortium rules may
 * share an id, and JUnit's (classname, name) are unique: the second case
 * of an id is named "ID (2)", and so on. */
static void
open_consortium_case(report *r, const char *id)
{
	junit_state *st = r->state;
	suite *s = &st->suites[st->consortium];
	size_t i, n = 1;

	if (ci_rule_find(r, id, &i))
		n = ++st->named[i];
	if (n == 1) {
		open_case(s, "consortium", id);
		return;
	}
	sb_reset(&st->scratch);
	sb_addf(&st->scratch, "%s (%zu)", id ? id : "", n);
	open_case(s, "consortium", st->scratch.buf);
}

static void
junit_consortium(report *r, const cfinding *f)
{
	junit_state *st = r->state;
	suite *s = &st->suites[st->consortium];
	size_t i;

	if (ci_rule_find(r, f->rule, &i))
		st->seen[i]++;
	open_consortium_case(r, f->rule);
	close_case(s, "consortium", f->rule, f->sev, f->out, f->d.known,
		   f->message);
}

static void
write_suite(report *r, strbuf *sb, const suite *s, size_t id)
{
	char date[16];

	date_format_iso(r->today, date);
	sb_adds(sb, "<testsuite name=\"");
	ci_add_xml(sb, s->name);
	sb_addf(
	    sb,
	    "\" package=\"partnercheck\" id=\"%zu\" timestamp=\"%sT00:00:00\" "
	    "hostname=\"localhost\" tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n<properties>\n"
	    "<property name=\"input\" value=\"",
	    id, date, s->tests, s->failures, s->errors, s->skipped);
	ci_add_xml(sb, r->input);
	sb_adds(sb, "\"/>\n</properties>\n");
	sb_add(sb, s->cases.buf ? s->cases.buf : "", s->cases.len);
	if (s->out.len) {
		sb_adds(sb, "<system-out>");
		ci_add_xml_text(sb, s->out.buf);
		sb_adds(sb, "</system-out>\n");
	} else {
		sb_adds(sb, "<system-out/>\n");
	}
	sb_adds(sb, "<system-err/>\n</testsuite>\n");
}

static void
junit_end(report *r, const summary *sum)
{
	junit_state *st = r->state;
	strbuf *sb = &st->scratch;
	size_t i, id = 0;

	(void)sum;
	/* A consortium rule without a finding held: its case passes.  Of the
	 * rules sharing an id, as many as had findings are taken to be the
	 * first ones (a finding names its rule by id only). */
	if (r->mode == MODE_CHECK)
		for (i = 0; i < r->nrules; i++) {
			size_t first, k, nth = 0;

			if (r->rules[i].kind != RULE_CONSORTIUM ||
			    !ci_rule_find(r, r->rules[i].id, &first))
				continue;
			for (k = first; k < i; k++)
				if (r->rules[k].kind == RULE_CONSORTIUM &&
				    r->rules[k].id &&
				    !strcmp(r->rules[k].id, r->rules[i].id))
					nth++;
			if (nth >= st->seen[first]) {
				open_consortium_case(r, r->rules[i].id);
				sb_adds(&st->suites[st->consortium].cases,
					"/>\n");
			}
		}
	sb_reset(sb);
	sb_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<testsuites>\n");
	for (i = 0; i < st->nsuites; i++) {
		/* rows in error are few: their suite only when there are */
		if (i == st->input && r->mode != MODE_CONFLICTS &&
		    !st->suites[i].tests)
			continue;
		write_suite(r, sb, &st->suites[i], id++);
		if (sb->len >= EMIT_BATCH_BYTES)
			sb_write(sb, r->out);
	}
	sb_adds(sb, "</testsuites>\n");
	sb_write(sb, r->out);
}

static void
junit_free(report *r)
{
	junit_state *st = r->state;
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->nsuites; i++) {
		sb_free(&st->suites[i].cases);
		sb_free(&st->suites[i].out);
	}
	free(st->suites);
	free(st->suite_of);
	free(st->seen);
	free(st->named);
	sb_free(&st->scratch);
	free(st);
	r->state = NULL;
}

const emitter emit_junit = {
	.name = "junit",
	.begin = junit_begin,
	.partner = junit_partner,
	.conflict = junit_conflict,
	.consortium = junit_consortium,
	.end = junit_end,
	.free = junit_free,
};
