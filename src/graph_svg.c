#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "html_esc.h"
#include "xalloc.h"

/* PI is not C11. */
#define PI 3.14159265358979323846

/*
 * The conflict graph as inline SVG for the HTML report: partners on a
 * circle (enough for the 30 or so a reader can follow), each drawn with a
 * shape and a symbol for its status so that colour is never the only
 * sign, and pairs joined by lines styled by severity.  Coordinates are
 * whole pixels, printed as integers, so the output is the same on every
 * machine and in every locale.
 */

/* Per status (pass, warn, fail, error, none): the symbol drawn inside
 * the node, its fill and line colours (each line colour reaches 4.5:1 on
 * its fill and on white). */
static const struct {
	const char *sym, *fill, *line;
} look[] = {
	{ "\xe2\x9c\x93", "#e3f1e4", "#1b5e20" }, /* check mark */
	{ "!", "#fff3d6", "#8a5300" },
	{ "\xe2\x9c\x97", "#fbe3e3", "#b3261e" }, /* ballot x */
	{ "?", "#eeeeee", "#424242" },
	{ "\xc2\xb7", "#ffffff", "#424242" }, /* middle dot */
};

static const struct {
	const char *color, *dash, *width;
} edge_look[] = {
	[SEV_INFO] = { "#616161", " stroke-dasharray=\"2 3\"", "1" },
	[SEV_WARN] = { "#8a5300", " stroke-dasharray=\"7 4\"", "2" },
	[SEV_FAIL] = { "#b3261e", "", "3" },
};

#define NODE_R 11
/* Room for a label beside a node and above or below one, and for the
 * legend below the circle. */
#define LABEL_ROOM 150
#define LABEL_HEIGHT 36
#define LEGEND_H 64

/* Appends the id, cut to about 22 characters (at a UTF-8 boundary) with
 * an ellipsis, escaped: the full id is in the node's title. */
static void
short_label(strbuf *sb, const char *id)
{
	size_t n = strlen(id), cut = 0, chars = 0;

	while (cut < n && chars < 22) {
		cut++;
		while (cut < n && ((unsigned char)id[cut] & 0xc0) == 0x80)
			cut++;
		chars++;
	}
	html_add_n(sb, id, cut);
	if (cut < n)
		sb_adds(sb, "\xe2\x80\xa6");
}

/* Appends the shape of status k centred on (x, y), its outline dashed
 * for a candidate left out of a line-up. */
static void
shape(strbuf *sb, int k, int x, int y, int out)
{
	int r = NODE_R;

	sb_addf(sb, "<");
	switch (k) {
	case 1: /* warn: a diamond */
		sb_addf(sb, "polygon points=\"%d,%d %d,%d %d,%d %d,%d\"", x,
			y - r - 2, x + r + 2, y, x, y + r + 2, x - r - 2, y);
		break;
	case 2: /* fail: a square */
		sb_addf(sb, "rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"",
			x - r, y - r, 2 * r, 2 * r);
		break;
	case 3: /* error: an octagon */
		sb_addf(sb,
			"polygon points=\"%d,%d %d,%d %d,%d %d,%d %d,%d %d,%d "
			"%d,%d %d,%d\"",
			x - 5, y - r, x + 5, y - r, x + r, y - 5, x + r, y + 5,
			x + 5, y + r, x - 5, y + r, x - r, y + 5, x - r, y - 5);
		break;
	default: /* pass and no status: a circle */
		sb_addf(sb, "circle cx=\"%d\" cy=\"%d\" r=\"%d\"", x, y, r);
		break;
	}
	sb_addf(sb, " fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"%s/>",
		look[k].fill, look[k].line,
		out ? " stroke-dasharray=\"3 2\"" : "");
	sb_addf(sb,
		"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		"font-size=\"13\" font-weight=\"bold\" fill=\"%s\" "
		"aria-hidden=\"true\">%s</text>",
		x, y + 5, look[k].line, look[k].sym);
}

/* The legend: the shapes and the lines, each with its words. */
static void
legend(strbuf *sb, int y, severity min_sev)
{
	static const char *const words[] = { "pass", "warn", "fail", "error" };
	static const char *const lines[] = { [SEV_INFO] = "info pair",
					     [SEV_WARN] = "warn pair",
					     [SEV_FAIL] = "fail pair" };
	int i, x = 20;

	for (i = 0; i < 4; i++, x += 90) {
		shape(sb, i, x, y, 0);
		sb_addf(sb,
			"<text x=\"%d\" y=\"%d\" font-size=\"13\" "
			"fill=\"#1a1a1a\">%s</text>",
			x + 18, y + 5, words[i]);
	}
	y += 32;
	x = 10;
	for (i = SEV_FAIL; i >= (int)min_sev; i--, x += 130) {
		sb_addf(sb,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"%s\" stroke-width=\"%s\"%s/>",
			x, y, x + 36, y, edge_look[i].color, edge_look[i].width,
			edge_look[i].dash);
		sb_addf(sb,
			"<text x=\"%d\" y=\"%d\" font-size=\"13\" "
			"fill=\"#1a1a1a\">%s</text>",
			x + 44, y + 5, lines[i]);
	}
}

void
graph_write_svg(strbuf *sb, const graph *g, const char *desc_id)
{
	graph_view v;
	size_t i, nfail = 0, nwarn = 0, ninfo = 0;
	double radius;
	int cx, cy, w, h, *xs, *ys;

	graph_view_make(&v, g);
	/* Nodes about 40 px apart along the circle, never a tiny circle. */
	radius = (double)v.nnodes * 40.0 / (2.0 * PI);
	if (radius < 90)
		radius = 90;
	cx = (int)radius + LABEL_ROOM;
	cy = (int)radius + LABEL_HEIGHT;
	w = 2 * cx;
	h = 2 * cy + LEGEND_H;
	if (w < 420)
		w = 420;
	xs = xcalloc(v.nnodes + 1, sizeof *xs);
	ys = xcalloc(v.nnodes + 1, sizeof *ys);
	for (i = 0; i < v.nnodes; i++) {
		/* Clockwise from the top. */
		double a = 2.0 * PI * (double)i / (double)v.nnodes - PI / 2;

		xs[i] = cx + (int)lround(radius * cos(a));
		ys[i] = cy + (int)lround(radius * sin(a));
	}
	for (i = 0; i < v.nedges; i++) {
		if (g->edges[v.edges[i]].sev == SEV_FAIL)
			nfail++;
		else if (g->edges[v.edges[i]].sev == SEV_WARN)
			nwarn++;
		else
			ninfo++;
	}
	sb_addf(sb,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" "
		"viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
		"aria-labelledby=\"%s-t %s-d\">",
		w, h, w, h, desc_id, desc_id);
	sb_addf(sb, "<title id=\"%s-t\">Conflict graph</title>", desc_id);
	if (g->min_sev == SEV_INFO)
		sb_addf(sb,
			"<desc id=\"%s-d\">%zu partner%s drawn, %zu "
			"fail-level, %zu warn-level and %zu info-level pair%s.",
			desc_id, v.nnodes, v.nnodes == 1 ? "" : "s", nfail,
			nwarn, ninfo, nfail + nwarn + ninfo == 1 ? "" : "s");
	else
		sb_addf(sb,
			"<desc id=\"%s-d\">%zu partner%s drawn, %zu fail-level "
			"and %zu warn-level pair%s.",
			desc_id, v.nnodes, v.nnodes == 1 ? "" : "s", nfail,
			nwarn, nfail + nwarn == 1 ? "" : "s");
	if (v.fail_only) {
		sb_addc(sb, ' ');
		graph_view_note(sb, &v, g);
	}
	sb_adds(sb, "</desc>");
	for (i = 0; i < v.nedges; i++) {
		const graph_edge *e = &g->edges[v.edges[i]];
		size_t pa = v.pos[e->a], pb = v.pos[e->b];

		sb_addf(sb,
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
			"stroke=\"%s\" stroke-width=\"%s\"%s><title>",
			xs[pa], ys[pa], xs[pb], ys[pb], edge_look[e->sev].color,
			edge_look[e->sev].width, edge_look[e->sev].dash);
		html_add(sb, g->nodes[e->a].id);
		sb_adds(sb, " \xe2\x80\x93 ");
		html_add(sb, g->nodes[e->b].id);
		sb_addf(sb, ": %s (", severity_name(e->sev));
		html_add(sb, e->rules);
		sb_adds(sb, ")</title></line>");
	}
	for (i = 0; i < v.nnodes; i++) {
		const graph_node *nd = &g->nodes[v.nodes[i]];
		int k = nd->st == GRAPH_NO_STATUS ? 4 : nd->st;
		int dx = xs[i] - cx, lx, anchor;

		sb_adds(sb, "<g><title>");
		html_add(sb, nd->id);
		if (nd->name) {
			sb_adds(sb, " \xe2\x80\x94 ");
			html_add(sb, nd->name);
		}
		sb_addf(sb, ": %s%s</title>", graph_status_word(nd->st),
			nd->out ? ", left out" : "");
		shape(sb, k, xs[i], ys[i], nd->out);
		/* Labels sit outside the circle, away from its centre. */
		anchor = dx > 8 ? 1 : dx < -8 ? -1 : 0;
		lx = xs[i] + anchor * (NODE_R + 6);
		sb_addf(sb,
			"<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" "
			"font-size=\"13\" fill=\"#1a1a1a\">",
			lx,
			anchor     ? ys[i] + 5 :
			ys[i] < cy ? ys[i] - NODE_R - 6 :
				     ys[i] + NODE_R + 17,
			anchor > 0 ? "start" :
			anchor < 0 ? "end" :
				     "middle");
		short_label(sb, nd->id);
		if (nd->out)
			sb_adds(sb, " (out)");
		sb_adds(sb, "</text></g>");
	}
	if (!v.nnodes)
		sb_addf(sb,
			"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			"font-size=\"14\" fill=\"#1a1a1a\">No partners to "
			"draw</text>",
			w / 2, cy);
	legend(sb, 2 * cy + 12, g->min_sev);
	sb_adds(sb, "</svg>");
	free(xs);
	free(ys);
	graph_view_free(&v);
}
