/* A pair rule's condition followed part by part for one pair (see
 * pairs_steps.h); reads the engine's nodes through pairs_int.h. */
#include "pairs_steps.h"
#include "pairs_int.h"
#include "strbuf.h"

static void
walk(pair_engine *pe, const node *nd, size_t a, size_t b, pair_step_fn fn,
     void *ctx, strbuf *sb)
{
	const cond *c = nd->c;
	size_t k;
	tri r;

	if (c->op == C_ALL || c->op == C_ANY || c->op == C_NOT) {
		for (k = 0; k < c->nkids; k++)
			walk(pe, pr_kid(pe, nd, k), a, b, fn, ctx, sb);
		return;
	}
	r = pr_eval(pe, nd, a, b);
	sb_reset(sb);
	if (r == T_TRUE)
		pr_describe(pe, nd, a, b, sb);
	fn(ctx, c, r, r == T_TRUE ? sb->buf : NULL);
}

tri
pairs_steps(pair_engine *pe, size_t rule, size_t a, size_t b, pair_step_fn fn,
	    void *ctx)
{
	strbuf sb;
	const node *root;

	if (pe->root[rule] == NO_NODE)
		return T_FALSE;
	root = &pe->nodes[pe->root[rule]];
	sb_init(&sb);
	walk(pe, root, a, b, fn, ctx, &sb);
	sb_free(&sb);
	return pr_eval(pe, root, a, b);
}
