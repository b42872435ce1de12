/* Binding an evaluator to a header: which column holds each field the
 * rules need or --keep names, and which cells each row must parse. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "eval.h"
#include "eval_int.h"
#include "strbuf.h"
#include "textkey.h"
#include "xalloc.h"

/* Whether header text h names column `name`: exactly (how 0), once the
 * blanks a spreadsheet leaves around header cells are trimmed (1), or
 * with letter case, blanks and underscores folded (2, for
 * input.header_case "insensitive"). */
static int
column_is(const char *h, const char *name, int how)
{
	size_t hl, nl;
	const char *hp, *np;

	if (how == 0)
		return !strcmp(h, name);
	if (how == 2)
		return text_key_loose_eq(h, strlen(h), name, strlen(name));
	hp = str_trim_blanks(h, strlen(h), &hl);
	np = str_trim_blanks(name, strlen(name), &nl);
	return hl == nl && !memcmp(hp, np, hl);
}

/* The index of the header column `name`, or -1 when it is absent; *twice
 * is set to a second column of that name, or -1. */
static int
lookup_column(const evaluator *ev, const char *name, int *twice)
{
	int found = -1, how, hows = ev->header_insensitive ? 3 : 2;
	size_t j;

	*twice = -1;
	for (how = 0; how < hows && found < 0; how++)
		for (j = 0; j < ev->ncols; j++)
			if (column_is(ev->col_names[j], name, how)) {
				if (found < 0)
					found = (int)j;
				else if (*twice < 0)
					*twice = (int)j;
			}
	return found;
}

/* Says that column `name` is not in the header, with the header cell it
 * most looks like (letter case, blanks and underscores aside), if any. */
static void
say_absent(const evaluator *ev, const char *name, const char *what,
	   const char *file, size_t line, diaglist *dl)
{
	long at = text_key_suggest(name, strlen(name),
				   (const char *const *)ev->col_names,
				   ev->ncols);

	if (at < 0)
		diaglist_add(dl,
			     "%s:%zu: column '%s' (%s) is not in the header",
			     file, line, name, what);
	else
		diaglist_add(dl,
			     "%s:%zu: column '%s' (%s) is not in the header "
			     "('%s' looks like '%s')",
			     file, line, name, what, ev->col_names[at], name);
}

/* The index of the header column `name` (what it is for goes into the
 * message), or -1 after adding a message: absent, or named twice. */
int
find_column(const evaluator *ev, const char *name, const char *what,
	    const char *file, size_t line, diaglist *dl)
{
	int twice, found = lookup_column(ev, name, &twice);

	if (found < 0)
		say_absent(ev, name, what, file, line, dl);
	else if (twice >= 0)
		diaglist_add(dl,
			     "%s:%zu: column '%s' (%s) appears twice in the "
			     "header (columns %d and %d)",
			     file, line, name, what, found + 1, twice + 1);
	return twice >= 0 ? -1 : found;
}

/* Binds every declared field to its header column in ev->col: one the
 * command reads must be there once (else a message in dl); any other is
 * bound where it is there once, so that its cells are still checked. */
void
bind_fields(evaluator *ev, const char *file, size_t line, diaglist *dl)
{
	const ruleset *rs = ev->rs;
	size_t i;

	ev->used = xcalloc(rs->nfields + 1, sizeof *ev->used);
	ev->col = xcalloc(rs->nfields + 1, sizeof *ev->col);
	ev->absent = xcalloc(rs->nfields + 1, sizeof *ev->absent);
	rules_mark_used(rs, ev->o.pairs, ev->used);
	for (i = 0; i < rs->nfields; i++) {
		const field_def *f = &rs->fields[i];
		char what[300];

		ev->col[i] = -1;
		if (!ev->used[i]) {
			/* A declared field no rule reads need not be in the
			 * file, but where it is (once), its cells are still
			 * checked: a value not of its type is not shown.
			 * Any text is a string or a list: nothing to check. */
			int twice, col = lookup_column(ev, f->column, &twice);

			if (twice < 0 && f->type.type != FT_STRING &&
			    f->type.type != FT_LIST)
				ev->col[i] = col;
			continue;
		}
		snprintf(what, sizeof what, "field %s", f->name);
		if (ev->missing_as_missing) {
			int twice;

			if (lookup_column(ev, f->column, &twice) < 0) {
				/* read as an empty cell on every row */
				ev->col[i] = ABSENT_COL;
				ev->absent[ev->nabsent++] = f->column;
				continue;
			}
		}
		ev->col[i] = find_column(ev, f->column, what, file, line, dl);
	}
}

/* Finds each --keep column (a message in dl for one that is not there
 * once); a name given twice is looked up, and reported, once. */
void
bind_keep(evaluator *ev, const char *file, size_t line, diaglist *dl)
{
	const eval_opts *o = &ev->o;
	size_t i, j;

	ev->keep_cols = xcalloc(o->nkeep + 1, sizeof *ev->keep_cols);
	for (i = 0; i < o->nkeep; i++) {
		if (o->keep_all) {
			ev->keep_cols[i] = (int)i;
			continue;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(o->keep[j], o->keep[i]))
				break;
		if (j < i) /* named twice: one column, one message */
			ev->keep_cols[i] = ev->keep_cols[j];
		else
			ev->keep_cols[i] = find_column(ev, o->keep[i], "--keep",
						       file, line, dl);
	}
}

/* The fields bound to a column, in declaration order: what each row
 * parses. */
void
plan_parsing(evaluator *ev)
{
	const ruleset *rs = ev->rs;
	size_t i;

	ev->steps = xcalloc(rs->nfields + 1, sizeof *ev->steps);
	for (i = 0; i < rs->nfields; i++) {
		const field_def *f = &rs->fields[i];
		parse_step *st = &ev->steps[ev->nsteps];

		if (ev->col[i] < 0 && ev->col[i] != ABSENT_COL)
			continue;
		st->type = &f->type;
		st->col = ev->col[i] == ABSENT_COL ? ABSENT_STEP :
						     (size_t)ev->col[i];
		st->val = &ev->vals[i];
		st->iv = &ev->ivs[i];
		st->name = f->name;
		st->watch_fraction = f->type.type == FT_PERCENT &&
				     !f->type.fraction;
		ev->nsteps++;
	}
}
