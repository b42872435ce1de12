#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "emit_html.h"
#include "emit_matrix.h"
#include "emit_util.h"
#include "graph.h"
#include "html_esc.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * The HTML report: one self-contained HTML5 file for people who never
 * open a terminal.  A board reads it top down, so nothing can be written
 * before the run ends: the emitter keeps a copy of every verdict and
 * finding and writes the whole document in end().  The order: a header
 * (rule set, input, as-of date, counts), then for check the verdict in
 * plain words, the compatibility matrix as a heat map, the conflict graph,
 * the lists of findings and one card per partner; for screen a summary
 * table of every partner and cards only for those that did not pass, so
 * that a pool stays small.  No script and nothing loaded from anywhere:
 * the Content-Security-Policy says so to the browser.
 */

/* The matrix is a table a reader can take in up to this many partners;
 * past it, the report is a pool's: the lists keep to fail-level findings,
 * at most HTML_POOL_ROWS of each, and cards to partners that did not
 * pass. */
#define HTML_MATRIX_MAX 30
#define HTML_POOL_ROWS 500

typedef struct h_finding {
	char *rule;
	severity sev;
	outcome out;
	char *message;
	char *rationale;
	/* what the card shows besides the message (finding_detail): the
	 * check's title, the deciding field's label (or name), the value and
	 * threshold in the field's type, and the waiver met */
	char *title, *field, *value, *threshold;
	char *wreason, *wexpires;
	int wexpired;
	int known; /* --baseline has it */
} h_finding;

typedef struct h_partner {
	char *id;
	char *name;
	status st;
	double score;
	int has_score;
	h_finding *f;
	size_t nf;
	size_t line;
	int anchor; /* the first partner with its id: its card is the
		     * target of links to the id */
} h_partner;

typedef struct h_conflict {
	char *a, *b, *rule, *message;
	severity sev;
	outcome out;
	size_t edge;   /* its edge in the graph, (size_t)-1 for none */
	size_t ia, ib; /* the two partners' nodes in the graph */
	int known;     /* --baseline has it */
} h_conflict;

typedef struct h_cons {
	char *rule, *message;
	severity sev;
	outcome out;
	char *partners; /* ", "-separated */
	int known;      /* --baseline has it */
} h_cons;

typedef struct html_state {
	h_partner *p;
	size_t np, capp;
	h_conflict *c;
	size_t nc, capc;
	h_cons *k;
	size_t nk, capk;
	int has_name;
	int linked; /* every partner has a card to link to (check) */
	int pool;   /* more partners than a matrix shows: lists shortened */
	graph *g;
	strbuf sb;
} html_state;

static char *
dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void
html_begin(report *r)
{
	html_state *st = xcalloc(1, sizeof *st);

	st->g = graph_new();
	/* info-level pairs are hidden unless asked for (--graph-info) */
	if (r->graph_info)
		st->g->min_sev = SEV_INFO;
	sb_init(&st->sb);
	r->state = st;
}

/* Copies what a card shows of d into f. */
static void
finding_keep_detail(h_finding *f, const finding_detail *d)
{
	f->title = dup(d->title);
	f->field = dup(d->label ? d->label : d->field);
	f->value = dup(d->value_shown);
	f->threshold = dup(d->threshold_shown);
	f->wreason = dup(d->waiver.reason);
	f->wexpires = dup(d->waiver.expires);
	f->wexpired = d->waiver.expired;
}

static void
html_partner(report *r, const verdict *v)
{
	html_state *st = r->state;
	h_partner *p;
	size_t i;

	st->p = xgrow(st->p, &st->capp, st->np + 1, sizeof *st->p);
	p = &st->p[st->np++];
	p->id = dup(v->id);
	p->name = dup(v->name);
	p->st = v->st;
	p->score = v->score;
	p->has_score = v->has_score;
	p->line = v->line;
	p->nf = v->nfindings;
	p->f = xcalloc(v->nfindings + 1, sizeof *p->f);
	for (i = 0; i < v->nfindings; i++) {
		p->f[i].rule = dup(v->findings[i].rule);
		p->f[i].sev = v->findings[i].sev;
		p->f[i].out = v->findings[i].out;
		p->f[i].message = dup(v->findings[i].message);
		p->f[i].rationale = dup(v->findings[i].rationale);
		finding_keep_detail(&p->f[i], &v->findings[i].d);
		p->f[i].known = v->findings[i].d.known;
	}
	if (v->name)
		st->has_name = 1;
	i = st->g->nnodes;
	graph_node_add(st->g, v->id, v->name, (int)v->st);
	p->anchor = st->g->nnodes > i;
}

static void
html_conflict(report *r, const conflict *c)
{
	html_state *st = r->state;
	h_conflict *h;

	st->c = xgrow(st->c, &st->capc, st->nc + 1, sizeof *st->c);
	h = &st->c[st->nc++];
	h->a = dup(c->a);
	h->b = dup(c->b);
	h->rule = dup(c->rule);
	h->message = dup(c->message);
	h->sev = c->sev;
	h->out = c->out;
	h->known = c->d.known;
	/* The two are in the matrix even when every finding between them is
	 * waived (its cell reads waived); nodes first, in the order an edge
	 * would add them. */
	h->ia = graph_node_add(st->g, c->a, NULL, GRAPH_NO_STATUS);
	h->ib = graph_node_add(st->g, c->b, NULL, GRAPH_NO_STATUS);
	/* A waived finding is listed, but it no longer keeps the two apart:
	 * no edge. */
	h->edge = c->out == OUT_WAIVED ?
		      (size_t)-1 :
		      graph_edge_add(st->g, c->a, c->b, c->sev, c->rule);
}

static void
html_consortium(report *r, const cfinding *f)
{
	html_state *st = r->state;
	h_cons *k;
	strbuf sb;
	size_t i;

	st->k = xgrow(st->k, &st->capk, st->nk + 1, sizeof *st->k);
	k = &st->k[st->nk++];
	k->rule = dup(f->rule);
	k->message = dup(f->message);
	k->sev = f->sev;
	k->out = f->out;
	k->known = f->d.known;
	sb_init(&sb);
	for (i = 0; i < f->npartners; i++) {
		if (i)
			sb_adds(&sb, ", ");
		sb_adds(&sb, f->partners[i]);
	}
	k->partners = sb_detach(&sb);
	sb_free(&sb); /* sb_detach leaves sb a fresh buffer */
}

/* ---- the words and marks every part of the page shares ---- */

/* The sign that goes with a status or severity word, so that colour is
 * never the only way to tell them apart. */
static const char *
status_sign(status s)
{
	static const char *const sign[] = { "\xe2\x9c\x93", "!", "\xe2\x9c\x97",
					    "?" };

	return sign[s];
}

static const char *
sev_sign(severity s)
{
	static const char *const sign[] = { "i", "!", "\xe2\x9c\x97" };

	return sign[s];
}

void
html_status_badge(strbuf *sb, status s)
{
	sb_addf(sb, "<span class=\"badge st-%s\">%s %s</span>", status_name(s),
		status_sign(s), status_name(s));
}

void
html_sev_badge(strbuf *sb, severity s)
{
	sb_addf(sb, "<span class=\"badge sev-%s\">%s %s</span>",
		severity_name(s), sev_sign(s), severity_name(s));
}

/* The length of f's message without the waiver note evaluation put at
 * its end (waivers_note: "; waived until DATE: REASON", "; waiver expired
 * on DATE (REASON)", "; waived: REASON"): the card says the waiver in a
 * line of its own.  A message that does not end with the note f's waiver
 * makes keeps its whole length, so nothing is ever lost. */
static size_t
message_len(const h_finding *f)
{
	size_t n = f->message ? strlen(f->message) : 0;
	strbuf note;

	if (!f->wreason || !n)
		return n;
	sb_init(&note);
	if (f->wexpired && f->wexpires)
		sb_addf(&note, "; waiver expired on %s (%s)", f->wexpires,
			f->wreason);
	else if (f->wexpires)
		sb_addf(&note, "; waived until %s: %s", f->wexpires,
			f->wreason);
	else
		sb_addf(&note, "; waived: %s", f->wreason);
	if (note.len <= n && !strcmp(f->message + n - note.len, note.buf))
		n -= note.len;
	sb_free(&note);
	return n;
}

/* The one place a finding's words are put together for the page, as
 * cells of a card's row: the check's title (its id after it, the rule id
 * alone when it has no title) with its rationale; the severity; the
 * deciding field's value under its label and the threshold, in the
 * field's own type (a dash when the check has no one field); the message
 * as evaluation worded it, then the waiver it met with its reason and
 * expiry.  A pool's report (pool) stays small: the title links to "Why
 * the checks matter", which says the rationale and the id once, and the
 * label is left to the message, which starts with it. */
static void
finding_words(strbuf *sb, const h_finding *f, int pool)
{
	int link = f->rationale && pool;

	sb_adds(sb, "<td>");
	if (link) {
		sb_adds(sb, "<a href=\"#");
		html_add_id(sb, "r-", f->rule);
		sb_adds(sb, "\">");
		html_add(sb, f->title ? f->title : f->rule);
		sb_adds(sb, "</a>");
	} else if (f->title) {
		sb_adds(sb, "<strong>");
		html_add(sb, f->title);
		sb_adds(sb, "</strong>");
	} else {
		html_add(sb, f->rule);
	}
	if (f->title && !link) {
		sb_adds(sb, " <span class=\"rule\">(");
		html_add(sb, f->rule);
		sb_adds(sb, ")</span>");
	}
	if (f->rationale && !pool) {
		sb_adds(sb, " <span class=\"why\">Why: ");
		html_add(sb, f->rationale);
		sb_adds(sb, "</span>");
	}
	sb_adds(sb, "</td><td>");
	html_sev_badge(sb, f->sev);
	if (f->out != OUT_FAIL)
		sb_addf(sb, " <span class=\"out\">(%s)</span>",
			outcome_name(f->out));
	if (f->known)
		sb_adds(sb, " <span class=\"out\">(known)</span>");
	sb_adds(sb, "</td><td>");
	if (f->value) {
		if (f->field && !pool) {
			sb_adds(sb, "<span class=\"field\">");
			html_add(sb, f->field);
			sb_adds(sb, "</span> ");
		}
		html_add(sb, *f->value ? f->value : "(empty)");
	} else {
		sb_adds(sb, "\xe2\x80\x94");
	}
	sb_adds(sb, "</td><td>");
	html_add(sb, f->threshold ? f->threshold : "\xe2\x80\x94");
	sb_adds(sb, "</td><td>");
	html_add_n(sb, f->message ? f->message : "", message_len(f));
	if (f->wreason) {
		sb_adds(sb, " <span class=\"waiver\">");
		if (f->wexpired)
			sb_addf(sb, "Waiver expired on %s, so this counts: ",
				f->wexpires ? f->wexpires : "");
		else if (f->wexpires)
			sb_addf(sb, "Waived until %s: ", f->wexpires);
		else
			sb_adds(sb, "Waived, with no expiry: ");
		html_add(sb, f->wreason);
		sb_adds(sb, "</span>");
	}
	sb_adds(sb, "</td>");
}

void
html_head(strbuf *sb, const char *title)
{
	html_head_script(sb, title, NULL);
}

void
html_script(strbuf *sb, const char *script)
{
	sb_adds(sb, "<script>");
	sb_adds(sb, script);
	sb_adds(sb, "</script>\n");
}

void
html_head_script(strbuf *sb, const char *title, const char *script)
{
	sb_adds(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\"/>\n"
		    "<meta http-equiv=\"Content-Security-Policy\" "
		    "content=\"" HTML_CSP);
	if (script) {
		sb_adds(sb, "; script-src ");
		html_add_script_hash(sb, script);
	}
	sb_adds(
	    sb,
	    "\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n"
	    "<meta name=\"generator\" content=\"partnercheck " PARTNERCHECK_VERSION
	    "\"/>\n<title>");
	html_add(sb, title);
	sb_adds(sb, "</title>\n<style>\n");
	sb_adds(sb, html_style);
	sb_adds(sb, "</style>\n</head>\n<body>\n");
}

void
html_origin(strbuf *sb, const report *r)
{
	char date[16];

	sb_adds(sb, "<dl class=\"meta\">\n");
	if (r->origin_rules) {
		sb_adds(sb, "<dt>Rule set</dt><dd>");
		html_add(sb, r->origin_rules);
		sb_adds(sb, "</dd>\n");
	}
	if (r->origin_input) {
		sb_adds(sb, "<dt>Input</dt><dd>");
		html_add(sb, r->origin_input);
		sb_adds(sb, "</dd>\n");
	}
	date_format_iso(r->origin_today, date);
	sb_addf(sb,
		"<dt>As of</dt><dd>%s</dd>\n<dt>Made by</dt>"
		"<dd>partnercheck " PARTNERCHECK_VERSION "</dd>\n</dl>\n",
		date);
}

void
html_foot(strbuf *sb)
{
	sb_adds(sb, "</body>\n</html>\n");
}

/* ---- the parts of the report ---- */

/* Counts by status, then the summary line as the other formats word it. */
static void
counts(strbuf *sb, const report *r, const summary *s)
{
	static const status order[] = { ST_FAIL, ST_ERROR, ST_WARN, ST_PASS };
	strbuf line;
	size_t i;

	if (r->mode != MODE_CONFLICTS) {
		sb_adds(sb, "<ul class=\"counts\">");
		for (i = 0; i < 4; i++) {
			sb_adds(sb, "<li>");
			html_status_badge(sb, order[i]);
			sb_addf(sb, " <strong>%zu</strong></li>",
				s->by_status[order[i]]);
		}
		sb_adds(sb, "</ul>\n");
	}
	sb_init(&line);
	if (r->mode != MODE_CONFLICTS) {
		add_summary_line(&line, s);
		sb_adds(sb, "<p class=\"summary\">");
		html_add(sb, line.buf);
		sb_adds(sb, "</p>\n");
	}
	if (r->mode != MODE_SCREEN) {
		sb_reset(&line);
		add_pairs_line(&line, s, r->mode == MODE_CHECK);
		sb_adds(sb, "<p class=\"summary\">");
		html_add(sb, line.buf);
		sb_adds(sb, "</p>\n");
	}
	sb_free(&line);
}

static void
partner_ref(strbuf *sb, const char *id, int linked)
{
	if (linked) {
		sb_adds(sb, "<a href=\"#");
		html_add_id(sb, "p-", id);
		sb_adds(sb, "\">");
	}
	html_add(sb, id);
	if (linked)
		sb_adds(sb, "</a>");
}

/* The consortium verdict first, in plain words: every fail-level finding
 * of the consortium, its pairs and its partners. */
static void
verdict_item(strbuf *sb, size_t *n)
{
	(*n)++;
	sb_adds(sb, "<li>");
}

static void
verdict_part(strbuf *sb, const html_state *st, const summary *s)
{
	size_t n = 0, before;
	size_t i, j,
	    nfail = s->consortium[SEV_FAIL] + s->conflicts[SEV_FAIL] +
		    s->by_status[ST_FAIL] + s->by_status[ST_ERROR];

	sb_adds(sb, "<section aria-labelledby=\"verdict\">\n"
		    "<h2 id=\"verdict\">Consortium verdict</h2>\n");
	if (!nfail) {
		sb_adds(sb, "<p class=\"verdict ok\">\xe2\x9c\x93 Nothing "
			    "fails: no partner, pair or consortium rule "
			    "failed.</p>\n</section>\n");
		return;
	}
	sb_adds(sb, "<p class=\"verdict bad\">\xe2\x9c\x97 This consortium "
		    "does not pass as it stands:</p>\n<ul class=\"fails\">\n");
	for (i = 0; i < st->nk; i++) {
		if (st->k[i].sev != SEV_FAIL || st->k[i].out == OUT_WAIVED)
			continue;
		verdict_item(sb, &n);
		sb_adds(sb, "The consortium: ");
		html_add(sb, st->k[i].message);
		sb_adds(sb, "</li>\n");
	}
	for (i = 0; i < st->nc; i++) {
		if (st->c[i].sev != SEV_FAIL || st->c[i].out == OUT_WAIVED)
			continue;
		if (n >= HTML_POOL_ROWS) {
			n++;
			continue;
		}
		verdict_item(sb, &n);
		partner_ref(sb, st->c[i].a, st->linked);
		sb_adds(sb, " and ");
		partner_ref(sb, st->c[i].b, st->linked);
		sb_adds(sb, ": ");
		html_add(sb, st->c[i].message);
		sb_adds(sb, "</li>\n");
	}
	for (i = 0; i < st->np; i++) {
		const h_partner *p = &st->p[i];

		if (p->st != ST_FAIL && p->st != ST_ERROR)
			continue;
		for (j = 0; j < p->nf; j++) {
			if (p->f[j].sev != SEV_FAIL ||
			    p->f[j].out == OUT_WAIVED)
				continue;
			sb_adds(sb, "<li>");
			partner_ref(sb, p->id, 1);
			sb_adds(sb, ": ");
			html_add(sb, p->f[j].message);
			sb_adds(sb, "</li>\n");
		}
	}
	sb_adds(sb, "</ul>\n");
	before = n > HTML_POOL_ROWS ? n - HTML_POOL_ROWS : 0;
	if (before)
		sb_addf(sb,
			"<p>And %zu more fail-level findings, in the lists "
			"below.</p>\n",
			before);
	sb_adds(sb, "</section>\n");
}

/* Appends the footnote anchor of edge e ("m-3"), numbered by edge. */
static void
note_id(strbuf *sb, size_t e)
{
	sb_addf(sb, "m-%zu", e + 1);
}

/* The heat map: partners by partners, the worst severity in each cell as
 * a sign and a word as well as a colour, the findings on hover (title)
 * and in the numbered notes under the table. */
/* Appends the severity badge of c, with "waived" and "known" (the
 * --baseline has it) after it if so. */
static void
conflict_badge(strbuf *sb, const h_conflict *c)
{
	html_sev_badge(sb, c->sev);
	if (c->out == OUT_WAIVED)
		sb_adds(sb, " waived");
	if (c->known)
		sb_adds(sb, " known");
}

static void
matrix_part(strbuf *sb, const html_state *st)
{
	const graph *g = st->g;
	size_t n = g->nnodes, i, j, *cell, *note, nnotes;
	size_t *pa, *pb; /* the two nodes of each note */
	strbuf tip;

	sb_adds(sb, "<section aria-labelledby=\"matrix\">\n"
		    "<h2 id=\"matrix\">Compatibility matrix</h2>\n");
	if (n > HTML_MATRIX_MAX || n < 2) {
		sb_addf(sb,
			"<p>The matrix is drawn for 2 to %d partners; this "
			"report has %zu. Every pair with a finding is in the "
			"list of conflicts.</p>\n</section>\n",
			HTML_MATRIX_MAX, n);
		return;
	}
	/* A cell's note: an edge's is its number, so the notes follow the
	 * graph; pairs whose findings are all waived have no edge and come
	 * after, in the order found. */
	cell = xcalloc(n * n, sizeof *cell);
	note = xcalloc(st->nc + 1, sizeof *note);
	pa = xcalloc(g->nedges + st->nc + 1, sizeof *pa);
	pb = xcalloc(g->nedges + st->nc + 1, sizeof *pb);
	for (i = 0; i < g->nedges; i++) {
		cell[g->edges[i].a * n + g->edges[i].b] = i + 1;
		cell[g->edges[i].b * n + g->edges[i].a] = i + 1;
		pa[i] = g->edges[i].a;
		pb[i] = g->edges[i].b;
	}
	nnotes = g->nedges;
	for (i = 0; i < st->nc; i++) {
		const h_conflict *c = &st->c[i];

		if (c->ia == c->ib)
			continue;
		if (!cell[c->ia * n + c->ib]) {
			pa[nnotes] = c->ia < c->ib ? c->ia : c->ib;
			pb[nnotes] = c->ia < c->ib ? c->ib : c->ia;
			nnotes++;
			cell[c->ia * n + c->ib] = nnotes;
			cell[c->ib * n + c->ia] = nnotes;
		}
		note[i] = cell[c->ia * n + c->ib];
	}
	sb_init(&tip);
	sb_addf(sb,
		"<div class=\"scroll\"><table class=\"matrix\">\n"
		"<caption>Worst finding between each two partners "
		"(\xe2\x9c\x97 fail, ! warn, i info, %s\xe2\x80\x94 none); "
		"numbers point to the notes below</caption>\n"
		"<thead><tr><td></td>",
		nnotes > g->nedges ? "waived: only findings a waiver covers, " :
				     "");
	for (j = 0; j < n; j++) {
		sb_adds(sb, "<th scope=\"col\">");
		html_add(sb, g->nodes[j].id);
		sb_adds(sb, "</th>");
	}
	sb_adds(sb, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		sb_adds(sb, "<tr><th scope=\"row\">");
		html_add(sb, g->nodes[i].id);
		sb_adds(sb, "</th>");
		for (j = 0; j < n; j++) {
			size_t e = cell[i * n + j];
			const graph_edge *ed;
			size_t k;

			if (i == j) {
				sb_adds(sb, "<td class=\"self\">"
					    "<span class=\"sr\">same "
					    "partner</span></td>");
				continue;
			}
			if (!e) {
				sb_adds(sb, "<td class=\"sev-none\">"
					    "\xe2\x80\x94<span class=\"sr\"> "
					    "none</span></td>");
				continue;
			}
			sb_reset(&tip);
			for (k = 0; k < st->nc; k++) {
				if (note[k] != e)
					continue;
				if (tip.len)
					sb_adds(&tip, "; ");
				sb_addf(&tip, "%s%s %s: ",
					severity_name(st->c[k].sev),
					st->c[k].out == OUT_WAIVED ?
					    ", waived" :
					    "",
					st->c[k].rule ? st->c[k].rule : "");
				sb_adds(&tip, st->c[k].message ?
						  st->c[k].message :
						  "");
			}
			if (e > g->nedges) {
				/* every finding here is waived: the two may
				 * go together, as no edge says */
				sb_adds(
				    sb,
				    "<td class=\"sev-none waived\" title=\"");
				html_add(sb, tip.buf);
				sb_adds(sb, "\">waived <a href=\"#");
				note_id(sb, e - 1);
				sb_addf(sb, "\">%zu</a></td>", e);
				continue;
			}
			ed = &g->edges[e - 1];
			sb_addf(sb, "<td class=\"sev-%s\" title=\"",
				severity_name(ed->sev));
			html_add(sb, tip.buf);
			sb_addf(sb,
				"\">%s<span class=\"sr\"> %s</span> "
				"<a href=\"#",
				sev_sign(ed->sev), severity_name(ed->sev));
			note_id(sb, e - 1);
			sb_addf(sb, "\">%zu</a></td>", e);
		}
		sb_adds(sb, "</tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table></div>\n");
	if (nnotes) {
		sb_adds(sb, "<ol class=\"notes\">\n");
		for (i = 0; i < nnotes; i++) {
			sb_adds(sb, "<li id=\"");
			note_id(sb, i);
			sb_adds(sb, "\">");
			partner_ref(sb, g->nodes[pa[i]].id, st->linked);
			sb_adds(sb, " and ");
			partner_ref(sb, g->nodes[pb[i]].id, st->linked);
			sb_adds(sb, ":<ul>");
			for (j = 0; j < st->nc; j++) {
				if (note[j] != i + 1)
					continue;
				sb_adds(sb, "<li>");
				conflict_badge(sb, &st->c[j]);
				sb_adds(sb, " ");
				html_add(sb, st->c[j].message);
				sb_adds(sb, " <span class=\"rule\">(");
				html_add(sb, st->c[j].rule);
				sb_adds(sb, ")</span></li>");
			}
			sb_adds(sb, "</ul></li>\n");
		}
		sb_adds(sb, "</ol>\n");
	}
	sb_free(&tip);
	free(cell);
	free(note);
	free(pa);
	free(pb);
	sb_adds(sb, "</section>\n");
}

static void
graph_part(strbuf *sb, const html_state *st)
{
	graph_view v;

	graph_view_make(&v, st->g);
	sb_adds(sb, "<section aria-labelledby=\"graph\">\n"
		    "<h2 id=\"graph\">Conflict graph</h2>\n<figure>\n");
	graph_write_svg(sb, st->g, "cg");
	sb_adds(sb, "\n<figcaption>Partners are shapes by status "
		    "(\xe2\x9c\x93 circle pass, ! diamond warn, \xe2\x9c\x97 "
		    "square fail, ? octagon error); a solid red line is a "
		    "fail-level pair, a dashed amber line a warn-level "
		    "one");
	sb_adds(sb, st->g->min_sev == SEV_INFO ?
			", a dotted grey line an info-level one." :
			". Pairs with only info findings are not drawn "
			"(<code>--graph-info</code> draws them).");
	if (v.fail_only) {
		sb_addc(sb, ' ');
		graph_view_note(sb, &v, st->g);
	}
	sb_adds(sb, "</figcaption>\n</figure>\n</section>\n");
	graph_view_free(&v);
}

static void
conflicts_part(strbuf *sb, const html_state *st, int linked)
{
	size_t i, shown = 0;

	sb_adds(sb, "<section aria-labelledby=\"conflicts\">\n"
		    "<h2 id=\"conflicts\">Conflicts between partners</h2>\n");
	if (!st->nc) {
		sb_adds(sb, "<p>None.</p>\n</section>\n");
		return;
	}
	sb_adds(sb, "<table class=\"list\">\n<caption>Pairwise findings, "
		    "worst first within the order found</caption>\n"
		    "<thead><tr><th scope=\"col\">Partner</th><th "
		    "scope=\"col\">Partner</th><th scope=\"col\">Severity</th>"
		    "<th scope=\"col\">Rule</th><th "
		    "scope=\"col\">Finding</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < st->nc; i++) {
		const h_conflict *c = &st->c[i];

		if (st->pool && (c->sev != SEV_FAIL || shown >= HTML_POOL_ROWS))
			continue;
		shown++;
		sb_adds(sb, "<tr><td>");
		partner_ref(sb, c->a, linked);
		sb_adds(sb, "</td><td>");
		partner_ref(sb, c->b, linked);
		sb_adds(sb, "</td><td>");
		conflict_badge(sb, c);
		sb_adds(sb, "</td><td>");
		html_add(sb, c->rule);
		sb_adds(sb, "</td><td>");
		html_add(sb, c->message);
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n");
	if (shown < st->nc)
		sb_addf(sb,
			"<p>%zu of %zu pairwise findings are listed: with "
			"this many partners, only fail-level ones (up to %d). "
			"<code>-f csv</code> lists them all.</p>\n",
			shown, st->nc, HTML_POOL_ROWS);
	sb_adds(sb, "</section>\n");
}

static void
consortium_part(strbuf *sb, const html_state *st)
{
	size_t i;

	sb_adds(sb, "<section aria-labelledby=\"consortium\">\n"
		    "<h2 id=\"consortium\">Consortium findings</h2>\n");
	if (!st->nk) {
		sb_adds(sb, "<p>None.</p>\n</section>\n");
		return;
	}
	sb_adds(sb, "<table class=\"list\">\n<caption>Findings about the "
		    "consortium as a whole</caption>\n<thead><tr><th "
		    "scope=\"col\">Severity</th><th scope=\"col\">Rule</th>"
		    "<th scope=\"col\">Finding</th><th "
		    "scope=\"col\">Partners</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < st->nk; i++) {
		sb_adds(sb, "<tr><td>");
		html_sev_badge(sb, st->k[i].sev);
		if (st->k[i].out == OUT_WAIVED)
			sb_adds(sb, " waived");
		if (st->k[i].known)
			sb_adds(sb, " known");
		sb_adds(sb, "</td><td>");
		html_add(sb, st->k[i].rule);
		sb_adds(sb, "</td><td>");
		html_add(sb, st->k[i].message);
		sb_adds(sb, "</td><td>");
		html_add(sb, st->k[i].partners);
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n</section>\n");
}

static void
score_words(strbuf *sb, const h_partner *p)
{
	if (p->has_score)
		add_score1(sb, p->score);
	else
		sb_adds(sb, "\xe2\x80\x94");
}

/* One partner's card: status, score and a table of its findings, each
 * with its rationale unless the report is a pool's (the glossary has
 * it). */
static void
card(strbuf *sb, const h_partner *p, int pool)
{
	size_t i;

	sb_adds(sb, "<article class=\"card\"");
	if (p->anchor) {
		sb_adds(sb, " id=\"");
		html_add_id(sb, "p-", p->id);
		sb_addc(sb, '"');
	}
	sb_adds(sb, ">\n<h3>");
	html_add(sb, p->id);
	if (p->name) {
		sb_adds(sb, " \xe2\x80\x94 ");
		html_add(sb, p->name);
	}
	sb_adds(sb, "</h3>\n<p>");
	html_status_badge(sb, p->st);
	sb_adds(sb, " \xc2\xb7 score ");
	score_words(sb, p);
	sb_addf(sb, " \xc2\xb7 line %zu of the input</p>\n", p->line);
	if (!p->nf) {
		sb_adds(sb, "<p>No findings.</p>\n</article>\n");
		return;
	}
	sb_adds(sb, "<table class=\"list\">\n<caption>Findings for ");
	html_add(sb, p->id);
	sb_adds(sb, "</caption>\n<thead><tr><th scope=\"col\">Check</th><th "
		    "scope=\"col\">Severity</th><th scope=\"col\">Value</th>"
		    "<th scope=\"col\">Threshold</th><th "
		    "scope=\"col\">Finding</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < p->nf; i++) {
		sb_adds(sb, "<tr>");
		finding_words(sb, &p->f[i], pool);
		sb_adds(sb, "</tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n</article>\n");
}

/* A pool's report: each check that has a finding, once, with its
 * rationale, in the order first met: the target of the links in the
 * cards, which would otherwise repeat it in every one. */
static void
glossary_part(strbuf *sb, const html_state *st)
{
	const h_finding **seen = NULL;
	size_t nseen = 0, cap = 0, i, j, k;

	for (i = 0; i < st->np; i++)
		for (j = 0; j < st->p[i].nf; j++) {
			const h_finding *f = &st->p[i].f[j];

			if (!f->rationale || !f->rule)
				continue;
			for (k = 0; k < nseen; k++)
				if (!strcmp(seen[k]->rule, f->rule))
					break;
			if (k < nseen)
				continue;
			seen = xgrow(seen, &cap, nseen + 1, sizeof *seen);
			seen[nseen++] = f;
		}
	if (nseen) {
		sb_adds(sb, "<section aria-labelledby=\"why\">\n<h2 "
			    "id=\"why\">Why the checks matter</h2>\n"
			    "<dl class=\"why\">\n");
		for (k = 0; k < nseen; k++) {
			sb_adds(sb, "<dt id=\"");
			html_add_id(sb, "r-", seen[k]->rule);
			sb_adds(sb, "\">");
			if (seen[k]->title) {
				html_add(sb, seen[k]->title);
				sb_adds(sb, " <span class=\"rule\">(");
				html_add(sb, seen[k]->rule);
				sb_adds(sb, ")</span>");
			} else {
				html_add(sb, seen[k]->rule);
			}
			sb_adds(sb, "</dt><dd>");
			html_add(sb, seen[k]->rationale);
			sb_adds(sb, "</dd>\n");
		}
		sb_adds(sb, "</dl>\n</section>\n");
	}
	free(seen);
}

/* Screen's table of every partner: one short row each, with a link to
 * the card of those that did not pass. */
static void
summary_table(strbuf *sb, const html_state *st)
{
	size_t i;

	sb_adds(sb, "<section aria-labelledby=\"all\">\n"
		    "<h2 id=\"all\">All partners</h2>\n");
	if (!st->np) {
		sb_adds(sb, "<p>None.</p>\n</section>\n");
		return;
	}
	sb_adds(
	    sb,
	    "<table class=\"list\" id=\"all-table\">\n<caption>Every partner in input "
	    "order; the ids of those that did not pass link to their "
	    "findings</caption>\n<thead><tr><th scope=\"col\">ID</th>");
	if (st->has_name)
		sb_adds(sb, "<th scope=\"col\">Name</th>");
	sb_adds(sb, "<th scope=\"col\">Status</th><th scope=\"col\" "
		    "class=\"num\">Score</th><th scope=\"col\" "
		    "class=\"num\">Findings</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < st->np; i++) {
		const h_partner *p = &st->p[i];

		sb_adds(sb, "<tr><td>");
		partner_ref(sb, p->id, p->st != ST_PASS);
		sb_adds(sb, "</td>");
		if (st->has_name) {
			sb_adds(sb, "<td>");
			html_add(sb, p->name);
			sb_adds(sb, "</td>");
		}
		sb_adds(sb, "<td>");
		html_status_badge(sb, p->st);
		sb_adds(sb, "</td><td class=\"num\">");
		score_words(sb, p);
		sb_addf(sb, "</td><td class=\"num\">%zu</td></tr>\n", p->nf);
	}
	sb_adds(sb, "</tbody>\n</table>\n</section>\n");
}

static void
cards_part(strbuf *sb, const report *r, const html_state *st, int all)
{
	size_t i, n = 0;

	sb_addf(sb,
		"<section aria-labelledby=\"cards\">\n"
		"<h2 id=\"cards\">%s</h2>\n",
		all ? "Partners" : "Partners that did not pass");
	for (i = 0; i < st->np; i++) {
		if (!all && st->p[i].st == ST_PASS)
			continue;
		card(sb, &st->p[i], st->pool);
		n++;
		/* A pool's report goes out in pieces, not as one buffer. */
		if (sb->len >= EMIT_BATCH_BYTES)
			sb_write(sb, r->out);
	}
	if (!n)
		sb_adds(sb, "<p>None.</p>\n");
	sb_adds(sb, "</section>\n");
}

static void
html_end(report *r, const summary *s)
{
	static const char *const heading[] = {
		[MODE_SCREEN] = "Partner screening",
		[MODE_CHECK] = "Consortium check",
		[MODE_CONFLICTS] = "Conflicts between partners",
	};
	html_state *st = r->state;
	strbuf *sb = &st->sb;
	strbuf title;
	int pool, sorted;

	sb_init(&title);
	sb_adds(&title, heading[r->mode]);
	if (r->origin_input) {
		sb_adds(&title, ": ");
		sb_adds(&title, r->origin_input);
	}
	/* screen's table of every partner sorts and filters by script */
	sorted = r->mode == MODE_SCREEN && st->np;
	html_head_script(sb, title.buf, sorted ? html_sort_script : NULL);
	sb_free(&title);
	sb_adds(sb, "<header>\n<h1>");
	sb_adds(sb, heading[r->mode]);
	sb_adds(sb, "</h1>\n");
	html_origin(sb, r);
	counts(sb, r, s);
	sb_adds(sb, "</header>\n<main>\n");
	/* A pool checked as one consortium: cards and the list of
	 * conflicts keep to what did not pass, as screen's do. */
	pool = st->g->nnodes > HTML_MATRIX_MAX;
	st->linked = r->mode == MODE_CHECK && !pool;
	st->pool = pool;
	switch (r->mode) {
	case MODE_CHECK:
		verdict_part(sb, st, s);
		matrix_part(sb, st);
		graph_part(sb, st);
		consortium_part(sb, st);
		conflicts_part(sb, st, st->linked);
		cards_part(sb, r, st, !pool);
		if (pool)
			glossary_part(sb, st);
		break;
	case MODE_CONFLICTS:
		graph_part(sb, st);
		matrix_part(sb, st);
		conflicts_part(sb, st, 0);
		break;
	case MODE_SCREEN:
		summary_table(sb, st);
		cards_part(sb, r, st, 0);
		if (pool)
			glossary_part(sb, st);
		break;
	}
	sb_adds(sb, "</main>\n");
	if (sorted)
		html_script(sb, html_sort_script);
	html_foot(sb);
	sb_write(sb, r->out);
}

static void
html_free(report *r)
{
	html_state *st = r->state;
	size_t i, j;

	for (i = 0; i < st->np; i++) {
		for (j = 0; j < st->p[i].nf; j++) {
			free(st->p[i].f[j].rule);
			free(st->p[i].f[j].message);
			free(st->p[i].f[j].rationale);
			free(st->p[i].f[j].title);
			free(st->p[i].f[j].field);
			free(st->p[i].f[j].value);
			free(st->p[i].f[j].threshold);
			free(st->p[i].f[j].wreason);
			free(st->p[i].f[j].wexpires);
		}
		free(st->p[i].f);
		free(st->p[i].id);
		free(st->p[i].name);
	}
	for (i = 0; i < st->nc; i++) {
		free(st->c[i].a);
		free(st->c[i].b);
		free(st->c[i].rule);
		free(st->c[i].message);
	}
	for (i = 0; i < st->nk; i++) {
		free(st->k[i].rule);
		free(st->k[i].message);
		free(st->k[i].partners);
	}
	free(st->p);
	free(st->c);
	free(st->k);
	graph_free(st->g);
	sb_free(&st->sb);
	free(st);
	r->state = NULL;
}

const emitter emit_html = {
	.name = "html",
	.begin = html_begin,
	.partner = html_partner,
	.conflict = html_conflict,
	.consortium = html_consortium,
	.end = html_end,
	.free = html_free,
	.matrix = matrix_html,
	/* a trustee reads the labels a bid document uses, not field names */
	.labels = 1,
};
