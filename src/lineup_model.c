#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "lineup_model.h"
#include "pairs.h"
#include "xalloc.h"

int
lineup_tenths(double points)
{
	return (int)lround(points * 10);
}

static void *
own(lineup_model *m, size_t n, size_t size)
{
	void *p = xcalloc(n + 1, size);

	m->blocks = xrealloc(m->blocks, (m->nblocks + 1) * sizeof *m->blocks);
	m->blocks[m->nblocks++] = p;
	return p;
}

typedef struct gather {
	lineup_model *m;
	const ruleset *rs;
	const partner_set *ps;
	const waiver_set *ws;
	long today;
	size_t W;
} gather;

static int
rule_penalty(const ruleset *rs, severity sev, int has, double own_pen)
{
	if (has)
		return lineup_tenths(own_pen);
	return lineup_tenths(sev == SEV_WARN ? rs->lineup.pen_warn :
					       rs->lineup.pen_info);
}

static void
on_pair(void *ctx, size_t a, size_t b, const pair_rule *r, const char *msg)
{
	gather *g = ctx;
	lineup_model *m = g->m;
	size_t n = m->p.n;

	(void)msg;
	/* A finding a waiver covers is neither a conflict nor a cost. */
	if (g->ws) {
		const waiver *w = waivers_find_pair(g->ws, g->ps->ids[a],
						    g->ps->ids[b], r->id,
						    g->today);

		if (w && waiver_in_force(w, g->today))
			return;
	}
	m->pair_findings[r->sev]++;
	if (r->sev == SEV_FAIL) {
		m->conflict[a * g->W + (b >> 6)] |= (uint64_t)1 << (b & 63);
		m->conflict[b * g->W + (a >> 6)] |= (uint64_t)1 << (a & 63);
		return;
	}
	{
		int pen = rule_penalty(g->rs, r->sev, r->has_penalty,
				       r->penalty);

		m->penalty[a * n + b] += pen;
		m->penalty[b * n + a] += pen;
	}
}

/* One side of a bound, as consortium.c's bound() reads it. */
static int
resolve(ruleset *rs, double v, int has, const char *ref, double *out)
{
	const contract_value *cv;

	if (!has)
		return 0;
	if (!ref) {
		*out = v;
		return 1;
	}
	cv = rules_contract(rs, ref);
	if (!cv || !cv->is_num)
		return 0;
	*out = cv->num;
	return 1;
}

static int
same_item(const item *x, const char *s, size_t len)
{
	return x->len == len && !memcmp(x->s, s, len);
}

/* Interned item texts for distinct. */
typedef struct interned {
	const char **s;
	size_t *len;
	size_t n, cap, lcap;
} interned;

static int
intern(interned *t, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->len[i] == len && !memcmp(t->s[i], s, len))
			return (int)i;
	t->s = xgrow(t->s, &t->cap, t->n + 1, sizeof *t->s);
	t->len = xgrow(t->len, &t->lcap, t->n + 1, sizeof *t->len);
	t->s[t->n] = s;
	t->len[t->n] = len;
	return (int)t->n++;
}

/* model_rule() for coverage: which required items each candidate
 * covers; 0 when nothing is required. */
static int
model_coverage(lineup_model *m, ruleset *rs, const partner_set *ps,
	       const cons_rule *cr, lu_rule *r)
{
	size_t n = ps->n, i, j, k;
	char *const *req = cr->required;
	size_t nreq = cr->nrequired;
	uint64_t *covers;

	r->kind = LU_COVERAGE;
	if (cr->required_ref) {
		const contract_value *cv = rules_contract(rs, cr->required_ref);

		if (!cv || cv->is_num)
			return 0;
		req = cv->items;
		nreq = cv->nitems;
		if (!cv->items && cv->text && *cv->text) {
			req = &cv->text;
			nreq = 1;
		}
	}
	if (!nreq)
		return 0;
	r->nreq = nreq;
	r->req_words = (nreq + 63) / 64;
	covers = own(m, n * r->req_words, sizeof *covers);
	for (i = 0; i < n; i++) {
		const value *v = &pset_row(ps, i)[cr->field];

		for (k = 0; k < nreq; k++) {
			size_t len = strlen(req[k]);

			for (j = 0; j < v->nitems; j++)
				if (same_item(&v->items[j], req[k], len)) {
					covers[i * r->req_words + k / 64] |=
					    (uint64_t)1 << (k % 64);
					break;
				}
		}
	}
	r->covers = covers;
	return 1;
}

/* model_rule() for distinct: each candidate's items, interned, once
 * each. */
static int
model_distinct(lineup_model *m, const partner_set *ps, const cons_rule *cr,
	       lu_rule *r)
{
	size_t n = ps->n, i, j, k;
	interned t;
	size_t *off = own(m, n + 1, sizeof *off), total = 0, f;
	int *items;

	memset(&t, 0, sizeof t);
	r->kind = LU_DISTINCT;
	for (i = 0; i < n; i++)
		for (f = 0; f < cr->nfields; f++)
			total += pset_row(ps, i)[cr->fields[f]].nitems;
	items = own(m, total, sizeof *items);
	off[0] = 0;
	for (i = 0; i < n; i++) {
		size_t at = off[i];

		/* a value a partner holds twice is still its own */
		for (f = 0; f < cr->nfields; f++) {
			const value *v = &pset_row(ps, i)[cr->fields[f]];

			for (j = 0; j < v->nitems; j++) {
				int id = intern(&t, v->items[j].s,
						v->items[j].len);

				for (k = off[i]; k < at && items[k] != id; k++)
					;
				if (k == at)
					items[at++] = id;
			}
		}
		off[i + 1] = at;
	}
	r->items = items;
	r->item_off = off;
	r->nitem_ids = t.n;
	free(t.s);
	free(t.len);
	return 1;
}

/* Models rs->cons[ci] into r; returns 0 when the rule does not apply. */
static int
model_rule(lineup_model *m, ruleset *rs, const partner_set *ps, cond_ctx *cx,
	   const cons_rule *cr, lu_rule *r)
{
	size_t n = ps->n, i;

	memset(r, 0, sizeof *r);
	r->fail = cr->sev == SEV_FAIL;
	r->penalty = r->fail ? 0 :
			       rule_penalty(rs, cr->sev, cr->has_penalty,
					    cr->penalty);
	r->has_lo = resolve(rs, cr->min, cr->has_min, cr->min_ref, &r->lo);
	r->has_hi = resolve(rs, cr->max, cr->has_max, cr->max_ref, &r->hi);
	switch (cr->kind) {
	case AGG_COUNT:
		r->kind = LU_COUNT;
		return r->has_lo || r->has_hi;
	case AGG_COUNT_WHERE: {
		unsigned char *flag = own(m, n, 1);

		r->kind = LU_COUNT_WHERE;
		for (i = 0; i < n; i++)
			flag[i] = cond_eval(cx, cr->where, pset_row(ps, i)) ==
				  T_TRUE;
		r->flag = flag;
		return r->has_lo || r->has_hi;
	}
	case AGG_SUM:
	case AGG_MIN:
	case AGG_MAX: {
		double *val = own(m, n, sizeof *val);
		unsigned char *present = own(m, n, 1);

		r->kind = cr->kind == AGG_SUM ? LU_SUM :
			  cr->kind == AGG_MIN ? LU_MIN :
						LU_MAX;
		for (i = 0; i < n; i++) {
			const value *v = &pset_row(ps, i)[cr->field];

			present[i] = v->kind != V_MISSING;
			val[i] = present[i] ? v->num : 0;
		}
		r->val = val;
		r->present = present;
		return r->has_lo || r->has_hi;
	}
	case AGG_COVERAGE:
		return model_coverage(m, rs, ps, cr, r);
	case AGG_DISTINCT:
		return model_distinct(m, ps, cr, r);
	}
	return 0;
}

void
lineup_model_build(lineup_model *m, ruleset *rs, const partner_set *ps,
		   const int *score, long today, const waiver_set *ws)
{
	size_t n = ps->n, W = (n + 63) / 64, i;
	severity min_sev = SEV_FAIL;
	pair_engine *pe;
	size_t counts[3] = { 0, 0, 0 };
	gather g;
	cond_ctx cx;

	memset(m, 0, sizeof *m);
	m->score = xcalloc(n + 1, sizeof *m->score);
	memcpy(m->score, score, n * sizeof *score);
	m->conflict = xcalloc(n * W + 1, sizeof *m->conflict);
	m->penalty = xcalloc(n * n + 1, sizeof *m->penalty);
	m->must = xcalloc(n + 1, 1);
	m->excluded = xcalloc(n + 1, 1);
	m->p.n = n;
	m->p.score = m->score;
	m->p.conflict = m->conflict;
	m->p.penalty = m->penalty;
	m->p.must = m->must;
	m->p.excluded = m->excluded;
	m->p.min_size = 0;
	m->p.max_size = n;
	/* Findings that cost nothing need not be gathered. */
	for (i = 0; i < rs->npairs; i++) {
		const pair_rule *r = &rs->pairs[i];

		if (r->sev != SEV_FAIL && r->sev < min_sev &&
		    rule_penalty(rs, r->sev, r->has_penalty, r->penalty))
			min_sev = r->sev;
	}
	g.m = m;
	g.rs = rs;
	g.ps = ps;
	g.ws = ws;
	g.today = today;
	g.W = W;
	pe = pairs_new(rs, ps, today);
	pairs_run(pe, min_sev, on_pair, &g, counts);
	pairs_free(pe);
	m->rules = xcalloc(rs->ncons + 1, sizeof *m->rules);
	m->cons_index = xcalloc(rs->ncons + 1, sizeof *m->cons_index);
	cond_ctx_init(&cx, rs, today);
	for (i = 0; i < rs->ncons; i++) {
		const waiver *w = ws ? waivers_find_consortium(ws,
							       rs->cons[i].id,
							       today) :
				       NULL;

		/* A waived consortium rule binds no line-up. */
		if (w && waiver_in_force(w, today))
			continue;
		if (model_rule(m, rs, ps, &cx, &rs->cons[i],
			       &m->rules[m->p.nrules])) {
			m->cons_index[m->p.nrules] = i;
			m->p.nrules++;
		}
	}
	cond_ctx_free(&cx);
	m->p.rules = m->rules;
}

void
lineup_model_free(lineup_model *m)
{
	size_t i;

	for (i = 0; i < m->nblocks; i++)
		free(m->blocks[i]);
	free(m->blocks);
	free(m->cons_index);
	free(m->score);
	free(m->conflict);
	free(m->penalty);
	free(m->must);
	free(m->excluded);
	free(m->rules);
	memset(m, 0, sizeof *m);
}
