#include <stdio.h>
#include <stdlib.h>

#include "assess.h"
#include "cmd_usage.h"
#include "commands.h"
#include "exit_status.h"
#include "partners.h"
#include "session.h"
#include "xalloc.h"

static const char usage[] =
    "usage: partnercheck check [-r RULES.json] [-f FORMAT] [-o FILE] [--keep COLS]\n"
    "                          [--fail-on LEVEL] [--severity LEVEL] [FILE|-]\n"
    "\n"
    "Treats the CSV as one proposed consortium and reports, in one run, every\n"
    "partner's verdict, every pairwise finding and every consortium finding.\n"
    "\n" PAIR_COMMAND_OPTIONS
    "      --keep COLS|all     copy these input columns into the partner rows\n"
    "      --by-category       add per-category scores\n"
    "      --explain           show each finding's rationale, pairwise and consortium\n"
    "                          ones too (text, markdown)\n"
    "      --graph-info        html, dot: draw pairs with only info findings too\n"
    "\n"
    "Exit status: 0 nothing failed, 1 a partner, pair or consortium rule failed\n"
    "(or a row is in error), 2 usage, input or rule-set error.\n";

typedef struct ctx {
	session *s;
	finding *buf; /* the findings shown of a verdict cut by --severity */
	size_t cap;
} ctx;

/* Partner findings below --severity are left out of the report (errors
 * never are); the summary has counted them already. */
static void
on_partner(void *p, const verdict *v, const value *vals)
{
	ctx *c = p;
	session *s = c->s;
	verdict shown = *v;
	size_t i, n = 0;

	(void)vals;
	if (s->opt.severity == SEV_INFO) {
		report_partner(&s->rep, v);
		return;
	}
	c->buf = xgrow(c->buf, &c->cap, v->nfindings + 1, sizeof *c->buf);
	for (i = 0; i < v->nfindings; i++)
		if (v->findings[i].out == OUT_ERROR ||
		    (int)v->findings[i].sev >= s->opt.severity)
			c->buf[n++] = v->findings[i];
	shown.findings = c->buf;
	shown.nfindings = n;
	report_partner(&s->rep, &shown);
}

static void
on_conflict(void *p, const conflict *cf)
{
	ctx *c = p;

	report_conflict(&c->s->rep, cf);
}

static void
on_consortium(void *p, const cfinding *f)
{
	ctx *c = p;

	report_consortium(&c->s->rep, f);
}

static const cli_option conflicts_only[] = {
	{ "matrix", NULL, 0, 0, cli_refuse, 0, "conflicts", NULL },
	{ "summary", NULL, 0, 0, cli_refuse, 0, "screen", NULL },
	{ "threads", NULL, 0, 1, cli_refuse, 0, "screen", NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

static const cli_option *const tables[] = { cli_common_options,
					    cli_partner_options,
					    cli_pair_options,
					    conflicts_only,
					    cli_baseline_options,
					    cli_graph_options,
					    NULL };

const cli_command check_command = { "check", usage, tables };

int
cmd_check(int argc, char **argv)
{
	session s;
	partner_set ps;
	assess a;
	ctx c = { NULL, NULL, 0 };
	int rc;

	if ((rc = session_open(&s, argc, argv, &check_command, MODE_CHECK)) !=
		EXIT_OK ||
	    !s.rep.em)
		return rc;
	c.s = &s;
	session_assess(&s, &a);
	a.on_partner = on_partner;
	a.on_conflict = on_conflict;
	a.on_consortium = on_consortium;
	a.ctx = &c;
	pset_init(&ps, s.rs, eval_used(s.ev));
	report_begin(&s.rep);
	s.began = 1;
	rc = assess_rows(&a, s.ev, session_next, &s, &ps);
	free(c.buf);
	if (rc < 0) {
		pset_free(&ps);
		return session_abort(&s);
	}
	assess_pairs(&a, &ps);
	assess_consortium(&a, &ps);
	report_end(&s.rep, &s.sum);
	pset_free(&ps);
	return session_finish(&s);
}
