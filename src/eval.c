#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "date.h"
#include "eval.h"
#include "eval_int.h"
#include "fmt_value.h"
#include "idset.h"
#include "report_read.h"
#include "strbuf.h"
#include "textkey.h"
#include "xalloc.h"

/* Scales every weight to a whole number at one common scale, for exact
 * scores; when one does not fit (more than 6 decimals, or too large a
 * weight for a row's sum to stay exact), scores use the doubles. */
static void
plan_weights(evaluator *ev)
{
	const ruleset *rs = ev->rs;
	decnum *d = xcalloc(rs->nchecks + 1, sizeof *d);
	size_t i;

	ev->wint = xcalloc(rs->nchecks + 1, sizeof *ev->wint);
	ev->wexact = rs->nchecks < 1000000;
	ev->wscale = 0;
	for (i = 0; i < rs->nchecks; i++) {
		d[i] = dec_from_double(rs->checks[i].weight);
		if (!d[i].ok || d[i].scale > 6)
			ev->wexact = 0;
		else if (d[i].scale > ev->wscale)
			ev->wscale = d[i].scale;
	}
	for (i = 0; ev->wexact && i < rs->nchecks; i++) {
		/* adding a zero of the common scale brings d to it */
		decnum zero = { 0, (signed char)ev->wscale, 1 };
		decnum w = dec_add(d[i], zero);

		if (!w.ok || w.scale != ev->wscale ||
		    w.mant > ((int64_t)1 << 40))
			ev->wexact = 0;
		else
			ev->wint[i] = w.mant;
	}
	free(d);
	ev->min_dec = rs->has_min_score ? dec_from_double(rs->min_score) :
					  dec_from_int(0);
}

evaluator *
eval_new(const ruleset *rs, const csv_record *header, const char *file,
	 const eval_opts *o, diaglist *dl)
{
	evaluator *ev = xcalloc(1, sizeof *ev);
	const char *idc, *namec;
	size_t i, bad = dl->n;

	ev->rs = rs;
	ev->o = *o;
	ev->ncols = header->nfields;
	ev->id_col = ev->name_col = -1;
	ev->col_names = xcalloc(header->nfields + 1, sizeof *ev->col_names);
	for (i = 0; i < header->nfields; i++)
		ev->col_names[i] = utf8_sanitized_copy(header->fields[i],
						       header->lens[i]);
	if (header->error)
		diaglist_add(dl, "%s:%zu: the header row is unreadable: %s",
			     file, header->line, header->error);

	idc = o->input ? o->input->id_column : rs->id_column;
	namec = o->input ? o->input->name_column : rs->name_column;
	ev->missing_as_missing = o->input ? o->input->missing_as_missing :
					    rs->missing_as_missing;
	ev->header_insensitive = o->input ? o->input->header_insensitive :
					    rs->header_insensitive;
	if (idc)
		ev->id_col = find_column(ev, idc, "the partner id", file,
					 header->line, dl);
	if (namec)
		ev->name_col = find_column(ev, namec, "the partner name", file,
					   header->line, dl);
	bind_fields(ev, file, header->line, dl);
	bind_keep(ev, file, header->line, dl);
	if (dl->n > bad) {
		eval_free(ev);
		return NULL;
	}
	ev->vals = xcalloc(rs->nfields + 1, sizeof *ev->vals);
	ev->ivs = xcalloc(rs->nfields + 1, sizeof *ev->ivs);
	ev->cats = xcalloc(rs->ncategories + 1, sizeof *ev->cats);
	ev->cat_total = xcalloc(rs->ncategories + 1, sizeof *ev->cat_total);
	ev->cat_passed = xcalloc(rs->ncategories + 1, sizeof *ev->cat_passed);
	plan_weights(ev);
	ev->kept = xcalloc(o->nkeep + 1, sizeof *ev->kept);
	ev->kept_off = xcalloc(o->nkeep + 1, sizeof *ev->kept_off);
	plan_parsing(ev);
	sb_init(&ev->text);
	cond_ctx_init(&ev->cx, rs, o->today);
	ev->cx.labels = o->labels;
	ev->ids = idset_new();
	return ev;
}

void
eval_free(evaluator *ev)
{
	size_t i;

	if (!ev)
		return;
	for (i = 0; ev->col_names && i < ev->ncols; i++)
		free(ev->col_names[i]);
	free(ev->col_names);
	if (ev->ivs)
		for (i = 0; i < ev->rs->nfields; i++)
			item_vec_free(&ev->ivs[i]);
	free(ev->ivs);
	free(ev->vals);
	free(ev->used);
	free(ev->col);
	free(ev->absent);
	free(ev->keep_cols);
	free(ev->pend);
	free(ev->findings);
	free(ev->cats);
	free(ev->cat_total);
	free(ev->cat_passed);
	free(ev->wint);
	free(ev->kept);
	free(ev->kept_off);
	idset_free(ev->ids);
	free(ev->steps);
	if (ev->text.buf)
		sb_free(&ev->text);
	if (ev->vals)
		cond_ctx_free(&ev->cx);
	free(ev);
}

const value *
eval_values(const evaluator *ev)
{
	return ev->row_ok ? ev->vals : NULL;
}

const unsigned char *
eval_used(const evaluator *ev)
{
	return ev->used;
}

int
eval_column(const evaluator *ev, size_t field)
{
	return ev->col[field] < 0 ? -1 : ev->col[field];
}

size_t
eval_fraction_fields(const evaluator *ev, const char **names, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < ev->nsteps; i++) {
		const parse_step *st = &ev->steps[i];

		if (st->watch_fraction && !st->not_fraction && st->fractions) {
			if (n < max)
				names[n] = st->name;
			n++;
		}
	}
	return n;
}

const char *const *
eval_absent_columns(const evaluator *ev, size_t *n)
{
	*n = ev->nabsent;
	return ev->absent;
}

/* Starts a finding whose message the caller appends to ev->text; the
 * message ends at the NUL that finish_message adds. */
static void
add_finding(evaluator *ev, const char *rule, const char *rationale,
	    severity sev, outcome out)
{
	pending *p;

	ev->pend = xgrow(ev->pend, &ev->cappend, ev->npend + 1,
			 sizeof *ev->pend);
	p = &ev->pend[ev->npend++];
	p->rule = rule;
	p->rationale = rationale;
	p->sev = sev;
	p->out = out;
	p->msg = ev->text.len;
	p->ck = NULL;
	p->value = p->threshold = p->expires = NO_TEXT;
	p->value_shown = p->threshold_shown = NO_TEXT;
	p->w = NULL;
	p->expired = 0;
}

static size_t keep_text(evaluator *ev, const char *s, size_t len);

/* The one field a check's test decides on, or -1: a comparison of a
 * field (not a formula) with literals. */
static int
deciding_field(const cond *c)
{
	if (!c || c->field < 0 || c->expr)
		return -1;
	switch (c->op) {
	case C_ALL:
	case C_ANY:
	case C_NOT:
	case C_BOTH:
	case C_EITHER:
	case C_MEETS:
	case C_APART:
	case C_DIFFER:
	case C_SAME:
		return -1;
	default:
		return c->field;
	}
}

/* Fills the last pending finding's structured detail for check ck (and
 * the waiver w it met, expired or not): the deciding field's cell as
 * read, the literals as written, the waiver's expiry.  Appends to
 * ev->text, so call it after the message is finished. */
static void
add_detail(evaluator *ev, const check *ck, const waiver *w, int expired)
{
	pending *p = &ev->pend[ev->npend - 1];
	int f = deciding_field(ck->test);
	size_t i;

	p->ck = ck;
	if (f >= 0) {
		int col = ev->col[f];
		const csv_record *rec = ev->rec;

		p->value = col >= 0 && (size_t)col < rec->nfields ?
			       keep_text(ev, rec->fields[col], rec->lens[col]) :
			       keep_text(ev, "", 0);
		if (ck->test->nargs) {
			p->threshold = ev->text.len;
			for (i = 0; i < ck->test->nargs; i++) {
				if (i)
					sb_adds(&ev->text, ", ");
				sb_add(&ev->text, ck->test->args[i].text,
				       ck->test->args[i].len);
			}
			sb_addc(&ev->text, '\0');
		}
		/* the same two as a person reads them (the html cards) */
		p->value_shown = ev->text.len;
		cond_add_value(&ev->cx, ck->test, &ev->vals[f], &ev->text);
		sb_addc(&ev->text, '\0');
		if (ck->test->nargs) {
			p->threshold_shown = ev->text.len;
			for (i = 0; i < ck->test->nargs; i++) {
				const operand *o = &ck->test->args[i];

				if (i)
					sb_adds(&ev->text, ", ");
				fmt_literal(&ev->text,
					    cond_subject_type(&ev->cx,
							      ck->test),
					    o->num, o->dec, o->text, o->len);
			}
			sb_addc(&ev->text, '\0');
		}
	}
	if (w) {
		p->w = w;
		p->expired = expired;
		if (w->has_expiry) {
			char date[16];

			date_format_iso(w->expires, date);
			p->expires = ev->text.len;
			sb_adds(&ev->text, date);
			sb_addc(&ev->text, '\0');
		}
	}
}

static void
finish_message(evaluator *ev)
{
	sb_addc(&ev->text, '\0');
}

static void
row_error_start(evaluator *ev, const csv_record *rec)
{
	add_finding(ev, "input", NULL, SEV_FAIL, OUT_ERROR);
	sb_addf(&ev->text, "line %zu: ", rec->line);
}

static void
add_weight(const evaluator *ev, size_t ck, tally *t)
{
	t->w += ev->rs->checks[ck].weight;
	t->i += ev->wint[ck];
}

static void
run_checks(evaluator *ev, tally *total, tally *passed)
{
	const ruleset *rs = ev->rs;
	size_t i;

	for (i = 0; i < rs->nchecks; i++) {
		const check *ck = &rs->checks[i];
		int cat = ev->o.categories ? ck->cat : -1;
		const waiver *w;
		tri r;

		if (ck->when &&
		    cond_eval(&ev->cx, ck->when, ev->vals) == T_FALSE)
			continue;
		r = cond_eval(&ev->cx, ck->test, ev->vals);
		if (r == T_MISSING && ck->missing != MISSING_FAIL) {
			if (ck->missing == MISSING_SKIP)
				continue;
			r = T_TRUE;
		}
		if (r == T_TRUE) {
			add_weight(ev, i, total);
			add_weight(ev, i, passed);
			if (cat >= 0) {
				add_weight(ev, i, &ev->cat_total[cat]);
				add_weight(ev, i, &ev->cat_passed[cat]);
			}
			continue;
		}
		/* ev->text grows as messages are added: the id is looked up
		 * by offset each time, never kept as a pointer. */
		w = ev->o.waivers ?
			waivers_find(ev->o.waivers, ev->text.buf + ev->id_off,
				     ck->id, ev->o.today) :
			NULL;
		if (w && waiver_in_force(w, ev->o.today)) {
			add_finding(ev, ck->id, ck->rationale, ck->sev,
				    OUT_WAIVED);
			cond_describe(&ev->cx, ck->test, ev->vals, r,
				      &ev->text);
			waivers_note(&ev->text, w, ev->o.today);
			finish_message(ev);
			add_detail(ev, ck, w, 0);
			continue;
		}
		add_finding(ev, ck->id, ck->rationale, ck->sev,
			    r == T_MISSING ? OUT_MISSING : OUT_FAIL);
		cond_describe(&ev->cx, ck->test, ev->vals, r, &ev->text);
		if (w)
			waivers_note(&ev->text, w, ev->o.today);
		finish_message(ev);
		add_detail(ev, ck, w, 1);
		add_weight(ev, i, total);
		if (cat >= 0)
			add_weight(ev, i, &ev->cat_total[cat]);
	}
}

/* Weights are never negative, so pct is in 0..100 and truncation after
 * adding a half is floor: no libm call per score. */
static double
round1(double pct)
{
	return (double)(long long)(pct * 10 + 0.5) / 10;
}

/* Copies s into ev->text (made valid UTF-8 if it is not) and returns its
 * offset. */
static size_t
keep_text(evaluator *ev, const char *s, size_t len)
{
	size_t off = ev->text.len;

	/* csvread has validated the UTF-8 of every record it read cleanly;
	 * only a bad record, or one with a NUL byte, needs the check again
	 * (each NUL becomes U+FFFD). */
	if ((ev->has_nul && memchr(s, '\0', len)) ||
	    (ev->bad_record && utf8_invalid_at(s, len) < len))
		utf8_sanitize(s, len, &ev->text);
	else
		sb_add(&ev->text, s, len);
	sb_addc(&ev->text, '\0');
	return off;
}

/* The first field holding a NUL byte, or -1: reports are text, and a NUL
 * would silently cut a value short in every format. */
static long
nul_field(const csv_record *rec)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (memchr(rec->fields[i], '\0', rec->lens[i]))
			return (long)i;
	return -1;
}

/* Clears what the previous row left and starts v for rec. */
static void
start_row(evaluator *ev, const csv_record *rec, verdict *v)
{
	ev->npend = 0;
	ev->row_ok = 0;
	ev->bad_record = rec->error != NULL;
	ev->has_nul = rec->has_nul;
	sb_reset(&ev->text);
	memset(v, 0, sizeof *v);
	v->line = rec->line;
	v->record = rec->index;
}

/* Copies the row's id (the record number when there is no id column or
 * the cell is blank), name and --keep cells into ev->text, even for a row
 * in error: a report names every row.  Returns the length of the id cell
 * once trimmed, 0 when it is blank or absent. */
static size_t
read_identity(evaluator *ev, const csv_record *rec)
{
	size_t i, idlen = 0, namelen = 0;
	const char *idp = NULL, *namep = NULL;

	if (ev->id_col >= 0 && (size_t)ev->id_col < rec->nfields)
		idp = str_trim_blanks(rec->fields[ev->id_col],
				      rec->lens[ev->id_col], &idlen);
	if (ev->name_col >= 0 && (size_t)ev->name_col < rec->nfields)
		namep = str_trim_blanks(rec->fields[ev->name_col],
					rec->lens[ev->name_col], &namelen);
	if (idp && idlen) {
		ev->id_off = keep_text(ev, idp, idlen);
	} else {
		ev->id_off = ev->text.len;
		sb_addf(&ev->text, "%zu", rec->index);
		sb_addc(&ev->text, '\0');
	}
	ev->name_off = keep_text(ev, namep ? namep : "", namelen);
	for (i = 0; i < ev->o.nkeep; i++) {
		int col = ev->keep_cols[i];

		ev->kept_off[i] = (size_t)col < rec->nfields ?
				      keep_text(ev, rec->fields[col],
						rec->lens[col]) :
				      keep_text(ev, "", 0);
	}
	return idlen;
}

/* Adds the first reason, if any, why the record as a whole cannot be
 * assessed: the reader's error, a field count unlike the header's, a NUL
 * byte, or a blank id in the id column (idlen is its trimmed length). */
static void
record_errors(evaluator *ev, const csv_record *rec, size_t idlen)
{
	long nul;

	if (rec->error) {
		row_error_start(ev, rec);
		if (rec->error_field >= 0 &&
		    (size_t)rec->error_field < ev->ncols)
			sb_addf(&ev->text, "column '%s': ",
				ev->col_names[rec->error_field]);
		sb_adds(&ev->text, rec->error);
	} else if (rec->nfields != ev->ncols) {
		row_error_start(ev, rec);
		sb_addf(&ev->text, "%zu field%s, expected %zu as in the header",
			rec->nfields, rec->nfields == 1 ? "" : "s", ev->ncols);
	} else if (ev->has_nul && (nul = nul_field(rec)) >= 0) {
		row_error_start(ev, rec);
		sb_addf(&ev->text, "column '%s' holds a NUL byte",
			ev->col_names[nul]);
	} else if (ev->id_col >= 0 && !idlen) {
		row_error_start(ev, rec);
		sb_addf(&ev->text, "the partner id (column '%s') is empty",
			ev->col_names[ev->id_col]);
	} else {
		return;
	}
	finish_message(ev);
}

/* Records the row's id as seen; a sound row whose id an earlier row
 * claimed gets a duplicate-id error.  idlen as for record_errors. */
static void
claim_id(evaluator *ev, const csv_record *rec, size_t idlen)
{
	const char *id = ev->text.buf + ev->id_off;
	size_t first;
	char *copy;

	if (ev->npend) {
		/* A row in error for another reason still claims its id: a
		 * later row with the same id is a duplicate all the same. */
		if (ev->id_col >= 0 && idlen)
			idset_add(ev->ids, id, strlen(id), rec->line);
		return;
	}
	first = idset_add(ev->ids, id, strlen(id), rec->line);
	if (!first)
		return;
	/* The id lives in ev->text, which the message grows: copy it out
	 * before appending. */
	copy = xstrdup(id);
	row_error_start(ev, rec);
	sb_addf(&ev->text, "duplicate id '%s' (first on line %zu)", copy,
		first);
	finish_message(ev);
	free(copy);
}

/* Notes whether a percent cell (parsed into st->val) looks like a
 * fraction of one: a spreadsheet exports 62% as 0.62 when the cell is
 * formatted as a percentage. */
static void
watch_fraction(parse_step *st, const char *cell, size_t len)
{
	double x = st->val->num;

	if (x >= 0 && x <= 1 && memchr(cell, '.', len) &&
	    !memchr(cell, '%', len))
		st->fractions++;
	else
		st->not_fraction = 1;
}

/* Parses every bound cell into its typed value; each cell not of its
 * field's type adds an error naming the field. */
static void
parse_cells(evaluator *ev, const csv_record *rec)
{
	char err[256];
	size_t i;

	for (i = 0; i < ev->nsteps; i++) {
		parse_step *st = &ev->steps[i];
		int absent = st->col == ABSENT_STEP;
		const char *cell = absent ? "" : rec->fields[st->col];
		size_t len = absent ? 0 : rec->lens[st->col];

		/* Only a bad cell is parsed again, for its message. */
		if (value_parse_quiet(st->type, cell, len, st->val, st->iv) <
			0 &&
		    value_parse(st->type, cell, len, st->val, st->iv, err,
				sizeof err) < 0) {
			row_error_start(ev, rec);
			sb_addf(&ev->text, "%s: %s", st->name, err);
			finish_message(ev);
		} else if (st->watch_fraction && !st->not_fraction &&
			   st->val->kind == V_NUMBER) {
			watch_fraction(st, cell, len);
		}
	}
}

/* Runs the checks over a parsed row: v's score and category scores, and
 * the min_score finding. */
/* passed / total as a percentage, rounded half up to one decimal, as
 * people round (18.75 is 18.8); exact when the weights are. */
static double
score_of(const evaluator *ev, const tally *passed, const tally *total)
{
	static const decnum hundred = { 100, 0, 1 };

	if (ev->wexact) {
		decnum p = { passed->i, (signed char)ev->wscale, 1 };
		decnum t = { total->i, (signed char)ev->wscale, 1 };
		decnum sc = dec_quotient(dec_mul(p, hundred), t, 1);

		if (sc.ok)
			return dec_to_double(sc);
	}
	return round1(passed->w * 100 / total->w);
}

/* Whether the exact score (not the rounded one) is below min_score; when
 * rounding hides it, *exact gets the score to as many decimals as show
 * it (at most six), else ok 0. */
static int
below_min(const evaluator *ev, const tally *passed, const tally *total,
	  double rounded, decnum *exact)
{
	static const decnum hundred = { 100, 0, 1 };

	exact->ok = 0;
	if (ev->wexact && ev->min_dec.ok) {
		decnum p = { passed->i, (signed char)ev->wscale, 1 };
		decnum t = { total->i, (signed char)ev->wscale, 1 };
		decnum l = dec_mul(p, hundred), r = dec_mul(ev->min_dec, t);
		int d;

		if (l.ok && r.ok) {
			if (dec_cmp(l, r) >= 0)
				return 0;
			if (rounded >= ev->rs->min_score)
				for (d = 2; d <= 6 && !exact->ok; d++) {
					*exact = dec_quotient(l, t, d);
					if (exact->ok &&
					    dec_cmp(*exact, ev->min_dec) >= 0)
						exact->ok = 0;
				}
			return 1;
		}
	}
	return passed->w * 100 / total->w < ev->rs->min_score;
}

static void
score_row(evaluator *ev, verdict *v)
{
	const ruleset *rs = ev->rs;
	tally total = { 0, 0 }, passed = { 0, 0 };
	decnum exact;
	size_t c;

	ev->row_ok = 1;
	if (ev->o.categories) {
		memset(ev->cat_total, 0,
		       rs->ncategories * sizeof *ev->cat_total);
		memset(ev->cat_passed, 0,
		       rs->ncategories * sizeof *ev->cat_passed);
	}
	run_checks(ev, &total, &passed);
	if (total.w > 0) {
		v->has_score = 1;
		v->score = score_of(ev, &passed, &total);
	}
	/* Only --by-category shows them, and eight divisions a row are worth
	 * saving. */
	for (c = 0; ev->o.categories && c < rs->ncategories; c++) {
		ev->cats[c].category = rs->categories[c];
		ev->cats[c].has_score = ev->cat_total[c].w > 0;
		ev->cats[c].score = ev->cats[c].has_score ?
					score_of(ev, &ev->cat_passed[c],
						 &ev->cat_total[c]) :
					0;
	}
	v->cats = ev->o.categories ? ev->cats : NULL;
	v->ncats = ev->o.categories ? rs->ncategories : 0;
	if (rs->has_min_score && v->has_score &&
	    below_min(ev, &passed, &total, v->score, &exact)) {
		char buf[DEC_BUFSIZE];

		add_finding(ev, "min_score", NULL, SEV_FAIL, OUT_FAIL);
		/* "score 18.8 is below the minimum 18.76" would read wrong:
		 * the digits that show it, then */
		if (exact.ok)
			sb_addf(&ev->text, "score %s", dec_format(exact, buf));
		else
			sb_addf(&ev->text, "score %.1f", v->score);
		sb_adds(&ev->text, " is below the minimum ");
		sb_addnum(&ev->text, rs->min_score);
		finish_message(ev);
	}
}

/* Points v at the row's findings and texts, now that ev->text no longer
 * moves, and derives its status from the findings. */
static void
finish_verdict(evaluator *ev, verdict *v)
{
	size_t i;

	ev->findings = xgrow(ev->findings, &ev->capfind, ev->npend + 1,
			     sizeof *ev->findings);
	v->st = ST_PASS;
	for (i = 0; i < ev->npend; i++) {
		const pending *p = &ev->pend[i];
		finding *f = &ev->findings[i];

		f->rule = p->rule;
		f->rationale = p->rationale;
		f->sev = p->sev;
		f->out = p->out;
		f->message = ev->text.buf + p->msg;
		memset(&f->d, 0, sizeof f->d);
		f->line = v->line;
		if (p->ck) {
			f->d.title = p->ck->title;
			f->d.category = p->ck->category;
			if (p->value != NO_TEXT) {
				f->d.field =
				    ev->rs->fields[deciding_field(p->ck->test)]
					.name;
				f->d.value = ev->text.buf + p->value;
				f->d.label =
				    ev->rs->fields[deciding_field(p->ck->test)]
					.label;
				f->d.value_shown = ev->text.buf +
						   p->value_shown;
			}
			if (p->threshold != NO_TEXT)
				f->d.threshold = ev->text.buf + p->threshold;
			if (p->threshold_shown != NO_TEXT)
				f->d.threshold_shown = ev->text.buf +
						       p->threshold_shown;
		}
		if (ev->o.baseline &&
		    report_doc_known(ev->o.baseline, RK_PARTNER,
				     ev->text.buf + ev->id_off, NULL, p->rule,
				     p->sev, p->out == OUT_WAIVED))
			f->d.known = 1;
		if (p->w) {
			f->d.waiver.reason = p->w->reason;
			f->d.waiver.expired = p->expired;
			if (p->expires != NO_TEXT)
				f->d.waiver.expires = ev->text.buf + p->expires;
		}
		if (p->out == OUT_ERROR)
			v->st = ST_ERROR;
		else if (p->out != OUT_WAIVED && v->st != ST_ERROR) {
			if (p->sev == SEV_FAIL)
				v->st = ST_FAIL;
			else if (p->sev == SEV_WARN && v->st == ST_PASS)
				v->st = ST_WARN;
		}
	}
	if (v->st == ST_ERROR) {
		v->has_score = 0;
		v->cats = NULL;
		v->ncats = 0;
	}
	v->findings = ev->findings;
	v->nfindings = ev->npend;
	v->id = ev->text.buf + ev->id_off;
	v->name = ev->name_col >= 0 ? ev->text.buf + ev->name_off : NULL;
	for (i = 0; i < ev->o.nkeep; i++)
		ev->kept[i] = ev->text.buf + ev->kept_off[i];
	v->kept = ev->kept;
}

void
eval_row(evaluator *ev, const csv_record *rec, verdict *v)
{
	size_t idlen;

	start_row(ev, rec, v);
	ev->rec = rec;
	idlen = read_identity(ev, rec);
	record_errors(ev, rec, idlen);
	claim_id(ev, rec, idlen);
	/* A row in error is not parsed, and a row with a bad cell is not
	 * scored: its values would be partial. */
	if (!ev->npend)
		parse_cells(ev, rec);
	if (!ev->npend)
		score_row(ev, v);
	finish_verdict(ev, v);
}
