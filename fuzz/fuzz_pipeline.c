/*
 * libFuzzer target for the whole check pipeline, in process: rule set,
 * CSV, evaluation, every emitter, pairwise and consortium rules and the
 * matrix of every format that has one, as `partnercheck check` and
 * `conflicts --matrix` run them (src/cmd_check.c, src/session.c).
 *
 * Input: RULES NUL CSV.  Without a NUL byte the whole input is the CSV.
 * When the rule part is empty or does not load, the embedded default rules
 * are used, so that mutated CSV still reaches evaluation.  Report options
 * (colour, formula guard, per-category scores, minimum severity) come from
 * a hash of the input.
 */
#include <string.h>

#include "consortium.h"
#include "csvread.h"
#include "date.h"
#include "eval.h"
#include "fuzz.h"
#include "emit_matrix.h"
#include "pairs.h"
#include "partners.h"
#include "report.h"
#include "rules.h"
#include "strbuf.h"
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

static const char *const formats[] = {
	"text", "csv", "tsv", "json", "ndjson", "markdown"
};
#define NFORMATS (sizeof formats / sizeof *formats)

typedef struct run {
	report rep[NFORMATS];
	summary sum;
	const partner_set *ps;
	unsigned char *matrix; /* worst severity + 1 per pair, or NULL */
} run;

static void
on_conflict(void *p, size_t a, size_t b, const pair_rule *r, const char *msg)
{
	run *ru = p;
	conflict cf;
	size_t i;

	FUZZ_ASSERT(a < b && b < ru->ps->n);
	if (ru->matrix) {
		size_t n = ru->ps->n;
		unsigned char v = (unsigned char)(r->sev + 1);

		if (ru->matrix[a * n + b] < v)
			ru->matrix[a * n + b] = ru->matrix[b * n + a] = v;
	}
	if (ru->sum.conflicts_shown >= MAX_SHOWN)
		return;
	ru->sum.conflicts_shown++;
	cf.a = ru->ps->ids[a];
	cf.b = ru->ps->ids[b];
	cf.rule = r->id;
	cf.sev = r->sev;
	cf.message = msg;
	for (i = 0; i < NFORMATS; i++)
		report_conflict(&ru->rep[i], &cf);
}

static void
on_consortium(void *p, const cfinding *f)
{
	run *ru = p;
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		report_consortium(&ru->rep[i], f);
}

static void
count(summary *s, const verdict *v)
{
	size_t i;

	FUZZ_ASSERT(v->st <= ST_ERROR);
	s->rows_read++;
	s->rows_reported++;
	s->by_status[v->st]++;
	for (i = 0; i < v->nfindings; i++) {
		FUZZ_ASSERT(v->findings[i].sev <= SEV_FAIL);
		if (v->findings[i].out == OUT_WAIVED)
			s->waived++;
		else
			s->findings[v->findings[i].sev]++;
	}
}

/* The column names of --keep all, as session.c makes them: the header
 * cells made valid UTF-8, each name once.  Caller frees with free_keep. */
static char **
keep_all(const csv_record *header, size_t *nkeep)
{
	char **keep = xcalloc(header->nfields + 1, sizeof *keep);
	size_t i, j, n = 0;

	for (i = 0; i < header->nfields; i++) {
		strbuf sb;

		sb_init(&sb);
		utf8_sanitize(header->fields[i], header->lens[i], &sb);
		for (j = 0; j < n; j++)
			if (!strcmp(keep[j], sb.buf))
				break;
		if (j == n)
			keep[n++] = sb_detach(&sb);
		/* sb_detach leaves sb empty but holding a buffer. */
		sb_free(&sb);
	}
	*nkeep = n;
	return keep;
}

static void
free_keep(char **keep, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(keep[i]);
	free(keep);
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
	const long today = days_from_civil(2024, 6, 30);
	const severity min_sev = (severity)(opts % 3);
	diaglist dl = { NULL, 0, 0 };
	csvread_opts ro;
	csv_record rec;
	eval_opts eo;
	evaluator *ev = NULL;
	waiver_set *ws;
	partner_set ps;
	pair_engine *pe;
	csvread *in;
	FILE *f, *out;
	char **keep = NULL;
	size_t nkeep = 0, i;
	run ru;
	verdict v;
	int rc;

	ws = waivers_new(rs);
	waivers_seal(ws);
	memset(&ro, 0, sizeof ro);
	ro.delimiter = rs->delimiter;
	ro.enc = rs->enc;
	ro.max_field_bytes = 1024 * 1024;
	f = fuzz_stream(csv, csvlen);
	in = csvread_fopen(f, "fuzz.csv", &ro);
	out = fopen("/dev/null", "w");
	FUZZ_ASSERT(out != NULL);
	if (csvread_next(in, &rec) != 1)
		goto done;
	keep = keep_all(&rec, &nkeep);
	memset(&eo, 0, sizeof eo);
	eo.today = today;
	eo.waivers = ws;
	eo.keep = (const char *const *)keep;
	eo.nkeep = nkeep;
	ev = eval_new(rs, &rec, csvread_path(in), &eo, &dl);
	if (!ev) {
		FUZZ_ASSERT(dl.n > 0);
		goto done;
	}

	memset(&ru, 0, sizeof ru);
	for (i = 0; i < NFORMATS; i++) {
		report *r = &ru.rep[i];

		r->out = out;
		r->em = emitter_find(formats[i]);
		FUZZ_ASSERT(r->em != NULL);
		r->mode = MODE_CHECK;
		r->color = (opts >> 2) & 1;
		r->sanitize = (opts >> 3) & 1;
		r->by_category = (opts >> 4) & 1;
		r->flush_each = 0;
		r->keep = (const char *const *)keep;
		r->nkeep = nkeep;
		report_begin(r);
	}
	pset_init(&ps, rs);
	ru.ps = &ps;
	while (ru.sum.rows_read < MAX_ROWS &&
	       (rc = csvread_next(in, &rec)) > 0) {
		const value *vals;

		eval_row(ev, &rec, &v);
		count(&ru.sum, &v);
		for (i = 0; i < NFORMATS; i++)
			report_partner(&ru.rep[i], &v);
		vals = eval_values(ev);
		if (vals)
			pset_add(&ps, v.id, vals);
		else
			ps.errors++;
	}
	if (ps.n <= MATRIX_MAX)
		ru.matrix = xcalloc(ps.n * ps.n + 1, 1);
	pe = pairs_new(rs, &ps, today);
	pairs_run(pe, min_sev, on_conflict, &ru, ru.sum.conflicts);
	pairs_free(pe);
	consortium_run(rs, &ps, today, min_sev, on_consortium, &ru,
		       ru.sum.consortium);
	for (i = 0; i < NFORMATS; i++) {
		report_end(&ru.rep[i], &ru.sum);
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
	free_keep(keep, nkeep);
	csvread_close(in);
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
	rules_mark_used(rs, 1);
	run_csv(rs, csv, csvlen, hash(data, size));
	rules_free(rs);
	diaglist_free(&dl);
	return 0;
}
