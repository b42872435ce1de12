#include <stdio.h>
#include <stdlib.h>

#include "emit_matrix.h"
#include "emit_util.h"
#include "report.h"
#include "strbuf.h"
#include "verdict.h"
#include "xalloc.h"

/*
 * Markdown (GitHub-flavoured tables).  Rows stream as they come, so there
 * is no alignment padding; the renderer aligns.  A cell is written as
 * "| " + text + " ", and an empty cell as "| " alone, so a row of a
 * finding-less partner ends "| 100.0 | |": one form everywhere and no line
 * ends in a space.  Every section prints something ("None." for an empty
 * one), so a reader can tell "no conflicts" from "not reported".
 */

typedef struct md_state {
	int has_name; /* the partner table has a Name column */
	strbuf line;
	strbuf scratch; /* one cell's escaped text */
	strbuf raw;     /* a finding line before escaping */
} md_state;

/* Appends one cell of already escaped text. */
static void
cell(strbuf *sb, const char *text)
{
	sb_adds(sb, "| ");
	if (*text) {
		sb_adds(sb, text);
		sb_addc(sb, ' ');
	}
}

/* Appends one cell of input text, escaping it. */
static void
cell_in(md_state *st, const char *s)
{
	sb_reset(&st->scratch);
	add_md(&st->scratch, s);
	cell(&st->line, st->scratch.buf);
}

static void
end_row(report *r)
{
	md_state *st = r->state;

	sb_adds(&st->line, "|\n");
	sb_write(&st->line, r->out);
}

static void
md_begin(report *r)
{
	md_state *st = xcalloc(1, sizeof *st);

	sb_init(&st->line);
	sb_init(&st->scratch);
	sb_init(&st->raw);
	r->state = st;
}

/* Check mode gives each section a heading; a section without items says
 * "None." where its table would be. */
static void
md_section(report *r, report_section from, report_section to)
{
	static const char *const heading[] = {
		[SECTION_PARTNERS] = "## Partners\n\n",
		[SECTION_CONFLICTS] = "\n## Conflicts\n\n",
		[SECTION_CONSORTIUM] = "\n## Consortium\n\n",
	};
	md_state *st = r->state;

	if (from != SECTION_NONE && r->nitems == 0)
		sb_adds(&st->line, "None.\n");
	if (r->mode == MODE_CHECK && to != SECTION_END)
		sb_adds(&st->line, heading[to]);
	sb_write(&st->line, r->out);
}

static void
md_partner(report *r, const verdict *v)
{
	md_state *st = r->state;
	strbuf *sb = &st->line;
	size_t i;

	/* The first partner tells whether there is a name column. */
	if (r->nitems == 0) {
		st->has_name = v->name != NULL;
		sb_adds(sb, st->has_name ? "| ID | Name | Status | Score " :
					   "| ID | Status | Score ");
		for (i = 0; i < r->nkeep; i++)
			cell_in(st, r->keep[i]);
		sb_adds(sb, "| Findings |\n");
		sb_adds(sb,
			st->has_name ? "|---|---|---|---:|" : "|---|---|---:|");
		for (i = 0; i < r->nkeep; i++)
			sb_adds(sb, "---|");
		sb_adds(sb, "---|\n");
	}
	cell_in(st, v->id);
	if (st->has_name)
		cell_in(st, v->name);
	cell(sb, status_name(v->st));
	sb_reset(&st->scratch);
	if (v->has_score)
		add_score1(&st->scratch, v->score);
	else
		sb_addc(&st->scratch, '-');
	cell(sb, st->scratch.buf);
	for (i = 0; i < r->nkeep; i++)
		cell_in(st, v->kept ? v->kept[i] : NULL);
	/* Findings, then the scores, one a line within the cell; each is
	 * escaped on its own so that the "<br>" between them stays markup. */
	sb_reset(&st->scratch);
	for (i = 0; i < v->nfindings; i++) {
		if (i)
			sb_adds(&st->scratch, "<br>");
		sb_reset(&st->raw);
		finding_line(&st->raw, &v->findings[i]);
		add_md(&st->scratch, st->raw.buf);
		if (r->explain && v->findings[i].rationale) {
			sb_adds(&st->scratch, "<br>why: ");
			add_md(&st->scratch, v->findings[i].rationale);
		}
	}
	if (r->by_category) {
		if (v->nfindings)
			sb_adds(&st->scratch, "<br>");
		sb_reset(&st->raw);
		sb_adds(&st->raw, "scores: ");
		add_categories(&st->raw, v, ", ");
		add_md(&st->scratch, st->raw.buf);
	}
	cell(sb, st->scratch.buf);
	end_row(r);
}

static void
md_conflict(report *r, const conflict *c)
{
	md_state *st = r->state;
	strbuf *sb = &st->line;

	if (r->nitems == 0)
		sb_adds(sb, "| A | B | Severity | Rule | Message |\n"
			    "|---|---|---|---|---|\n");
	cell_in(st, c->a);
	cell_in(st, c->b);
	cell(sb, severity_label(c->sev, c->out));
	cell_in(st, c->rule);
	cell_in(st, c->message);
	end_row(r);
}

static void
md_consortium(report *r, const cfinding *f)
{
	md_state *st = r->state;
	strbuf *sb = &st->line;
	size_t i;

	if (r->nitems == 0)
		sb_adds(sb, "| Severity | Rule | Message | Partners |\n"
			    "|---|---|---|---|\n");
	cell(sb, severity_label(f->sev, f->out));
	cell_in(st, f->rule);
	cell_in(st, f->message);
	sb_reset(&st->scratch);
	for (i = 0; i < f->npartners; i++) {
		if (i)
			sb_adds(&st->scratch, ", ");
		add_md(&st->scratch, f->partners[i]);
	}
	cell(sb, st->scratch.buf);
	end_row(r);
}

static void
md_end(report *r, const summary *s)
{
	md_state *st = r->state;
	strbuf *sb = &st->line;

	sb_adds(sb, "\n**Summary:** ");
	if (r->mode != MODE_CONFLICTS)
		add_summary_line(sb, s);
	/* A backslash before the newline is CommonMark's hard line break:
	 * the pairs line starts a new line within the same paragraph. */
	if (r->mode == MODE_CHECK)
		sb_adds(sb, "\\\n");
	if (r->mode != MODE_SCREEN)
		add_pairs_line(sb, s, r->mode == MODE_CHECK);
	sb_addc(sb, '\n');
	sb_write(sb, r->out);
}

static void
md_free(report *r)
{
	md_state *st = r->state;

	if (!st)
		return;
	sb_free(&st->line);
	sb_free(&st->scratch);
	sb_free(&st->raw);
	free(st);
	r->state = NULL;
}

/* No flush: every row is written as it is made. */
const emitter emit_markdown = {
	.name = "markdown",
	.begin = md_begin,
	.section = md_section,
	.partner = md_partner,
	.conflict = md_conflict,
	.consortium = md_consortium,
	.end = md_end,
	.free = md_free,
	.matrix = matrix_markdown,
};
