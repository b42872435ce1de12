#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "date.h"
#include "mutate.h"
#include "xalloc.h"

/*
 * One walk over the rule set serves both counting and applying: each
 * place a mutation can be made takes the next number, and the walk
 * applies the one whose number is wanted.
 */

typedef struct walk {
	ruleset *rs;
	size_t want; /* the mutation to apply; (size_t)-1 when counting */
	size_t at;   /* mutations met so far */
	int done;
	strbuf *out;
	const char *rule; /* id of the rule being walked */
} walk;

/* Takes the next number; 1 when it is the mutation to apply. */
static int
take(walk *w)
{
	return w->at++ == w->want;
}

/* The step of a decimal: one unit of its last digit. */
static decnum
step_of(decnum d, int integer)
{
	decnum s;

	s.mant = 1;
	s.scale = integer || d.scale < 0 ? 0 : d.scale;
	s.ok = 1;
	return s;
}

/* Writes the whole part of the number in buf with thousands separated
 * by commas, as a money literal is shown ("1,000,001"); buf holds
 * DEC_BUFSIZE bytes, enough for the commas too. */
static void
group(char *buf)
{
	char out[DEC_BUFSIZE * 2];
	const char *p = buf, *dot;
	size_t n = 0, digits, i;

	if (*p == '-')
		out[n++] = *p++;
	dot = strchr(p, '.');
	digits = dot ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < digits; i++) {
		if (i && (digits - i) % 3 == 0)
			out[n++] = ',';
		out[n++] = p[i];
	}
	strcpy(out + n, p + digits);
	if (strlen(out) < DEC_BUFSIZE)
		strcpy(buf, out);
}

static void
set_text(operand *o, const char *s)
{
	free(o->text);
	o->text = xstrdup(s);
	o->len = strlen(s);
}

/* Moves operand o of a comparison on type t (NULL: a formula) by dir
 * (+1 or -1) steps when apply is set; returns 0 when no such move can be
 * made, so that no number is taken for it. */
static int
shift(const type_spec *t, operand *o, int dir, int apply)
{
	char buf[DEC_BUFSIZE];

	if (!t || field_type_is_numeric(t->type)) {
		decnum s, n;

		if (!o->dec.ok)
			return 0;
		s = step_of(o->dec, t && t->type == FT_INTEGER);
		n = dir > 0 ? dec_add(o->dec, s) : dec_sub(o->dec, s);
		if (!n.ok)
			return 0;
		if (apply) {
			o->dec = n;
			o->num = dec_to_double(n);
			dec_format(n, buf);
			if (t && t->type == FT_MONEY)
				group(buf);
			set_text(o, buf);
		}
		return 1;
	}
	if (t->type == FT_ORDINAL) {
		long i = (long)o->num + dir;

		if (i < 0 || (size_t)i >= t->nlevels)
			return 0;
		if (apply) {
			o->num = (double)i;
			set_text(o, t->levels[i]);
		}
		return 1;
	}
	if (t->type == FT_DATE) {
		if (apply) {
			o->num += dir;
			date_format_iso((long)o->num, buf);
			set_text(o, buf);
		}
		return 1;
	}
	return 0;
}

static void
describe(walk *w, const cond *c, int after)
{
	sb_adds(w->out, after ? " -> " : w->rule);
	if (!after)
		sb_adds(w->out, ": ");
	cond_text(c, w->out);
}

/* One move of operand i of c, numbered if it can be made. */
static void
move(walk *w, cond *c, const type_spec *t, size_t i, int dir)
{
	if (!shift(t, &c->args[i], dir, 0))
		return;
	if (!take(w))
		return;
	describe(w, c, 0);
	shift(t, &c->args[i], dir, 1);
	describe(w, c, 1);
	w->done = 1;
}

static void
walk_cond(walk *w, cond *c)
{
	const type_spec *t;
	size_t i;
	int d;

	if (!c || w->done)
		return;
	for (i = 0; i < c->nkids; i++)
		walk_cond(w, c->kids[i]);
	if (w->done || (c->op != C_LT && c->op != C_LE && c->op != C_GT &&
			c->op != C_GE && c->op != C_BETWEEN))
		return;
	if (c->field < 0 && !c->expr)
		return;
	t = c->field >= 0 ? &w->rs->fields[c->field].type : NULL;
	if (t && t->unknown)
		return;
	for (i = 0; i < c->nargs && i < 2; i++)
		for (d = 1; d >= -1 && !w->done; d -= 2)
			move(w, c, t, i, d);
	if (w->done || c->op == C_BETWEEN)
		return;
	/* a flip only counts for a comparison that could be moved */
	if (!shift(t, &c->args[0], 1, 0) && !shift(t, &c->args[0], -1, 0))
		return;
	if (take(w)) {
		describe(w, c, 0);
		c->op = c->op == C_LT ? C_LE :
			c->op == C_LE ? C_LT :
			c->op == C_GT ? C_GE :
					C_GT;
		describe(w, c, 1);
		w->done = 1;
	}
}

/* The step of a consortium bound: 1 for counts, else as for a literal
 * of the field's type. */
static int
bound_move(walk *w, const cons_rule *cr, double *b, int dir, const char *what)
{
	int counted = cr->kind != AGG_SUM && cr->kind != AGG_MIN &&
		      cr->kind != AGG_MAX;
	const type_spec *t = counted ? NULL : &w->rs->fields[cr->field].type;
	decnum d = dec_from_double(*b), s, n;
	char buf[DEC_BUFSIZE];

	if (!d.ok)
		return 0;
	s = step_of(d, counted || t->type == FT_INTEGER);
	n = dir > 0 ? dec_add(d, s) : dec_sub(d, s);
	if (!n.ok || (counted && dec_to_double(n) < 0))
		return 0;
	if (!take(w))
		return 0;
	sb_addf(w->out, "%s: %s %s -> ", w->rule, what, dec_format(d, buf));
	sb_addf(w->out, "%s %s", what, dec_format(n, buf));
	*b = dec_to_double(n);
	w->done = 1;
	return 1;
}

static void
walk_all(walk *w)
{
	ruleset *rs = w->rs;
	size_t i;
	int d;

	for (i = 0; i < rs->nchecks && !w->done; i++) {
		w->rule = rs->checks[i].id;
		walk_cond(w, rs->checks[i].when);
		walk_cond(w, rs->checks[i].test);
	}
	for (i = 0; i < rs->npairs && !w->done; i++) {
		w->rule = rs->pairs[i].id;
		walk_cond(w, rs->pairs[i].test);
	}
	for (i = 0; i < rs->ncons && !w->done; i++) {
		cons_rule *cr = &rs->cons[i];

		w->rule = cr->id;
		walk_cond(w, cr->where);
		for (d = 1; d >= -1 && !w->done; d -= 2)
			if (cr->has_min && !cr->min_ref)
				bound_move(w, cr, &cr->min, d, "min");
		for (d = 1; d >= -1 && !w->done; d -= 2)
			if (cr->has_max && !cr->max_ref)
				bound_move(w, cr, &cr->max, d, "max");
	}
}

size_t
mutate_count(const ruleset *rs)
{
	walk w;

	memset(&w, 0, sizeof w);
	/* counting writes nothing: no mutation has the number (size_t)-1 */
	w.rs = (ruleset *)rs;
	w.want = (size_t)-1;
	walk_all(&w);
	return w.at;
}

int
mutate_apply(ruleset *rs, size_t k, strbuf *out)
{
	walk w;

	memset(&w, 0, sizeof w);
	w.rs = rs;
	w.want = k;
	w.out = out;
	walk_all(&w);
	return w.done ? 0 : -1;
}
