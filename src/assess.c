#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "consortium.h"
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
		if (vals) {
			pset_add(ps, v.id, vals);
			pset_set_line(ps, v.line);
		} else
			ps->errors++;
	}
	return rc < 0 ? -1 : 0;
}

typedef struct pair_ctx {
	const assess *a;
	const partner_set *ps;
} pair_ctx;

static void
on_pair_finding(void *p, size_t i, size_t j, const pair_rule *r,
		const char *msg)
{
	const pair_ctx *pc = p;
	const assess *a = pc->a;
	conflict cf;
	int known = a->baseline &&
		    report_doc_find(a->baseline, RK_CONFLICT, pc->ps->ids[i],
				    pc->ps->ids[j], r->id) >= 0;

	/* Only the findings handed on are sorted into known and fresh:
	 * below --severity, pairs_run counts without calling here. */
	if (known)
		a->sum->known++;
	else
		a->sum->fresh[r->sev]++;
	if (a->on_pair)
		a->on_pair(a->ctx, i, j, r, msg);
	if (!a->on_conflict ||
	    (a->max_conflicts && a->sum->conflicts_shown >= a->max_conflicts))
		return;
	a->sum->conflicts_shown++;
	memset(&cf, 0, sizeof cf);
	cf.d.title = r->title;
	cf.d.known = known;
	cf.a_line = pc->ps->lines[i];
	cf.b_line = pc->ps->lines[j];
	cf.a = pc->ps->ids[i];
	cf.b = pc->ps->ids[j];
	cf.rule = r->id;
	cf.sev = r->sev;
	cf.message = msg;
	a->on_conflict(a->ctx, &cf);
}

void
assess_pairs(const assess *a, const partner_set *ps)
{
	pair_ctx pc;
	pair_engine *pe;

	pc.a = a;
	pc.ps = ps;
	pe = pairs_new(a->rs, ps, a->today);
	pairs_run(pe, a->min_sev, on_pair_finding, &pc, a->sum->conflicts);
	pairs_free(pe);
}

static void
on_cons_finding(void *p, const cfinding *f)
{
	const assess *a = p;
	cfinding g = *f;

	g.d.known = a->baseline && report_doc_find(a->baseline, RK_CONSORTIUM,
						   NULL, NULL, f->rule) >= 0;
	if (g.d.known)
		a->sum->known++;
	else
		a->sum->fresh[f->sev]++;
	if (a->on_consortium)
		a->on_consortium(a->ctx, &g);
}

void
assess_consortium(const assess *a, const partner_set *ps)
{
	consortium_run(a->rs, ps, a->today, a->min_sev, on_cons_finding,
		       (void *)a, a->sum->consortium);
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
