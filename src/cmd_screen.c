#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "commands.h"
#include "exit_status.h"
#include "session.h"

static const char usage[] =
    "usage: partnercheck screen [-r RULES.json] [-f FORMAT] [-o FILE] [--keep COLS]\n"
    "                           [--fail-on fail|warn|never] [FILE|-]\n"
    "\n"
    "Screens each partner (one per CSV row) against the rule set and writes one\n"
    "verdict per partner, in input order: pass, warn, fail or error.\n"
    "\n"
    "  -r, --rules FILE        rule set (default: the embedded 'collaborate' rules)\n"
    "  -f, --format FORMAT     " CLI_USAGE_FORMATS " (default text)\n"
    "  -o, --output FILE       write the report to FILE (replaced only on success)\n"
    "      --keep COLS|all     copy these input columns (comma-separated) into the report\n"
    "      --fail-on LEVEL     exit 1 on: fail (default), warn, or never\n"
    "      --waivers FILE      CSV of waivers: partner, rule, reason[, expires]\n"
    "      --as-of DATE        evaluate dates as of YYYY-MM-DD (default today)\n"
    "      --delimiter D       comma, semicolon or tab (default from the rules)\n"
    "      --encoding E        utf-8, windows-1252 or iso-8859-1\n"
    "      --id-column COL     column holding the partner id ('' for row numbers)\n"
    "      --name-column COL   column holding the partner name\n"
    "      --missing-columns M error (default) or as-missing: absent columns read empty\n"
    "      --by-category       add per-category scores\n"
    "      --explain           show each finding's rationale (text, markdown)\n"
    "      --color WHEN        auto, always or never (text format; NO_COLOR is honoured)\n"
    "      --no-sanitize       do not guard csv/tsv cells against formula injection\n"
    "      --max-field-bytes N refuse fields longer than N bytes (default 1M)\n"
    "      --max-rows N        refuse more than N data rows (default 10000000)\n"
    "      --step-summary FILE append a markdown summary to FILE (-f github;\n"
    "                          default $GITHUB_STEP_SUMMARY when set)\n"
    "      --baseline FILE     findings in this earlier -f json report are known\n"
    "                          and do not fail the run; new ones do\n"
    "      --summary           -f ndjson: end with a summary line\n"
    "      --threads N         read the input on a second thread (N 2) or not\n"
    "                          (N 1); default 2 with two or more CPUs\n"
    "\n"
    "Exit status: 0 no partner failed, 1 a partner failed or is in error,\n"
    "2 usage, input or rule-set error.  See partnercheck(1).\n";

static void
on_partner(void *p, const verdict *v, const value *vals)
{
	session *s = p;

	(void)vals;
	report_partner(&s->rep, v);
}

/* What only check and conflicts take, refused by name. */
static const cli_option pair_only[] = {
	{ "set", NULL, 0, 1, cli_set_check_only, 0, "check and conflicts",
	  NULL },
	{ "severity", NULL, 0, 1, cli_refuse, 0, "check and conflicts", NULL },
	{ "max-conflicts", NULL, 0, 1, cli_refuse, 0, "check and conflicts",
	  NULL },
	{ "matrix", NULL, 0, 0, cli_refuse, 0, "conflicts", NULL },
	{ "graph-info", NULL, 0, 0, cli_refuse, 0, "check and conflicts",
	  NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

/* --threads N: 1 to 64 (only 1 and 2 differ today: one thread reads,
 * the other evaluates and writes). */
static cli_set_result
set_threads(cli *c, const cli_option *opt, const char *arg, const char *use)
{
	char *end;
	long n = strtol(arg, &end, 10);

	(void)opt, (void)use;
	if (!*arg || *end || strspn(arg, "0123456789") != strlen(arg) ||
	    n < 1 || n > 64)
		return CLI_SET_BAD;
	c->threads = (int)n;
	return CLI_SET_OK;
}

/* What only screen takes. */
static const cli_option screen_only[] = {
	{ "summary", NULL, 0, 0, cli_set_true, offsetof(cli, summary), NULL,
	  NULL },
	{ "threads", NULL, 0, 1, set_threads, 0,
	  "--threads takes a number from 1 to 64, not '%s'", NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

static const cli_option *const tables[] = {
	cli_common_options,   cli_partner_options, pair_only,
	cli_baseline_options, screen_only,         NULL
};

const cli_command screen_command = { "screen", usage, tables };

int
cmd_screen(int argc, char **argv)
{
	session s;
	assess a;
	assess_next next;
	int rc;

	if ((rc = session_open(&s, argc, argv, &screen_command, MODE_SCREEN)) !=
		EXIT_OK ||
	    !s.rep.em)
		return rc;
	session_assess(&s, &a);
	a.on_partner = on_partner;
	a.ctx = &s;
	report_begin(&s.rep);
	s.began = 1;
	next = session_reader(&s, s.opt.threads);
	if (assess_rows(&a, s.ev, next, &s, NULL) < 0)
		return session_abort(&s);
	report_end(&s.rep, &s.sum);
	return session_finish(&s);
}
