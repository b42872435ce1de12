#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess.h"
#include "cond.h"
#include "csvread.h"
#include "eval.h"
#include "lineup.h"
#include "lineup_model.h"
#include "pairs.h"
#include "pairs_steps.h"
#include "partners.h"
#include "rules_test.h"
#include "waivers.h"
#include "xalloc.h"

/*
 * Running one rule-test case: the partner rows go through csvread, the
 * evaluator and assess.c exactly as `partnercheck check` reads a file, and
 * the line-up through the lineup model and solver as `lineup` does.  What
 * came out is then compared with what the case expects.  Nothing here
 * decides a verdict itself; coverage only asks cond_eval which way each
 * check's own conditions went for a row.
 */

/* One partner as the run saw it. */
typedef struct got_partner {
	char *id;
	status st;
	char **fired; /* fail and missing findings (and "input") */
	size_t nfired;
	char **waived;
	size_t nwaived;
} got_partner;

typedef struct run {
	ruleset *rs;
	long today;
	rt_coverage *cov;
	cond_ctx cx;
	got_partner *got;
	size_t ngot;
	rt_pair *pairs;
	size_t npairs;
	size_t *pair_count;  /* findings per pairwise rule, waived or not */
	size_t *pair_waived; /* of those, the ones a waiver in force covers */
	unsigned char *cons_fired; /* CONS_FAIL and CONS_WAIVED bits */
	partner_set elig;          /* pass and warn partners, for the line-up */
	int *score;                /* their scores, in tenths */
	csvread *in;
	strbuf *diff;
	int read_error;
	const waiver_set *ws; /* the case's waivers, for the line-up too */
} run;

/* sb_detach leaves sb valid, with a buffer of its own: this frees that
 * too, for a caller done with sb. */
static char *
take(strbuf *sb)
{
	char *s = sb_detach(sb);

	sb_free(sb);
	return s;
}

static void
add_str(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

static void
free_strs(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* What happened to each check for this row, by asking its conditions. */
static void
cover_checks(run *r, const verdict *v, const value *vals)
{
	const ruleset *rs = r->rs;
	size_t i, k;

	for (i = 0; i < rs->nchecks; i++) {
		const check *ck = &rs->checks[i];
		tri t;

		if (ck->when && cond_eval(&r->cx, ck->when, vals) == T_FALSE) {
			r->cov->seen[i] |= RT_NOT_APPLY;
			continue;
		}
		t = cond_eval(&r->cx, ck->test, vals);
		r->cov->seen[i] |= t == T_TRUE  ? RT_PASS :
				   t == T_FALSE ? RT_FAIL :
						  RT_MISSING;
	}
	for (k = 0; k < v->nfindings; k++)
		if (v->findings[k].out == OUT_WAIVED) {
			int c = rules_check(rs, v->findings[k].rule);

			if (c >= 0)
				r->cov->seen[c] |= RT_WAIVED;
		}
}

static void
on_partner(void *ctx, const verdict *v, const value *vals)
{
	run *r = ctx;
	got_partner *g;
	size_t k;

	r->got = xrealloc(r->got, (r->ngot + 1) * sizeof *r->got);
	g = &r->got[r->ngot++];
	memset(g, 0, sizeof *g);
	g->id = xstrdup(v->id);
	g->st = v->st;
	for (k = 0; k < v->nfindings; k++) {
		const finding *f = &v->findings[k];

		if (f->out == OUT_WAIVED)
			add_str(&g->waived, &g->nwaived, f->rule);
		else
			add_str(&g->fired, &g->nfired, f->rule);
	}
	if (vals && r->cov)
		cover_checks(r, v, vals);
	if (vals && (v->st == ST_PASS || v->st == ST_WARN)) {
		r->score = xrealloc(r->score,
				    (r->elig.n + 1) * sizeof *r->score);
		r->score[r->elig.n] = v->has_score ? lineup_tenths(v->score) :
						     0;
		pset_add(&r->elig, v->id, vals);
	}
}

/* A pairwise rule held for a pair, waived or not: either way the case
 * made it fire. */
/* How a consortium rule's findings came out in a case: a finding that no
 * waiver covers, one that a waiver covers, or both (two rules of one id). */
enum {
	CONS_FAIL = 1,
	CONS_WAIVED = 2
};

static void
on_pair(void *ctx, size_t a, size_t b, const pair_rule *pr, outcome out,
	const char *msg)
{
	run *r = ctx;

	(void)a;
	(void)b;
	(void)msg;
	r->pair_count[pr - r->rs->pairs]++;
	if (out == OUT_WAIVED)
		r->pair_waived[pr - r->rs->pairs]++;
}

static void
on_conflict(void *ctx, const conflict *c)
{
	run *r = ctx;
	rt_pair *p;

	r->pairs = xrealloc(r->pairs, (r->npairs + 1) * sizeof *r->pairs);
	p = &r->pairs[r->npairs++];
	p->rule = xstrdup(c->rule);
	p->a = xstrdup(c->a);
	p->b = xstrdup(c->b);
	p->outcome = c->out == OUT_WAIVED ? RT_PAIR_WAIVED : RT_PAIR_FAIL;
}

static void
on_consortium(void *ctx, const cfinding *f)
{
	run *r = ctx;
	size_t i;

	/* consortium.c hands on the rule's own id string, which tells two
	 * rules of one id (a min and a max, say) apart */
	unsigned char how = f->out == OUT_WAIVED ? CONS_WAIVED : CONS_FAIL;

	for (i = 0; i < r->rs->ncons; i++)
		if (r->rs->cons[i].id == f->rule) {
			r->cons_fired[i] |= how;
			return;
		}
	for (i = 0; i < r->rs->ncons; i++)
		if (!strcmp(r->rs->cons[i].id, f->rule))
			r->cons_fired[i] |= how;
}

static int
next_row(void *src, csv_record *rec)
{
	run *r = src;
	int rc = csvread_next(r->in, rec);

	if (rc < 0) {
		sb_addf(r->diff, "    %s:%zu: %s\n", csvread_path(r->in),
			csvread_error_line(r->in), csvread_error(r->in));
		r->read_error = 1;
	}
	return rc;
}

static void
add_cell(strbuf *sb, const char *s, char delim)
{
	sb_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
	(void)delim;
}

static int
has_col(const rt_case *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ncols; i++)
		if (!strcmp(c->cols[i], name))
			return 1;
	return 0;
}

/* The inline rows as CSV: the case's columns, then the rule set's id
 * column and every field's column it does not give, left empty. */
static char *
inline_csv(const ruleset *rs, const rt_case *c, char delim)
{
	strbuf sb;
	size_t i, k, extra = 0;
	const char **more = xcalloc(rs->nfields + 3, sizeof *more);

	if (rs->id_column && !has_col(c, rs->id_column))
		more[extra++] = rs->id_column;
	if (rs->name_column && !has_col(c, rs->name_column) &&
	    (!extra || strcmp(more[0], rs->name_column)))
		more[extra++] = rs->name_column;
	for (i = 0; i < rs->nfields; i++) {
		const char *col = rs->fields[i].column;

		for (k = 0; k < extra && strcmp(more[k], col); k++)
			;
		if (k == extra && !has_col(c, col))
			more[extra++] = col;
	}
	sb_init(&sb);
	for (i = 0; i < c->ncols + extra; i++) {
		if (i)
			sb_addc(&sb, delim);
		add_cell(&sb, i < c->ncols ? c->cols[i] : more[i - c->ncols],
			 delim);
	}
	sb_addc(&sb, '\n');
	for (k = 0; k < c->nrows; k++) {
		for (i = 0; i < c->ncols + extra; i++) {
			if (i)
				sb_addc(&sb, delim);
			add_cell(&sb,
				 i < c->ncols ? c->cells[k * c->ncols + i] : "",
				 delim);
		}
		sb_addc(&sb, '\n');
	}
	free(more);
	return take(&sb);
}

/* Loads the case's waivers onto ws; returns -1 after noting why not. */
static int
load_waivers(run *r, const ruleset *rs, const rt_case *c, waiver_set *ws)
{
	diaglist dl = { NULL, 0, 0 };
	size_t i;
	int bad = 0;

	if (c->waivers_path)
		bad = waivers_load_csv(ws, c->waivers_path, rs, NULL, &dl) ||
		      dl.n;
	if (c->waivers_csv) {
		/* waivers_load_csv reads a file: a private temporary one,
		 * removed as soon as it is read */
		const char *dir = getenv("TMPDIR");
		strbuf name;
		int fd;
		FILE *f;

		sb_init(&name);
		sb_addf(&name, "%s/partnercheck-waivers-XXXXXX",
			dir && *dir ? dir : "/tmp");
		fd = mkstemp(name.buf);
		f = fd < 0 ? NULL : fdopen(fd, "w");
		if (!f) {
			if (fd >= 0)
				close(fd);
			sb_addf(r->diff, "    cannot write a temporary file\n");
			sb_free(&name);
			return -1;
		}
		fputs(c->waivers_csv, f);
		fclose(f);
		bad = waivers_load_csv(ws, name.buf, rs, NULL, &dl) || dl.n;
		unlink(name.buf);
		/* "TMP:3: ..." is the case's waivers[1] (line 1 is the
		 * header): the temporary name means nothing to the reader */
		for (i = 0; i < dl.n; i++) {
			const char *m = dl.msgs[i];
			char *end;
			long line;

			if (strncmp(m, name.buf, name.len) ||
			    m[name.len] != ':')
				continue;
			line = strtol(m + name.len + 1, &end, 10);
			sb_addf(r->diff, "    %s.waivers[%ld]%s\n", c->where,
				line - 2, end);
			dl.msgs[i][0] = '\0';
		}
		sb_free(&name);
	}
	for (i = 0; i < dl.n; i++)
		if (dl.msgs[i][0])
			sb_addf(r->diff, "    %s\n", dl.msgs[i]);
	diaglist_free(&dl);
	waivers_seal(ws);
	return bad ? -1 : 0;
}

static int
in_list(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}

static void
add_list(strbuf *sb, char *const *v, size_t n)
{
	size_t i;

	sb_addc(sb, '[');
	for (i = 0; i < n; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", v[i]);
	sb_addc(sb, ']');
}

/* Same members, any order (the lists hold no repeats that matter). */
static int
same_set(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i;

	for (i = 0; i < na; i++)
		if (!in_list(b, nb, a[i]))
			return 0;
	for (i = 0; i < nb; i++)
		if (!in_list(a, na, b[i]))
			return 0;
	return 1;
}

static void
compare_list(strbuf *d, const char *what, const char *pre, char *const *want,
	     size_t nwant, char *const *got, size_t ngot)
{
	if (same_set(want, nwant, got, ngot))
		return;
	sb_addf(d, "    %s%s: expected ", pre, what);
	add_list(d, want, nwant);
	sb_adds(d, ", got ");
	add_list(d, got, ngot);
	sb_addc(d, '\n');
}

static void
compare_partners(run *r, const rt_case *c)
{
	size_t i, k;

	for (i = 0; i < c->npartners; i++) {
		const rt_partner_exp *e = &c->partners[i];
		const got_partner *g = NULL;
		strbuf pre;

		for (k = 0; k < r->ngot && !g; k++)
			if (!strcmp(r->got[k].id, e->id))
				g = &r->got[k];
		if (!g) {
			sb_addf(r->diff,
				"    partner %s: not among the rows "
				"read\n",
				e->id);
			continue;
		}
		sb_init(&pre);
		sb_addf(&pre, "partner %s: ", e->id);
		if (e->status >= 0 && (status)e->status != g->st)
			sb_addf(r->diff, "    %sstatus: expected %s, got %s\n",
				pre.buf, status_name((status)e->status),
				status_name(g->st));
		if (e->has_fires)
			compare_list(r->diff, "fires", pre.buf, e->fires,
				     e->nfires, g->fired, g->nfired);
		for (k = 0; k < e->nincludes; k++)
			if (!in_list(g->fired, g->nfired, e->includes[k])) {
				sb_addf(r->diff,
					"    %sfires: expected to include %s, "
					"got ",
					pre.buf, e->includes[k]);
				add_list(r->diff, g->fired, g->nfired);
				sb_addc(r->diff, '\n');
			}
		if (e->has_waived)
			compare_list(r->diff, "waived", pre.buf, e->waived,
				     e->nwaived, g->waived, g->nwaived);
		sb_free(&pre);
	}
}

/* Whether found pair finding y is expected x: the same rule and pair,
 * and the outcome x names, if it names one. */
static int
pair_eq(const rt_pair *x, const rt_pair *y)
{
	return !strcmp(x->rule, y->rule) &&
	       (x->outcome == RT_PAIR_ANY || x->outcome == y->outcome) &&
	       ((!strcmp(x->a, y->a) && !strcmp(x->b, y->b)) ||
		(!strcmp(x->a, y->b) && !strcmp(x->b, y->a)));
}

/* ", waived" after a pair's ids, as a test file writes it */
static const char *
pair_outcome(int out)
{
	return out == RT_PAIR_WAIVED ? ", waived" :
	       out == RT_PAIR_FAIL   ? ", fail" :
				       "";
}

static void
compare_pairs(run *r, const rt_case *c)
{
	size_t i, k;

	for (i = 0; i < c->npairs; i++) {
		for (k = 0;
		     k < r->npairs && !pair_eq(&c->pairs[i], &r->pairs[k]); k++)
			;
		if (k == r->npairs)
			sb_addf(r->diff,
				"    pairs: expected [%s, %s, %s%s], not "
				"found\n",
				c->pairs[i].rule, c->pairs[i].a, c->pairs[i].b,
				pair_outcome(c->pairs[i].outcome));
	}
	for (k = 0; k < r->npairs; k++) {
		for (i = 0;
		     i < c->npairs && !pair_eq(&c->pairs[i], &r->pairs[k]); i++)
			;
		/* a waived finding says so; a failing one reads as before */
		if (i == c->npairs)
			sb_addf(r->diff,
				"    pairs: unexpected [%s, %s, %s%s]\n",
				r->pairs[k].rule, r->pairs[k].a, r->pairs[k].b,
				pair_outcome(r->pairs[k].outcome ==
						     RT_PAIR_WAIVED ?
						 RT_PAIR_WAIVED :
						 RT_PAIR_ANY));
	}
}

/* Whether consortium rule cr could be judged on ps: its contract values
 * are set, and a sum, min or max has a member with a value. */
static int
cons_applies(const ruleset *rs, const cons_rule *cr, const partner_set *ps)
{
	size_t i;

	if ((cr->min_ref && !rules_contract(rs, cr->min_ref)) ||
	    (cr->max_ref && !rules_contract(rs, cr->max_ref)) ||
	    (cr->required_ref && !rules_contract(rs, cr->required_ref)))
		return 0;
	if (cr->kind != AGG_SUM && cr->kind != AGG_MIN && cr->kind != AGG_MAX)
		return 1;
	for (i = 0; i < ps->n; i++)
		if (pset_row(ps, i)[cr->field].kind != V_MISSING)
			return 1;
	return 0;
}

/* Whether consortium rule cr went unjudged for want of values: a sum, min
 * or max whose contract values are set but no member has a value (the
 * assessment then says nothing, as a check's missing policy may). */
static int
cons_missing(const ruleset *rs, const cons_rule *cr, const partner_set *ps)
{
	return ps->n &&
	       (cr->kind == AGG_SUM || cr->kind == AGG_MIN ||
		cr->kind == AGG_MAX) &&
	       !cons_applies(rs, cr, ps) &&
	       !(cr->min_ref && !rules_contract(rs, cr->min_ref)) &&
	       !(cr->max_ref && !rules_contract(rs, cr->max_ref));
}

static void
no_step(void *ctx, const cond *c, tri t, const char *holds)
{
	(void)ctx;
	(void)c;
	(void)t;
	(void)holds;
}

/* Which way pair rule i went for each pair of ps, as the pair engine
 * decides it (pairs_steps): false is a pass, missing is missing (either
 * partner lacked a value the rule reads).  Findings are counted from the
 * assessment itself (pair_count). */
static void
cover_pair_truths(const ruleset *rs, const partner_set *ps, long today,
		  unsigned *seen)
{
	pair_engine *pe;
	size_t i, a, b;

	if (!rs->npairs || ps->n < 2)
		return;
	pe = pairs_new(rs, ps, today);
	for (i = 0; i < rs->npairs; i++)
		for (a = 0; a < ps->n; a++)
			for (b = a + 1; b < ps->n; b++) {
				tri t = pairs_steps(pe, i, a, b, no_step, NULL);

				if (t == T_FALSE)
					seen[i] |= RT_PASS;
				else if (t == T_MISSING)
					seen[i] |= RT_MISSING;
			}
	pairs_free(pe);
}

static void
cover_rules(run *r, const partner_set *ps)
{
	const ruleset *rs = r->rs;
	size_t i;
	unsigned *seen = r->cov->seen + rs->nchecks;

	for (i = 0; i < rs->npairs; i++) {
		if (r->pair_count[i] > r->pair_waived[i])
			seen[i] |= RT_FAIL;
		if (r->pair_waived[i])
			seen[i] |= RT_WAIVED;
	}
	cover_pair_truths(rs, ps, r->today, seen);
	seen += rs->npairs;
	for (i = 0; i < rs->ncons; i++) {
		if (r->cons_fired[i] & CONS_FAIL)
			seen[i] |= RT_FAIL;
		if (r->cons_fired[i] & CONS_WAIVED)
			seen[i] |= RT_WAIVED;
		if (!r->cons_fired[i] && ps->n &&
		    cons_applies(rs, &rs->cons[i], ps))
			seen[i] |= RT_PASS;
		if (cons_missing(rs, &rs->cons[i], ps))
			seen[i] |= RT_MISSING;
	}
}

static void
run_lineup(run *r, const rt_case *c)
{
	char **got = NULL;
	size_t ngot = 0, i;
	lineup_model m;
	lu_result *res = NULL;

	if (r->elig.n) {
		lu_opts o;

		memset(&m, 0, sizeof m);
		lineup_model_build(&m, r->rs, &r->elig, r->score, r->today,
				   r->ws);
		if (r->rs->lineup.has_size) {
			m.p.min_size = r->rs->lineup.min_size;
			m.p.max_size = r->rs->lineup.max_size;
		} else {
			m.p.min_size = 1;
			m.p.max_size = r->elig.n;
		}
		memset(&o, 0, sizeof o);
		o.top = 1;
		o.force = -1;
		res = lu_solve(&m.p, &o);
		for (i = 0; res->nsets && i < res->sets[0].k; i++)
			add_str(&got, &ngot,
				r->elig.ids[res->sets[0].members[i]]);
		lineup_model_free(&m);
	}
	if (c->lineup_none) {
		if (res && res->nsets) {
			sb_adds(r->diff, "    lineup: expected none, got ");
			add_list(r->diff, got, ngot);
			sb_addc(r->diff, '\n');
		}
	} else if (!res || !res->nsets) {
		sb_adds(r->diff, "    lineup: expected ");
		add_list(r->diff, c->lineup, c->nlineup);
		sb_adds(r->diff, ", got none\n");
	} else {
		compare_list(r->diff, "lineup", "", c->lineup, c->nlineup, got,
			     ngot);
	}
	lu_result_free(res);
	free_strs(got, ngot);
}

static void
free_run(run *r)
{
	size_t i;

	for (i = 0; i < r->ngot; i++) {
		free(r->got[i].id);
		free_strs(r->got[i].fired, r->got[i].nfired);
		free_strs(r->got[i].waived, r->got[i].nwaived);
	}
	free(r->got);
	for (i = 0; i < r->npairs; i++) {
		free(r->pairs[i].rule);
		free(r->pairs[i].a);
		free(r->pairs[i].b);
	}
	free(r->pairs);
	free(r->pair_count);
	free(r->pair_waived);
	free(r->cons_fired);
	free(r->score);
	pset_free(&r->elig);
	cond_ctx_free(&r->cx);
}

/* Runs the rows through the evaluator and assess.c; returns 0, or 2 when
 * the rows could not be read or bound to the rule set. */
static int
assess_case(run *r, const rt_case *c, waiver_set *ws)
{
	csvread_opts ro;
	csvread *in;
	csv_record hdr;
	evaluator *ev;
	eval_opts eo;
	diaglist dl = { NULL, 0, 0 };
	summary sum;
	assess a;
	partner_set ps;
	char err[512], *text = NULL, *label = NULL;
	FILE *mem = NULL;

	r->ws = ws;
	size_t i;
	int rc = 2;

	memset(&ro, 0, sizeof ro);
	ro.delimiter = r->rs->delimiter;
	ro.enc = r->rs->enc;
	if (c->csv_path) {
		in = csvread_open(c->csv_path, &ro, err, sizeof err);
		if (!in) {
			sb_addf(r->diff, "    %s\n", err);
			return 2;
		}
	} else {
		char delim = r->rs->delimiter ? r->rs->delimiter : ',';

		text = inline_csv(r->rs, c, delim);
		ro.delimiter = delim;
		ro.enc = ENC_UTF8;
		mem = fmemopen(text, strlen(text), "r");
		if (!mem) {
			free(text);
			sb_adds(r->diff, "    cannot read the inline rows\n");
			return 2;
		}
		label = xmalloc(strlen(c->where) + sizeof ".partners");
		strcpy(label, c->where);
		strcat(label, ".partners");
		in = csvread_fopen(mem, label, &ro);
	}
	r->in = in;
	if (csvread_next(in, &hdr) <= 0) {
		sb_addf(r->diff, "    %s: no header row\n", csvread_path(in));
		goto out;
	}
	memset(&eo, 0, sizeof eo);
	eo.today = r->today;
	eo.waivers = ws;
	eo.pairs = 1;
	ev = eval_new(r->rs, &hdr, csvread_path(in), &eo, &dl);
	for (i = 0; i < dl.n; i++)
		sb_addf(r->diff, "    %s\n", dl.msgs[i]);
	diaglist_free(&dl);
	if (!ev)
		goto out;
	memset(&sum, 0, sizeof sum);
	memset(&a, 0, sizeof a);
	a.rs = r->rs;
	a.today = r->today;
	a.min_sev = SEV_INFO;
	a.ws = ws;
	a.sum = &sum;
	a.on_partner = on_partner;
	a.on_pair = on_pair;
	a.on_conflict = on_conflict;
	a.on_consortium = on_consortium;
	a.ctx = r;
	pset_init(&ps, r->rs, eval_used(ev));
	pset_init(&r->elig, r->rs, eval_used(ev));
	if (assess_rows(&a, ev, next_row, r, &ps) == 0 && !r->read_error) {
		assess_pairs(&a, &ps);
		assess_consortium(&a, &ps);
		if (r->cov)
			cover_rules(r, &ps);
		compare_partners(r, c);
		if (c->has_pairs)
			compare_pairs(r, c);
		if (c->has_cons) {
			char **got = NULL;
			size_t ngot = 0;

			for (i = 0; i < r->rs->ncons; i++)
				if (r->cons_fired[i])
					add_str(&got, &ngot, r->rs->cons[i].id);
			compare_list(r->diff, "consortium", "", c->cons,
				     c->ncons, got, ngot);
			free_strs(got, ngot);
		}
		if (c->has_lineup)
			run_lineup(r, c);
		rc = 0;
	}
	pset_free(&ps);
	eval_free(ev);
out:
	csvread_close(in);
	if (mem)
		fclose(mem);
	free(text);
	free(label);
	return rc;
}

int
rt_run_case(ruleset *rs, const rt_case *c, long today, rt_coverage *cov,
	    strbuf *diff)
{
	run r;
	waiver_set *ws;
	size_t i, before = diff->len;
	int rc;

	memset(&r, 0, sizeof r);
	r.rs = rs;
	r.today = c->has_today ? c->today : today;
	r.cov = cov;
	r.diff = diff;
	for (i = 0; i < c->nset; i++) {
		char err[300];

		/* check.* values were set when the rule set was loaded */
		if (!strncmp(c->set[i], "check.", 6) && strchr(c->set[i], '='))
			continue;
		if (strncmp(c->set[i], "contract.", 9)) {
			sb_addf(diff,
				"    %s.set: %s: only contract.KEY and "
				"check.ID.KEY can be set\n",
				c->where, c->set[i]);
			return 2;
		}
		if (rules_set_contract(rs, c->set[i] + 9, err, sizeof err) <
		    0) {
			sb_addf(diff, "    %s.set: %s: %s\n", c->where,
				c->set[i], err);
			return 2;
		}
	}
	ws = waivers_new(rs);
	if (load_waivers(&r, rs, c, ws) < 0) {
		waivers_free(ws);
		return 2;
	}
	cond_ctx_init(&r.cx, rs, r.today);
	r.pair_count = xcalloc(rs->npairs + 1, sizeof *r.pair_count);
	r.pair_waived = xcalloc(rs->npairs + 1, sizeof *r.pair_waived);
	r.cons_fired = xcalloc(rs->ncons + 1, 1);
	rc = assess_case(&r, c, ws);
	free_run(&r);
	waivers_free(ws);
	if (rc)
		return rc;
	return diff->len > before ? 1 : 0;
}

size_t
rt_rule_count(const ruleset *rs)
{
	return rs->nchecks + rs->npairs + rs->ncons;
}

const char *
rt_rule_id(const ruleset *rs, size_t i)
{
	if (i < rs->nchecks)
		return rs->checks[i].id;
	i -= rs->nchecks;
	if (i < rs->npairs)
		return rs->pairs[i].id;
	return rs->cons[i - rs->npairs].id;
}

/* Whether the condition can come out missing: a leaf that reads a value
 * which can be absent (lists read empty as an empty list; presence tests
 * are never missing). */
static int
can_miss(const ruleset *rs, const cond *c)
{
	size_t i;

	if (!c)
		return 0;
	if (c->nkids) {
		for (i = 0; i < c->nkids; i++)
			if (can_miss(rs, c->kids[i]))
				return 1;
		return 0;
	}
	if (c->op == C_EMPTY || c->op == C_NOT_EMPTY || c->op == C_PRESENT ||
	    c->op == C_ABSENT)
		return 0;
	if (c->expr)
		return 1;
	return c->field >= 0 && rs->fields[c->field].type.type != FT_LIST;
}

void
rt_applicable(const ruleset *rs, unsigned *want)
{
	size_t i, n = 0;

	for (i = 0; i < rs->nchecks; i++) {
		const check *ck = &rs->checks[i];

		want[n++] = RT_PASS | RT_FAIL | RT_WAIVED |
			    (can_miss(rs, ck->test) ? RT_MISSING : 0) |
			    (ck->when ? RT_NOT_APPLY : 0);
	}
	/* a pair or consortium waiver covers their findings as a partner
	 * waiver covers a check's */
	for (i = 0; i < rs->npairs; i++)
		want[n++] = RT_PASS | RT_FAIL | RT_WAIVED |
			    (can_miss(rs, rs->pairs[i].test) ? RT_MISSING : 0);
	/* a sum, min or max of a member value goes unjudged when no member
	 * has one; counts, coverage and distinct read lists or rows, which
	 * are never missing */
	for (i = 0; i < rs->ncons; i++) {
		const cons_rule *cr = &rs->cons[i];
		int miss = (cr->kind == AGG_SUM || cr->kind == AGG_MIN ||
			    cr->kind == AGG_MAX) &&
			   cr->field >= 0;

		want[n++] = RT_PASS | RT_FAIL | RT_WAIVED |
			    (miss ? RT_MISSING : 0);
	}
}
