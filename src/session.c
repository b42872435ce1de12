#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "diag.h"
#include "output.h"
#include "session.h"
#include "xalloc.h"

static void
print_diags(diaglist *dl)
{
	size_t i;

	for (i = 0; i < dl->n; i++)
		diag("%s", dl->msgs[i]);
	diaglist_free(dl);
}

static void
close_all(session *s)
{
	size_t i;

	eval_free(s->ev);
	csvread_close(s->in);
	waivers_free(s->ws);
	rules_free(s->rs);
	for (i = 0; i < s->nkeep; i++)
		free(s->keep[i]);
	free(s->keep);
	cli_free(&s->opt);
	memset(s, 0, sizeof *s);
}

static long
today_days(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
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

/* The column one --keep item p[0..n) names, as the header spells it: the
 * item is a header cell (blanks around either ignored) or a declared
 * field's name.  An item that is neither is kept as written, for
 * eval_new to report. */
static char *
keep_name(const session *s, const csv_record *header, const char *p,
	  size_t n)
{
	int col;
	size_t i;

	p = str_trim_blanks(p, n, &n);
	col = header_column(header, p, n);
	for (i = 0; i < s->rs->nfields && col < 0; i++) {
		const field_def *f = &s->rs->fields[i];
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

static void
split_keep(session *s, const csv_record *header)
{
	const char *p = s->opt.keep;
	size_t i;

	if (!p)
		return;
	if (!strcmp(p, "all")) {
		/* Every column, by position: a header that repeats a name
		 * (two blank trailing cells, say) keeps both columns. */
		s->keep = xcalloc(header->nfields + 1, sizeof *s->keep);
		for (i = 0; i < header->nfields; i++)
			s->keep[s->nkeep++] = utf8_sanitized_copy(
				header->fields[i], header->lens[i]);
		s->keep_all = 1;
		return;
	}
	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *name = keep_name(s, header, p, n);

		for (i = 0; i < s->nkeep; i++)
			if (!strcmp(s->keep[i], name))
				break;
		if (i < s->nkeep) {  /* named twice: kept once */
			free(name);
		} else {
			s->keep = xrealloc(s->keep,
					   (s->nkeep + 1) * sizeof *s->keep);
			s->keep[s->nkeep++] = name;
		}
		if (!end)
			break;
		p = end + 1;
	}
}

static const char *
delimiter_name(char d)
{
	return d == ';' ? "semicolon" : d == '\t' ? "tab" : "comma";
}

/* When the header does not suit the rule set and was split with a
 * delimiter other than the one it looks like (a given one), says so and
 * how to change it. */
static void
delimiter_hint(const session *s, const csv_record *header, diaglist *dl)
{
	char used = csvread_delimiter(s->in);
	char looks = csvread_header_looks(s->in);

	if (looks == used)
		return;
	diaglist_add(dl, "%s:%zu: the header looks %s-separated but was read "
		     "as %s-separated: use --delimiter %s, or set "
		     "\"input\": {\"delimiter\": \"%s\"} in the rules",
		     csvread_path(s->in), header->line, delimiter_name(looks),
		     delimiter_name(used), delimiter_name(looks),
		     delimiter_name(looks));
}

static int
wants_color(const session *s)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (strcmp(s->opt.format, "text"))
		return 0;
	if (s->opt.color >= 0)
		return s->opt.color;
	if (nc && *nc)
		return 0;
	if (term && !strcmp(term, "dumb"))
		return 0;
	return output_is_tty();
}

static void
note_expiring(const waiver *w, void *ctx)
{
	const session *s = ctx;
	char date[16];
	long left = w->expires - s->today;

	date_format_iso(w->expires, date);
	if (left == 0)
		diag("%s: note: waiver of %s for '%s' expires today (%s)",
		     w->origin, w->rule, w->partner, date);
	else
		diag("%s: note: waiver of %s for '%s' expires on %s, in %ld "
		     "day%s", w->origin, w->rule, w->partner, date, left,
		     left == 1 ? "" : "s");
}

int
session_open(session *s, int argc, char **argv, report_mode mode,
	     const char *usage)
{
	diaglist dl = { NULL, 0, 0 };
	csvread_opts ro;
	csv_record header;
	eval_opts eo;
	char err[512];
	size_t i;
	int rc;

	memset(s, 0, sizeof *s);
	rc = cli_parse(&s->opt, argc, argv, mode, usage);
	if (rc) {
		close_all(s);
		return rc == 1 ? 0 : 2;
	}
	/* Before anything is read: -o must not name an input. */
	{
		const char **in = xcalloc(s->opt.nwaivers + 2, sizeof *in);

		in[0] = s->opt.input;
		in[1] = s->opt.rules;
		for (i = 0; i < s->opt.nwaivers; i++)
			in[i + 2] = s->opt.waivers[i];
		rc = output_refuse_inputs(s->opt.output, in, i + 2, err,
					  sizeof err);
		free(in);
		if (rc < 0) {
			diaglist_add(&dl, "%s", err);
			goto fail;
		}
	}
	s->rs = s->opt.rules ? rules_load(s->opt.rules, &dl) :
		rules_parse("<default rules>", default_rules_json,
			    strlen(default_rules_json), &dl);
	if (!s->rs)
		goto fail;
	if (s->opt.delimiter)
		s->rs->delimiter = (char)s->opt.delimiter;
	if (s->opt.encoding >= 0)
		s->rs->enc = (encoding)s->opt.encoding;
	if (s->opt.id_column) {
		free(s->rs->id_column);
		s->rs->id_column = *s->opt.id_column ?
			xstrdup(s->opt.id_column) : NULL;
	}
	if (s->opt.name_column) {
		free(s->rs->name_column);
		s->rs->name_column = *s->opt.name_column ?
			xstrdup(s->opt.name_column) : NULL;
	}
	for (i = 0; i < s->opt.nsets; i++)
		if (rules_set_contract(s->rs, s->opt.sets[i], err, sizeof err) < 0)
			diaglist_add(&dl, "--set: %s", err);
	if (s->opt.as_of) {
		if (date_parse(NULL, s->opt.as_of, strlen(s->opt.as_of),
			       &s->today) < 0)
			diaglist_add(&dl, "--as-of: '%s' is not a date (write "
				     "YYYY-MM-DD)", s->opt.as_of);
	} else {
		s->today = today_days();
	}
	s->ws = waivers_new(s->rs);
	for (i = 0; i < s->opt.nwaivers; i++)
		waivers_load_csv(s->ws, s->opt.waivers[i], s->rs, &dl);
	waivers_seal(s->ws);
	if (dl.n)
		goto fail;
	/* Before the report, so that it is seen while there is time. */
	waivers_each_expiring(s->ws, s->today, 30, note_expiring, s);
	s->max_rows = s->opt.max_rows ? s->opt.max_rows :
		      mode == MODE_SCREEN ? 10000000 : 100000;

	ro.delimiter = s->rs->delimiter;
	ro.enc = s->rs->enc;
	ro.max_field_bytes = s->opt.max_field_bytes;
	s->in = csvread_open(s->opt.input, &ro, err, sizeof err);
	if (!s->in) {
		diaglist_add(&dl, "%s", err);
		goto fail;
	}
	rc = csvread_next(s->in, &header);
	if (rc == 0) {
		diaglist_add(&dl, "%s:1: empty file: expected a header row",
			     csvread_path(s->in));
		goto fail;
	}
	if (rc < 0) {
		diaglist_add(&dl, "%s:%zu: %s", csvread_path(s->in),
			     csvread_error_line(s->in), csvread_error(s->in));
		goto fail;
	}
	split_keep(s, &header);
	memset(&eo, 0, sizeof eo);
	eo.today = s->today;
	eo.waivers = s->ws;
	eo.keep = (const char *const *)s->keep;
	eo.nkeep = s->nkeep;
	eo.keep_all = s->keep_all;
	eo.categories = s->opt.by_category;
	eo.pairs = mode != MODE_SCREEN;
	s->ev = eval_new(s->rs, &header, csvread_path(s->in), &eo, &dl);
	if (!s->ev) {
		delimiter_hint(s, &header, &dl);
		goto fail;
	}
	s->rep.out = output_open(s->opt.output, err, sizeof err);
	if (!s->rep.out) {
		diaglist_add(&dl, "%s", err);
		goto fail;
	}
	s->rep.flush_each = output_is_live();
	s->rep.em = emitter_find(s->opt.format);
	s->rep.mode = mode;
	s->rep.color = wants_color(s);
	s->rep.sanitize = s->opt.sanitize;
	s->rep.by_category = s->opt.by_category;
	s->rep.explain = s->opt.explain;
	s->rep.keep = (const char *const *)s->keep;
	s->rep.nkeep = s->nkeep;
	return 0;
fail:
	print_diags(&dl);
	close_all(s);
	return 2;
}

int
session_next(session *s, csv_record *rec)
{
	int rc = csvread_next(s->in, rec);

	if (rc < 0) {
		diag("%s:%zu: %s", csvread_path(s->in), csvread_error_line(s->in),
		     csvread_error(s->in));
		return -1;
	}
	if (rc == 0)
		s->sum.blank_rows = csvread_blank_rows(s->in);
	if (rc > 0 && rec->index > s->max_rows) {
		diag("%s:%zu: more than %zu rows (raise the limit with "
		     "--max-rows)", csvread_path(s->in), rec->line, s->max_rows);
		return -1;
	}
	return rc;
}

void
session_count(session *s, const verdict *v)
{
	size_t i;

	s->sum.rows_read++;
	s->sum.rows_reported++;
	s->sum.by_status[v->st]++;
	waivers_mark_partner(s->ws, v->id);
	for (i = 0; i < v->nfindings; i++) {
		if (v->findings[i].out == OUT_WAIVED)
			s->sum.waived++;
		else
			s->sum.findings[v->findings[i].sev]++;
	}
}

static void
note_unmatched(const waiver *w, const char *hint, void *ctx)
{
	(void)ctx;
	diag("%s: waiver of %s for '%s' not used: no partner has that id%s%s%s",
	     w->origin, w->rule, w->partner, hint ? " (did you mean '" : "",
	     hint ? hint : "", hint ? "'?)" : "");
}


int
session_finish(session *s)
{
	const summary *m = &s->sum;
	int rc = 0;

	waivers_each_unmatched(s->ws, note_unmatched, NULL);
	/* CSV and TSV reports have no summary to count them in. */
	if (m->blank_rows && (!strcmp(s->opt.format, "csv") ||
			      !strcmp(s->opt.format, "tsv")))
		diag("%s: %zu blank row%s skipped", csvread_path(s->in),
		     m->blank_rows, m->blank_rows == 1 ? "" : "s");

	if (s->opt.fail_on != FAIL_ON_NEVER) {
		if (m->by_status[ST_FAIL] || m->by_status[ST_ERROR] ||
		    m->conflicts[SEV_FAIL] || m->consortium[SEV_FAIL])
			rc = 1;
		if (s->opt.fail_on == FAIL_ON_WARN &&
		    (m->by_status[ST_WARN] || m->conflicts[SEV_WARN] ||
		     m->consortium[SEV_WARN]))
			rc = 1;
	}
	if (output_close(1) < 0)
		rc = 2;
	close_all(s);
	return rc;
}

int
session_abort(session *s)
{
	/* The emitter frees its state in end(); run it into /dev/null so
	 * that the report already written is not made to look complete. */
	if (s->began && s->rep.em) {
		FILE *null;

		if (s->rep.em->flush)
			s->rep.em->flush(&s->rep);
		null = fopen("/dev/null", "w");

		if (null) {
			s->rep.out = null;
			s->rep.em->end(&s->rep, &s->sum);
			fclose(null);
		}
	}
	output_close(0);
	close_all(s);
	return 2;
}
