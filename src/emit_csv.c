#include <stdio.h>
#include <stdlib.h>

#include "emit_matrix.h"
#include "emit_util.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * CSV (RFC 4180) and TSV: one header line, then one line per item, no
 * summary (a summary row would break every tool that reads the columns).
 * Check mode puts all three kinds of item in one table with a "kind"
 * column, each filling only its own cells.  Both formats share this file;
 * they differ only in the delimiter and the cell escaping.
 *
 * The formula guard (r->sanitize) applies to cells holding text from the
 * input or the rule set; cells the tool formats itself (kind, status,
 * score, severity, rule ids) cannot start a formula and are left alone.
 */

typedef struct csv_state {
	int tsv;
	size_t ncell; /* cells on the current line */
	strbuf line;
	strbuf scratch;
} csv_state;

/* Appends one cell; guard says its text comes from the input. */
static void
cell(report *r, const char *s, int guard)
{
	csv_state *st = r->state;

	if (st->ncell++)
		sb_addc(&st->line, st->tsv ? '\t' : ',');
	if (st->tsv)
		add_tsv_cell(&st->line, s, guard && r->sanitize);
	else
		add_csv_cell(&st->line, s, guard && r->sanitize);
}

/* Starts a cell the tool writes itself (a status, a score), which needs
 * neither quoting nor the formula guard in either format; returns the
 * line to write it to. */
static strbuf *
own_cell(report *r)
{
	csv_state *st = r->state;

	if (st->ncell++)
		sb_addc(&st->line, st->tsv ? '\t' : ',');
	return &st->line;
}

/* cell() for the scratch buffer, whose length is known. */
static void
scratch_cell(report *r, int guard)
{
	csv_state *st = r->state;

	if (st->tsv) {
		cell(r, st->scratch.buf, guard);
		return;
	}
	if (st->ncell++)
		sb_addc(&st->line, ',');
	add_csv_cell_n(&st->line, st->scratch.buf, st->scratch.len,
		       guard && r->sanitize);
}

static void
empty_cells(report *r, size_t n)
{
	while (n--)
		cell(r, "", 0);
}

static void
end_line(report *r)
{
	csv_state *st = r->state;

	sb_addc(&st->line, '\n');
	/* A reader who waits gets each row as it is made (the report
	 * layer flushes the stream); others get batches. */
	if (r->live || st->line.len >= EMIT_BATCH_BYTES)
		sb_write(&st->line, r->out);
	st->ncell = 0;
}

static void
header(report *r, const char *fixed)
{
	csv_state *st = r->state;
	size_t i;

	/* The fixed names need no escaping in either format: only the
	 * delimiter differs. */
	if (st->tsv) {
		const char *p;

		for (p = fixed; *p; p++)
			sb_addc(&st->line, *p == ',' ? '\t' : *p);
	} else {
		sb_adds(&st->line, fixed);
	}
	st->ncell = 1;
	if (r->mode == MODE_CONFLICTS) {
		end_line(r);
		return;
	}
	for (i = 0; i < r->nkeep; i++)
		cell(r, r->keep[i], 1);
	if (r->by_category)
		cell(r, "categories", 0);
	end_line(r);
}

static void
csv_begin_common(report *r, int tsv)
{
	csv_state *st = xcalloc(1, sizeof *st);

	st->tsv = tsv;
	sb_init(&st->line);
	sb_init(&st->scratch);
	r->state = st;
	switch (r->mode) {
	case MODE_SCREEN:
		header(r, "id,name,status,score,findings");
		break;
	case MODE_CHECK:
		header(r,
		       "kind,id,name,status,score,findings,a,b,rule,severity,"
		       "message,partners");
		break;
	case MODE_CONFLICTS:
		header(r, "a,b,rule,severity,message");
		break;
	}
}

static void
csv_begin(report *r)
{
	csv_begin_common(r, 0);
}

static void
tsv_begin(report *r)
{
	csv_begin_common(r, 1);
}

static void
csv_partner(report *r, const verdict *v)
{
	csv_state *st = r->state;
	size_t i;

	if (r->mode == MODE_CHECK)
		cell(r, "partner", 0);
	cell(r, v->id, 1);
	cell(r, v->name, 1);
	sb_adds(own_cell(r), status_name(v->st));
	own_cell(r);
	if (v->has_score)
		add_score1(&st->line, v->score);
	/* The findings cell starts with a rule id but carries messages from
	 * the input, so it is guarded like input. */
	sb_reset(&st->scratch);
	for (i = 0; i < v->nfindings; i++) {
		if (i)
			sb_adds(&st->scratch, "; ");
		finding_line(&st->scratch, &v->findings[i]);
	}
	scratch_cell(r, 1);
	if (r->mode == MODE_CHECK)
		empty_cells(r, 6);
	for (i = 0; i < r->nkeep; i++)
		cell(r, v->kept ? v->kept[i] : NULL, 1);
	if (r->by_category) {
		sb_reset(&st->scratch);
		add_categories(&st->scratch, v, "; ");
		cell(r, st->scratch.buf, 1);
	}
	end_line(r);
}

/* The cells after the check-mode columns: kept values and categories. */
static void
trailing_empty(report *r)
{
	if (r->mode == MODE_CHECK)
		empty_cells(r, r->nkeep + (r->by_category ? 1 : 0));
}

static void
csv_conflict(report *r, const conflict *c)
{
	if (r->mode == MODE_CHECK) {
		cell(r, "conflict", 0);
		empty_cells(r, 5);
	}
	cell(r, c->a, 1);
	cell(r, c->b, 1);
	cell(r, c->rule, 0);
	cell(r, severity_cell(c->sev, c->out, c->d.known), 0);
	cell(r, c->message, 1);
	if (r->mode == MODE_CHECK)
		cell(r, "", 0);
	trailing_empty(r);
	end_line(r);
}

static void
csv_consortium(report *r, const cfinding *f)
{
	csv_state *st = r->state;
	size_t i;

	cell(r, "consortium", 0);
	empty_cells(r, 7);
	cell(r, f->rule, 0);
	cell(r, severity_cell(f->sev, f->out, f->d.known), 0);
	cell(r, f->message, 1);
	/* ";" rather than ", " so that the ids split cleanly. */
	sb_reset(&st->scratch);
	for (i = 0; i < f->npartners; i++) {
		if (i)
			sb_addc(&st->scratch, ';');
		sb_adds(&st->scratch, f->partners[i] ? f->partners[i] : "");
	}
	cell(r, st->scratch.buf, 1);
	trailing_empty(r);
	end_line(r);
}

static void
csv_flush(report *r)
{
	csv_state *st = r->state;

	sb_write(&st->line, r->out);
}

static void
csv_end(report *r, const summary *s)
{
	(void)s;
	csv_flush(r);
}

static void
csv_free(report *r)
{
	csv_state *st = r->state;

	if (!st)
		return;
	sb_free(&st->line);
	sb_free(&st->scratch);
	free(st);
	r->state = NULL;
}

/* One table for every mode: no sections.  Only CSV has a matrix. */
const emitter emit_csv = {
	.name = "csv",
	.begin = csv_begin,
	.partner = csv_partner,
	.conflict = csv_conflict,
	.consortium = csv_consortium,
	.end = csv_end,
	.flush = csv_flush,
	.free = csv_free,
	.matrix = matrix_csv,
	.no_summary = 1,
};

const emitter emit_tsv = {
	.name = "tsv",
	.begin = tsv_begin,
	.partner = csv_partner,
	.conflict = csv_conflict,
	.consortium = csv_consortium,
	.end = csv_end,
	.flush = csv_flush,
	.free = csv_free,
	.no_summary = 1,
};
