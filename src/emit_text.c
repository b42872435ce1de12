#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_matrix.h"
#include "emit_util.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * The text format: aligned tables for people.  Column widths come from the
 * header and the first WINDOW rows of a table, which are buffered; later
 * rows print at once with those widths and a longer value overflows.  That
 * keeps memory bounded on a million-row run and the first screenful tidy.
 *
 * A table row is a run of NUL-terminated strings in one arena: ncols cells,
 * then the continuation lines (further findings, the scores line) that print
 * below it, indented to the last column.  Strings are sanitised for the
 * terminal as they are stored, so widths and output agree.
 */

#define WINDOW 1000

typedef struct row {
	size_t off;        /* first cell in the arena */
	size_t nextra;     /* continuation lines after the cells */
	const char *color; /* the coloured column's escape, or NULL */
} row;

typedef struct table {
	size_t ncols;
	size_t right;   /* the right-aligned column, or ncols for none */
	size_t colored; /* the column that may be coloured, or ncols */
	size_t under;   /* the column continuation lines start under */
	size_t *width;
	strbuf head;  /* header cells, NUL-terminated one after another */
	strbuf arena; /* the buffered rows' strings */
	row *rows;    /* the window, WINDOW entries */
	size_t nrows;
	size_t nstr;   /* strings in the row being built */
	size_t total;  /* rows added since tb_start */
	int streaming; /* window flushed: rows print as they come */
} table;

typedef struct text_state {
	table t;
	size_t maxcols;
	int printed;  /* output so far, so the next block needs a blank line */
	int has_name; /* the partner table has a NAME column */
	const char **cells; /* print_row's cell pointers, maxcols of them */
	size_t *lens;       /* and their lengths */
	strbuf line;        /* one output line */
	strbuf scratch;
} text_state;

static void
tb_start(text_state *st, size_t ncols, size_t right, size_t colored)
{
	table *t = &st->t;

	t->ncols = ncols;
	t->right = right;
	t->colored = colored;
	t->under = ncols - 1;
	memset(t->width, 0, st->maxcols * sizeof *t->width);
	sb_reset(&t->head);
	sb_reset(&t->arena);
	t->nrows = t->nstr = t->total = 0;
	t->streaming = 0;
}

/* Adds one header cell, counting it into its column's width. */
static void
tb_head(table *t, const char *s)
{
	size_t col = 0, start = t->head.len, i;

	for (i = 0; i < t->head.len; i++)
		if (t->head.buf[i] == '\0')
			col++;
	add_term(&t->head, s);
	t->width[col] = display_width(t->head.buf + start, t->head.len - start);
	sb_addc(&t->head, '\0');
}

/* Appends text to the string being built; tb_next ends it. */
static void
tb_add(table *t, const char *s)
{
	add_term(&t->arena, s);
}

static void
tb_next(table *t)
{
	sb_addc(&t->arena, '\0');
	t->nstr++;
}

static void
pad(strbuf *out, size_t n)
{
	static const char spaces[] = "                                ";

	for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
		sb_add(out, spaces, sizeof spaces - 1);
	sb_add(out, spaces, n);
}

/* Ends the line begun at start, dropping the spaces a value from the input
 * may end with: no line of the table ends in whitespace. */
static void
end_line(strbuf *out, size_t start)
{
	while (out->len > start && out->buf[out->len - 1] == ' ')
		out->len--;
	sb_addc(out, '\n');
}

static void
print_row(report *r, table *t, const char *s, size_t nextra, const char *color)
{
	text_state *st = r->state;
	strbuf *out = &st->line;
	const char **cells = st->cells, *p = s;
	size_t *lens = st->lens;
	size_t i, last = 0, indent = 0, w, row_start = out->len;

	for (i = 0; i < t->ncols; i++) {
		size_t len = strlen(p);

		cells[i] = p;
		lens[i] = len;
		if (len)
			last = i;
		p += len + 1;
	}
	/* Cells after the last non-empty one are left out, and that one is
	 * not padded (so its width, often the longest, is not needed). */
	for (i = 0; i <= last; i++) {
		size_t len = lens[i];

		if (i)
			sb_adds(out, "  ");
		w = i < last || i == t->right ? display_width(cells[i], len) :
						0;
		if (i == t->right && w < t->width[i])
			pad(out, t->width[i] - w);
		if (i == t->colored && color && *color) {
			sb_adds(out, color);
			sb_add(out, cells[i], len);
			sb_adds(out, COLOR_RESET);
		} else {
			sb_add(out, cells[i], len);
		}
		if (i < last && i != t->right && w < t->width[i])
			pad(out, t->width[i] - w);
	}
	end_line(out, row_start);
	for (i = 0; i < t->under; i++)
		indent += t->width[i] + 2;
	for (i = 0; i < nextra; i++) {
		size_t start = out->len;

		pad(out, indent);
		sb_adds(out, p);
		end_line(out, start);
		p += strlen(p) + 1;
	}
	/* Past the window each row goes out at once to a reader who waits
	 * (a terminal, a pipe), so a person sees every partner as it is
	 * screened; to a file, in batches, as one fwrite a row costs more
	 * than the row. */
	if (r->live || out->len >= EMIT_BATCH_BYTES)
		sb_write(out, r->out);
}

static void
tb_flush(report *r, table *t)
{
	size_t i;

	print_row(r, t, t->head.buf, 0, NULL);
	for (i = 0; i < t->nrows; i++)
		print_row(r, t, t->arena.buf + t->rows[i].off,
			  t->rows[i].nextra, t->rows[i].color);
	t->nrows = 0;
	sb_reset(&t->arena);
	t->streaming = 1;
}

/* Starts a row whose strings follow in the arena. */
static size_t
tb_begin_row(table *t)
{
	t->nstr = 0;
	return t->arena.len;
}

/* Ends the row begun at off: buffers it while the window lasts (flushing
 * when it fills), prints it at once afterwards. */
static void
tb_end_row(report *r, table *t, size_t off, const char *color)
{
	size_t nextra = t->nstr - t->ncols;

	t->total++;
	if (t->streaming) {
		print_row(r, t, t->arena.buf + off, nextra, color);
		sb_reset(&t->arena);
		return;
	}
	{
		const char *p = t->arena.buf + off;
		size_t i;

		for (i = 0; i < t->ncols; i++) {
			size_t len = strlen(p), w = display_width(p, len);

			if (w > t->width[i])
				t->width[i] = w;
			p += len + 1;
		}
	}
	t->rows[t->nrows].off = off;
	t->rows[t->nrows].nextra = nextra;
	t->rows[t->nrows].color = color;
	if (++t->nrows == WINDOW)
		tb_flush(r, t);
}

/* Prints what the window still holds; returns the table's row count. */
static size_t
tb_finish(report *r, table *t)
{
	if (t->total > 0 && !t->streaming)
		tb_flush(r, t);
	return t->total;
}

static void
text_begin(report *r)
{
	text_state *st = xcalloc(1, sizeof *st);

	st->maxcols = r->nkeep + 5;
	st->t.width = xcalloc(st->maxcols, sizeof *st->t.width);
	st->t.rows = xcalloc(WINDOW, sizeof *st->t.rows);
	st->cells = xcalloc(st->maxcols, sizeof *st->cells);
	st->lens = xcalloc(st->maxcols, sizeof *st->lens);
	sb_init(&st->t.head);
	sb_init(&st->t.arena);
	sb_init(&st->line);
	sb_init(&st->scratch);
	r->state = st;
}

/* The partner header waits for the first partner because whether there
 * is a NAME column depends on it. */
static void
partner_head(report *r, int has_name)
{
	text_state *st = r->state;
	table *t = &st->t;
	size_t i, ncols = 4 + r->nkeep + (has_name ? 1 : 0);

	tb_start(st, ncols, has_name ? 3 : 2, has_name ? 2 : 1);
	tb_head(t, "ID");
	if (has_name)
		tb_head(t, "NAME");
	tb_head(t, "STATUS");
	tb_head(t, "SCORE");
	for (i = 0; i < r->nkeep; i++)
		tb_head(t, r->keep[i]);
	tb_head(t, "FINDINGS");
	st->has_name = has_name;
}

static void
text_partner(report *r, const verdict *v)
{
	text_state *st = r->state;
	table *t = &st->t;
	size_t i, off;

	if (r->nitems == 0)
		partner_head(r, v->name != NULL);
	off = tb_begin_row(t);
	tb_add(t, v->id);
	tb_next(t);
	/* The first partner decided the columns for the whole table. */
	if (st->has_name) {
		tb_add(t, v->name);
		tb_next(t);
	}
	/* The status and the score are the tool's own text: no need to
	 * clean them for the terminal. */
	sb_adds(&t->arena, status_name(v->st));
	tb_next(t);
	if (v->has_score)
		add_score1(&t->arena, v->score);
	else
		sb_addc(&t->arena, '-');
	tb_next(t);
	for (i = 0; i < r->nkeep; i++) {
		tb_add(t, v->kept ? v->kept[i] : NULL);
		tb_next(t);
	}
	/* The findings cell holds the first finding; the rest, then the
	 * scores line, continue below it.  With no findings the scores line
	 * sits in the cell itself. */
	for (i = 0; i < v->nfindings; i++) {
		sb_reset(&st->scratch);
		finding_line(&st->scratch, &v->findings[i]);
		tb_add(t, st->scratch.buf);
		tb_next(t);
		if (r->explain && v->findings[i].rationale) {
			sb_reset(&st->scratch);
			sb_addf(&st->scratch, "  why: %s",
				v->findings[i].rationale);
			tb_add(t, st->scratch.buf);
			tb_next(t);
		}
	}
	if (r->by_category) {
		sb_reset(&st->scratch);
		sb_adds(&st->scratch, "scores: ");
		add_categories(&st->scratch, v, ", ");
		tb_add(t, st->scratch.buf);
		tb_next(t);
	} else if (v->nfindings == 0) {
		tb_next(t);
	}
	tb_end_row(r, t, off, r->color ? color_status(v->st) : NULL);
}

static void
blank_if_printed(report *r)
{
	text_state *st = r->state;

	if (st->printed)
		sb_addc(&st->line, '\n');
}

/* With --explain, a continuation line with the rule's rationale. */
static void
add_why(report *r, const char *why)
{
	text_state *st = r->state;

	if (!r->explain || !why)
		return;
	sb_reset(&st->scratch);
	sb_addf(&st->scratch, "  why: %s", why);
	tb_add(&st->t, st->scratch.buf);
	tb_next(&st->t);
}

static void
text_conflict(report *r, const conflict *c)
{
	text_state *st = r->state;
	table *t = &st->t;
	size_t off;

	if (r->nitems == 0) {
		/* Conflicts mode prints the table alone, untitled. */
		if (r->mode == MODE_CHECK) {
			blank_if_printed(r);
			sb_adds(&st->line, "Conflicts:\n");
			st->printed = 1;
		}
		tb_start(st, 5, 5, 2);
		tb_head(t, "A");
		tb_head(t, "B");
		tb_head(t, "SEVERITY");
		tb_head(t, "RULE");
		tb_head(t, "MESSAGE");
	}
	off = tb_begin_row(t);
	tb_add(t, c->a);
	tb_next(t);
	tb_add(t, c->b);
	tb_next(t);
	tb_add(t, severity_cell(c->sev, c->out, c->d.known));
	tb_next(t);
	tb_add(t, c->rule);
	tb_next(t);
	tb_add(t, c->message);
	tb_next(t);
	add_why(r, c->rationale);
	tb_end_row(r, t, off, r->color ? color_severity(c->sev) : NULL);
}

static void
text_consortium(report *r, const cfinding *f)
{
	text_state *st = r->state;
	table *t = &st->t;
	size_t i, off;

	if (r->nitems == 0) {
		blank_if_printed(r);
		sb_adds(&st->line, "Consortium:\n");
		tb_start(st, 4, 4, 0);
		/* a rationale goes under the message, not the partners */
		t->under = 2;
		tb_head(t, "SEVERITY");
		tb_head(t, "RULE");
		tb_head(t, "MESSAGE");
		tb_head(t, "PARTNERS");
	}
	off = tb_begin_row(t);
	tb_add(t, severity_cell(f->sev, f->out, f->d.known));
	tb_next(t);
	tb_add(t, f->rule);
	tb_next(t);
	tb_add(t, f->message);
	tb_next(t);
	for (i = 0; i < f->npartners; i++) {
		if (i)
			tb_add(t, ", ");
		tb_add(t, f->partners[i]);
	}
	tb_next(t);
	add_why(r, f->rationale);
	tb_end_row(r, t, off, r->color ? color_severity(f->sev) : NULL);
}

/* Closes a section's table, or says that it had nothing.  The partner
 * table says nothing when empty: the summary line that follows counts the
 * rows. */
static void
text_section(report *r, report_section from, report_section to)
{
	text_state *st = r->state;
	const char *none;

	(void)to;
	switch (from) {
	case SECTION_PARTNERS:
		if (r->nitems == 0)
			return;
		tb_finish(r, &st->t);
		st->printed = 1;
		return;
	case SECTION_CONFLICTS:
		none = r->mode == MODE_CONFLICTS ? "no conflicts\n" :
						   "Conflicts: none\n";
		break;
	case SECTION_CONSORTIUM:
		none = "Consortium: none\n";
		break;
	default:
		return;
	}
	if (r->nitems > 0) {
		tb_finish(r, &st->t);
	} else {
		blank_if_printed(r);
		sb_adds(&st->line, none);
	}
	st->printed = 1;
}

static void
text_flush(report *r)
{
	text_state *st = r->state;

	sb_write(&st->line, r->out);
}

static void
text_end(report *r, const summary *s)
{
	text_state *st = r->state;

	blank_if_printed(r);
	if (r->mode != MODE_CONFLICTS) {
		add_summary_line(&st->line, s);
		sb_addc(&st->line, '\n');
	}
	if (r->mode != MODE_SCREEN) {
		add_pairs_line(&st->line, s, r->mode == MODE_CHECK);
		sb_addc(&st->line, '\n');
	}
	sb_write(&st->line, r->out);
}

static void
text_free(report *r)
{
	text_state *st = r->state;

	if (!st)
		return;
	free(st->t.width);
	free(st->t.rows);
	free(st->cells);
	free(st->lens);
	sb_free(&st->t.head);
	sb_free(&st->t.arena);
	sb_free(&st->line);
	sb_free(&st->scratch);
	free(st);
	r->state = NULL;
}

const emitter emit_text = {
	.name = "text",
	.begin = text_begin,
	.section = text_section,
	.partner = text_partner,
	.conflict = text_conflict,
	.consortium = text_consortium,
	.end = text_end,
	.flush = text_flush,
	.free = text_free,
	.matrix = matrix_text,
	.colors = 1,
};
