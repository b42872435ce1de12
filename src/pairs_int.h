#ifndef PAIRS_INT_H
#define PAIRS_INT_H

/* The pair engine's state, shared by pairs.c and pairs_describe.c only. */

#include <stddef.h>
#include <stdint.h>

#include "cond.h"
#include "hash.h"
#include "pairs.h"
#include "strbuf.h"

/* Interned strings: list items and values compared between partners become
 * small integers, so a pair costs integer compares. */
typedef struct intern {
	char **s;
	size_t *len;
	size_t n, cap;
	uint32_t *slots; /* id + 1; 0 is empty */
	size_t nslots;
} intern;

/* One partner's list values, interned: a sorted set of ids without
 * repeats, so that two partners' lists intersect in one merge. */
typedef struct value_set {
	uint32_t *v;
	size_t n;
} value_set;

/* The items a partner i shares with each later partner j, collected
 * while i's candidates are found through a meets node's index (see
 * cands_from), so that neither the pair's truth nor its message merges
 * two lists again.  Per direction d (0: i's field meets j's other field,
 * 1: j's field meets i's), j's items are a chain through next from
 * first[d][j] in ascending id order; it is valid while stamp[d][j] is
 * gen, which each walk renews.  owner is the partner whose walk filled
 * it, NO_WALK when none: only a pair (owner, j) may read it. */
typedef struct shared_walk {
	size_t owner, gen;
	size_t *stamp[2], *first[2], *last[2];
	uint32_t *id;
	size_t *next;
	size_t n, cap;
} shared_walk;

#define NO_WALK ((size_t)-1)

/* CSR index: for each interned id, the partners that hold it, ascending. */
typedef struct holder_index {
	size_t *start; /* nids + 1 */
	size_t *who;
} holder_index;

/* An `apart` subject: its double and, when it has one, its exact decimal
 * (see value.h). */
typedef struct figure {
	double num;
	decnum dec;
} figure;

/* The engine's own copy of a pairwise condition tree: one node per cond
 * node, numbered in preorder when the engine is built, holding what that
 * node needs per partner.  The rule set is never written: a node finds its
 * children through kids, not through anything stored in the cond. */
typedef struct node {
	const cond *c;
	size_t *kids;       /* all/any/not: the kids' node numbers */
	unsigned char *tri; /* both/either: the kid's value per partner */
	size_t *holders;    /* both: partners for which the kid is true */
	size_t nholders;
	figure *num;         /* apart */
	decnum tol;          /* apart: the tolerance's exact decimal, made
			      * once (it costs a printf and a strtod) */
	unsigned char *has;  /* apart, differ, same */
	uint32_t *key;       /* differ, same */
	value_set *a, *b;    /* meets: field and other field per partner */
	holder_index ia, ib; /* meets: partners by id in field / other field */
	uint32_t *setpool;   /* meets: every partner's a and b, end to end */
	shared_walk sw;      /* meets that is a reported rule's test */
	/* both, either, apart, differ, same: each partner's part of a message
	 * (what holds for it, or its value), made the first time a finding
	 * needs it and kept, so that a partner in a thousand findings is
	 * described once; NULL until then (see pairs_describe.c) */
	struct frag *frag;
	strbuf fragtext;
} node;

/* One partner's fragment: fragtext.buf[off..off+len), or len
 * FRAG_NONE before it is made. */
typedef struct frag {
	size_t off, len;
} frag;

#define FRAG_NONE ((size_t)-1)

struct pair_engine {
	const ruleset *rs;
	const partner_set *ps;
	cond_ctx cx;
	node *nodes;
	size_t nnodes, capnodes;
	size_t *root; /* per pair rule: its test's node, or NO_NODE */
	intern in;
	strbuf msg;
	size_t *stamp; /* candidate dedupe, per partner */
	size_t *cand;
	size_t ncand;
};

/* A pair rule without a test has no node. */
#define NO_NODE ((size_t)-1)

/* Whether meets node nd has partner a's walk (a < b) collected: then
 * pr_shared says what a and b share. */
int pr_walked(const node *nd, size_t a);

/* The first of the items partners nd->sw.owner and b share in direction
 * d (see shared_walk), or NO_WALK when they share none. */
size_t pr_shared(const node *nd, int d, size_t b);

/* Whether the sorted id sets x and y share an id: 1 or 0. */
int pr_intersects(const value_set *x, const value_set *y);

/* Orders figures by value: the doubles, then on a tie the decimals;
 * negative, zero or positive like strcmp. */
int pr_fig_cmp(const figure *x, const figure *y);

/* Node nd's k-th kid (all/any/not); k must be below nd's kid count.  The
 * node is owned by pe. */
const node *pr_kid(const pair_engine *pe, const node *nd, size_t k);

/* The truth of node nd for partners a and b. */
tri pr_eval(pair_engine *pe, const node *nd, size_t a, size_t b);

/* Appends to sb why node nd, true for partners a and b, holds.  Fills
 * nd's fragment cache as it goes (the node is the engine's). */
void pr_describe(pair_engine *pe, const node *nd, size_t a, size_t b,
		 strbuf *sb);

/* Drops every node's cached fragments (after a change to how fields are
 * named); they are made again when next needed. */
void pr_forget_fragments(pair_engine *pe);

#endif
