/*
 * libFuzzer target for the whole check pipeline, in process: rule set,
 * CSV, evaluation, every emitter, pairwise and consortium rules and the
 * matrix of every format that has one, through the steps `partnercheck
 * check` and `conflicts --matrix` take (src/assess.c), with --keep all.
 *
 * Input: RULES NUL CSV.  Without a NUL byte the whole input is the CSV.
 * When the rule part is empty or does not load, the embedded default rules
 * are used, so that mutated CSV still reaches evaluation.  Report options
 * (colour, formula guard, per-category scores, minimum severity) come from
 * a hash of the input.
 */
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "csvread.h"
#include "date.h"
#include "emit_matrix.h"
#include "eval.h"
#include "fuzz.h"
#include "partners.h"
#include "report.h"
#include "rules.h"
#include "waivers.h"
#include "xalloc.h"

/* As --max-conflicts: a rule that flags every pair of thousands of
 * partners makes a report of millions of lines, slow without being wrong.
 * The engine still counts them all. */
#define MAX_SHOWN 5000
/* As --max-rows: pairwise rules cost the square of the partners, and a
 * 64 KiB input of one-byte rows under a one-field rule set would be 450
 * million pairs, far past libFuzzer's time limit for nothing new. */
#define MAX_ROWS 500

static const char *const formats[] = { "text", "csv",    "tsv",
				       "json", "ndjson", "markdown" };
#define NFORMATS (sizeof formats / sizeof *formats)

typedef struct run {
	report rep[NFORMATS];
	const partner_set *ps;
	unsigned char *matrix; /* worst severity + 1 per pair, or NULL */
	csvread *in;
	size_t rows;
} run;

/* As session_next with --max-rows, except that the rows past the limit
 * are left unread rather than refused. */
static int
next_row(void *p, csv_record *rec)
{
	run *ru = p;

	if (ru->rows >= MAX_ROWS)
		return 0;
	ru->rows++;
	return csvread_next(ru->in, rec);
}

static void
on_partner(void *p, const verdict *v, const value *vals)
{
	run *ru = p;
	size_t i;

	FUZZ_ASSERT(v->st <= ST_ERROR);
	FUZZ_ASSERT((vals == NULL) == (v->st == ST_ERROR));
	for (i = 0; i < v->nfindings; i++)
		FUZZ_ASSERT(v->findings[i].sev <= SEV_FAIL);
	for (i = 0; i < NFORMATS; i++)
		report_partner(&ru->rep[i], v);
}

static void
on_pair(void *p, size_t a, size_t b, const pair_rule *r, outcome out,
	const char *msg)
{
	run *ru = p;
	size_t n = ru->ps->n;

	(void)msg;
	FUZZ_ASSERT(a < b && b < n);
	if (ru->matrix)
		matrix_mark(ru->matrix, n, a, b, r->sev, out == OUT_WAIVED);
}

static void
on_conflict(void *p, const conflict *cf)
{
	run *ru = p;
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		report_conflict(&ru->rep[i], cf);
}

static void
on_consortium(void *p, const cfinding *f)
{
	run *ru = p;
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		report_consortium(&ru->rep[i], f);
}

static unsigned
hash(const uint8_t *p, size_t n)
{
	unsigned h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* Reads the CSV part through evaluation and every emitter. */
static void
run_csv(ruleset *rs, const uint8_t *csv, size_t csvlen, unsigned opts)
{
	diaglist dl = { NULL, 0, 0 };
	csvread_opts ro;
	csv_record rec;
	eval_opts eo;
	evaluator *ev = NULL;
	waiver_set *ws;
	partner_set ps;
	summary sum;
	keep_list keep = { NULL, 0, 0 };
	assess a;
	FILE *f, *out;
	size_t i;
	run ru;

	memset(&ru, 0, sizeof ru);
	memset(&sum, 0, sizeof sum);
	memset(&a, 0, sizeof a);
	a.rs = rs;
	a.today = days_from_civil(2024, 6, 30);
	a.min_sev = (severity)(opts % 3);
	a.max_conflicts = MAX_SHOWN;
	a.sum = &sum;
	a.on_partner = on_partner;
	a.on_pair = on_pair;
	a.on_conflict = on_conflict;
	a.on_consortium = on_consortium;
	a.ctx = &ru;
	ws = waivers_new(rs);
	waivers_seal(ws);
	a.ws = ws;
	memset(&ro, 0, sizeof ro);
	ro.delimiter = rs->delimiter;
	ro.enc = rs->enc;
	ro.max_field_bytes = 1024 * 1024;
	f = fuzz_stream(csv, csvlen);
	ru.in = csvread_fopen(f, "fuzz.csv", &ro);
	out = fopen("/dev/null", "w");
	FUZZ_ASSERT(out != NULL);
	if (csvread_next(ru.in, &rec) != 1)
		goto done;
	assess_keep(&keep, rs, &rec, "all");
	memset(&eo, 0, sizeof eo);
	eo.today = a.today;
	eo.waivers = ws;
	eo.keep = (const char *const *)keep.names;
	eo.nkeep = keep.n;
	eo.keep_all = keep.all;
	eo.pairs = 1;
	ev = eval_new(rs, &rec, csvread_path(ru.in), &eo, &dl);
	if (!ev) {
		FUZZ_ASSERT(dl.n > 0);
		goto done;
	}

	for (i = 0; i < NFORMATS; i++) {
		report *r = &ru.rep[i];

		r->out = out;
		r->em = emitter_find(formats[i]);
		FUZZ_ASSERT(r->em != NULL);
		r->mode = MODE_CHECK;
		r->color = (opts >> 2) & 1;
		r->sanitize = (opts >> 3) & 1;
		r->by_category = (opts >> 4) & 1;
		r->live = 0;
		r->keep = (const char *const *)keep.names;
		r->nkeep = keep.n;
		report_begin(r);
	}
	pset_init(&ps, rs, eval_used(ev));
	ru.ps = &ps;
	/* A reading error ends the rows, as it would end the command's;
	 * what was read is still judged, to reach the rules. */
	(void)assess_rows(&a, ev, next_row, &ru, &ps);
	FUZZ_ASSERT(sum.rows_read == ps.n + ps.errors);
	if (ps.n <= MATRIX_MAX)
		ru.matrix = xcalloc(ps.n * ps.n + 1, 1);
	assess_pairs(&a, &ps);
	FUZZ_ASSERT(sum.conflicts_shown <= MAX_SHOWN);
	assess_consortium(&a, &ps);
	for (i = 0; i < NFORMATS; i++) {
		report_end(&ru.rep[i], &sum);
		report_free(&ru.rep[i]);
	}
	if (ru.matrix) {
		for (i = 0; i < NFORMATS; i++)
			report_matrix(&ru.rep[i], (const char *const *)ps.ids,
				      ps.n, ru.matrix);
		free(ru.matrix);
	}
	pset_free(&ps);
done:
	eval_free(ev);
	assess_keep_free(&keep);
	csvread_close(ru.in);
	fclose(f);
	fclose(out);
	waivers_free(ws);
	diaglist_free(&dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	const uint8_t *csv = data;
	size_t rulelen = 0, csvlen = size;
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs = NULL;

	if (nul) {
		rulelen = (size_t)(nul - data);
		csv = nul + 1;
		csvlen = size - rulelen - 1;
	}
	if (rulelen > 0)
		rs = rules_parse("fuzz.json", (const char *)data, rulelen, &dl);
	diaglist_free(&dl);
	if (!rs)
		rs = rules_parse("<default rules>", default_rules_json,
				 strlen(default_rules_json), &dl);
	FUZZ_ASSERT(rs != NULL);
	run_csv(rs, csv, csvlen, hash(data, size));
	rules_free(rs);
	diaglist_free(&dl);
	return 0;
}
