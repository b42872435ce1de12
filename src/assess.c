#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "consortium.h"
#include "date.h"
#include "pairs.h"
#include "report_read.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

void
assess_count(const assess *a, const verdict *v)
{
	summary *s = a->sum;
	size_t i;

	s->rows_read++;
	s->rows_reported++;
	s->by_status[v->st]++;
	if (a->ws)
		waivers_mark_partner(a->ws, v->id);
	for (i = 0; i < v->nfindings; i++) {
		const finding *f = &v->findings[i];

		if (f->d.known)
			s->known++;
		if (f->out == OUT_WAIVED)
			s->waived++;
		else
			s->findings[f->sev]++;
		if (!f->d.known && f->out != OUT_WAIVED)
			s->fresh[f->sev]++;
	}
}

int
assess_rows(const assess *a, evaluator *ev, assess_next next, void *src,
	    partner_set *ps)
{
	csv_record rec;
	verdict v;
	int rc;

	while ((rc = next(src, &rec)) > 0) {
		const value *vals;

		eval_row(ev, &rec, &v);
		assess_count(a, &v);
		vals = eval_values(ev);
		if (a->on_partner)
			a->on_partner(a->ctx, &v, vals);
		if (!ps)
			continue;
		if (vals)
			pset_add_line(ps, v.id, vals, v.line);
		else
			ps->errors++;
	}
	return rc < 0 ? -1 : 0;
}

typedef struct pair_ctx {
	const assess *a;
	const partner_set *ps;
	pair_engine *pe;
	int waivers;      /* a->ws holds pair waivers */
	strbuf msg;       /* a finding's message with its waiver's note */
	char expires[16]; /* the waiver's expiry, YYYY-MM-DD */
} pair_ctx;

/* The waiver w of a finding, if any: its note goes after the message
 * (*msg then points into sb; without a waiver the message is not copied,
 * as most findings have none), *fw describes it for the structured
 * formats (its expiry written into date, 16 bytes), and one in force
 * moves the finding's count from counts[sev] to *waived.  Returns the
 * finding's outcome. */
static outcome
apply_waiver(const assess *a, const waiver *w, const char **msg, severity sev,
	     size_t counts[3], size_t *waived, strbuf *sb, finding_waiver *fw,
	     char *date)
{
	memset(fw, 0, sizeof *fw);
	if (!w)
		return OUT_FAIL;
	sb_reset(sb);
	sb_adds(sb, *msg);
	waivers_note(sb, w, a->today);
	*msg = sb->buf;
	fw->reason = w->reason;
	if (w->has_expiry) {
		date_format_iso(w->expires, date);
		fw->expires = date;
	}
	if (!waiver_in_force(w, a->today)) {
		fw->expired = 1;
		return OUT_FAIL;
	}
	counts[sev]--;
	(*waived)++;
	return OUT_WAIVED;
}

static void
on_pair_finding(void *p, size_t i, size_t j, const pair_rule *r,
		const char *msg)
{
	pair_ctx *pc = p;
	const assess *a = pc->a;
	outcome out = OUT_FAIL;
	conflict cf;
	finding_waiver fw = { NULL, NULL, 0 };
	int known;

	/* pairs_run counted the finding just before handing it on.  The
	 * lookup is skipped outright without pair waivers: this runs once
	 * per finding, millions of times on a large pool. */
	if (pc->waivers)
		out = apply_waiver(a,
				   waivers_find_pair(a->ws, pc->ps->ids[i],
						     pc->ps->ids[j], r->id,
						     a->today),
				   &msg, r->sev, a->sum->conflicts,
				   &a->sum->conflicts_waived, &pc->msg, &fw,
				   pc->expires);
	known = a->baseline &&
		report_doc_known(a->baseline, RK_CONFLICT, pc->ps->ids[i],
				 pc->ps->ids[j], r->id, r->sev,
				 out == OUT_WAIVED);
	/* Only the findings handed on are sorted into known and fresh
	 * (below --severity, pairs_run counts without calling here), and a
	 * waived one is neither. */
	if (known)
		a->sum->known++;
	else if (out != OUT_WAIVED)
		a->sum->fresh[r->sev]++;
	if (a->on_pair)
		a->on_pair(a->ctx, i, j, r, out, msg);
	if (!a->on_conflict ||
	    (a->max_conflicts && a->sum->conflicts_shown >= a->max_conflicts))
		return;
	a->sum->conflicts_shown++;
	memset(&cf, 0, sizeof cf);
	cf.d.title = r->title;
	cf.d.known = known;
	cf.d.waiver = fw;
	cf.a = pc->ps->ids[i];
	cf.b = pc->ps->ids[j];
	cf.rule = r->id;
	cf.sev = r->sev;
	cf.message = msg;
	cf.rationale = r->rationale;
	cf.a_line = pc->ps->lines[i];
	cf.b_line = pc->ps->lines[j];
	cf.out = out;
	cf.a_no = i + 1;
	cf.b_no = j + 1;
	a->on_conflict(a->ctx, &cf);
}

/* A pair waiver in force for a rule below min_sev: pairs_run only counted
 * that rule's findings, so the waived one is taken out here. */
static void
uncount_waived(const waiver *w, void *p)
{
	pair_ctx *pc = p;
	const assess *a = pc->a;
	const ruleset *rs = a->rs;
	const partner_set *ps = pc->ps;
	size_t r, i, j;

	for (r = 0; r < rs->npairs; r++)
		if (!strcmp(rs->pairs[r].id, w->rule))
			break;
	if (r == rs->npairs || rs->pairs[r].sev >= a->min_sev)
		return;
	/* Ids are unique in a set but for rows in error, which are not in
	 * it: the scan finds each side once. */
	for (i = 0; i < ps->n && strcmp(ps->ids[i], w->partner); i++)
		;
	for (j = 0; j < ps->n && strcmp(ps->ids[j], w->other); j++)
		;
	if (i == ps->n || j == ps->n || !pairs_holds(pc->pe, r, i, j))
		return;
	a->sum->conflicts[rs->pairs[r].sev]--;
	a->sum->conflicts_waived++;
}

void
assess_pairs(const assess *a, const partner_set *ps)
{
	pair_ctx pc;

	pc.a = a;
	pc.ps = ps;
	pc.waivers = waivers_count(a->ws, WAIVE_PAIR) > 0;
	sb_init(&pc.msg);
	pc.pe = pairs_new(a->rs, ps, a->today);
	pairs_use_labels(pc.pe, a->labels);
	pairs_run(pc.pe, a->min_sev, on_pair_finding, &pc, a->sum->conflicts);
	if (pc.waivers)
		waivers_each_pair(a->ws, a->today, uncount_waived, &pc);
	pairs_free(pc.pe);
	sb_free(&pc.msg);
}

typedef struct cons_ctx {
	const assess *a;
	strbuf msg;
	char expires[16]; /* the waiver's expiry, YYYY-MM-DD */
} cons_ctx;

static void
on_cons_finding(void *p, const cfinding *f)
{
	cons_ctx *cc = p;
	const assess *a = cc->a;
	const waiver *w = a->ws ? waivers_find_consortium(a->ws, f->rule,
							  a->today) :
				  NULL;
	cfinding g = *f;

	/* Every finding comes here, to be counted or waived; only those at
	 * or above min_sev go on, and only those are sorted into known and
	 * fresh (a waived one is neither). */
	g.out = apply_waiver(a, w, &g.message, f->sev, a->sum->consortium,
			     &a->sum->consortium_waived, &cc->msg, &g.d.waiver,
			     cc->expires);
	if (f->sev < a->min_sev)
		return;
	g.d.known = a->baseline &&
		    report_doc_known(a->baseline, RK_CONSORTIUM, NULL, NULL,
				     f->rule, f->sev, g.out == OUT_WAIVED);
	if (g.d.known)
		a->sum->known++;
	else if (g.out != OUT_WAIVED)
		a->sum->fresh[f->sev]++;
	if (a->on_consortium)
		a->on_consortium(a->ctx, &g);
}

void
assess_consortium(const assess *a, const partner_set *ps)
{
	cons_ctx cc;

	cc.a = a;
	sb_init(&cc.msg);
	consortium_run_labelled(a->rs, ps, a->today, SEV_INFO, a->labels,
				on_cons_finding, &cc, a->sum->consortium);
	sb_free(&cc.msg);
}

/* The first header column that is name[0..n) once the blanks around
 * the cell are ignored, or -1. */
static int
header_column(const csv_record *header, const char *name, size_t n)
{
	size_t i, hl;

	for (i = 0; i < header->nfields; i++) {
		const char *h = str_trim_blanks(header->fields[i],
						header->lens[i], &hl);

		if (hl == n && !memcmp(h, name, n))
			return (int)i;
	}
	return -1;
}

/* The column one --keep item p[0..n) names, as the header spells it, or
 * the item as written when it names none. */
static char *
keep_name(const ruleset *rs, const csv_record *header, const char *p, size_t n)
{
	int col;
	size_t i;

	p = str_trim_blanks(p, n, &n);
	col = header_column(header, p, n);
	for (i = 0; i < rs->nfields && col < 0; i++) {
		const field_def *f = &rs->fields[i];
		const char *c;
		size_t cl;

		if (strlen(f->name) != n || memcmp(f->name, p, n))
			continue;
		c = str_trim_blanks(f->column, strlen(f->column), &cl);
		col = header_column(header, c, cl);
	}
	if (col < 0)
		return xstrndup(p, n);
	return utf8_sanitized_copy(header->fields[col], header->lens[col]);
}

void
assess_keep(keep_list *k, const ruleset *rs, const csv_record *header,
	    const char *spec)
{
	const char *p = spec;
	size_t i;

	memset(k, 0, sizeof *k);
	if (!p)
		return;
	if (!strcmp(p, "all")) {
		/* Every column, by position: a header that repeats a name
		 * (two blank trailing cells, say) keeps both columns. */
		k->names = xcalloc(header->nfields + 1, sizeof *k->names);
		for (i = 0; i < header->nfields; i++)
			k->names[k->n++] = utf8_sanitized_copy(
			    header->fields[i], header->lens[i]);
		k->all = 1;
		return;
	}
	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *name = keep_name(rs, header, p, n);

		for (i = 0; i < k->n; i++)
			if (!strcmp(k->names[i], name))
				break;
		if (i < k->n) { /* named twice: kept once */
			free(name);
		} else {
			k->names = xrealloc(k->names,
					    (k->n + 1) * sizeof *k->names);
			k->names[k->n++] = name;
		}
		if (!end)
			break;
		p = end + 1;
	}
}

void
assess_keep_free(keep_list *k)
{
	size_t i;

	if (!k)
		return;
	for (i = 0; i < k->n; i++)
		free(k->names[i]);
	free(k->names);
	memset(k, 0, sizeof *k);
}
