#ifndef PARTNERCHECK_CMD_USAGE_H
#define PARTNERCHECK_CMD_USAGE_H

#include "cli.h"

/* The option lines that the usage texts of check and conflicts share, in
 * the order both print them. */
#define PAIR_COMMAND_OPTIONS \
	"  -r, --rules FILE        rule set (default: the embedded 'collaborate' rules)\n" \
	"  -f, --format FORMAT     " CLI_USAGE_FORMATS " (default text)\n" \
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
	"      --missing-columns M error (default) or as-missing: absent columns read empty\n" \
	"      --color WHEN        auto, always or never (text format; NO_COLOR is honoured)\n" \
	"      --no-sanitize       do not guard csv/tsv cells against formula injection\n" \
	"      --max-field-bytes N refuse fields longer than N bytes (default 1M)\n" \
	"      --max-rows N        refuse more than N data rows (default 100000)\n" \
	"      --step-summary FILE append a markdown summary to FILE (-f github;\n" \
	"                          default $GITHUB_STEP_SUMMARY when set)\n" \
	"      --baseline FILE     findings in this earlier -f json report are known\n" \
	"                          and do not fail the run; new ones do\n"

#endif
