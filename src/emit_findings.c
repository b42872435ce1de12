#include <stdio.h>
#include <stdlib.h>

#include "emit_util.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * findings-csv, findings-tsv and findings-ndjson: one row per finding
 * rather than one per partner, so that a script or a spreadsheet filter
 * needs no splitting of a "findings" cell (a waiver reason may hold "; ").
 * Every row has the same columns:
 *
 *   kind            partner, conflict or consortium
 *   id, name, line  the partner (a conflict's first partner; empty for a
 *                   consortium finding), its physical line in the input
 *   other_id, other_line   a conflict's second partner; for a consortium
 *                   finding, the partners it names joined by "; "
 *   rule, title, severity, outcome   outcome: fail, missing, waived or
 *                   error for a partner's finding, fail for the others
 *   field, value, threshold   the deciding field, its cell as read and
 *                   the rule's literals as written (empty when none)
 *   message, waiver_reason, waiver_expires, known   known: "yes" when the
 *                   --baseline report has the finding
 *
 * A partner without findings has no row, and there is no summary row
 * (every tool that reads the columns would trip on it).  In ndjson the
 * same columns are keys; empty ones are null, line and other_line
 * numbers, known a boolean; a layered rule set's rows end with "source",
 * as in json.  The formula guard (r->sanitize) applies as in
 * csv to every cell holding text from the input or the rule set.
 */

typedef enum {
	F_CSV,
	F_TSV,
	F_ND
} fformat;

typedef struct fstate {
	fformat fmt;
	size_t ncell;
	strbuf line;
	strbuf scratch;
} fstate;

/* One row, whatever kind of finding it comes from. */
typedef struct frow {
	const char *kind;
	const char *id, *name;
	size_t line;
	const char *other_id;
	size_t other_line;
	const char *rule;
	severity sev;
	const char *outcome;
	const finding_detail *d;
	const char *message;
} frow;

static const char header_line[] =
    "kind,id,name,line,other_id,other_line,rule,title,severity,outcome,"
    "field,value,threshold,message,waiver_reason,waiver_expires,known\n";

/* A csv/tsv cell (NULL is empty); guard: its text comes from the input
 * or the rule set. */
static void
cell(report *r, const char *s, int guard)
{
	fstate *st = r->state;

	if (st->ncell++)
		sb_addc(&st->line, st->fmt == F_TSV ? '\t' : ',');
	if (st->fmt == F_TSV)
		add_tsv_cell(&st->line, s ? s : "", guard && r->sanitize);
	else
		add_csv_cell(&st->line, s ? s : "", guard && r->sanitize);
}

static void
num_cell(report *r, size_t n)
{
	fstate *st = r->state;

	if (st->ncell++)
		sb_addc(&st->line, st->fmt == F_TSV ? '\t' : ',');
	if (n)
		sb_addf(&st->line, "%zu", n);
}

/* An ndjson member: ", " before all but the first. */
static void
key(fstate *st, const char *k)
{
	if (st->ncell++)
		sb_adds(&st->line, ", ");
	add_json_str(&st->line, k);
	sb_adds(&st->line, ": ");
}

static void
nd_str(fstate *st, const char *k, const char *v)
{
	key(st, k);
	add_json_str(&st->line, v && *v ? v : NULL);
}

static void
nd_num(fstate *st, const char *k, size_t n)
{
	key(st, k);
	if (n)
		sb_addf(&st->line, "%zu", n);
	else
		sb_adds(&st->line, "null");
}

static void
end_line(report *r)
{
	fstate *st = r->state;

	if (st->fmt == F_ND)
		sb_addc(&st->line, '}');
	sb_addc(&st->line, '\n');
	st->ncell = 0;
	/* A reader who waits gets each row at once (the report layer
	 * flushes the stream); others get batches. */
	if (r->live || st->line.len >= EMIT_BATCH_BYTES)
		sb_write(&st->line, r->out);
}

static void
write_nd(report *r, const frow *w)
{
	fstate *st = r->state;
	const finding_detail *d = w->d;

	sb_addc(&st->line, '{');
	nd_str(st, "kind", w->kind);
	nd_str(st, "id", w->id);
	nd_str(st, "name", w->name);
	nd_num(st, "line", w->line);
	nd_str(st, "other_id", w->other_id);
	nd_num(st, "other_line", w->other_line);
	nd_str(st, "rule", w->rule);
	nd_str(st, "title", d->title);
	nd_str(st, "severity", severity_name(w->sev));
	nd_str(st, "outcome", w->outcome);
	nd_str(st, "field", d->field);
	/* an empty cell read is a value all the same: "" rather than null */
	key(st, "value");
	add_json_str(&st->line, d->value);
	nd_str(st, "threshold", d->threshold);
	nd_str(st, "message", w->message);
	nd_str(st, "waiver_reason", d->waiver.reason);
	nd_str(st, "waiver_expires", d->waiver.expires);
	key(st, "known");
	sb_adds(&st->line, d->known ? "true" : "false");
	/* as json has it, only for a layered rule set; csv and tsv keep
	 * their fixed columns */
	add_json_source(r, &st->line, w->rule);
}

static void
write_row(report *r, const frow *w)
{
	fstate *st = r->state;
	const finding_detail *d = w->d;

	if (st->fmt == F_ND) {
		write_nd(r, w);
	} else {
		cell(r, w->kind, 0);
		cell(r, w->id, 1);
		cell(r, w->name, 1);
		num_cell(r, w->line);
		cell(r, w->other_id, 1);
		num_cell(r, w->other_line);
		cell(r, w->rule, 1);
		cell(r, d->title, 1);
		cell(r, severity_name(w->sev), 0);
		cell(r, w->outcome, 0);
		cell(r, d->field, 1);
		cell(r, d->value, 1);
		cell(r, d->threshold, 1);
		cell(r, w->message, 1);
		cell(r, d->waiver.reason, 1);
		cell(r, d->waiver.expires, 0);
		cell(r, d->known ? "yes" : "", 0);
	}
	end_line(r);
}

static void
begin(report *r, fformat fmt)
{
	fstate *st = xcalloc(1, sizeof *st);

	st->fmt = fmt;
	sb_init(&st->line);
	sb_init(&st->scratch);
	r->state = st;
	if (fmt == F_TSV) {
		const char *p;

		for (p = header_line; *p; p++)
			sb_addc(&st->line, *p == ',' ? '\t' : *p);
	} else if (fmt == F_CSV) {
		sb_adds(&st->line, header_line);
	}
}

static void
fcsv_begin(report *r)
{
	begin(r, F_CSV);
}

static void
ftsv_begin(report *r)
{
	begin(r, F_TSV);
}

static void
fnd_begin(report *r)
{
	begin(r, F_ND);
}

static void
f_partner(report *r, const verdict *v)
{
	size_t i;

	for (i = 0; i < v->nfindings; i++) {
		const finding *f = &v->findings[i];
		frow w = { "partner",
			   v->id,
			   v->name,
			   f->line ? f->line : v->line,
			   NULL,
			   0,
			   f->rule,
			   f->sev,
			   outcome_name(f->out),
			   &f->d,
			   f->message };

		write_row(r, &w);
	}
}

static void
f_conflict(report *r, const conflict *c)
{
	frow w = { "conflict", c->a,      NULL,
		   c->a_line,  c->b,      c->b_line,
		   c->rule,    c->sev,    outcome_name(c->out),
		   &c->d,      c->message };

	write_row(r, &w);
}

static void
f_consortium(report *r, const cfinding *f)
{
	fstate *st = r->state;
	size_t i;
	frow w = { "consortium",
		   NULL,
		   NULL,
		   0,
		   NULL,
		   0,
		   f->rule,
		   f->sev,
		   outcome_name(f->out),
		   &f->d,
		   f->message };

	sb_reset(&st->scratch);
	for (i = 0; i < f->npartners; i++) {
		if (i)
			sb_adds(&st->scratch, "; ");
		sb_adds(&st->scratch, f->partners[i]);
	}
	w.other_id = f->npartners ? st->scratch.buf : NULL;
	write_row(r, &w);
}

static void
f_flush(report *r)
{
	fstate *st = r->state;

	sb_write(&st->line, r->out);
}

static void
f_end(report *r, const summary *s)
{
	(void)s;
	f_flush(r);
}

static void
f_free(report *r)
{
	fstate *st = r->state;

	if (!st)
		return;
	sb_free(&st->line);
	sb_free(&st->scratch);
	free(st);
	r->state = NULL;
}

#define FINDINGS_EMITTER(var, fname, beginfn) \
	const emitter var = { \
		.name = fname, \
		.begin = beginfn, \
		.partner = f_partner, \
		.conflict = f_conflict, \
		.consortium = f_consortium, \
		.end = f_end, \
		.flush = f_flush, \
		.free = f_free, \
		.no_summary = 1, \
	};

FINDINGS_EMITTER(emit_findings_csv, "findings-csv", fcsv_begin)
FINDINGS_EMITTER(emit_findings_tsv, "findings-tsv", ftsv_begin)
FINDINGS_EMITTER(emit_findings_ndjson, "findings-ndjson", fnd_begin)
