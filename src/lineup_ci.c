#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "diag.h"
#include "emit_ci.h"
#include "emit_util.h"
#include "lineup_report.h"
#include "strbuf.h"

/*
 * The line-up for CI systems (sarif, junit, github, tap).  What a CI
 * system should see of a line-up is what it sees of a screening, one
 * verdict per candidate, plus the line-up's own:
 *  - a member of the best line-up passes;
 *  - a candidate out for its own fail findings (screened out, or a row in
 *    error) fails with them, as `screen` reports them;
 *  - a candidate out for any other reason (a conflict with a member, a
 *    consortium rule, the cost of forcing it in, --exclude) is no failure
 *    of the run: a note (sarif, github) or a skip (junit, tap) saying why;
 *  - the best line-up's remaining pair and consortium findings (warn and
 *    info; waived ones as waived) as `check` reports them;
 *  - and a failing one when there is no line-up (exit 1) or the best one
 *    found is not proven optimal (exit 3), with the reasons.
 * The alternatives of --top are not repeated: the best line-up is the one
 * a run is judged by.  Escaping is emit_ci.c's, shared with the other
 * commands' CI formats.
 */

/* The rule ids of the line-up's own results, as partnercheck(1) names
 * them.  A rule set could use one of them too (its ids are its own),
 * but one that does still gives valid SARIF: the set's descriptor is
 * written first and results name their rule by id only. */
#define R_MEMBER "lineup.member"
#define R_OUT "lineup.out"
#define R_NONE "lineup.feasible"
#define R_UNPROVEN "lineup.optimal"

static const char *
input_of(const lr_doc *d)
{
	return d->origin ? d->origin->input : NULL;
}

/* The candidate with id, or NULL. */
static const lr_cand *
cand_by_id(const lr_doc *d, const char *id)
{
	size_t i;

	for (i = 0; id && i < d->ncands; i++)
		if (!strcmp(d->cands[i].id, id))
			return &d->cands[i];
	return NULL;
}

/* "ID (Name)", or "ID" without a name. */
static void
add_who(strbuf *sb, const lr_cand *c)
{
	sb_adds(sb, c->id);
	if (c->name && *c->name) {
		sb_adds(sb, " (");
		sb_adds(sb, c->name);
		sb_addc(sb, ')');
	}
}

/* What the run says when it has no proven best line-up: the reasons
 * there is none, or the summary's "best found, not proven optimal" with
 * its bound.  Empty when there is a proven best one. */
static void
add_trouble(strbuf *sb, const lr_doc *d)
{
	size_t i;

	if (!d->nlineups) {
		sb_adds(sb, d->proven ? "no feasible line-up" :
					"no line-up found before the search "
					"stopped");
		for (i = 0; i < d->nreasons; i++) {
			sb_adds(sb, i ? "; " : ": ");
			sb_adds(sb, d->reasons[i]);
		}
	} else if (!d->proven) {
		lr_summary(sb, d);
		if (sb->len && sb->buf[sb->len - 1] == '\n')
			sb->buf[--sb->len] = '\0';
	}
}

/* The summary line without its newline. */
static void
add_summary_text(strbuf *sb, const lr_doc *d)
{
	lr_summary(sb, d);
	if (sb->len && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
}

/* The results a candidate takes: one per fail finding when it was
 * screened out for them (lr_cand_note_row keeps fails for no other),
 * else one, whose message is the reason. */
static size_t
results_of(const lr_cand *c)
{
	return c->nfails ? c->nfails : 1;
}

/* ---- sarif ---- */

static void
sarif_text(strbuf *sb, const char *key, const char *text)
{
	sb_adds(sb, ", \"");
	sb_adds(sb, key);
	sb_adds(sb, "\": {\"text\": ");
	add_json_str(sb, text);
	sb_addc(sb, '}');
}

static void
sarif_descriptor(strbuf *sb, const char *id, const char *title,
		 const char *help, severity sev)
{
	sb_adds(sb, "{\"id\": ");
	add_json_str(sb, id);
	sarif_text(sb, "shortDescription", title && *title ? title : id);
	if (help && *help) {
		sarif_text(sb, "fullDescription", help);
		sarif_text(sb, "help", help);
	}
	sb_addf(sb, ", \"defaultConfiguration\": {\"level\": \"%s\"}},\n",
		ci_sarif_level(sev));
}

/* Whether rules[0..i) has a rule of rules[i]'s id: SARIF's rules are
 * unique items, and a pair or consortium rule may share a check's id. */
static int
seen_before(const rule_info *rules, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (rules[k].id && rules[i].id &&
		    !strcmp(rules[k].id, rules[i].id))
			return 1;
	return 0;
}

/* The rule set's rules, then the line-up's own and "input"; results
 * name their rule by id only (no ruleIndex), so the table need not be
 * kept. */
static void
sarif_rules(strbuf *sb, const lr_doc *d)
{
	const report *o = d->origin;
	size_t i;

	for (i = 0; o && i < o->nrules; i++)
		if (o->rules[i].id && !seen_before(o->rules, i))
			sarif_descriptor(sb, o->rules[i].id, o->rules[i].title,
					 o->rules[i].rationale,
					 o->rules[i].sev);
	sarif_descriptor(sb, R_MEMBER, "in the best line-up",
			 "The candidate is a member of the best line-up.",
			 SEV_INFO);
	sarif_descriptor(sb, R_OUT, "not in the best line-up",
			 "The candidate is eligible but out of the best "
			 "line-up; the message says why.",
			 SEV_INFO);
	sarif_descriptor(sb, R_NONE, "a feasible line-up exists",
			 "No set of eligible candidates of the allowed size "
			 "avoids every fail-level pairwise and consortium "
			 "finding; the message says why.",
			 SEV_FAIL);
	sarif_descriptor(sb, R_UNPROVEN, "the best line-up is proven optimal",
			 "A search limit stopped the search before it proved "
			 "that no line-up is worth more.",
			 SEV_FAIL);
	sarif_descriptor(sb, "input", "row could not be assessed",
			 "A row that cannot be read or typed is not screened "
			 "at all: fix the row.",
			 SEV_FAIL);
}

/* A location: the input at line (none when 0), named after id. */
static void
sarif_location(strbuf *sb, const lr_doc *d, size_t line, const char *id)
{
	strbuf uri;

	sb_init(&uri);
	ci_add_uri(&uri, input_of(d));
	sb_adds(sb, "{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
	add_json_str(sb, uri.buf);
	sb_adds(sb, ", \"index\": 0}");
	if (line)
		sb_addf(sb, ", \"region\": {\"startLine\": %zu}", line);
	sb_addc(sb, '}');
	if (id) {
		sb_adds(sb, ", \"logicalLocations\": [{\"name\": ");
		add_json_str(sb, id);
		sb_adds(sb, ", \"kind\": \"object\"}]");
	}
	sb_addc(sb, '}');
	sb_free(&uri);
}

/* Opens a result; kind "pass" and "informational" take level "none". */
static void
sarif_open(strbuf *sb, size_t *n, const char *rule, const char *kind,
	   const char *level, const char *msg)
{
	sb_adds(sb, (*n)++ ? ",\n{\"ruleId\": " : "\n{\"ruleId\": ");
	add_json_str(sb, rule);
	sb_addf(sb, ", \"kind\": \"%s\", \"level\": \"%s\"", kind, level);
	sarif_text(sb, "message", msg);
}

/* Closes a result with its stable fingerprint: the rule and the ids,
 * each with its length, so that no two sets of parts give one string. */
static void
sarif_close(strbuf *sb, const char *rule, const char *a, const char *b)
{
	strbuf fp;

	sb_init(&fp);
	sb_adds(&fp, rule);
	if (a)
		sb_addf(&fp, ":%zu:%s", strlen(a), a);
	if (b)
		sb_addf(&fp, ":%s", b);
	sb_adds(sb, ", \"partialFingerprints\": {\"partnercheck/v1\": ");
	add_json_str(sb, fp.buf);
	sb_adds(sb, "}}");
	sb_free(&fp);
}

static void
sarif_cand(strbuf *sb, size_t *n, const lr_doc *d, const lr_cand *c)
{
	strbuf msg;
	size_t i;

	sb_init(&msg);
	for (i = 0; i < results_of(c); i++) {
		const lr_finding *f = c->nfails ? &c->fails[i] : NULL;
		const char *rule = f               ? f->rule :
				   c->why == LR_IN ? R_MEMBER :
						     R_OUT;

		sb_reset(&msg);
		add_who(&msg, c);
		sb_adds(&msg, ": ");
		sb_adds(&msg, f ? f->message : c->reason);
		if (f)
			sarif_open(sb, n, rule, "fail", ci_sarif_level(f->sev),
				   msg.buf);
		else if (c->why == LR_SCREENED)
			sarif_open(sb, n, rule, "fail", "error", msg.buf);
		else
			sarif_open(sb, n, rule,
				   c->why == LR_IN ? "pass" : "informational",
				   "none", msg.buf);
		sb_adds(sb, ", \"locations\": [");
		sarif_location(sb, d, c->line, c->id);
		sb_adds(sb, "], \"properties\": {\"partner\": ");
		add_json_str(sb, c->id);
		sb_addf(sb, ", \"reason\": \"%s\"", lr_why_name(c->why));
		if (c->member) {
			sb_adds(sb, ", \"member\": ");
			add_json_str(sb, c->member);
		}
		if (c->why != LR_SCREENED && c->rule) {
			sb_adds(sb, ", \"rule\": ");
			add_json_str(sb, c->rule);
		}
		sb_addc(sb, '}');
		sarif_close(sb, rule, c->id, NULL);
	}
	sb_free(&msg);
}

/* A remaining finding of the best line-up, as `check` gives it. */
static void
sarif_finding(strbuf *sb, size_t *n, const lr_doc *d, const lr_finding *f,
	      const lr_lineup *l)
{
	size_t i;

	sarif_open(sb, n, f->rule, "fail", ci_sarif_level(f->sev), f->message);
	sb_adds(sb, ", \"locations\": [");
	if (f->a) {
		const lr_cand *a = cand_by_id(d, f->a),
			      *b = cand_by_id(d, f->b);

		sarif_location(sb, d, a ? a->line : 0, f->a);
		sb_adds(sb, "], \"relatedLocations\": [");
		sarif_location(sb, d, b ? b->line : 0, f->b);
		/* a relatedLocation needs an id to be linked; its text is
		 * the other partner */
		sb->len -= 1;
		sb->buf[sb->len] = '\0';
		sb_adds(sb, ", \"id\": 1, \"message\": {\"text\": ");
		add_json_str(sb, f->b);
		sb_adds(sb, "}}");
	} else {
		sarif_location(sb, d, 0, NULL);
	}
	sb_addc(sb, ']');
	if (f->out == OUT_WAIVED)
		sb_adds(sb, ", \"suppressions\": [{\"kind\": \"external\", "
			    "\"status\": \"accepted\"}]");
	if (!f->a) {
		sb_adds(sb, ", \"properties\": {\"partners\": [");
		for (i = 0; i < l->k; i++) {
			if (i)
				sb_adds(sb, ", ");
			add_json_str(sb, d->cands[l->members[i]].id);
		}
		sb_adds(sb, "]}");
	}
	sarif_close(sb, f->rule, f->a ? f->a : NULL, f->b);
}

void
lu_sarif(strbuf *sb, const lr_doc *d)
{
	size_t i, n = 0;
	strbuf msg;

	sb_adds(sb, "{\"$schema\": "
		    "\"https://json.schemastore.org/sarif-2.1.0.json\", "
		    "\"version\": \"2.1.0\", \"runs\": [{\n\"tool\": "
		    "{\"driver\": {\"name\": \"partnercheck\", \"version\": "
		    "\"" PARTNERCHECK_VERSION "\", \"rules\": [\n");
	sarif_rules(sb, d);
	/* the last descriptor's ",\n" */
	sb->len -= 2;
	sb->buf[sb->len] = '\0';
	sb_adds(sb, "\n]}},\n\"artifacts\": [{\"location\": {\"uri\": ");
	sb_init(&msg);
	ci_add_uri(&msg, input_of(d));
	add_json_str(sb, msg.buf);
	sb_adds(sb, "}}],\n\"columnKind\": \"unicodeCodePoints\",\n"
		    "\"results\": [");
	for (i = 0; i < d->ncands; i++)
		sarif_cand(sb, &n, d, &d->cands[i]);
	for (i = 0; d->nlineups && i < d->lineups[0].nf; i++)
		sarif_finding(sb, &n, d, &d->lineups[0].f[i], &d->lineups[0]);
	if (!d->nlineups || !d->proven) {
		const char *rule = d->nlineups ? R_UNPROVEN : R_NONE;

		sb_reset(&msg);
		add_trouble(&msg, d);
		sarif_open(sb, &n, rule, "fail", "error", msg.buf);
		sb_adds(sb, ", \"locations\": [");
		sarif_location(sb, d, 0, NULL);
		sb_adds(sb, "]");
		sarif_close(sb, rule, NULL, NULL);
	}
	sb_adds(sb, n ? "\n]\n}]}\n" : "]\n}]}\n");
	sb_free(&msg);
}

/* ---- junit ---- */

typedef struct jsuite {
	strbuf cases;
	strbuf out; /* system-out, unescaped */
	size_t tests, failures, errors, skipped;
} jsuite;

static void
j_open(jsuite *s, const char *classname, const char *name)
{
	s->tests++;
	sb_adds(&s->cases, "<testcase classname=\"");
	ci_add_xml(&s->cases, classname);
	sb_adds(&s->cases, "\" name=\"");
	ci_add_xml(&s->cases, name);
	sb_adds(&s->cases, "\" time=\"0\"");
}

/* Ends the open case with elem ("failure", "error", "skipped") holding
 * msg, or passes it when elem is NULL. */
static void
j_close(jsuite *s, const char *elem, const char *type, const char *msg)
{
	if (!elem) {
		sb_adds(&s->cases, "/>\n");
		return;
	}
	s->failures += !strcmp(elem, "failure");
	s->errors += !strcmp(elem, "error");
	s->skipped += !strcmp(elem, "skipped");
	sb_addf(&s->cases, ">\n<%s", elem);
	if (type)
		sb_addf(&s->cases, " type=\"%s\"", type);
	sb_adds(&s->cases, " message=\"");
	ci_add_xml(&s->cases, msg);
	sb_adds(&s->cases, "\">");
	ci_add_xml_text(&s->cases, msg);
	sb_addf(&s->cases, "</%s>\n</testcase>\n", elem);
}

static void
j_write(strbuf *sb, const lr_doc *d, const char *name, const jsuite *s,
	size_t id)
{
	char date[16];

	date_format_iso(d->origin ? d->origin->today : 0, date);
	sb_addf(sb,
		"<testsuite name=\"%s\" package=\"partnercheck\" id=\"%zu\" "
		"timestamp=\"%sT00:00:00\" hostname=\"localhost\" "
		"tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		"skipped=\"%zu\" time=\"0\">\n<properties>\n"
		"<property name=\"input\" value=\"",
		name, id, date, s->tests, s->failures, s->errors, s->skipped);
	ci_add_xml(sb, input_of(d));
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

/* A candidate's case: classname its id, name "lineup". */
static void
j_cand(jsuite *s, strbuf *msg, const lr_cand *c)
{
	size_t i;

	j_open(s, c->id, "lineup");
	sb_reset(msg);
	if (c->why != LR_SCREENED) {
		j_close(s, c->why == LR_IN ? NULL : "skipped", NULL, c->reason);
		return;
	}
	sb_adds(msg, c->st == ST_ERROR ? "in error: " : "screened out: ");
	for (i = 0; i < c->nfails; i++) {
		if (i)
			sb_adds(msg, "\n");
		sb_addf(msg, "%s (%s): %s", c->fails[i].rule,
			severity_name(c->fails[i].sev), c->fails[i].message);
	}
	if (!c->nfails)
		sb_adds(msg, c->reason);
	j_close(s, c->st == ST_ERROR ? "error" : "failure",
		c->st == ST_ERROR ? "error" : "fail", msg->buf);
}

/* A remaining finding of the best line-up: warn and info pass, listed in
 * system-out; a waived one is skipped. */
static void
j_finding(jsuite *s, strbuf *msg, const lr_finding *f)
{
	sb_reset(msg);
	if (f->a)
		sb_addf(msg, "%s + %s", f->a, f->b);
	else
		sb_adds(msg, "consortium");
	j_open(s, msg->buf, f->rule);
	sb_addf(&s->out, "%s %s (%s): %s\n", msg->buf, f->rule,
		severity_label(f->sev, f->out), f->message);
	if (f->out == OUT_WAIVED)
		j_close(s, "skipped", NULL, f->message);
	else
		j_close(s, f->sev == SEV_FAIL ? "failure" : NULL, "fail",
			f->message);
}

void
lu_junit(strbuf *sb, const lr_doc *d)
{
	jsuite s[3];
	strbuf msg;
	size_t i;
	static const char *const names[] = { "candidates", "findings",
					     "lineup" };

	memset(s, 0, sizeof s);
	for (i = 0; i < 3; i++) {
		sb_init(&s[i].cases);
		sb_init(&s[i].out);
	}
	sb_init(&msg);
	for (i = 0; i < d->ncands; i++)
		j_cand(&s[0], &msg, &d->cands[i]);
	for (i = 0; d->nlineups && i < d->lineups[0].nf; i++)
		j_finding(&s[1], &msg, &d->lineups[0].f[i]);
	/* the line-up itself: one exists, and it is the best */
	sb_reset(&msg);
	add_trouble(&msg, d);
	j_open(&s[2], "lineup", "feasible");
	j_close(&s[2], d->nlineups ? NULL : "failure", "fail", msg.buf);
	j_open(&s[2], "lineup", "optimal");
	j_close(&s[2], d->proven ? NULL : "failure", "fail", msg.buf);
	sb_reset(&msg);
	add_summary_text(&msg, d);
	sb_addf(&s[2].out, "%s\n", msg.buf);
	sb_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<testsuites>\n");
	for (i = 0; i < 3; i++) {
		j_write(sb, d, names[i], &s[i], i);
		sb_free(&s[i].cases);
		sb_free(&s[i].out);
	}
	sb_adds(sb, "</testsuites>\n");
	sb_free(&msg);
}

/* ---- tap ---- */

static void
yaml_key(strbuf *sb, const char *indent, const char *key, const char *value)
{
	sb_adds(sb, indent);
	sb_adds(sb, key);
	sb_adds(sb, ": ");
	ci_add_yaml_str(sb, value);
	sb_addc(sb, '\n');
}

static void
tap_cand(strbuf *sb, size_t *n, const lr_cand *c)
{
	size_t i;
	int ok = c->why != LR_SCREENED;

	sb_addf(sb, "%sok %zu - ", ok ? "" : "not ", ++*n);
	ci_add_tap_desc(sb, c->id);
	if (c->name && *c->name) {
		sb_addc(sb, ' ');
		ci_add_tap_desc(sb, c->name);
	}
	/* out of the line-up but no failure: a skip, with why */
	if (ok && c->why != LR_IN) {
		sb_adds(sb, " # SKIP ");
		ci_add_tap_desc(sb, c->reason);
	}
	sb_adds(sb, "\n  ---\n");
	yaml_key(sb, "  ", "status", status_name(c->st));
	if (c->line)
		sb_addf(sb, "  line: %zu\n", c->line);
	if (c->has_score) {
		sb_adds(sb, "  score: ");
		lr_add_value(sb, c->score);
		sb_addc(sb, '\n');
	}
	yaml_key(sb, "  ", "reason", lr_why_name(c->why));
	yaml_key(sb, "  ", "message", c->reason);
	if (c->rule)
		yaml_key(sb, "  ", "rule", c->rule);
	if (c->member)
		yaml_key(sb, "  ", "member", c->member);
	if (c->nfails)
		sb_adds(sb, "  findings:\n");
	for (i = 0; i < c->nfails; i++) {
		yaml_key(sb, "    - ", "rule", c->fails[i].rule);
		yaml_key(sb, "      ", "severity",
			 severity_name(c->fails[i].sev));
		yaml_key(sb, "      ", "outcome",
			 outcome_name(c->fails[i].out));
		yaml_key(sb, "      ", "message", c->fails[i].message);
	}
	sb_adds(sb, "  ...\n");
}

static void
tap_finding(strbuf *sb, size_t *n, const lr_finding *f)
{
	sb_addf(sb, "%sok %zu - ",
		f->sev != SEV_FAIL || f->out == OUT_WAIVED ? "" : "not ", ++*n);
	ci_add_tap_desc(sb, f->rule);
	sb_adds(sb, ": ");
	if (f->a) {
		ci_add_tap_desc(sb, f->a);
		sb_adds(sb, " and ");
		ci_add_tap_desc(sb, f->b);
	} else {
		sb_adds(sb, "consortium");
	}
	sb_adds(sb, "\n  ---\n");
	yaml_key(sb, "  ", "severity", severity_name(f->sev));
	yaml_key(sb, "  ", "outcome", outcome_name(f->out));
	if (f->a) {
		yaml_key(sb, "  ", "a", f->a);
		yaml_key(sb, "  ", "b", f->b);
	}
	yaml_key(sb, "  ", "message", f->message);
	sb_adds(sb, "  ...\n");
}

void
lu_tap(strbuf *sb, const lr_doc *d)
{
	size_t i, n = 0;
	strbuf msg;

	sb_init(&msg);
	sb_adds(sb, "TAP version 14\n");
	for (i = 0; i < d->ncands; i++)
		tap_cand(sb, &n, &d->cands[i]);
	for (i = 0; d->nlineups && i < d->lineups[0].nf; i++)
		tap_finding(sb, &n, &d->lineups[0].f[i]);
	/* the line-up itself */
	add_trouble(&msg, d);
	sb_addf(sb, "%sok %zu - line-up", msg.len ? "not " : "", ++n);
	if (d->nlineups) {
		sb_adds(sb, ": value ");
		lr_add_value(sb, d->lineups[0].value);
	}
	sb_adds(sb, "\n  ---\n");
	sb_addf(sb, "  feasible: %s\n  proven: %s\n",
		d->nlineups ? "true" : "false", d->proven ? "true" : "false");
	if (msg.len)
		yaml_key(sb, "  ", "message", msg.buf);
	sb_adds(sb, "  ...\n");
	sb_addf(sb, "1..%zu\n# ", n);
	sb_reset(&msg);
	add_summary_text(&msg, d);
	ci_add_tap_desc(sb, msg.buf);
	sb_addc(sb, '\n');
	sb_free(&msg);
}

/* ---- github ---- */

/* GitHub's limit of annotations per level and step. */
#define GH_MAX 10

typedef struct gh {
	strbuf *sb;
	const lr_doc *d;
	size_t shown[3], more[3];
} gh;

static void
gh_annotate(gh *g, severity sev, size_t line, const char *title,
	    const char *msg)
{
	const char *in = input_of(g->d);
	strbuf *sb = g->sb;

	if (g->shown[sev] >= GH_MAX) {
		g->more[sev]++;
		return;
	}
	g->shown[sev]++;
	sb_addf(sb, "::%s ", ci_github_level(sev));
	if (in && strcmp(in, "-")) {
		sb_adds(sb, "file=");
		ci_add_gh_property(sb, in);
		if (line)
			sb_addf(sb, ",line=%zu", line);
		sb_addc(sb, ',');
	}
	sb_adds(sb, "title=");
	ci_add_gh_property(sb, title);
	sb_adds(sb, "::");
	ci_add_gh_data(sb, msg);
	sb_addc(sb, '\n');
}

/* Appends the markdown report to the step summary file; a file that
 * cannot be written is said on stderr but does not fail the report. */
static void
gh_step_summary(const lr_doc *d, const char *path)
{
	strbuf md;
	FILE *f;
	int ok;

	sb_init(&md);
	sb_adds(&md, "### partnercheck lineup: ");
	add_md(&md,
	       input_of(d) && strcmp(input_of(d), "-") ? input_of(d) : "stdin");
	sb_adds(&md, "\n\n");
	lineup_report_to(&md, "markdown", d);
	sb_addc(&md, '\n');
	f = fopen(path, "a");
	ok = f && fwrite(md.buf, 1, md.len, f) == md.len;
	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok)
		diag("%s: cannot append the step summary: %s", path,
		     strerror(errno));
	sb_free(&md);
}

void
lu_github(strbuf *sb, const lr_doc *d)
{
	static const char *const word[] = { "notice", "warning", "error" };
	gh g;
	strbuf msg;
	size_t i, q;
	int lvl, k = 0;

	memset(&g, 0, sizeof g);
	g.sb = sb;
	g.d = d;
	sb_init(&msg);
	/* why the run fails (no line-up, or none proven) comes first, so that
	 * the candidates' errors cannot use up GitHub's ten */
	add_trouble(&msg, d);
	if (msg.len)
		gh_annotate(&g, SEV_FAIL, 0, d->nlineups ? R_UNPROVEN : R_NONE,
			    msg.buf);
	for (i = 0; i < d->ncands; i++) {
		const lr_cand *c = &d->cands[i];

		/* members pass: nothing to annotate; without a line-up,
		 * "no-fit" says no more than the error below does */
		if (c->why == LR_IN || c->why == LR_NO_FIT || c->why == LR_OPEN)
			continue;
		for (q = 0; q < results_of(c); q++) {
			const lr_finding *f = c->nfails ? &c->fails[q] : NULL;
			severity sev = f                     ? f->sev :
				       c->why == LR_SCREENED ? SEV_FAIL :
							       SEV_INFO;

			sb_reset(&msg);
			add_who(&msg, c);
			sb_adds(&msg, f ? ": " : " is out: ");
			sb_adds(&msg, f ? f->message : c->reason);
			gh_annotate(&g, sev, c->line, f ? f->rule : R_OUT,
				    msg.buf);
		}
	}
	for (i = 0; d->nlineups && i < d->lineups[0].nf; i++) {
		const lr_finding *f = &d->lineups[0].f[i];
		const lr_cand *a = cand_by_id(d, f->a);

		if (f->out != OUT_WAIVED) /* waived ones left out */
			gh_annotate(&g, f->sev, a ? a->line : 0, f->rule,
				    f->message);
	}
	if (g.more[0] + g.more[1] + g.more[2]) {
		sb_adds(sb, "partnercheck: ");
		for (lvl = SEV_FAIL; lvl >= SEV_INFO; lvl--)
			if (g.more[lvl])
				sb_addf(sb, "%s%zu more %s%s", k++ ? ", " : "",
					g.more[lvl], word[lvl],
					g.more[lvl] == 1 ? "" : "s");
		sb_addf(sb,
			" not annotated (GitHub shows %d of each per step)\n",
			GH_MAX);
	}
	lr_summary(sb, d);
	sb_free(&msg);
	if (d->origin && d->origin->step_summary)
		gh_step_summary(d, d->origin->step_summary);
}
