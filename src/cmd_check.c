#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "consortium.h"
#include "diag.h"
#include "emit_matrix.h"
#include "pairs.h"
#include "partners.h"
#include "session.h"
#include "xalloc.h"

#define COMMON_OPTIONS \
"  -r, --rules FILE        rule set (default: the embedded 'collaborate' rules)\n" \
"  -f, --format FORMAT     text, csv, tsv, json, ndjson or markdown (default text)\n" \
"  -o, --output FILE       write the report to FILE (replaced only on success)\n" \
"      --severity LEVEL    report findings at or above info (default), warn or fail;\n" \
"                          the summary still counts every finding\n" \
"      --max-conflicts N   report at most N pairwise findings (default unlimited)\n" \
"      --set contract.KEY=VALUE  override a contract value (number or a;b;c list)\n" \
"      --fail-on LEVEL     exit 1 on: fail (default), warn, or never\n" \
"      --waivers FILE      CSV of waivers: partner, rule, reason[, expires]\n" \
"      --as-of DATE        evaluate dates as of YYYY-MM-DD (default today)\n" \
"      --delimiter D       comma, semicolon or tab (default from the rules)\n" \
"      --encoding E        utf-8, windows-1252 or iso-8859-1\n" \
"      --id-column COL     column holding the partner id ('' for row numbers)\n" \
"      --name-column COL   column holding the partner name\n" \
"      --color WHEN        auto, always or never (text format; NO_COLOR is honoured)\n" \
"      --no-sanitize       do not guard csv/tsv cells against formula injection\n" \
"      --max-field-bytes N refuse fields longer than N bytes (default 1M)\n" \
"      --max-rows N        refuse more than N data rows (default 100000)\n"

static const char check_usage[] =
"usage: partnercheck check [-r RULES.json] [-f FORMAT] [-o FILE] [--keep COLS]\n"
"                          [--fail-on LEVEL] [--severity LEVEL] [FILE|-]\n"
"\n"
"Treats the CSV as one proposed consortium and reports, in one run, every\n"
"partner's verdict, every pairwise finding and every consortium finding.\n"
"\n"
COMMON_OPTIONS
"      --keep COLS|all     copy these input columns into the partner rows\n"
"      --by-category       add per-category scores\n"
"      --explain           show each finding's rationale (text, markdown)\n"
"\n"
"Exit status: 0 nothing failed, 1 a partner, pair or consortium rule failed\n"
"(or a row is in error), 2 usage, input or rule-set error.\n";

static const char conflicts_usage[] =
"usage: partnercheck conflicts [-r RULES.json] [-f FORMAT] [-o FILE] [--matrix]\n"
"                              [--severity LEVEL] [FILE|-]\n"
"\n"
"Reports only the pairwise findings between partners; with --matrix, the\n"
"compatibility matrix instead (text, csv or markdown).\n"
"\n"
COMMON_OPTIONS
"      --matrix            print partners by partners, each cell the worst severity\n"
"\n"
"Exit status: 0 no fail-level conflict, 1 at least one, 2 usage, input or\n"
"rule-set error.\n";

typedef struct ctx {
	session *s;
	const partner_set *ps;
	unsigned char *matrix; /* --matrix: worst severity + 1 per pair */
} ctx;

static void
on_conflict(void *p, size_t a, size_t b, const pair_rule *r, const char *msg)
{
	ctx *c = p;
	session *s = c->s;
	conflict cf;

	if (c->matrix) {
		size_t n = c->ps->n;
		unsigned char v = (unsigned char)(r->sev + 1);

		if (c->matrix[a * n + b] < v)
			c->matrix[a * n + b] = c->matrix[b * n + a] = v;
		return;
	}
	if (s->opt.max_conflicts && s->sum.conflicts_shown >= s->opt.max_conflicts)
		return;
	s->sum.conflicts_shown++;
	cf.a = c->ps->ids[a];
	cf.b = c->ps->ids[b];
	cf.rule = r->id;
	cf.sev = r->sev;
	cf.message = msg;
	report_conflict(&s->rep, &cf);
}

static void
on_consortium(void *p, const cfinding *f)
{
	ctx *c = p;

	report_consortium(&c->s->rep, f);
}

/* Partner findings below --severity are left out of the report (errors
 * never are); the summary has counted them already. */
static void
emit_partner(session *s, const verdict *v, finding **buf, size_t *cap)
{
	verdict shown = *v;
	size_t i, n = 0;

	if (s->opt.severity == SEV_INFO) {
		report_partner(&s->rep, v);
		return;
	}
	*buf = xgrow(*buf, cap, v->nfindings + 1, sizeof **buf);
	for (i = 0; i < v->nfindings; i++)
		if (v->findings[i].out == OUT_ERROR ||
		    (int)v->findings[i].sev >= s->opt.severity)
			(*buf)[n++] = v->findings[i];
	shown.findings = *buf;
	shown.nfindings = n;
	report_partner(&s->rep, &shown);
}

static int
run(int argc, char **argv, report_mode mode, const char *usage)
{
	session s;
	partner_set ps;
	csv_record rec;
	verdict v;
	pair_engine *pe;
	finding *fbuf = NULL;
	size_t fcap = 0;
	ctx c;
	int rc;

	if ((rc = session_open(&s, argc, argv, mode, usage)) != 0 || !s.rep.em)
		return rc;
	if (s.opt.matrix && !report_has_matrix(&s.rep)) {
		diag("conflicts --matrix prints %s, not %s",
		     emitter_matrix_names(), s.opt.format);
		return session_abort(&s);
	}
	pset_init(&ps, s.rs);
	memset(&c, 0, sizeof c);
	c.s = &s;
	c.ps = &ps;
	if (!s.opt.matrix) {
		report_begin(&s.rep);
		s.began = 1;
	}
	while ((rc = session_next(&s, &rec)) > 0) {
		const value *vals;

		eval_row(s.ev, &rec, &v);
		session_count(&s, &v);
		if (mode == MODE_CHECK)
			emit_partner(&s, &v, &fbuf, &fcap);
		vals = eval_values(s.ev);
		if (vals)
			pset_add(&ps, v.id, vals);
		else
			ps.errors++;
	}
	free(fbuf);
	if (rc < 0) {
		pset_free(&ps);
		return session_abort(&s);
	}
	if (s.opt.matrix) {
		if (ps.n > MATRIX_MAX) {
			diag("%s: %zu partners; --matrix shows at most %d (use "
			     "conflicts without --matrix for a pool)",
			     s.opt.input, ps.n, MATRIX_MAX);
			pset_free(&ps);
			return session_abort(&s);
		}
		c.matrix = xcalloc(ps.n * ps.n + 1, 1);
	}
	pe = pairs_new(s.rs, &ps, s.today);
	pairs_run(pe, (severity)s.opt.severity, on_conflict, &c, s.sum.conflicts);
	pairs_free(pe);
	if (s.opt.matrix) {
		report_matrix(&s.rep, (const char *const *)ps.ids, ps.n,
			      c.matrix);
		free(c.matrix);
	} else {
		if (mode == MODE_CHECK)
			consortium_run(s.rs, &ps, s.today, (severity)s.opt.severity,
				       on_consortium, &c, s.sum.consortium);
		report_end(&s.rep, &s.sum);
	}
	pset_free(&ps);
	if (mode == MODE_CONFLICTS) {
		/* conflicts judges the pairs, and says so when rows could not
		 * take part */
		if (s.sum.by_status[ST_ERROR])
			diag("%s: %zu row%s in error left out of the pairs "
			     "('partnercheck screen' shows why)",
			     csvread_path(s.in), s.sum.by_status[ST_ERROR],
			     s.sum.by_status[ST_ERROR] == 1 ? "" : "s");
		s.sum.by_status[ST_PASS] = s.sum.by_status[ST_WARN] = 0;
		s.sum.by_status[ST_FAIL] = 0;
	}
	return session_finish(&s);
}

int
cmd_check(int argc, char **argv)
{
	return run(argc, argv, MODE_CHECK, check_usage);
}

int
cmd_conflicts(int argc, char **argv)
{
	return run(argc, argv, MODE_CONFLICTS, conflicts_usage);
}
