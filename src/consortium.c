#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "consortium.h"
#include "fmt_value.h"
#include "strbuf.h"
#include "textkey.h"
#include "xalloc.h"

typedef struct run {
	const ruleset *rs;
	const partner_set *ps;
	cond_ctx cx;
	severity min_sev;
	cons_emit emit;
	void *ctx;
	size_t *counts;
	strbuf msg;
	const char **who; /* partners named by the current finding */
	size_t nwho;
} run;

static void
finish(run *r, const cons_rule *cr)
{
	cfinding f;

	r->counts[cr->sev]++;
	if (cr->sev < r->min_sev || !r->emit)
		return;
	if (cr->message && *cr->message)
		sb_addf(&r->msg, ": %s", cr->message);
	memset(&f, 0, sizeof f);
	f.d.title = cr->title;
	f.rule = cr->id;
	f.sev = cr->sev;
	f.message = r->msg.buf;
	f.partners = r->who;
	f.npartners = r->nwho;
	f.rationale = cr->rationale;
	r->emit(r->ctx, &f);
}

/* A bound from the rule or from the contract, said in the type t of the
 * figure it bounds (NULL: a count); 0 when it does not apply. */
static int
bound(run *r, const type_spec *t, double v, int has, const char *ref,
      double *out, strbuf *label)
{
	const contract_value *cv;

	sb_reset(label);
	if (!has)
		return 0;
	if (!ref) {
		*out = v;
		fmt_number(label, t, v, dec_from_double(v));
		return 1;
	}
	cv = rules_contract(r->rs, ref);
	if (!cv || !cv->is_num)
		return 0;
	*out = cv->num;
	sb_addf(label, "the contract's %s of ", ref);
	fmt_number(label, t, cv->num, dec_from_double(cv->num));
	return 1;
}

/* Reports got against the rule's bounds: prefix, the number (shown when
 * it is not a number to print, else got in type t, its exact decimal
 * dec when it has one), then unit ("the consortium has " 13 " partners"),
 * then the bound it breaks. */
static void
check_bounds_as(run *r, const cons_rule *cr, const type_spec *t, double got,
		decnum dec, const char *shown, const char *prefix,
		const char *unit, const char *tail)
{
	strbuf lab;
	double lim;
	int side;

	sb_init(&lab);
	for (side = 0; side < 2; side++) {
		int below = side == 0;

		if (!bound(r, t, below ? cr->min : cr->max,
			   below ? cr->has_min : cr->has_max,
			   below ? cr->min_ref : cr->max_ref, &lim, &lab) ||
		    (below ? got >= lim : got <= lim))
			continue;
		sb_reset(&r->msg);
		sb_adds(&r->msg, prefix);
		if (shown)
			sb_adds(&r->msg, shown);
		else
			fmt_number(&r->msg, t, got, dec);
		if (unit)
			sb_addf(&r->msg, " %s%s", unit, got == 1 ? "" : "s");
		if (tail)
			sb_adds(&r->msg, tail);
		sb_addf(&r->msg, ", %s %s%s", below ? "below" : "above",
			(below ? cr->min_ref : cr->max_ref) ? "" :
			below                               ? "the minimum " :
							      "the maximum ",
			lab.buf);
		finish(r, cr);
	}
	sb_free(&lab);
}

/* A count against the rule's bounds. */
static void
check_bounds(run *r, const cons_rule *cr, double got, const char *prefix,
	     const char *unit, const char *tail)
{
	check_bounds_as(r, cr, NULL, got, dec_from_int(got), NULL, prefix, unit,
			tail);
}

static void
add_who(run *r, const char *id)
{
	r->who[r->nwho++] = id;
}

static void
rule_count(run *r, const cons_rule *cr)
{
	const partner_set *ps = r->ps;
	size_t i;

	r->nwho = 0;
	if (cr->kind == AGG_COUNT) {
		check_bounds(r, cr, (double)ps->n, "the consortium has ",
			     "partner", NULL);
		return;
	}
	for (i = 0; i < ps->n; i++)
		if (cond_eval(&r->cx, cr->where, pset_row(ps, i)) == T_TRUE)
			add_who(r, ps->ids[i]);
	{
		strbuf what;

		sb_init(&what);
		sb_adds(&what, " with ");
		cond_text(cr->where, &what);
		check_bounds(r, cr, (double)r->nwho, "", "partner", what.buf);
		sb_free(&what);
	}
}

static void
rule_numeric(run *r, const cons_rule *cr)
{
	const partner_set *ps = r->ps;
	const char *name = cond_field_name(&r->cx, cr->field);
	double acc = 0;
	decnum dacc = dec_from_int(0);
	size_t i, present = 0, missing = 0;
	strbuf what;
	const char *shown = NULL;

	r->nwho = 0;
	for (i = 0; i < ps->n; i++) {
		const value *v = &pset_row(ps, i)[cr->field];

		if (v->kind == V_MISSING) {
			missing++;
			continue;
		}
		/* A sum is exact while every value has its decimal and the
		 * total fits (see value.h); otherwise it is the doubles'. */
		if (cr->kind == AGG_SUM) {
			acc += v->num;
			dacc = dec_add(dacc, v->dec);
		} else if (!present || (cr->kind == AGG_MIN ? v->num < acc :
							      v->num > acc)) {
			acc = v->num;
			dacc = v->dec;
		}
		present++;
	}
	if (!present)
		return;
	/* Name who the figure concerns: every contributor to a sum, the
	 * holders of the extreme value for min and max. */
	for (i = 0; i < ps->n; i++) {
		const value *v = &pset_row(ps, i)[cr->field];

		if (v->kind != V_MISSING &&
		    (cr->kind == AGG_SUM || v->num == acc))
			add_who(r, ps->ids[i]);
	}
	sb_init(&what);
	sb_addf(&what,
		cr->kind == AGG_SUM ? "%s adds up to " :
		cr->kind == AGG_MIN ? "the lowest %s is " :
				      "the highest %s is ",
		name);
	/* The figure as it is: exact digits when it has them; a sum past
	 * the largest double is said in words, never "inf" (it is above any
	 * maximum and below no minimum, as infinity compares). */
	if (dacc.ok)
		acc = dec_to_double(dacc);
	else if (!isfinite(acc))
		shown = "more than the largest number partnercheck can hold";
	check_bounds_as(r, cr, &r->rs->fields[cr->field].type, acc, dacc, shown,
			what.buf, NULL, NULL);
	sb_free(&what);
	(void)missing;
}

static void
rule_coverage(run *r, const cons_rule *cr)
{
	const partner_set *ps = r->ps;
	char *const *req = cr->required;
	size_t nreq = cr->nrequired, k, i, j, n = 0;

	if (cr->required_ref) {
		const contract_value *cv = rules_contract(r->rs,
							  cr->required_ref);

		if (!cv || cv->is_num)
			return;
		req = cv->items;
		nreq = cv->nitems;
		if (!cv->items && cv->text && *cv->text) {
			req = &cv->text;
			nreq = 1;
		}
	}
	sb_reset(&r->msg);
	r->nwho = 0;
	for (k = 0; k < nreq; k++) {
		size_t len = strlen(req[k]);
		int found = 0;

		for (i = 0; i < ps->n && !found; i++) {
			const value *v = &pset_row(ps, i)[cr->field];

			for (j = 0; j < v->nitems; j++)
				if (text_key_eq(v->items[j].s, v->items[j].len,
						req[k], len)) {
					found = 1;
					break;
				}
		}
		if (found)
			continue;
		if (!n++)
			sb_addf(&r->msg, "no partner offers %s: ",
				cond_field_name(&r->cx, cr->field));
		else
			sb_adds(&r->msg, ", ");
		sb_adds(&r->msg, req[k]);
	}
	if (n) {
		if (cr->required_ref)
			sb_addf(&r->msg, " (required by contract.%s)",
				cr->required_ref);
		finish(r, cr);
	}
}

/* Every (value, partner) pair, sorted by the value's key (textkey.h:
 * "AI" and "ai" are one value), so that values held by one partner alone
 * stand out in one pass.  Each key is folded once, into one buffer, and
 * the sort compares bytes: folding in the comparison folded every value
 * some 2 log n times. */
typedef struct owned {
	const char *key; /* into the keys buffer, not NUL-terminated */
	size_t off;      /* of key in the buffer, while it still grows */
	size_t len;
	size_t who;
} owned;

static int
key_cmp(const owned *x, const owned *y)
{
	int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int
cmp_owned(const void *a, const void *b)
{
	const owned *x = a, *y = b;
	int c = key_cmp(x, y);

	return c ? c : (x->who > y->who) - (x->who < y->who);
}

static void
rule_distinct(run *r, const cons_rule *cr)
{
	const partner_set *ps = r->ps;
	owned *all = NULL;
	size_t nall = 0, cap = 0, i, k, f, run_start;
	unsigned char *adds = xcalloc(ps->n + 1, 1);
	strbuf keys;

	sb_init(&keys);
	for (i = 0; i < ps->n; i++)
		for (f = 0; f < cr->nfields; f++) {
			const value *v = &pset_row(ps, i)[cr->fields[f]];

			for (k = 0; k < v->nitems; k++) {
				size_t at = keys.len;

				text_key_add(&keys, v->items[k].s,
					     v->items[k].len);
				all = xgrow(all, &cap, nall + 1, sizeof *all);
				all[nall].off = at;
				all[nall].len = keys.len - at;
				all[nall].who = i;
				nall++;
			}
		}
	for (k = 0; k < nall; k++)
		all[k].key = keys.buf + all[k].off;
	if (nall)
		qsort(all, nall, sizeof *all, cmp_owned);
	for (run_start = 0; run_start < nall; run_start = k) {
		size_t owners = 1;

		for (k = run_start + 1;
		     k < nall && !key_cmp(&all[k], &all[run_start]); k++)
			if (all[k].who != all[k - 1].who)
				owners++;
		if (owners == 1)
			adds[all[run_start].who] = 1;
	}
	r->nwho = 0;
	for (i = 0; i < ps->n; i++)
		if (!adds[i])
			add_who(r, ps->ids[i]);
	if (r->nwho) {
		sb_reset(&r->msg);
		for (i = 0; i < r->nwho; i++)
			sb_addf(&r->msg, "%s%s", i ? ", " : "", r->who[i]);
		sb_addf(&r->msg, " add%s no ", r->nwho == 1 ? "s" : "");
		for (f = 0; f < cr->nfields; f++)
			sb_addf(&r->msg, "%s%s",
				f ? (f + 1 == cr->nfields ? " or " : ", ") : "",
				cond_field_name(&r->cx, cr->fields[f]));
		sb_adds(&r->msg, " value that no other partner has");
		finish(r, cr);
	}
	free(all);
	free(adds);
	sb_free(&keys);
}

void
consortium_run(const ruleset *rs, const partner_set *ps, long today,
	       severity min_sev, cons_emit emit, void *ctx, size_t counts[3])
{
	consortium_run_labelled(rs, ps, today, min_sev, 0, emit, ctx, counts);
}

void
consortium_run_labelled(const ruleset *rs, const partner_set *ps, long today,
			severity min_sev, int labels, cons_emit emit, void *ctx,
			size_t counts[3])
{
	run r;
	size_t i;

	memset(&r, 0, sizeof r);
	r.rs = rs;
	r.ps = ps;
	r.min_sev = min_sev;
	r.emit = emit;
	r.ctx = ctx;
	r.counts = counts;
	cond_ctx_init(&r.cx, rs, today);
	r.cx.labels = labels;
	sb_init(&r.msg);
	r.who = xcalloc(ps->n + 1, sizeof *r.who);
	if (ps->errors) {
		cons_rule note;

		memset(&note, 0, sizeof note);
		note.id = "consortium.incomplete";
		note.sev = SEV_INFO;
		sb_addf(&r.msg,
			"%zu partner%s in error %s left out of the "
			"pairwise and consortium checks",
			ps->errors, ps->errors == 1 ? "" : "s",
			ps->errors == 1 ? "is" : "are");
		finish(&r, &note);
	}
	for (i = 0; i < rs->ncons; i++) {
		const cons_rule *cr = &rs->cons[i];

		r.nwho = 0;
		switch (cr->kind) {
		case AGG_COUNT:
		case AGG_COUNT_WHERE:
			rule_count(&r, cr);
			break;
		case AGG_SUM:
		case AGG_MIN:
		case AGG_MAX:
			rule_numeric(&r, cr);
			break;
		case AGG_COVERAGE:
			rule_coverage(&r, cr);
			break;
		case AGG_DISTINCT:
			rule_distinct(&r, cr);
			break;
		}
	}
	free(r.who);
	sb_free(&r.msg);
	cond_ctx_free(&r.cx);
}
