#include <stdio.h>

#include "commands.h"
#include "session.h"

static const char usage[] =
"usage: partnercheck screen [-r RULES.json] [-f FORMAT] [-o FILE] [--keep COLS]\n"
"                           [--fail-on fail|warn|never] [FILE|-]\n"
"\n"
"Screens each partner (one per CSV row) against the rule set and writes one\n"
"verdict per partner, in input order: pass, warn, fail or error.\n"
"\n"
"  -r, --rules FILE        rule set (default: the embedded 'collaborate' rules)\n"
"  -f, --format FORMAT     text, csv, tsv, json, ndjson or markdown (default text)\n"
"  -o, --output FILE       write the report to FILE (replaced only on success)\n"
"      --keep COLS|all     copy these input columns (comma-separated) into the report\n"
"      --fail-on LEVEL     exit 1 on: fail (default), warn, or never\n"
"      --waivers FILE      CSV of waivers: partner, rule, reason[, expires]\n"
"      --as-of DATE        evaluate dates as of YYYY-MM-DD (default today)\n"
"      --delimiter D       comma, semicolon or tab (default from the rules)\n"
"      --encoding E        utf-8, windows-1252 or iso-8859-1\n"
"      --id-column COL     column holding the partner id ('' for row numbers)\n"
"      --name-column COL   column holding the partner name\n"
"      --by-category       add per-category scores\n"
"      --explain           show each finding's rationale (text, markdown)\n"
"      --color WHEN        auto, always or never (text format; NO_COLOR is honoured)\n"
"      --no-sanitize       do not guard csv/tsv cells against formula injection\n"
"      --max-field-bytes N refuse fields longer than N bytes (default 1M)\n"
"      --max-rows N        refuse more than N data rows (default 10000000)\n"
"\n"
"Exit status: 0 no partner failed, 1 a partner failed or is in error,\n"
"2 usage, input or rule-set error.  See partnercheck(1).\n";

int
cmd_screen(int argc, char **argv)
{
	session s;
	csv_record rec;
	verdict v;
	int rc;

	if ((rc = session_open(&s, argc, argv, MODE_SCREEN, usage)) != 0 ||
	    !s.rep.em)
		return rc;
	report_begin(&s.rep);
	s.began = 1;
	while ((rc = session_next(&s, &rec)) > 0) {
		eval_row(s.ev, &rec, &v);
		session_count(&s, &v);
		report_partner(&s.rep, &v);
	}
	if (rc < 0)
		return session_abort(&s);
	report_end(&s.rep, &s.sum);
	return session_finish(&s);
}
