#ifndef PARTNERCHECK_GRAPH_H
#define PARTNERCHECK_GRAPH_H

#include <stddef.h>

#include "strbuf.h"
#include "verdict.h"

/*
 * The conflict graph: partners as nodes, the pairwise findings between
 * two partners as one edge.  One model (src/graph.c) and two writers of
 * the same picture: Graphviz DOT (src/graph_dot.c) and the inline SVG of
 * the HTML report (src/graph_svg.c).  The model copies every string it is
 * given, so the caller's may go as soon as a call returns.
 */

/* A node's status when the report has no verdicts (conflicts). */
#define GRAPH_NO_STATUS (-1)

typedef struct graph_node {
	char *id;
	char *name; /* NULL when the input names no name */
	int st;     /* a status, or GRAPH_NO_STATUS */
	int out;    /* left out of a line-up: drawn dashed, labelled so */
} graph_node;

typedef struct graph_edge {
	size_t a, b;  /* node indexes, a < b */
	severity sev; /* the worst finding between the two */
	size_t n;     /* findings between the two */
	char *rules;  /* their rule ids, ", "-separated, each once, in the
		       * order first met */
} graph_edge;

typedef struct graph {
	graph_node *nodes; /* in the order first met */
	size_t nnodes, capn;
	graph_edge *edges; /* in the order first met */
	size_t nedges, cape;
	/* The caller's wishes: edges below min_sev are left out of the
	 * picture (info by default), and past max_nodes partners the picture
	 * keeps only those with a fail-level edge. */
	severity min_sev;
	size_t max_nodes;
	/* private: open-addressing indexes of nodes by id and edges by pair */
	size_t *nslot, nslots;
	size_t *eslot, eslots;
} graph;

/* Returns an empty graph that shows warn and fail edges and up to 30
 * partners; the caller frees it with graph_free. */
graph *graph_new(void);

/* Frees g and everything in it; NULL is a no-op. */
void graph_free(graph *g);

/*
 * Adds the partner id (NULL reads as "") with its display name (may be
 * NULL) and status, and returns its index.  A partner already there keeps
 * its place; its name and status are updated (a status only if st is not
 * GRAPH_NO_STATUS).
 */
size_t graph_node_add(graph *g, const char *id, const char *name, int st);

/*
 * Records one pairwise finding of rule (NULL reads as "") between
 * partners a and b, adding either as a node without status if it is not
 * there yet.  Findings between the same two partners, in either order,
 * make one edge, which keeps the worst severity, the count and each rule
 * once.  Returns the edge's index, or (size_t)-1 for a finding of a
 * partner with itself, which is ignored.
 */
size_t graph_edge_add(graph *g, const char *a, const char *b, severity sev,
		      const char *rule);

/*
 * What to draw: the nodes and edges picked from g by its min_sev and
 * max_nodes, as index lists in g's order, and a circle layout.  The view
 * owns its arrays (graph_view_free); it reads g, which must outlive it.
 */
typedef struct graph_view {
	size_t *nodes; /* indexes into g->nodes */
	size_t nnodes;
	size_t *edges; /* indexes into g->edges; both ends are drawn */
	size_t nedges;
	size_t *pos;       /* by g's node index: its place among nodes, or
			    * (size_t)-1 when not drawn */
	int fail_only;     /* more than max_nodes partners: only those with a
			    * fail-level edge are drawn (the first 60 of them),
			    * and only their fail-level edges */
	size_t left_out;   /* partners not drawn */
	size_t below;      /* edges left out for their severity */
	size_t fail_nodes; /* partners with a fail-level edge, drawn or not */
} graph_view;

/* Fills v from g (v is overwritten: free a used one first). */
void graph_view_make(graph_view *v, const graph *g);

/* Frees what v owns and empties it; NULL is a no-op. */
void graph_view_free(graph_view *v);

/* Appends the sentence that says what a fail_only view leaves out, for
 * every writer of the picture alike: "Only partners with fail-level
 * conflicts, and only those conflicts, are drawn (8 of 40 partners)." or,
 * past the cap, "... are drawn: the first 60 of the 125 that have one, of
 * 300 partners."  Appends nothing when v is not fail_only. */
void graph_view_note(strbuf *sb, const graph_view *v, const graph *g);

/* One word for a node's status: "pass", "warn", "fail", "error", or
 * "not screened" for GRAPH_NO_STATUS. */
const char *graph_status_word(int st);

/*
 * Appends g as a Graphviz undirected graph named title (NULL: "conflicts")
 * to sb, as the view draws it: each node labelled with its id and name,
 * shaped and filled by status; each edge red and solid for fail, amber
 * and dashed for warn, grey and dotted for info, labelled with its
 * rules.  Ids and labels are quoted and escaped; control characters
 * become spaces.  `dot -Tsvg` reads the result.
 */
void graph_write_dot(strbuf *sb, const graph *g, const char *title);

/*
 * Appends g as an inline SVG element (no XML prolog, nothing loaded from
 * anywhere) as the view draws it: nodes on a circle, each a shape and a
 * symbol by status (so colour is never the only sign) with its id beside
 * it, edges styled as for DOT, a <title> and <desc> that say in words
 * what the picture shows, and a legend.  desc_id names the element
 * aria-describedby may point at (kept to [A-Za-z0-9_-]).  An empty view
 * appends an SVG that says there is nothing to draw.
 */
void graph_write_svg(strbuf *sb, const graph *g, const char *desc_id);

#endif
