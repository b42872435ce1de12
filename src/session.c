#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "diag.h"
#include "exit_status.h"
#include "output.h"
#include "reader_thread.h"
#include "report_read.h"
#include "rules_extends.h"
#include "session.h"
#include "sha256.h"
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
	/* The thread reads s->in: it ends first. */
	reader_thread_free(s->rt);
	report_free(&s->rep);
	free(s->rules);
	eval_free(s->ev);
	csvread_close(s->in);
	waivers_free(s->ws);
	rules_free(s->rs);
	report_doc_free(s->baseline);
	assess_keep_free(&s->keep);
	cli_free(&s->opt);
	memset(s, 0, sizeof *s);
}

/* Today, or the day SOURCE_DATE_EPOCH (seconds since 1970, UTC) names
 * when it is set to a number: reproducible runs, and golden tests whose
 * reports print the date, get one date whatever day they run. */
static long
today_days(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	struct tm tm;

	if (sde && *sde && strspn(sde, "0123456789") == strlen(sde) &&
	    strlen(sde) < 15) {
		now = (time_t)strtoll(sde, NULL, 10);
		gmtime_r(&now, &tm);
		return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
				       tm.tm_mday);
	}
	localtime_r(&now, &tm);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int
wants_color(const session *s)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (!s->rep.em || !s->rep.em->colors)
		return 0;
	if (s->opt.color >= 0)
		return s->opt.color;
	if (nc && *nc)
		return 0;
	if (term && !strcmp(term, "dumb"))
		return 0;
	return output_is_tty();
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
	diaglist_add(dl,
		     "%s:%zu: the header looks %s-separated but was read "
		     "as %s-separated: use --delimiter %s, or set "
		     "\"input\": {\"delimiter\": \"%s\"} in the rules",
		     csvread_path(s->in), header->line, delimiter_name(looks),
		     delimiter_name(used), delimiter_name(looks),
		     delimiter_name(looks));
}

static void
note_expiring(const waiver *w, void *ctx)
{
	const session *s = ctx;
	char date[16];
	long left = w->expires - s->today;
	strbuf who;

	sb_init(&who);
	waivers_describe_who(&who, w);
	date_format_iso(w->expires, date);
	if (left == 0)
		diag("%s: note: waiver of %s for %s expires today (%s)",
		     w->origin, w->rule, who.buf, date);
	else
		diag("%s: note: waiver of %s for %s expires on %s, in %ld "
		     "day%s",
		     w->origin, w->rule, who.buf, date, left,
		     left == 1 ? "" : "s");
	sb_free(&who);
}

/* Adds a message to dl and returns -1 when -o names one of the inputs
 * (the file, -r, a --waivers or the --baseline), which the report would
 * replace, or --step-summary names one, which the summary would be
 * appended to. */
static int
refuse_output_as_input(const cli *opt, diaglist *dl)
{
	const char **in = xcalloc(opt->nwaivers + opt->nrules + 2, sizeof *in);
	char err[512];
	size_t i, n = 0;
	int rc;

	in[n++] = opt->input;
	in[n++] = opt->baseline;
	for (i = 0; i < opt->nrules; i++)
		in[n++] = opt->rules_list[i];
	for (i = 0; i < opt->nwaivers; i++)
		in[n++] = opt->waivers[i];
	rc = output_refuse_inputs(opt->output, in, n, err, sizeof err);
	if (rc < 0)
		diaglist_add(dl, "%s", err);
	else if (opt->step_summary &&
		 output_refuse_inputs(opt->step_summary, in, n, err,
				      sizeof err) < 0) {
		diaglist_add(dl,
			     "--step-summary: the summary would be appended "
			     "to the input %s",
			     opt->step_summary);
		rc = -1;
	}
	free(in);
	return rc < 0 ? -1 : 0;
}

/* The input has nothing ready: what the report holds goes out first. */
static void
input_waits(void *rep)
{
	report_idle(rep);
}

/* The run as the json report's "meta" tells it. */
static void
set_up_meta(session *s, const cli_command *cmd)
{
	report_meta *m = &s->meta;

	m->command = cmd->name;
	m->rules = s->opt.rules;
	m->rules_name = s->rs->name;
	if (!s->opt.rules)
		m->rules_sha256 = "embedded";
	else if (sha256_file(s->opt.rules, s->rules_sha) == 0)
		m->rules_sha256 = s->rules_sha;
	m->input = s->opt.input;
	date_format_iso(s->today, s->as_of_text);
	m->as_of = s->as_of_text;
	m->sets = s->opt.sets;
	m->nsets = s->opt.nsets;
	m->waivers = s->opt.waivers;
	m->nwaivers = s->opt.nwaivers;
	m->severity = severity_name((severity)s->opt.severity);
	m->max_conflicts = s->opt.max_conflicts;
	m->missing_cols = s->input.missing_as_missing ? "as-missing" : "error";
	m->baseline = s->opt.baseline;
	s->rep.meta = m;
}

/* report.source_of for a layered rule set (ctx: the ruleset). */
static int
rule_source(const void *ctx, const char *rule, finding_source *out)
{
	const rule_origin *o = rules_origin(ctx, rule);

	if (!o)
		return 0;
	out->file = o->file;
	out->ov_files = (const char *const *)o->ov_files;
	out->ov_keys = (const char *const *)o->ov_keys;
	out->nov = o->nov;
	return 1;
}

/* The report's format and options, once its output is open. */
static void
set_up_report(session *s, report_mode mode)
{
	s->rep.live = output_is_live();
	if (s->rep.live)
		csvread_on_wait(s->in, input_waits, &s->rep);
	s->rep.em = emitter_find(s->opt.format);
	s->rep.mode = mode;
	s->rep.color = wants_color(s);
	s->rep.sanitize = s->opt.sanitize;
	s->rep.by_category = s->opt.by_category;
	s->rep.explain = s->opt.explain;
	s->rep.graph_info = s->opt.graph_info;
	s->rep.keep = (const char *const *)s->keep.names;
	s->rep.nkeep = s->keep.n;
	s->rep.input = s->opt.input;
	s->rules = rule_info_list(s->rs, &s->rep.nrules);
	s->rep.rules = s->rules;
	s->rep.today = s->today;
	/* GitHub Actions names the step's summary file in the environment. */
	s->rep.step_summary = s->opt.step_summary;
	if (!s->rep.step_summary && !strcmp(s->opt.format, "github"))
		s->rep.step_summary = getenv("GITHUB_STEP_SUMMARY");
	if (s->rep.step_summary && !*s->rep.step_summary)
		s->rep.step_summary = NULL;
	s->rep.origin_rules = s->rs->name;
	s->rep.origin_input = csvread_path(s->in);
	s->rep.origin_today = s->today;
	s->rep.nd_summary = s->opt.summary;
	if (s->rs->norigins) {
		s->rep.source_of = rule_source;
		s->rep.source_ctx = s->rs;
	}
}

/* Reads the rules, the --set contracts, --as-of and the waiver files
 * into s; returns 0, or -1 with the problems in dl. */
static int
load_setup(session *s, csvread_opts *ro, diaglist *dl)
{
	char err[512];
	size_t i;

	/* Before anything is read: -o must not name an input. */
	if (refuse_output_as_input(&s->opt, dl) < 0)
		return -1;
	s->rs = rules_load_chain(s->opt.rules_list, s->opt.nrules,
				 s->opt.check_sets, s->opt.ncheck_sets, dl);
	if (!s->rs)
		return -1;
	input_config_resolve(&s->input, s->rs, &s->opt);
	for (i = 0; i < s->opt.nsets; i++)
		if (rules_set_contract(s->rs, s->opt.sets[i], err, sizeof err) <
		    0)
			diaglist_add(dl, "--set: %s", err);
	if (s->opt.as_of) {
		if (date_parse(NULL, s->opt.as_of, strlen(s->opt.as_of),
			       &s->today) < 0)
			diaglist_add(dl,
				     "--as-of: '%s' is not a date (write "
				     "YYYY-MM-DD)",
				     s->opt.as_of);
	} else {
		s->today = today_days();
	}
	ro->delimiter = s->input.delimiter;
	ro->enc = s->input.enc;
	ro->max_field_bytes = s->opt.max_field_bytes;
	s->ws = waivers_new(s->rs);
	for (i = 0; i < s->opt.nwaivers; i++)
		waivers_load_csv(s->ws, s->opt.waivers[i], s->rs, ro, dl);
	waivers_seal(s->ws);
	if (s->opt.baseline) {
		s->baseline = report_doc_load(s->opt.baseline, err, sizeof err);
		if (!s->baseline)
			diaglist_add(dl, "--baseline: %s", err);
		s->sum.has_baseline = 1;
	}
	return dl->n ? -1 : 0;
}

/* Opens the partner file and reads its header row into *header; returns
 * 0, or -1 with the problem in dl. */
static int
open_input(session *s, const csvread_opts *ro, csv_record *header, diaglist *dl)
{
	char err[512];
	int rc;

	s->in = csvread_open(s->opt.input, ro, err, sizeof err);
	if (!s->in) {
		diaglist_add(dl, "%s", err);
		return -1;
	}
	rc = csvread_next(s->in, header);
	if (rc == 0) {
		diaglist_add(dl, "%s:1: empty file: expected a header row",
			     csvread_path(s->in));
		return -1;
	}
	if (rc < 0) {
		diaglist_add(dl, "%s:%zu: %s", csvread_path(s->in),
			     csvread_error_line(s->in), csvread_error(s->in));
		return -1;
	}
	return 0;
}

/* Notes the rule columns the header lacks, which are read as empty. */
static void
note_absent(session *s, const csv_record *header)
{
	strbuf sb;
	size_t i;

	s->sum.absent = eval_absent_columns(s->ev, &s->sum.nabsent);
	if (!s->sum.nabsent)
		return;
	sb_init(&sb);
	for (i = 0; i < s->sum.nabsent; i++)
		sb_addf(&sb, "%s'%s'", i ? ", " : "", s->sum.absent[i]);
	diag("%s:%zu: notice: the header lacks %s: %s cells are read as "
	     "empty (missing columns as-missing)",
	     csvread_path(s->in), header->line, sb.buf,
	     s->sum.nabsent == 1 ? "its" : "their");
	sb_free(&sb);
}

/* Binds the evaluator to the header; returns 0, or -1 with the problems
 * in dl. */
static int
start_eval(session *s, csv_record *header, report_mode mode, diaglist *dl)
{
	const emitter *em;
	eval_opts eo;

	assess_keep(&s->keep, s->rs, header, s->opt.keep);
	memset(&eo, 0, sizeof eo);
	eo.today = s->today;
	eo.waivers = s->ws;
	eo.keep = (const char *const *)s->keep.names;
	eo.nkeep = s->keep.n;
	eo.keep_all = s->keep.all;
	eo.categories = s->opt.by_category;
	eo.pairs = mode != MODE_SCREEN;
	eo.input = &s->input;
	em = emitter_find(s->opt.format);
	eo.labels = em && em->labels;
	eo.baseline = s->baseline;
	s->ev = eval_new(s->rs, header, csvread_path(s->in), &eo, dl);
	if (!s->ev) {
		delimiter_hint(s, header, dl);
		return -1;
	}
	note_absent(s, header);
	return 0;
}

int
session_open(session *s, int argc, char **argv, const cli_command *cmd,
	     report_mode mode)
{
	diaglist dl = { NULL, 0, 0 };
	csvread_opts ro;
	csv_record header;
	char err[512];
	int rc;

	memset(s, 0, sizeof *s);
	rc = cli_parse(&s->opt, argc, argv, cmd);
	if (rc != CLI_RUN) {
		close_all(s);
		return rc == CLI_DONE ? EXIT_OK : EXIT_USAGE;
	}
	if (load_setup(s, &ro, &dl) < 0)
		goto fail;
	/* Before the report, so that it is seen while there is time. */
	waivers_each_expiring(s->ws, s->today, 30, note_expiring, s);
	s->max_rows = s->opt.max_rows     ? s->opt.max_rows :
		      mode == MODE_SCREEN ? 10000000 :
					    100000;
	if (open_input(s, &ro, &header, &dl) < 0 ||
	    start_eval(s, &header, mode, &dl) < 0)
		goto fail;
	s->rep.out = output_open(s->opt.output, err, sizeof err);
	if (!s->rep.out) {
		diaglist_add(&dl, "%s", err);
		goto fail;
	}
	set_up_report(s, mode);
	/* The step summary is written last: one that cannot be is refused
	 * now rather than after the run. */
	if (s->rep.step_summary && !strcmp(s->opt.format, "github")) {
		FILE *f = fopen(s->rep.step_summary, "a");

		if (!f) {
			diaglist_add(&dl,
				     "%s: cannot append the step summary: %s",
				     s->rep.step_summary, strerror(errno));
			output_close(0);
			goto fail;
		}
		fclose(f);
	}
	set_up_meta(s, cmd);
	return EXIT_OK;
fail:
	print_diags(&dl);
	close_all(s);
	return EXIT_USAGE;
}

int
session_read(void *sp, csv_record *rec)
{
	session *s = sp;
	int rc = csvread_next(s->in, rec);

	if (rc < 0) {
		s->read_failed = 1;
		return -1;
	}
	if (rc == 0)
		s->sum.blank_rows = csvread_blank_rows(s->in);
	if (rc > 0 && rec->index > s->max_rows) {
		s->read_failed = 2;
		s->failed_line = rec->line;
		return -1;
	}
	return rc;
}

void
session_read_failed(const session *s)
{
	if (s->read_failed == 1)
		diag("%s:%zu: %s", csvread_path(s->in),
		     csvread_error_line(s->in), csvread_error(s->in));
	else if (s->read_failed == 2)
		diag("%s:%zu: more than %zu rows (raise the limit with "
		     "--max-rows)",
		     csvread_path(s->in), s->failed_line, s->max_rows);
}

int
session_next(void *sp, csv_record *rec)
{
	int rc = session_read(sp, rec);

	if (rc < 0)
		session_read_failed(sp);
	return rc;
}

/* session_next through the reader thread. */
static int
threaded_next(void *sp, csv_record *rec)
{
	session *s = sp;
	int rc = reader_thread_next(s->rt, rec);

	if (rc < 0)
		session_read_failed(s);
	return rc;
}

assess_next
session_reader(session *s, int threads)
{
	if (threads == 0)
		threads = sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
	if (threads < 2)
		return session_next;
	/* With one thread the reader flushes the report itself before it
	 * waits; with two, the evaluator does once it has caught up. */
	s->rt = reader_thread_start(session_read, s, s->in,
				    s->rep.live ? input_waits : NULL, &s->rep);
	if (!s->rt) {
		if (s->rep.live)
			csvread_on_wait(s->in, input_waits, &s->rep);
		return session_next;
	}
	return threaded_next;
}

void
session_assess(session *s, assess *a)
{
	memset(a, 0, sizeof *a);
	a->rs = s->rs;
	a->today = s->today;
	a->min_sev = (severity)s->opt.severity;
	a->max_conflicts = s->opt.max_conflicts;
	a->ws = s->ws;
	a->sum = &s->sum;
	a->labels = s->rep.em && s->rep.em->labels;
	a->baseline = s->baseline;
}

/* Unused waivers past this many are counted, not listed: a waiver file
 * for another pool can hold thousands. */
#define MAX_UNUSED_SHOWN 20

static void
note_unmatched(const waiver *w, const char *id, const char *hint, void *ctx)
{
	size_t *n = ctx;

	if ((*n)++ >= MAX_UNUSED_SHOWN)
		return;
	if (w->kind == WAIVE_PAIR)
		diag("%s: waiver of %s for '%s + %s' not used: no partner has "
		     "the id '%s'%s%s%s",
		     w->origin, w->rule, w->partner, w->other, id,
		     hint ? " (did you mean '" : "", hint ? hint : "",
		     hint ? "'?)" : "");
	else
		diag("%s: waiver of %s for '%s' not used: no partner has that "
		     "id%s%s%s",
		     w->origin, w->rule, id, hint ? " (did you mean '" : "",
		     hint ? hint : "", hint ? "'?)" : "");
}

/* Once every row is in (a stream cannot know sooner): a percent column
 * holding only fractions such as 0.62 was probably exported from cells
 * formatted as percentages, and reads as 0.62%. */
static void
warn_fractions(session *s)
{
	const char *names[16];
	size_t n = eval_fraction_fields(s->ev, names, 16), i;

	for (i = 0; i < n && i < 16; i++) {
		int f = rules_field(s->rs, names[i]);

		diag(
		    "%s: warning: column '%s' (percent field %s) holds only "
		    "fractions between 0 and 1, read as less than 1%%: if 0.62 "
		    "means 62%%, declare \"scale\": \"fraction\" for %s",
		    csvread_path(s->in),
		    f >= 0 ? s->rs->fields[f].column : names[i], names[i],
		    names[i]);
	}
}

int
session_finish(session *s)
{
	const summary *m = &s->sum;
	int rc = EXIT_OK;
	size_t unused = 0;

	/* Only those listed need a did-you-mean. */
	waivers_each_unmatched_hinted(s->ws, MAX_UNUSED_SHOWN, note_unmatched,
				      &unused);
	if (unused > MAX_UNUSED_SHOWN)
		diag(
		    "%zu more waivers not used (the first %d are listed above)",
		    unused - MAX_UNUSED_SHOWN, MAX_UNUSED_SHOWN);
	warn_fractions(s);
	/* CSV and TSV reports have no summary to count them in. */
	if (m->blank_rows && s->rep.em && s->rep.em->no_summary)
		diag("%s: %zu blank row%s skipped", csvread_path(s->in),
		     m->blank_rows, m->blank_rows == 1 ? "" : "s");

	if (s->baseline && s->opt.fail_on != FAIL_ON_NEVER) {
		/* only what the baseline did not have fails the run */
		if (m->fresh[SEV_FAIL] ||
		    (s->opt.fail_on == FAIL_ON_WARN && m->fresh[SEV_WARN]))
			rc = EXIT_FINDINGS;
	} else if (s->opt.fail_on != FAIL_ON_NEVER) {
		if (m->by_status[ST_FAIL] || m->by_status[ST_ERROR] ||
		    m->conflicts[SEV_FAIL] || m->consortium[SEV_FAIL])
			rc = EXIT_FINDINGS;
		if (s->opt.fail_on == FAIL_ON_WARN &&
		    (m->by_status[ST_WARN] || m->conflicts[SEV_WARN] ||
		     m->consortium[SEV_WARN]))
			rc = EXIT_FINDINGS;
	}
	if (output_close(1) < 0)
		rc = EXIT_USAGE;
	close_all(s);
	return rc;
}

int
session_abort(session *s)
{
	/* Every verdict made is written out, but no end: the report already
	 * written is not made to look complete.  close_all frees it. */
	if (s->began)
		report_flush(&s->rep);
	output_close(0);
	close_all(s);
	return EXIT_USAGE;
}
