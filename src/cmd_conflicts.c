#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "cmd_usage.h"
#include "commands.h"
#include "diag.h"
#include "emit_matrix.h"
#include "exit_status.h"
#include "partners.h"
#include "session.h"
#include "xalloc.h"

static const char usage[] =
    "usage: partnercheck conflicts [-r RULES.json] [-f FORMAT] [-o FILE] [--matrix]\n"
    "                              [--severity LEVEL] [FILE|-]\n"
    "\n"
    "Reports only the pairwise findings between partners; with --matrix, the\n"
    "compatibility matrix instead (" CLI_USAGE_MATRIX_FORMATS ").\n"
    "\n" PAIR_COMMAND_OPTIONS
    "      --matrix            print partners by partners, each cell the worst severity\n"
    "      --explain           show each finding's rationale (text, markdown)\n"
    "      --graph-info        html, dot: draw pairs with only info findings too\n"
    "\n"
    "Exit status: 0 no fail-level conflict, 1 at least one, 2 usage, input or\n"
    "rule-set error.\n";

typedef struct ctx {
	session *s;
	size_t n;              /* partners in the matrix */
	unsigned char *matrix; /* --matrix: worst severity + 1 per pair */
} ctx;

static void
on_pair(void *p, size_t a, size_t b, const pair_rule *r, outcome out,
	const char *msg)
{
	ctx *c = p;

	(void)msg;
	matrix_mark(c->matrix, c->n, a, b, r->sev, out == OUT_WAIVED);
}

static void
on_conflict(void *p, const conflict *cf)
{
	ctx *c = p;

	report_conflict(&c->s->rep, cf);
}

static const cli_option matrix[] = {
	{ "matrix", NULL, 0, 0, cli_set_true, offsetof(cli, matrix), NULL,
	  NULL },
	/* the pairwise rules' rationales, as check gives them */
	{ "explain", NULL, 0, 0, cli_set_true, offsetof(cli, explain), NULL,
	  NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

/* What the partner rows show, refused once every option was read: a
 * later --help or bad value is reported first. */
static const cli_option partner_only[] = {
	{ "keep", NULL, 0, 1, cli_refuse_late, 0, "screen and check", NULL },
	{ "by-category", NULL, 0, 0, cli_refuse_late, 0, "screen and check",
	  NULL },
	{ "summary", NULL, 0, 0, cli_refuse, 0, "screen", NULL },
	{ "threads", NULL, 0, 1, cli_refuse, 0, "screen", NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

static const cli_option *const tables[] = {
	cli_common_options,   cli_pair_options,  matrix, partner_only,
	cli_baseline_options, cli_graph_options, NULL
};

const cli_command conflicts_command = { "conflicts", usage, tables };

int
cmd_conflicts(int argc, char **argv)
{
	session s;
	partner_set ps;
	assess a;
	ctx c = { NULL, 0, NULL };
	int rc;

	if ((rc = session_open(&s, argc, argv, &conflicts_command,
			       MODE_CONFLICTS)) != EXIT_OK ||
	    !s.rep.em)
		return rc;
	if (s.opt.matrix && !report_has_matrix(&s.rep)) {
		diag("conflicts --matrix prints %s, not %s",
		     emitter_matrix_names(), s.opt.format);
		return session_abort(&s);
	}
	c.s = &s;
	session_assess(&s, &a);
	a.ctx = &c;
	pset_init(&ps, s.rs, eval_used(s.ev));
	if (!s.opt.matrix) {
		report_begin(&s.rep);
		s.began = 1;
	}
	if (assess_rows(&a, s.ev, session_next, &s, &ps) < 0) {
		pset_free(&ps);
		return session_abort(&s);
	}
	/* conflicts judges the pairs only: the rows' own findings are
	 * neither known nor new */
	s.sum.known = 0;
	memset(s.sum.fresh, 0, sizeof s.sum.fresh);
	if (s.opt.matrix) {
		if (ps.n > MATRIX_MAX) {
			diag("%s: %zu partners; --matrix shows at most %d (use "
			     "conflicts without --matrix for a pool)",
			     s.opt.input, ps.n, MATRIX_MAX);
			pset_free(&ps);
			return session_abort(&s);
		}
		c.n = ps.n;
		c.matrix = xcalloc(ps.n * ps.n + 1, 1);
		a.on_pair = on_pair;
	} else {
		a.on_conflict = on_conflict;
	}
	assess_pairs(&a, &ps);
	if (s.opt.matrix) {
		report_matrix(&s.rep, (const char *const *)ps.ids, ps.n,
			      c.matrix);
		free(c.matrix);
	} else {
		report_end(&s.rep, &s.sum);
	}
	pset_free(&ps);
	/* conflicts judges the pairs, and says so when rows could not take
	 * part */
	if (s.sum.by_status[ST_ERROR])
		diag("%s: %zu row%s in error left out of the pairs "
		     "('partnercheck screen' shows why)",
		     csvread_path(s.in), s.sum.by_status[ST_ERROR],
		     s.sum.by_status[ST_ERROR] == 1 ? "" : "s");
	s.sum.by_status[ST_PASS] = s.sum.by_status[ST_WARN] = 0;
	s.sum.by_status[ST_FAIL] = 0;
	return session_finish(&s);
}
