#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "hash.h"
#include "xalloc.h"

/*
 * The conflict graph's model: nodes and merged edges, found again by
 * small open-addressing tables (a pool has thousands of partners and the
 * same pair may have several findings), and the view that picks what a
 * reader can take in.
 */

/* Past max_nodes only partners with a fail-level edge are drawn; past
 * this many of those, only the first this many, so that a pool with
 * conflicts everywhere still gives a picture rather than a blot. */
#define FAIL_ONLY_MAX 60

#define EMPTY ((size_t)-1)

graph *
graph_new(void)
{
	graph *g = xcalloc(1, sizeof *g);

	g->min_sev = SEV_WARN;
	g->max_nodes = 30;
	return g;
}

void
graph_free(graph *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->nnodes; i++) {
		free(g->nodes[i].id);
		free(g->nodes[i].name);
	}
	for (i = 0; i < g->nedges; i++)
		free(g->edges[i].rules);
	free(g->nodes);
	free(g->edges);
	free(g->nslot);
	free(g->eslot);
	free(g);
}

static uint64_t
pair_hash(size_t a, size_t b)
{
	uint64_t k[2];

	k[0] = a;
	k[1] = b;
	return hash_bytes((const char *)k, sizeof k);
}

/* Returns a fresh table of n empty slots (n a power of two). */
static size_t *
new_slots(size_t n)
{
	size_t *t = xmalloc(n * sizeof *t);
	size_t i;

	for (i = 0; i < n; i++)
		t[i] = EMPTY;
	return t;
}

/* The slot of id in the node table: where it is, or the empty one where
 * it would go. */
static size_t
node_slot(const graph *g, const char *id)
{
	size_t m = g->nslots - 1;
	size_t i = (size_t)hash_bytes(id, strlen(id)) & m;

	while (g->nslot[i] != EMPTY && strcmp(g->nodes[g->nslot[i]].id, id))
		i = (i + 1) & m;
	return i;
}

static size_t
edge_slot(const graph *g, size_t a, size_t b)
{
	size_t m = g->eslots - 1;
	size_t i = (size_t)pair_hash(a, b) & m;

	while (g->eslot[i] != EMPTY &&
	       (g->edges[g->eslot[i]].a != a || g->edges[g->eslot[i]].b != b))
		i = (i + 1) & m;
	return i;
}

/* Keeps the tables under half full, rebuilding them twice as large. */
static void
grow_tables(graph *g)
{
	size_t i;

	if (2 * (g->nnodes + 1) > g->nslots) {
		free(g->nslot);
		g->nslots = g->nslots ? 2 * g->nslots : 64;
		g->nslot = new_slots(g->nslots);
		for (i = 0; i < g->nnodes; i++)
			g->nslot[node_slot(g, g->nodes[i].id)] = i;
	}
	if (2 * (g->nedges + 1) > g->eslots) {
		free(g->eslot);
		g->eslots = g->eslots ? 2 * g->eslots : 64;
		g->eslot = new_slots(g->eslots);
		for (i = 0; i < g->nedges; i++)
			g->eslot[edge_slot(g, g->edges[i].a, g->edges[i].b)] =
			    i;
	}
}

/* Returns the index of id, adding it without name or status if new. */
static size_t
find_or_add(graph *g, const char *id, int *added)
{
	size_t s;
	graph_node *nd;

	grow_tables(g);
	s = node_slot(g, id);
	*added = g->nslot[s] == EMPTY;
	if (!*added)
		return g->nslot[s];
	g->nodes = xgrow(g->nodes, &g->capn, g->nnodes + 1, sizeof *g->nodes);
	nd = &g->nodes[g->nnodes];
	nd->id = xstrdup(id);
	nd->name = NULL;
	nd->st = GRAPH_NO_STATUS;
	nd->out = 0;
	g->nslot[s] = g->nnodes;
	return g->nnodes++;
}

size_t
graph_node_add(graph *g, const char *id, const char *name, int st)
{
	int added;
	size_t i = find_or_add(g, id ? id : "", &added);
	graph_node *nd = &g->nodes[i];

	if (name) {
		free(nd->name);
		nd->name = xstrdup(name);
	}
	if (st != GRAPH_NO_STATUS)
		nd->st = st;
	return i;
}

/* Whether the ", "-separated list has rule as one of its items. */
static int
has_rule(const char *list, const char *rule)
{
	size_t n = strlen(rule);
	const char *p = list;

	for (;;) {
		const char *end = strstr(p, ", ");
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && memcmp(p, rule, n) == 0)
			return 1;
		if (!end)
			return 0;
		p = end + 2;
	}
}

size_t
graph_edge_add(graph *g, const char *a, const char *b, severity sev,
	       const char *rule)
{
	int added;
	size_t ia = find_or_add(g, a ? a : "", &added);
	size_t ib = find_or_add(g, b ? b : "", &added);
	size_t s, t;
	graph_edge *e;

	if (!rule)
		rule = "";
	if (ia == ib)
		return EMPTY;
	if (ia > ib) {
		t = ia;
		ia = ib;
		ib = t;
	}
	grow_tables(g);
	s = edge_slot(g, ia, ib);
	if (g->eslot[s] != EMPTY) {
		e = &g->edges[g->eslot[s]];
		e->n++;
		if (sev > e->sev)
			e->sev = sev;
		if (!has_rule(e->rules, rule)) {
			size_t la = strlen(e->rules), lr = strlen(rule);

			e->rules = xrealloc(e->rules, la + lr + 3);
			memcpy(e->rules + la, ", ", 2);
			memcpy(e->rules + la + 2, rule, lr + 1);
		}
		return g->eslot[s];
	}
	g->edges = xgrow(g->edges, &g->cape, g->nedges + 1, sizeof *g->edges);
	e = &g->edges[g->nedges];
	e->a = ia;
	e->b = ib;
	e->sev = sev;
	e->n = 1;
	e->rules = xstrdup(rule);
	g->eslot[s] = g->nedges;
	return g->nedges++;
}

void
graph_view_make(graph_view *v, const graph *g)
{
	unsigned char *keep = xcalloc(g->nnodes + 1, 1);
	size_t i;

	memset(v, 0, sizeof *v);
	v->pos = xmalloc((g->nnodes + 1) * sizeof *v->pos);
	v->fail_only = g->nnodes > g->max_nodes;
	for (i = 0; i < g->nedges; i++)
		if (g->edges[i].sev == SEV_FAIL)
			keep[g->edges[i].a] = keep[g->edges[i].b] = 1;
	for (i = 0; i < g->nnodes; i++)
		v->fail_nodes += keep[i];
	v->nodes = xmalloc((g->nnodes + 1) * sizeof *v->nodes);
	for (i = 0; i < g->nnodes; i++) {
		v->pos[i] = EMPTY;
		if (v->fail_only && (!keep[i] || v->nnodes >= FAIL_ONLY_MAX))
			continue;
		v->pos[i] = v->nnodes;
		v->nodes[v->nnodes++] = i;
	}
	v->left_out = g->nnodes - v->nnodes;
	v->edges = xmalloc((g->nedges + 1) * sizeof *v->edges);
	for (i = 0; i < g->nedges; i++) {
		const graph_edge *e = &g->edges[i];

		/* A pool's picture keeps to its fail-level pairs. */
		if (e->sev < g->min_sev || (v->fail_only && e->sev != SEV_FAIL))
			v->below++;
		else if (v->pos[e->a] != EMPTY && v->pos[e->b] != EMPTY)
			v->edges[v->nedges++] = i;
	}
	free(keep);
}

void
graph_view_free(graph_view *v)
{
	if (!v)
		return;
	free(v->nodes);
	free(v->edges);
	free(v->pos);
	memset(v, 0, sizeof *v);
}

void
graph_view_note(strbuf *sb, const graph_view *v, const graph *g)
{
	if (!v->fail_only)
		return;
	sb_adds(sb, "Only partners with fail-level conflicts, and only those "
		    "conflicts, are drawn");
	/* past the cap, say that some with a fail-level conflict are not
	 * drawn either: the picture is not all of them */
	if (v->fail_nodes > v->nnodes)
		sb_addf(sb,
			": the first %zu of the %zu that have one, of %zu "
			"partners.",
			v->nnodes, v->fail_nodes, g->nnodes);
	else
		sb_addf(sb, " (%zu of %zu partners).", v->nnodes, g->nnodes);
}

const char *
graph_status_word(int st)
{
	return st == GRAPH_NO_STATUS ? "not screened" : status_name((status)st);
}
