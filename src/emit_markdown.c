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
 * Markdown (GitHub-flavoured tables) for a bid document, in plain words: a
 * finding names its check by title with the id in brackets
 * ("Quality: QAF level B or better (quality.qaf)"), messages call fields by
 * their labels (emitter.labels) and say values in their types
 * (fmt_value.h), and there is no HTML: a partner with several findings
 * takes one table row per finding, the partner's own cells filled on the
 * first only.  Rows stream as they come, so there is no alignment padding;
 * the renderer aligns.  A cell is written as "| " + text + " ", and an
 * empty cell as "| " alone, so one form serves everywhere and no line ends
 * in a space.  Every section prints something ("None." for an empty one),
 * so a reader can tell "no conflicts" from "not reported".
 */

typedef struct md_state {
	int has_name; /* the partner table has a Name column */
	strbuf line;
	strbuf scratch; /* one cell's escaped text */
	strbuf raw;     /* a cell's text before escaping */
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

/* Appends n empty cells. */
static void
cells_empty(strbuf *sb, size_t n)
{
	while (n--)
		cell(sb, "");
}

/* The check cell: "Title (id)", or the id alone for a rule without a
 * title. */
static void
cell_check(md_state *st, const char *title, const char *rule)
{
	sb_reset(&st->raw);
	if (title && *title)
		sb_addf(&st->raw, "%s (%s)", title, rule ? rule : "");
	else
		sb_adds(&st->raw, rule ? rule : "");
	cell_in(st, st->raw.buf);
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

/* The partner table's heading: ID, Name, Status, Score, Scores
 * (--by-category), the kept columns, then one finding's Check, Severity,
 * Finding and, with --explain, Why it matters. */
static void
partner_head(report *r)
{
	md_state *st = r->state;
	strbuf *sb = &st->line;
	size_t i, n;

	sb_adds(sb, st->has_name ? "| ID | Name | Status | Score " :
				   "| ID | Status | Score ");
	if (r->by_category)
		sb_adds(sb, "| Scores ");
	for (i = 0; i < r->nkeep; i++)
		cell_in(st, r->keep[i]);
	sb_adds(sb, "| Check | Severity | Finding ");
	if (r->explain)
		sb_adds(sb, "| Why it matters ");
	sb_adds(sb,
		st->has_name ? "|\n|---|---|---|---:|" : "|\n|---|---|---:|");
	n = (r->by_category != 0) + r->nkeep + 3 + (r->explain != 0);
	for (i = 0; i < n; i++)
		sb_adds(sb, "---|");
	sb_addc(sb, '\n');
}

/* The severity cell of a finding: "fail", or "warn, waived" when the
 * outcome is not a plain fail; ", known" last when the --baseline has
 * it. */
static void
cell_severity(md_state *st, severity sev, outcome out, int known)
{
	sb_reset(&st->raw);
	sb_adds(&st->raw, severity_name(sev));
	if (out != OUT_FAIL)
		sb_addf(&st->raw, ", %s",
			out == OUT_MISSING ? "missing" :
			out == OUT_WAIVED  ? "waived" :
					     "error");
	if (known)
		sb_adds(&st->raw, ", known");
	cell(&st->line, st->raw.buf);
}

/* The rationale cell, with --explain. */
static void
cell_why(report *r, const char *why)
{
	if (r->explain)
		cell_in(r->state, why ? why : "");
}

static void
md_partner(report *r, const verdict *v)
{
	md_state *st = r->state;
	strbuf *sb = &st->line;
	size_t i, lead, nf = v->nfindings ? v->nfindings : 1;

	/* The first partner tells whether there is a name column. */
	if (r->nitems == 0) {
		st->has_name = v->name != NULL;
		partner_head(r);
	}
	lead = 3 + (st->has_name != 0) + (r->by_category != 0) + r->nkeep;
	for (i = 0; i < nf; i++) {
		const finding *f = v->nfindings ? &v->findings[i] : NULL;

		if (i) {
			/* later findings: the partner's cells are left
			 * empty, as a reader of a table expects */
			cells_empty(sb, lead);
		} else {
			size_t k;

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
			if (r->by_category) {
				sb_reset(&st->raw);
				add_categories(&st->raw, v, ", ");
				cell_in(st, st->raw.buf);
			}
			for (k = 0; k < r->nkeep; k++)
				cell_in(st, v->kept ? v->kept[k] : NULL);
		}
		if (f) {
			/* min_score is no check of the rule set, so it
			 * has no title of its own (d.title stays NULL
			 * for the machine formats) */
			cell_check(st,
				   f->d.title || strcmp(f->rule, "min_score") ?
				       f->d.title :
				       "Minimum score",
				   f->rule);
			cell_severity(st, f->sev, f->out, f->d.known);
			cell_in(st, f->message ? f->message : "");
			cell_why(r, f->rationale);
		} else {
			cells_empty(sb, 3 + (r->explain != 0));
		}
		end_row(r);
	}
}

static void
md_conflict(report *r, const conflict *c)
{
	md_state *st = r->state;
	strbuf *sb = &st->line;

	if (r->nitems == 0) {
		sb_adds(sb, "| A | B | Severity | Check | Finding ");
		sb_adds(sb, r->explain ? "| Why it matters |\n"
					 "|---|---|---|---|---|---|\n" :
					 "|\n|---|---|---|---|---|\n");
	}
	cell_in(st, c->a);
	cell_in(st, c->b);
	cell(sb, severity_cell(c->sev, c->out, c->d.known));
	cell_check(st, c->d.title, c->rule);
	cell_in(st, c->message);
	cell_why(r, c->rationale);
	end_row(r);
}

static void
md_consortium(report *r, const cfinding *f)
{
	md_state *st = r->state;
	strbuf *sb = &st->line;
	size_t i;

	if (r->nitems == 0) {
		sb_adds(sb, "| Severity | Check | Finding | Partners ");
		sb_adds(sb, r->explain ? "| Why it matters |\n"
					 "|---|---|---|---|---|\n" :
					 "|\n|---|---|---|---|\n");
	}
	cell(sb, severity_cell(f->sev, f->out, f->d.known));
	cell_check(st, f->d.title, f->rule);
	cell_in(st, f->message);
	sb_reset(&st->scratch);
	for (i = 0; i < f->npartners; i++) {
		if (i)
			sb_adds(&st->scratch, ", ");
		add_md(&st->scratch, f->partners[i]);
	}
	cell(sb, st->scratch.buf);
	cell_why(r, f->rationale);
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
	.labels = 1,
};
