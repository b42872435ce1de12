#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "emit_util.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * JSON (one document) and NDJSON (one object a line).  Both build the same
 * objects; JSON wraps them in section arrays, one object a line so that
 * the document still diffs and greps well, and NDJSON tags them with a
 * "kind" in the modes that mix kinds.  The document streams: an object is
 * written as soon as it arrives, and the "\n" before the next one (or the
 * closing "]") is what the separator adds.
 */

static const char *const section_key[] = {
	[SECTION_PARTNERS] = "partners",
	[SECTION_CONFLICTS] = "conflicts",
	[SECTION_CONSORTIUM] = "consortium",
};

/* A rule's escaped fragments of a conflict's line: frags.buf[head..) and
 * frags.buf[tail..) (see rule_fragments). */
typedef struct rule_frag {
	const char *rule, *title;
	severity sev;
	size_t head, nhead, tail, ntail;
} rule_frag;

/* Pair rules are few; a rule set with more than this many is still
 * reported right, only without the saving. */
#define RULE_CACHE_MAX 32

/* A partner's escaped id, in quotes, and its line number, in decimal:
 * pfrags.buf[off..off+nid) and [off+nid..off+nid+nline) (see
 * partner_fragments); id is NULL until they are made. */
typedef struct partner_frag {
	const char *id;
	size_t off, nid, nline;
} partner_frag;

typedef struct json_state {
	int nd;
	strbuf line;
	strbuf frags; /* the rules' fragments */
	rule_frag rules[RULE_CACHE_MAX];
	size_t nrules;
	strbuf pfrags;          /* the partners' fragments */
	partner_frag *partners; /* by conflict.a_no / b_no - 1 */
	size_t npartners;
} json_state;

static void
add_key(strbuf *sb, const char *key)
{
	add_json_str(sb, key);
	sb_adds(sb, ": ");
}

static void
add_counts(strbuf *sb, const char *key, const size_t n[3])
{
	sb_adds(sb, ", ");
	add_key(sb, key);
	sb_addf(sb, "{\"fail\": %zu, \"warn\": %zu, \"info\": %zu}",
		n[SEV_FAIL], n[SEV_WARN], n[SEV_INFO]);
}

/* The summary's members, without braces: the same for JSON's "summary"
 * object and NDJSON's summary line. */
static void
add_summary(strbuf *sb, const summary *s, report_mode mode)
{
	size_t i;

	sb_addf(sb, "\"rows_read\": %zu, \"rows_reported\": %zu", s->rows_read,
		s->rows_reported);
	/* only with --baseline, so that other reports stay as they were */
	if (s->has_baseline) {
		sb_addf(sb, ", \"known\": %zu", s->known);
		add_counts(sb, "new", s->fresh);
	}
	/* only when there are any, so that other reports stay as they were */
	if (s->nabsent) {
		sb_adds(sb, ", \"absent_columns\": [");
		for (i = 0; i < s->nabsent; i++) {
			if (i)
				sb_adds(sb, ", ");
			add_json_str(sb, s->absent[i]);
		}
		sb_addc(sb, ']');
	}
	/* Only when some were, so that reports of clean files keep their
	 * shape. */
	if (s->blank_rows)
		sb_addf(sb, ", \"blank_rows\": %zu", s->blank_rows);
	if (mode == MODE_CONFLICTS) {
		add_counts(sb, "conflicts", s->conflicts);
		sb_addf(sb, ", \"conflicts_shown\": %zu", s->conflicts_shown);
		if (s->conflicts_waived)
			sb_addf(sb, ", \"conflicts_waived\": %zu",
				s->conflicts_waived);
		return;
	}
	sb_addf(sb,
		", \"pass\": %zu, \"warn\": %zu, \"fail\": %zu, \"error\": %zu",
		s->by_status[ST_PASS], s->by_status[ST_WARN],
		s->by_status[ST_FAIL], s->by_status[ST_ERROR]);
	add_counts(sb, "findings", s->findings);
	sb_addf(sb, ", \"waived\": %zu", s->waived);
	if (mode == MODE_CHECK) {
		add_counts(sb, "conflicts", s->conflicts);
		sb_addf(sb, ", \"conflicts_shown\": %zu", s->conflicts_shown);
		/* Waived counts only when some were, as blank_rows. */
		if (s->conflicts_waived)
			sb_addf(sb, ", \"conflicts_waived\": %zu",
				s->conflicts_waived);
		add_counts(sb, "consortium", s->consortium);
		if (s->consortium_waived)
			sb_addf(sb, ", \"consortium_waived\": %zu",
				s->consortium_waived);
	}
}

/* Opens an object, tagged with its kind when NDJSON mixes kinds. */
static void
open_obj(report *r, strbuf *sb, const char *kind)
{
	json_state *st = r->state;

	sb_addc(sb, '{');
	if (st->nd && r->mode != MODE_SCREEN) {
		add_key(sb, "kind");
		add_json_str(sb, kind);
		sb_adds(sb, ", ");
	}
}

/* A word of the tool's own (a status, a severity, an outcome): it needs
 * no escaping. */
static void
add_word(strbuf *sb, const char *w)
{
	sb_addc(sb, '"');
	sb_adds(sb, w);
	sb_addc(sb, '"');
}

/* The structured detail's keys every finding object has (null when they
 * do not apply), after the original ones: "title", and with full the
 * per-partner keys "category", "field", "value" and "threshold". */
static void
add_detail(strbuf *sb, const finding_detail *d, int full)
{
	sb_adds(sb, ", \"title\": ");
	add_json_str(sb, d->title);
	if (!full)
		return;
	sb_adds(sb, ", \"category\": ");
	add_json_str(sb, d->category);
	sb_adds(sb, ", \"field\": ");
	add_json_str(sb, d->field);
	sb_adds(sb, ", \"value\": ");
	add_json_str(sb, d->value);
	sb_adds(sb, ", \"threshold\": ");
	add_json_str(sb, d->threshold);
}

/* "waiver" only for a finding that met one, "known" only for one the
 * baseline has: absent keys keep other findings as they were. */
static void
add_waiver_known(strbuf *sb, const finding_detail *d)
{
	if (d->waiver.reason) {
		sb_adds(sb, ", \"waiver\": {\"reason\": ");
		add_json_str(sb, d->waiver.reason);
		sb_adds(sb, ", \"expires\": ");
		add_json_str(sb, d->waiver.expires);
		sb_adds(sb, d->waiver.expired ? ", \"expired\": true}" :
						", \"expired\": false}");
	}
	if (d->known)
		sb_adds(sb, ", \"known\": true");
}

/* The fixed keys are written with their punctuation as literals, which
 * costs a copy each rather than an escaping pass. */
static void
add_partner(report *r, strbuf *sb, const verdict *v)
{
	size_t i;

	open_obj(r, sb, "partner");
	sb_adds(sb, "\"id\": ");
	add_json_str(sb, v->id);
	sb_adds(sb, ", \"name\": ");
	add_json_str(sb, v->name);
	sb_adds(sb, ", \"status\": ");
	add_word(sb, status_name(v->st));
	sb_adds(sb, ", \"score\": ");
	if (v->has_score)
		add_score_short(sb, v->score);
	else
		sb_adds(sb, "null");
	sb_adds(sb, ", \"findings\": [");
	for (i = 0; i < v->nfindings; i++) {
		const finding *f = &v->findings[i];

		sb_adds(sb, i ? ", {\"rule\": " : "{\"rule\": ");
		add_json_str(sb, f->rule);
		sb_adds(sb, ", \"severity\": ");
		add_word(sb, severity_name(f->sev));
		sb_adds(sb, ", \"outcome\": ");
		add_word(sb, outcome_name(f->out));
		sb_adds(sb, ", \"message\": ");
		add_json_str(sb, f->message);
		add_detail(sb, &f->d, 1);
		sb_addf(sb, ", \"line\": %zu", f->line);
		add_waiver_known(sb, &f->d);
		add_json_source(r, sb, f->rule);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
	if (r->nkeep > 0) {
		sb_adds(sb, ", ");
		add_key(sb, "fields");
		sb_addc(sb, '{');
		for (i = 0; i < r->nkeep; i++) {
			if (i)
				sb_adds(sb, ", ");
			add_key(sb, r->keep[i]);
			add_json_str(sb, v->kept ? v->kept[i] : NULL);
		}
		sb_addc(sb, '}');
	}
	if (r->by_category) {
		sb_adds(sb, ", ");
		add_key(sb, "categories");
		sb_addc(sb, '{');
		for (i = 0; i < v->ncats; i++) {
			const category_score *c = &v->cats[i];

			if (i)
				sb_adds(sb, ", ");
			add_key(sb, c->category ? c->category : "");
			/* Rounded here as the other formats' "%.1f" is: the
			 * contract promises that only for the total. */
			if (c->has_score)
				sb_addnum(sb, round(c->score * 10) / 10);
			else
				sb_adds(sb, "null");
		}
		sb_addc(sb, '}');
	}
	sb_addc(sb, '}');
}

/* A count in decimal: printf costs more than the rest of a conflict's
 * line, and a pool's report has millions of them. */
static void
add_count(strbuf *sb, size_t n)
{
	char buf[24];
	size_t i = sizeof buf;

	do
		buf[--i] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	sb_add(sb, buf + i, sizeof buf - i);
}

/* The rule's part of a conflict, ", "rule": ..., "severity": ..." and
 * ", "title": ...", escaped once per rule and kept: a pool's report
 * repeats a few rules millions of times.  Returns the entry, or NULL past
 * RULE_CACHE_MAX rules (the caller then escapes them itself). */
static const rule_frag *
rule_fragments(json_state *st, const conflict *c)
{
	rule_frag *f;
	size_t i;

	for (i = 0; i < st->nrules; i++) {
		f = &st->rules[i];
		if (f->rule == c->rule && f->title == c->d.title &&
		    f->sev == c->sev)
			return f;
	}
	if (st->nrules == RULE_CACHE_MAX)
		return NULL;
	f = &st->rules[st->nrules++];
	f->rule = c->rule;
	f->title = c->d.title;
	f->sev = c->sev;
	f->head = st->frags.len;
	sb_adds(&st->frags, ", \"rule\": ");
	add_json_str(&st->frags, c->rule);
	sb_adds(&st->frags, ", \"severity\": ");
	add_word(&st->frags, severity_name(c->sev));
	f->nhead = st->frags.len - f->head;
	f->tail = st->frags.len;
	add_detail(&st->frags, &c->d, 0);
	f->ntail = st->frags.len - f->tail;
	return f;
}

/* Makes room for the fragments of partners numbered up to no (before
 * any is looked up: the array may move). */
static void
partners_room(json_state *st, size_t no)
{
	size_t n = st->npartners, k;

	if (no <= n)
		return;
	st->partners = xgrow(st->partners, &n, no, sizeof *st->partners);
	for (k = st->npartners; k < n; k++)
		st->partners[k].id = NULL;
	st->npartners = n;
}

/* Partner number no's fragments (id, the partner's id; line, its line),
 * made the first time it is in a conflict and kept; NULL when the
 * conflict does not number its partners (no is 0).  partners_room must
 * have made room for no. */
static const partner_frag *
partner_fragments(json_state *st, size_t no, const char *id, size_t line)
{
	partner_frag *p;

	if (!no || !id)
		return NULL;
	p = &st->partners[no - 1];
	if (p->id != id) {
		p->id = id;
		p->off = st->pfrags.len;
		add_json_str(&st->pfrags, id);
		p->nid = st->pfrags.len - p->off;
		add_count(&st->pfrags, line);
		p->nline = st->pfrags.len - p->off - p->nid;
	}
	return p;
}

/* Appends a partner's id, or with line its line number, from its
 * fragments when it has them. */
static void
add_partner_part(strbuf *sb, const json_state *st, const partner_frag *p,
		 const char *id, size_t line, int with_line)
{
	if (!p) {
		if (with_line)
			add_count(sb, line);
		else
			add_json_str(sb, id);
		return;
	}
	if (with_line)
		sb_add(sb, st->pfrags.buf + p->off + p->nid, p->nline);
	else
		sb_add(sb, st->pfrags.buf + p->off, p->nid);
}

static void
add_conflict(report *r, strbuf *sb, const conflict *c)
{
	json_state *st = r->state;
	const rule_frag *f = rule_fragments(st, c);
	const partner_frag *pa, *pb;

	partners_room(st, c->a_no > c->b_no ? c->a_no : c->b_no);
	pa = partner_fragments(st, c->a_no, c->a, c->a_line);
	pb = partner_fragments(st, c->b_no, c->b, c->b_line);

	/* open_obj(r, sb, "conflict") as one literal */
	sb_adds(sb, st->nd && r->mode != MODE_SCREEN ?
			"{\"kind\": \"conflict\", \"a\": " :
			"{\"a\": ");
	add_partner_part(sb, st, pa, c->a, c->a_line, 0);
	sb_adds(sb, ", \"b\": ");
	add_partner_part(sb, st, pb, c->b, c->b_line, 0);
	if (f) {
		sb_add(sb, st->frags.buf + f->head, f->nhead);
	} else {
		sb_adds(sb, ", \"rule\": ");
		add_json_str(sb, c->rule);
		sb_adds(sb, ", \"severity\": ");
		add_word(sb, severity_name(c->sev));
	}
	if (c->out == OUT_WAIVED)
		sb_adds(sb, ", \"outcome\": \"waived\"");
	sb_adds(sb, ", \"message\": ");
	add_json_str(sb, c->message);
	if (f)
		sb_add(sb, st->frags.buf + f->tail, f->ntail);
	else
		add_detail(sb, &c->d, 0);
	sb_adds(sb, ", \"a_line\": ");
	add_partner_part(sb, st, pa, c->a, c->a_line, 1);
	sb_adds(sb, ", \"b_line\": ");
	add_partner_part(sb, st, pb, c->b, c->b_line, 1);
	add_waiver_known(sb, &c->d);
	add_json_source(r, sb, c->rule);
	sb_addc(sb, '}');
}

static void
add_cfinding(report *r, strbuf *sb, const cfinding *f)
{
	size_t i;

	open_obj(r, sb, "consortium");
	add_key(sb, "rule");
	add_json_str(sb, f->rule);
	sb_adds(sb, ", ");
	add_key(sb, "severity");
	add_json_str(sb, severity_name(f->sev));
	if (f->out == OUT_WAIVED)
		sb_adds(sb, ", \"outcome\": \"waived\"");
	sb_adds(sb, ", ");
	add_key(sb, "message");
	add_json_str(sb, f->message);
	if (f->npartners > 0) {
		sb_adds(sb, ", ");
		add_key(sb, "partners");
		sb_addc(sb, '[');
		for (i = 0; i < f->npartners; i++) {
			if (i)
				sb_adds(sb, ", ");
			add_json_str(sb, f->partners[i]);
		}
		sb_addc(sb, ']');
	}
	add_detail(sb, &f->d, 0);
	add_waiver_known(sb, &f->d);
	add_json_source(r, sb, f->rule);
	sb_addc(sb, '}');
}

static void
add_str_list(strbuf *sb, const char *const *v, size_t n)
{
	size_t i;

	sb_addc(sb, '[');
	for (i = 0; i < n; i++) {
		if (i)
			sb_adds(sb, ", ");
		add_json_str(sb, v[i]);
	}
	sb_addc(sb, ']');
}

void
report_meta_json_open(strbuf *sb, const report_meta *m)
{
	sb_adds(sb, "\"meta\": {\"partnercheck\": ");
	add_json_str(sb, PARTNERCHECK_VERSION);
	sb_adds(sb, ", \"command\": ");
	add_json_str(sb, m->command);
	sb_adds(sb, ", \"rules\": {\"path\": ");
	add_json_str(sb, m->rules);
	sb_adds(sb, ", \"name\": ");
	add_json_str(sb, m->rules_name);
	sb_adds(sb, ", \"language\": 1, \"sha256\": ");
	add_json_str(sb, m->rules_sha256);
	sb_adds(sb, "}, \"input\": ");
	add_json_str(sb, m->input);
	sb_adds(sb, ", \"as_of\": ");
	add_json_str(sb, m->as_of);
	sb_adds(sb, ", \"options\": {\"set\": ");
	add_str_list(sb, m->sets, m->nsets);
	sb_adds(sb, ", \"waivers\": ");
	add_str_list(sb, m->waivers, m->nwaivers);
	sb_adds(sb, ", \"severity\": ");
	add_json_str(sb, m->severity);
	sb_adds(sb, ", \"max_conflicts\": ");
	if (m->max_conflicts)
		sb_addf(sb, "%zu", m->max_conflicts);
	else
		sb_adds(sb, "null");
	sb_adds(sb, ", \"missing_columns\": ");
	add_json_str(sb, m->missing_cols);
	sb_adds(sb, ", \"baseline\": ");
	add_json_str(sb, m->baseline);
}

/* The document's "meta" object and the separator after it: the tool, the
 * run and the options that change verdicts (see report_meta). */
static void
add_meta(strbuf *sb, const report_meta *m)
{
	report_meta_json_open(sb, m);
	sb_adds(sb, "}},\n");
}

/* JSON: closes the array of section from and opens that of section to;
 * the document's opening brace comes with the first.  The sections are
 * never skipped, so an empty one still prints "[]".  NDJSON has no
 * sections (its slot is NULL): its lines carry a "kind" instead. */
static void
json_section(report *r, report_section from, report_section to)
{
	json_state *st = r->state;

	if (from != SECTION_NONE)
		sb_adds(&st->line, r->nitems ? "\n],\n" : "],\n");
	if (from == SECTION_NONE) {
		sb_addc(&st->line, '{');
		if (r->meta)
			add_meta(&st->line, r->meta);
	}
	if (to != SECTION_END) {
		sb_addc(&st->line, '"');
		sb_adds(&st->line, section_key[to]);
		sb_adds(&st->line, "\": [\n");
	}
	if (from == SECTION_NONE)
		sb_write(&st->line, r->out);
}

/* Starts the next object: JSON separates it from the previous one. */
static void
begin_item(report *r)
{
	json_state *st = r->state;

	if (!st->nd && r->nitems)
		sb_adds(&st->line, ",\n");
}

/* Ends the object.  An NDJSON line for a reader who waits goes to the
 * stream at once (the report layer flushes it); otherwise lines gather
 * into one fwrite per batch. */
static void
end_item(report *r)
{
	json_state *st = r->state;

	if (st->nd)
		sb_addc(&st->line, '\n');
	if ((st->nd && r->live) || st->line.len >= EMIT_BATCH_BYTES)
		sb_write(&st->line, r->out);
}

static void
json_flush(report *r)
{
	json_state *st = r->state;

	sb_write(&st->line, r->out);
}

static void
begin_common(report *r, int nd)
{
	json_state *st = xcalloc(1, sizeof *st);

	st->nd = nd;
	sb_init(&st->line);
	sb_init(&st->frags);
	sb_init(&st->pfrags);
	r->state = st;
}

static void
json_begin(report *r)
{
	begin_common(r, 0);
}

static void
ndjson_begin(report *r)
{
	begin_common(r, 1);
}

static void
json_partner(report *r, const verdict *v)
{
	json_state *st = r->state;

	begin_item(r);
	add_partner(r, &st->line, v);
	end_item(r);
}

static void
json_conflict(report *r, const conflict *c)
{
	json_state *st = r->state;

	begin_item(r);
	add_conflict(r, &st->line, c);
	end_item(r);
}

static void
json_consortium(report *r, const cfinding *f)
{
	json_state *st = r->state;

	begin_item(r);
	add_cfinding(r, &st->line, f);
	end_item(r);
}

static void
json_end(report *r, const summary *s)
{
	json_state *st = r->state;

	if (!st->nd) {
		sb_adds(&st->line, "\"summary\": {");
		add_summary(&st->line, s, r->mode);
		sb_adds(&st->line, "}}\n");
		sb_write(&st->line, r->out);
	} else if (r->mode != MODE_SCREEN || r->nd_summary) {
		sb_adds(&st->line, "{\"kind\": \"summary\", ");
		add_summary(&st->line, s, r->mode);
		sb_addc(&st->line, '}');
		end_item(r);
	}
	json_flush(r);
}

static void
json_free(report *r)
{
	json_state *st = r->state;

	if (!st)
		return;
	sb_free(&st->line);
	sb_free(&st->frags);
	sb_free(&st->pfrags);
	free(st->partners);
	free(st);
	r->state = NULL;
}

const emitter emit_json = {
	.name = "json",
	.begin = json_begin,
	.section = json_section,
	.partner = json_partner,
	.conflict = json_conflict,
	.consortium = json_consortium,
	.end = json_end,
	.flush = json_flush,
	.free = json_free,
};

const emitter emit_ndjson = {
	.name = "ndjson",
	.begin = ndjson_begin,
	.partner = json_partner,
	.conflict = json_conflict,
	.consortium = json_consortium,
	.end = json_end,
	.flush = json_flush,
	.free = json_free,
};
