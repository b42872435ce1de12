#include <string.h>

#include "emit_html.h"
#include "graph.h"
#include "html_esc.h"
#include "lineup_report.h"
#include "strbuf.h"

/*
 * The line-up as the HTML page and the DOT graph (the formats of
 * emit_html.c and graph_dot.c, for `partnercheck lineup`): who is in and
 * what the line-up is worth first, then the picture of the conflicts that
 * kept others out, the alternatives, and why every other candidate is out.
 */

/* Appends tenths as "328.6", "-4.5". */
static void
tenths(strbuf *sb, long v)
{
	long a = v < 0 ? -v : v;

	sb_addf(sb, "%s%ld.%ld", v < 0 ? "-" : "", a / 10, a % 10);
}

static void
cand_score(strbuf *sb, const lr_cand *c)
{
	if (c->has_score)
		tenths(sb, c->score);
	else
		sb_adds(sb, "\xe2\x80\x94");
}

/* The graph of the best line-up: its members with the findings between
 * them, and each candidate out for a fail-level conflict joined to the
 * member it conflicts with.  The caller frees it. */
static graph *
lineup_graph(const lr_doc *d)
{
	graph *g = graph_new();
	const lr_lineup *l = d->nlineups ? &d->lineups[0] : NULL;
	size_t i;

	/* info-level pairs are hidden unless asked for (--graph-info) */
	if (d->graph_info)
		g->min_sev = SEV_INFO;
	if (!l)
		return g;
	for (i = 0; i < l->k; i++) {
		const lr_cand *c = &d->cands[l->members[i]];

		graph_node_add(g, c->id, c->name, (int)c->st);
	}
	for (i = 0; i < l->nf; i++)
		if (l->f[i].a)
			graph_edge_add(g, l->f[i].a, l->f[i].b, l->f[i].sev,
				       l->f[i].rule);
	for (i = 0; i < d->ncands; i++) {
		const lr_cand *c = &d->cands[i];
		size_t k;

		if (c->why != LR_CONFLICT || !c->member)
			continue;
		k = graph_node_add(g, c->id, c->name, (int)c->st);
		g->nodes[k].out = 1;
		graph_edge_add(g, c->id, c->member, SEV_FAIL, c->rule);
	}
	return g;
}

static void
member_table(strbuf *sb, const lr_doc *d, const lr_lineup *l, size_t n)
{
	size_t q;

	sb_addf(sb, "<table class=\"list\">\n<caption>Line-up %zu: value ", n);
	tenths(sb, l->value);
	sb_addf(sb,
		", %zu member%s</caption>\n<thead><tr><th "
		"scope=\"col\">Partner</th><th scope=\"col\">Name</th><th "
		"scope=\"col\">Status</th><th scope=\"col\" "
		"class=\"num\">Score</th></tr></thead>\n<tbody>\n",
		l->k, l->k == 1 ? "" : "s");
	for (q = 0; q < l->k; q++) {
		const lr_cand *c = &d->cands[l->members[q]];

		sb_adds(sb, "<tr><td>");
		html_add(sb, c->id);
		sb_adds(sb, "</td><td>");
		html_add(sb, c->name);
		sb_adds(sb, "</td><td>");
		html_status_badge(sb, c->st);
		sb_adds(sb, "</td><td class=\"num\">");
		cand_score(sb, c);
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n");
}

static void
findings_table(strbuf *sb, const lr_lineup *l)
{
	size_t q;

	if (!l->nf) {
		sb_adds(sb, "<p>No findings between its members.</p>\n");
		return;
	}
	sb_adds(sb, "<table class=\"list\">\n<caption>What is left to "
		    "manage in this line-up</caption>\n<thead><tr><th "
		    "scope=\"col\">Severity</th><th scope=\"col\">Rule</th>"
		    "<th scope=\"col\">Partners</th><th "
		    "scope=\"col\">Finding</th></tr></thead>\n<tbody>\n");
	for (q = 0; q < l->nf; q++) {
		const lr_finding *f = &l->f[q];

		sb_adds(sb, "<tr><td>");
		html_sev_badge(sb, f->sev);
		sb_adds(sb, "</td><td>");
		html_add(sb, f->rule);
		sb_adds(sb, "</td><td>");
		if (f->a) {
			html_add(sb, f->a);
			sb_adds(sb, " and ");
			html_add(sb, f->b);
		} else {
			sb_adds(sb, "the line-up");
		}
		sb_adds(sb, "</td><td>");
		html_add(sb, f->message);
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n");
}

static void
alternatives(strbuf *sb, const lr_doc *d)
{
	size_t i, q;

	sb_adds(sb, "<section aria-labelledby=\"alternatives\">\n<h2 "
		    "id=\"alternatives\">Alternatives</h2>\n");
	if (d->nlineups < 2) {
		sb_adds(sb, "<p>None asked for (use <code>--top N</code> to "
			    "see the next best line-ups).</p>\n</section>\n");
		return;
	}
	sb_adds(sb, "<table class=\"list\">\n<caption>The next best "
		    "line-ups</caption>\n<thead><tr><th "
		    "scope=\"col\">Line-up</th><th scope=\"col\" "
		    "class=\"num\">Value</th><th "
		    "scope=\"col\">Members</th></tr></thead>\n<tbody>\n");
	for (i = 1; i < d->nlineups; i++) {
		const lr_lineup *l = &d->lineups[i];

		sb_addf(sb, "<tr><td>%zu</td><td class=\"num\">", i + 1);
		tenths(sb, l->value);
		sb_adds(sb, "</td><td>");
		for (q = 0; q < l->k; q++) {
			if (q)
				sb_adds(sb, ", ");
			html_add(sb, d->cands[l->members[q]].id);
		}
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n</section>\n");
}

static void
why_out(strbuf *sb, const lr_doc *d)
{
	size_t i;
	int any = 0;

	sb_addf(sb,
		"<section aria-labelledby=\"out\">\n<h2 id=\"out\">%s</h2>\n",
		d->nlineups ? "Why the others are out" : "Candidates");
	for (i = 0; i < d->ncands; i++) {
		const lr_cand *c = &d->cands[i];

		if (c->why == LR_IN)
			continue;
		if (!any++)
			sb_adds(sb, "<table class=\"list\">\n<caption>Every "
				    "candidate not in the line-up, and "
				    "why</caption>\n<thead><tr><th "
				    "scope=\"col\">Partner</th><th "
				    "scope=\"col\">Name</th><th "
				    "scope=\"col\">Status</th><th "
				    "scope=\"col\" class=\"num\">Score</th>"
				    "<th scope=\"col\">Why</th></tr></thead>"
				    "\n<tbody>\n");
		sb_adds(sb, "<tr><td>");
		html_add(sb, c->id);
		sb_adds(sb, "</td><td>");
		html_add(sb, c->name);
		sb_adds(sb, "</td><td>");
		html_status_badge(sb, c->st);
		sb_adds(sb, "</td><td class=\"num\">");
		cand_score(sb, c);
		sb_adds(sb, "</td><td>");
		html_add(sb, c->reason);
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, any ? "</tbody>\n</table>\n</section>\n" :
			  "<p>None: every candidate is in.</p>\n</section>\n");
}

void
lu_html(strbuf *sb, const lr_doc *d)
{
	report none;
	const report *r = d->origin;
	strbuf line;
	graph *g;
	graph_view v;
	size_t i;

	if (!r) {
		memset(&none, 0, sizeof none);
		r = &none;
	}
	sb_init(&line);
	sb_adds(&line, "Line-up");
	if (r->origin_input) {
		sb_adds(&line, ": ");
		sb_adds(&line, r->origin_input);
	}
	html_head(sb, line.buf);
	sb_adds(sb, "<header>\n<h1>Line-up</h1>\n");
	html_origin(sb, r);
	sb_reset(&line);
	lr_summary(&line, d);
	sb_adds(sb, "<p class=\"summary\">");
	html_add_n(sb, line.buf,
		   line.len && line.buf[line.len - 1] == '\n' ? line.len - 1 :
								line.len);
	sb_adds(sb, "</p>\n</header>\n<main>\n");
	sb_adds(sb, "<section aria-labelledby=\"chosen\">\n<h2 "
		    "id=\"chosen\">The chosen line-up</h2>\n");
	if (d->nlineups) {
		sb_adds(sb, "<p class=\"verdict ok\">Value ");
		tenths(sb, d->lineups[0].value);
		sb_addf(sb, " with %zu member%s%s.</p>\n", d->lineups[0].k,
			d->lineups[0].k == 1 ? "" : "s",
			d->proven ? ", proven the best" :
				    ", the best found (not proven)");
		member_table(sb, d, &d->lineups[0], 1);
		findings_table(sb, &d->lineups[0]);
	} else {
		sb_addf(sb, "<p class=\"verdict bad\">%s</p>\n<ul>\n",
			d->proven ? "No feasible line-up:" :
				    "No line-up found:");
		for (i = 0; i < d->nreasons; i++) {
			sb_adds(sb, "<li>");
			html_add(sb, d->reasons[i]);
			sb_adds(sb, "</li>\n");
		}
		sb_adds(sb, "</ul>\n");
	}
	sb_adds(sb, "</section>\n");
	g = lineup_graph(d);
	graph_view_make(&v, g);
	sb_adds(sb, "<section aria-labelledby=\"graph\">\n<h2 "
		    "id=\"graph\">Conflict graph</h2>\n<figure>\n");
	graph_write_svg(sb, g, "cg");
	sb_adds(sb, "\n<figcaption>The line-up's members, and the candidates "
		    "left out (dashed outline) for a fail-level conflict with "
		    "one of them. Shapes by status (\xe2\x9c\x93 circle pass, "
		    "! diamond warn, \xe2\x9c\x97 square fail, ? octagon "
		    "error); a solid red line is a fail-level pair, a dashed "
		    "amber line a warn-level one.");
	if (v.fail_only)
		sb_addf(sb,
			" Only partners with fail-level conflicts are drawn "
			"(%zu of %zu).",
			v.nnodes, g->nnodes);
	sb_adds(sb, "</figcaption>\n</figure>\n</section>\n");
	graph_view_free(&v);
	graph_free(g);
	alternatives(sb, d);
	why_out(sb, d);
	sb_adds(sb, "</main>\n");
	html_foot(sb);
	sb_free(&line);
}

void
lu_dot(strbuf *sb, const lr_doc *d)
{
	graph *g = lineup_graph(d);
	strbuf line;
	size_t i, skip = 0;

	/* The summary as a first comment line, as the other commands' dot
	 * has it: the text format's line (numbers and fixed words only),
	 * without its "summary: " and with nothing that would end the
	 * comment early. */
	sb_init(&line);
	lr_summary(&line, d);
	if (line.len >= 9 && !strncmp(line.buf, "summary: ", 9))
		skip = 9;
	sb_adds(sb, "// partnercheck: lineup: ");
	for (i = skip; i < line.len; i++)
		if (line.buf[i] != '\n' && line.buf[i] != '\r')
			sb_addc(sb, line.buf[i]);
	sb_addc(sb, '\n');
	sb_free(&line);
	graph_write_dot(sb, g, "line-up");
	graph_free(g);
}
