#include <string.h>

#include "graph.h"

/*
 * The conflict graph as Graphviz DOT.  Every id and label is a quoted
 * string: inside one, DOT itself only needs '"' escaped, but Graphviz
 * reads backslash sequences in labels (\n, \N, \G ...), so a backslash is
 * doubled too, and control characters, which neither wants, become
 * spaces.
 */

/* Appends s as a quoted DOT string; a newline becomes Graphviz's line
 * break, the two characters \n, written after the escaping. */
static void
dot_str(strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n') {
			sb_adds(sb, "\\n");
			continue;
		}
		if (c == '"' || c == '\\')
			sb_addc(sb, '\\');
		sb_addc(sb, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	sb_addc(sb, '"');
}

/* Appends s as one line of a label: a control character (a line break
 * too) becomes a space, as dot_str makes it, and the bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069),
 * which would reorder the picture's text, are dropped. */
static void
add_line(strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (p && *p) {
		if (p[0] == 0xd8 && p[1] == 0x9c) {
			p += 2;
			continue;
		}
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] &&
		    (p[2] == 0x8e || p[2] == 0x8f ||
		     (p[2] >= 0xaa && p[2] <= 0xae))) {
			p += 3;
			continue;
		}
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9) {
			p += 3;
			continue;
		}
		sb_addc(sb, *p < 0x20 || *p == 0x7f ? ' ' : (char)*p);
		p++;
	}
}

/* Shape and colours per status, the same as the SVG's: pass, warn, fail,
 * error, and no status. */
static const struct {
	const char *shape, *fill, *line;
} look[] = {
	{ "ellipse", "#e3f1e4", "#1b5e20" },
	{ "diamond", "#fff3d6", "#8a5300" },
	{ "box", "#fbe3e3", "#b3261e" },
	{ "octagon", "#eeeeee", "#424242" },
	{ "ellipse", "#ffffff", "#424242" },
};

static const struct {
	const char *color, *style, *width;
} edge_look[] = {
	[SEV_INFO] = { "#616161", "dotted", "1" },
	[SEV_WARN] = { "#8a5300", "dashed", "1.5" },
	[SEV_FAIL] = { "#b3261e", "solid", "2.5" },
};

void
graph_write_dot(strbuf *sb, const graph *g, const char *title)
{
	graph_view v;
	strbuf lab;
	size_t i;

	graph_view_make(&v, g);
	sb_init(&lab);
	sb_adds(sb, "graph ");
	dot_str(sb, title ? title : "conflicts");
	sb_adds(sb, " {\n\tgraph [fontname=\"sans-serif\", overlap=false, "
		    "splines=true];\n\tnode [fontname=\"sans-serif\", "
		    "style=filled];\n\tedge [fontname=\"sans-serif\", "
		    "fontsize=10];\n");
	if (v.fail_only || v.below) {
		sb_reset(&lab);
		if (v.fail_only) {
			graph_view_note(&lab, &v, g);
			sb_addc(&lab, ' ');
		}
		if (v.below)
			sb_addf(&lab, "%zu %s pair%s not drawn.", v.below,
				v.fail_only ? "warn or info" : "info",
				v.below == 1 ? "" : "s");
		sb_adds(sb, "\tlabel=");
		dot_str(sb, lab.buf);
		sb_adds(sb, ";\n\tlabelloc=t;\n");
	}
	for (i = 0; i < v.nnodes; i++) {
		const graph_node *nd = &g->nodes[v.nodes[i]];
		int k = nd->st == GRAPH_NO_STATUS ? 4 : nd->st;

		sb_addc(sb, '\t');
		dot_str(sb, nd->id);
		/* the id and name are one line each, whatever they hold:
		 * line breaks as spaces, bidirectional controls dropped */
		sb_reset(&lab);
		add_line(&lab, nd->id);
		if (nd->name && strcmp(nd->name, nd->id)) {
			sb_addc(&lab, '\n');
			add_line(&lab, nd->name);
		}
		if (nd->st != GRAPH_NO_STATUS) {
			sb_adds(&lab, "\n(");
			sb_adds(&lab, graph_status_word(nd->st));
			sb_adds(&lab, nd->out ? ", left out)" : ")");
		}
		sb_adds(sb, " [label=");
		dot_str(sb, lab.buf);
		sb_addf(sb, ", shape=%s, fillcolor=\"%s\", color=\"%s\"%s];\n",
			look[k].shape, look[k].fill, look[k].line,
			nd->out ? ", style=\"filled,dashed\"" : "");
	}
	for (i = 0; i < v.nedges; i++) {
		const graph_edge *e = &g->edges[v.edges[i]];

		sb_addc(sb, '\t');
		dot_str(sb, g->nodes[e->a].id);
		sb_adds(sb, " -- ");
		dot_str(sb, g->nodes[e->b].id);
		sb_reset(&lab);
		sb_addf(&lab, "%s: ", severity_name(e->sev));
		sb_adds(&lab, e->rules);
		sb_adds(sb, " [label=");
		dot_str(sb, lab.buf);
		sb_addf(sb, ", color=\"%s\", style=%s, penwidth=%s];\n",
			edge_look[e->sev].color, edge_look[e->sev].style,
			edge_look[e->sev].width);
	}
	sb_adds(sb, "}\n");
	sb_free(&lab);
	graph_view_free(&v);
}
