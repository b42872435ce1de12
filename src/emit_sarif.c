#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "emit_ci.h"
#include "emit_util.h"
#include "hash.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * SARIF 2.1.0 (OASIS), the format code scanning reads: one run whose tool
 * describes every rule the mode applies (and "input", the rule of rows in
 * error), then one result per finding, located at the partner's line of
 * the input file.  The document streams like JSON's, one result a line.
 */

typedef struct sarif_state {
	strbuf line;
	size_t *index; /* ruleIndex of each of r->rules; SIZE_MAX if absent */
	size_t input_index;
	size_t nresults; /* written so far: all but the first need a comma */
} sarif_state;

static int
rule_in_mode(const report *r, const rule_info *ri)
{
	switch (r->mode) {
	case MODE_SCREEN:
		return ri->kind == RULE_CHECK;
	case MODE_CONFLICTS:
		return ri->kind == RULE_PAIR;
	default:
		return 1;
	}
}

static void
add_text(strbuf *sb, const char *key, const char *text)
{
	sb_adds(sb, ", \"");
	sb_adds(sb, key);
	sb_adds(sb, "\": {\"text\": ");
	add_json_str(sb, text);
	sb_addc(sb, '}');
}

static void
add_descriptor(strbuf *sb, const char *id, const char *title,
	       const char *rationale, const char *category, severity sev)
{
	sb_adds(sb, "{\"id\": ");
	add_json_str(sb, id ? id : "");
	add_text(sb, "shortDescription",
		 title && *title ? title :
		 id              ? id :
				   "");
	if (rationale && *rationale) {
		add_text(sb, "fullDescription", rationale);
		add_text(sb, "help", rationale);
	}
	sb_addf(sb, ", \"defaultConfiguration\": {\"level\": \"%s\"}",
		ci_sarif_level(sev));
	if (category) {
		sb_adds(sb, ", \"properties\": {\"category\": ");
		add_json_str(sb, category);
		sb_adds(sb, ", \"tags\": [");
		add_json_str(sb, category);
		sb_adds(sb, "]}");
	}
	sb_addc(sb, '}');
}

/*
 * The descriptor index already given to an earlier rule of the same id,
 * or (size_t)-1 after recording rule i as the first of its id.  Ids are unique
 * among checks, but a pair or consortium rule may share a check's id, and two
 * consortium rules one id; SARIF wants each descriptor once (its rules
 * are unique items), and every result of the id points at that one.
 * seen is an open-addressing table of cap (a power of two) rule
 * positions + 1, 0 for empty.
 */
static size_t
descriptor_of(const report *r, const sarif_state *st, size_t *seen, size_t cap,
	      size_t i)
{
	const char *id = r->rules[i].id ? r->rules[i].id : "";
	size_t h = (size_t)hash_bytes(id, strlen(id)) & (cap - 1);

	for (; seen[h]; h = (h + 1) & (cap - 1)) {
		const char *o = r->rules[seen[h] - 1].id;

		if (!strcmp(o ? o : "", id))
			return st->index[seen[h] - 1];
	}
	seen[h] = i + 1;
	return (size_t)-1;
}

static void
sarif_begin(report *r)
{
	sarif_state *st = xcalloc(1, sizeof *st);
	size_t i, k = 0, cap = 16, *seen;

	sb_init(&st->line);
	st->index = xcalloc(r->nrules ? r->nrules : 1, sizeof *st->index);
	r->state = st;
	sb_adds(
	    &st->line,
	    "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", "
	    "\"version\": \"2.1.0\", \"runs\": [{\n\"tool\": {\"driver\": "
	    "{\"name\": \"partnercheck\", \"version\": \"" PARTNERCHECK_VERSION
	    "\", \"rules\": [\n");
	while (cap < 2 * r->nrules)
		cap *= 2;
	seen = xcalloc(cap, sizeof *seen);
	for (i = 0; i < r->nrules; i++) {
		const rule_info *ri = &r->rules[i];
		size_t had;

		st->index[i] = (size_t)-1;
		if (!rule_in_mode(r, ri))
			continue;
		had = descriptor_of(r, st, seen, cap, i);
		if (had != (size_t)-1) {
			st->index[i] = had;
			continue;
		}
		st->index[i] = k++;
		add_descriptor(&st->line, ri->id, ri->title, ri->rationale,
			       ri->category, ri->sev);
		sb_adds(&st->line, ",\n");
	}
	free(seen);
	st->input_index = k;
	add_descriptor(&st->line, "input", "row could not be assessed",
		       "A row that cannot be read or typed is not screened at "
		       "all: fix the row.",
		       NULL, SEV_FAIL);
	sb_adds(&st->line, "\n]}},\n\"artifacts\": [{\"location\": {\"uri\": ");
	{
		strbuf uri;

		sb_init(&uri);
		ci_add_uri(&uri, r->input);
		add_json_str(&st->line, uri.buf);
		sb_free(&uri);
	}
	sb_adds(&st->line, "}}],\n\"columnKind\": \"unicodeCodePoints\",\n"
			   "\"results\": [");
	sb_write(&st->line, r->out);
}

/* A location in the input file: at line (none when 0), named after the
 * partner id when there is one. */
static void
add_location(report *r, strbuf *sb, size_t line, const char *id)
{
	strbuf uri;

	sb_init(&uri);
	ci_add_uri(&uri, r->input);
	sb_adds(sb, "\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
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
	sb_free(&uri);
}

/* Opens a result: rule, index and level, with --baseline whether the
 * baseline has it (SARIF's baselineState: "unchanged" for a known
 * finding, "new" for the others); then the message. */
static void
open_result(report *r, const char *rule, severity sev, int known,
	    const char *msg)
{
	sarif_state *st = r->state;
	size_t i;

	sb_adds(&st->line,
		st->nresults++ ? ",\n{\"ruleId\": " : "\n{\"ruleId\": ");
	add_json_str(&st->line, rule ? rule : "");
	if (ci_rule_find(r, rule, &i)) {
		if (st->index[i] != (size_t)-1)
			sb_addf(&st->line, ", \"ruleIndex\": %zu",
				st->index[i]);
	} else if (rule && !strcmp(rule, "input")) {
		sb_addf(&st->line, ", \"ruleIndex\": %zu", st->input_index);
	}
	sb_addf(&st->line, ", \"level\": \"%s\"", ci_sarif_level(sev));
	if (ci_has_baseline(r))
		sb_addf(&st->line, ", \"baselineState\": \"%s\"",
			known ? "unchanged" : "new");
	add_text(&st->line, "message", msg);
}

/* Ends a result: the stable fingerprint code scanning tracks it by, made
 * of its parts with their lengths so that no two sets of parts give one
 * string.  A pair is the same pair whichever of its rows comes first in
 * the file (as --baseline and diff take it), so its ids go in byte order. */
static void
close_result(report *r, const char *rule, const char *a, const char *b)
{
	sarif_state *st = r->state;
	strbuf fp;

	if (a && b && strcmp(a, b) > 0) {
		const char *t = a;

		a = b;
		b = t;
	}
	sb_init(&fp);
	sb_adds(&fp, rule ? rule : "");
	if (a)
		sb_addf(&fp, ":%zu:%s", strlen(a), a);
	if (b)
		sb_addf(&fp, ":%s", b);
	sb_adds(&st->line, ", \"partialFingerprints\": {\"partnercheck/v1\": ");
	add_json_str(&st->line, fp.buf);
	sb_adds(&st->line, "}}");
	sb_free(&fp);
	if (st->line.len >= EMIT_BATCH_BYTES || r->live)
		sb_write(&st->line, r->out);
}

/* A waived finding: still reported, but accepted, so that a SARIF viewer
 * shows it as suppressed rather than as an open problem. */
#define SUPPRESSED \
	", \"suppressions\": [{\"kind\": \"external\", \"status\": " \
	"\"accepted\"}]"

static void
sarif_partner(report *r, const verdict *v)
{
	sarif_state *st = r->state;
	strbuf msg;
	size_t i;

	sb_init(&msg);
	for (i = 0; i < v->nfindings; i++) {
		const finding *f = &v->findings[i];

		sb_reset(&msg);
		sb_adds(&msg, v->id ? v->id : "");
		if (v->name && *v->name) {
			sb_adds(&msg, " (");
			sb_adds(&msg, v->name);
			sb_addc(&msg, ')');
		}
		sb_adds(&msg, ": ");
		sb_adds(&msg, f->message ? f->message : outcome_name(f->out));
		open_result(r, f->rule, f->sev, f->d.known, msg.buf);
		sb_adds(&st->line, ", \"locations\": [{");
		add_location(r, &st->line, v->line, v->id);
		sb_addc(&st->line, '}');
		sb_addc(&st->line, ']');
		if (f->out == OUT_WAIVED)
			sb_adds(&st->line, SUPPRESSED);
		sb_adds(&st->line, ", \"properties\": {\"partner\": ");
		add_json_str(&st->line, v->id);
		sb_addf(&st->line, ", \"outcome\": \"%s\"}",
			outcome_name(f->out));
		close_result(r, f->rule, v->id ? v->id : "", NULL);
	}
	sb_free(&msg);
}

static void
sarif_conflict(report *r, const conflict *c)
{
	sarif_state *st = r->state;

	open_result(r, c->rule, c->sev, c->d.known, c->message);
	sb_adds(&st->line, ", \"locations\": [{");
	add_location(r, &st->line, c->a_line, c->a);
	sb_adds(&st->line, "}], \"relatedLocations\": [{\"id\": 1, ");
	add_location(r, &st->line, c->b_line, c->b);
	sb_adds(&st->line, ", \"message\": {\"text\": ");
	add_json_str(&st->line, c->b);
	sb_adds(&st->line, "}}]");
	if (c->out == OUT_WAIVED)
		sb_adds(&st->line, SUPPRESSED);
	close_result(r, c->rule, c->a ? c->a : "", c->b ? c->b : "");
}

static void
sarif_consortium(report *r, const cfinding *f)
{
	sarif_state *st = r->state;
	size_t i;

	open_result(r, f->rule, f->sev, f->d.known, f->message);
	sb_adds(&st->line, ", \"locations\": [{");
	add_location(r, &st->line, 0, NULL);
	sb_addc(&st->line, '}');
	sb_addc(&st->line, ']');
	if (f->out == OUT_WAIVED)
		sb_adds(&st->line, SUPPRESSED);
	if (f->npartners) {
		sb_adds(&st->line, ", \"properties\": {\"partners\": [");
		for (i = 0; i < f->npartners; i++) {
			if (i)
				sb_adds(&st->line, ", ");
			add_json_str(&st->line, f->partners[i]);
		}
		sb_adds(&st->line, "]}");
	}
	close_result(r, f->rule, NULL, NULL);
}

static void
sarif_end(report *r, const summary *s)
{
	sarif_state *st = r->state;

	(void)s;
	sb_adds(&st->line, st->nresults ? "\n]\n}]}\n" : "]\n}]}\n");
	sb_write(&st->line, r->out);
}

static void
sarif_flush(report *r)
{
	sarif_state *st = r->state;

	sb_write(&st->line, r->out);
}

static void
sarif_free(report *r)
{
	sarif_state *st = r->state;

	if (!st)
		return;
	sb_free(&st->line);
	free(st->index);
	free(st);
	r->state = NULL;
}

const emitter emit_sarif = {
	.name = "sarif",
	.begin = sarif_begin,
	.partner = sarif_partner,
	.conflict = sarif_conflict,
	.consortium = sarif_consortium,
	.end = sarif_end,
	.flush = sarif_flush,
	.free = sarif_free,
};
