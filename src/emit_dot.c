#include <stdlib.h>

#include "emit_util.h"
#include "graph.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * Graphviz DOT: the conflict graph of the run (src/graph_dot.c draws it),
 * for `partnercheck conflicts -f dot pool.csv | dot -Tsvg > graph.svg`.
 * Every partner of a check or screen is a node, by status; conflicts has
 * only the partners its findings name.  Consortium findings have no place
 * in a graph of pairs: the summary comment says how many there were.
 */

static void
dot_begin(report *r)
{
	/* The same picture as the HTML report's: a layout program could
	 * take a whole pool, but a reader could not. */
	graph *g = graph_new();

	/* info-level pairs are hidden unless asked for */
	if (r->graph_info)
		g->min_sev = SEV_INFO;
	r->state = g;
}

static void
dot_partner(report *r, const verdict *v)
{
	graph_node_add(r->state, v->id, v->name, (int)v->st);
}

static void
dot_conflict(report *r, const conflict *c)
{
	if (c->out == OUT_WAIVED) /* no longer keeps the two apart */
		return;
	graph_edge_add(r->state, c->a, c->b, c->sev, c->rule);
}

static void
dot_consortium(report *r, const cfinding *f)
{
	(void)r;
	(void)f;
}

static void
dot_end(report *r, const summary *s)
{
	strbuf sb, line;

	sb_init(&sb);
	sb_init(&line);
	/* The summary as a comment, made safe: a comment ends at a newline. */
	if (r->mode != MODE_CONFLICTS)
		add_summary_line(&line, s);
	if (r->mode == MODE_CHECK)
		sb_adds(&line, "; ");
	if (r->mode != MODE_SCREEN)
		add_pairs_line(&line, s, r->mode == MODE_CHECK);
	sb_adds(&sb, "// partnercheck: ");
	add_term(&sb, line.buf);
	sb_addc(&sb, '\n');
	graph_write_dot(&sb, r->state, r->origin_rules);
	sb_write(&sb, r->out);
	sb_free(&sb);
	sb_free(&line);
}

static void
dot_free(report *r)
{
	graph_free(r->state);
	r->state = NULL;
}

const emitter emit_dot = {
	.name = "dot",
	.begin = dot_begin,
	.partner = dot_partner,
	.conflict = dot_conflict,
	.consortium = dot_consortium,
	.end = dot_end,
	.free = dot_free,
};
