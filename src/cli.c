#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "utf8.h"
#include "xalloc.h"

enum {
	O_KEEP = 256, O_FAIL_ON, O_WAIVERS, O_AS_OF, O_DELIM, O_ENCODING,
	O_ID_COL, O_NAME_COL, O_COLOR, O_NO_SANITIZE, O_BY_CAT, O_MAX_FIELD,
	O_MAX_ROWS, O_SET, O_SEVERITY, O_MAX_CONFLICTS, O_MATRIX, O_HELP,
	O_VERSION,
	O_EXPLAIN
};

static const struct option longopts[] = {
	{ "rules", required_argument, NULL, 'r' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "keep", required_argument, NULL, O_KEEP },
	{ "fail-on", required_argument, NULL, O_FAIL_ON },
	{ "waivers", required_argument, NULL, O_WAIVERS },
	{ "as-of", required_argument, NULL, O_AS_OF },
	{ "delimiter", required_argument, NULL, O_DELIM },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ "id-column", required_argument, NULL, O_ID_COL },
	{ "name-column", required_argument, NULL, O_NAME_COL },
	{ "color", required_argument, NULL, O_COLOR },
	{ "colour", required_argument, NULL, O_COLOR },
	{ "no-sanitize", no_argument, NULL, O_NO_SANITIZE },
	{ "by-category", no_argument, NULL, O_BY_CAT },
	{ "explain", no_argument, NULL, O_EXPLAIN },
	{ "max-field-bytes", required_argument, NULL, O_MAX_FIELD },
	{ "max-rows", required_argument, NULL, O_MAX_ROWS },
	{ "set", required_argument, NULL, O_SET },
	{ "severity", required_argument, NULL, O_SEVERITY },
	{ "max-conflicts", required_argument, NULL, O_MAX_CONFLICTS },
	{ "matrix", no_argument, NULL, O_MATRIX },
	{ "help", no_argument, NULL, O_HELP },
	{ "version", no_argument, NULL, O_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* A size with an optional K, M or G suffix (powers of 1024). */
static int
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 10);
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	else if (*end == 'G' || *end == 'g')
		v <<= 30, end++;
	if (*end || v > (unsigned long long)SIZE_MAX / 2)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int
usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "partnercheck %s: ", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'partnercheck %s --help'.\n", cmd);
	return 2;
}

int
cli_parse(cli *c, int argc, char **argv, report_mode mode, const char *usage)
{
	const char *cmd = argv[0];
	int ch;

	memset(c, 0, sizeof *c);
	c->format = "text";
	c->encoding = -1;
	c->color = -1;
	c->sanitize = 1;
	c->max_field_bytes = 1 << 20;
	c->severity = SEV_INFO;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":r:f:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			c->rules = optarg;
			break;
		case 'f':
			if (!emitter_find(optarg))
				return usage_error(cmd, "unknown format '%s' (known: "
						   "text, csv, tsv, json, ndjson, "
						   "markdown)", optarg);
			c->format = optarg;
			break;
		case 'o':
			if (!*optarg)
				return usage_error(cmd, "-o needs a file name "
						   "(- for standard output)%s", "");
			c->output = optarg;
			break;
		case O_KEEP:
			if (c->keep) {  /* --keep a --keep b keeps both */
				size_t a = strlen(c->keep), b = strlen(optarg);
				char *j = xmalloc(a + b + 2);

				memcpy(j, c->keep, a);
				j[a] = ',';
				memcpy(j + a + 1, optarg, b + 1);
				free(c->keep_joined);
				c->keep = c->keep_joined = j;
			} else {
				c->keep = optarg;
			}
			break;
		case O_FAIL_ON:
			if (!strcmp(optarg, "fail"))
				c->fail_on = FAIL_ON_FAIL;
			else if (!strcmp(optarg, "warn"))
				c->fail_on = FAIL_ON_WARN;
			else if (!strcmp(optarg, "never"))
				c->fail_on = FAIL_ON_NEVER;
			else
				return usage_error(cmd, "--fail-on takes fail, warn "
						   "or never, not '%s'", optarg);
			break;
		case O_WAIVERS:
			c->waivers = xrealloc(c->waivers,
					      (c->nwaivers + 1) * sizeof *c->waivers);
			c->waivers[c->nwaivers++] = optarg;
			break;
		case O_AS_OF:
			c->as_of = optarg;
			break;
		case O_DELIM:
			if (!strcmp(optarg, ",") || !strcmp(optarg, "comma"))
				c->delimiter = ',';
			else if (!strcmp(optarg, ";") || !strcmp(optarg, "semicolon"))
				c->delimiter = ';';
			else if (!strcmp(optarg, "\t") || !strcmp(optarg, "tab"))
				c->delimiter = '\t';
			else
				return usage_error(cmd, "--delimiter takes comma, "
						   "semicolon or tab, not '%s'", optarg);
			break;
		case O_ENCODING:
			c->encoding = encoding_from_name(optarg);
			if (c->encoding < 0)
				return usage_error(cmd, "unknown encoding '%s' (known: "
						   "utf-8, windows-1252, iso-8859-1)",
						   optarg);
			break;
		case O_ID_COL:
			c->id_column = optarg;
			break;
		case O_NAME_COL:
			c->name_column = optarg;
			break;
		case O_COLOR:
			if (!strcmp(optarg, "auto"))
				c->color = -1;
			else if (!strcmp(optarg, "always"))
				c->color = 1;
			else if (!strcmp(optarg, "never"))
				c->color = 0;
			else
				return usage_error(cmd, "--color takes auto, always or "
						   "never, not '%s'", optarg);
			break;
		case O_NO_SANITIZE:
			c->sanitize = 0;
			break;
		case O_BY_CAT:
			c->by_category = 1;
			break;
		case O_EXPLAIN:
			c->explain = 1;
			break;
		case O_MAX_FIELD:
			if (parse_size(optarg, &c->max_field_bytes) < 0 ||
			    !c->max_field_bytes)
				return usage_error(cmd, "--max-field-bytes takes a "
						   "positive size such as 4M, not '%s'",
						   optarg);
			break;
		case O_MAX_ROWS:
			if (parse_size(optarg, &c->max_rows) < 0 || !c->max_rows)
				return usage_error(cmd, "--max-rows takes a positive "
						   "number, not '%s'", optarg);
			break;
		case O_SET:
			if (mode == MODE_SCREEN)
				return usage_error(cmd, "--set applies to check and "
						   "conflicts%s", "");
			if (strncmp(optarg, "contract.", 9) || optarg[9] == '=' ||
			    !strchr(optarg + 9, '='))
				return usage_error(cmd, "--set takes contract.KEY=VALUE, "
						   "not '%s'", optarg);
			c->sets = xrealloc(c->sets, (c->nsets + 1) * sizeof *c->sets);
			c->sets[c->nsets++] = optarg + 9;
			break;
		case O_SEVERITY:
			if (mode == MODE_SCREEN)
				return usage_error(cmd, "--severity applies to check "
						   "and conflicts%s", "");
			c->severity = severity_from_name(optarg);
			if (c->severity < 0)
				return usage_error(cmd, "--severity takes info, warn or "
						   "fail, not '%s'", optarg);
			break;
		case O_MAX_CONFLICTS:
			if (mode == MODE_SCREEN ||
			    parse_size(optarg, &c->max_conflicts) < 0)
				return usage_error(cmd, mode == MODE_SCREEN ?
						   "--max-conflicts applies to check "
						   "and conflicts%s" :
						   "--max-conflicts takes a number, "
						   "not '%s'", mode == MODE_SCREEN ?
						   "" : optarg);
			break;
		case O_MATRIX:
			if (mode != MODE_CONFLICTS)
				return usage_error(cmd, "--matrix applies to "
						   "conflicts%s", "");
			c->matrix = 1;
			break;
		case 'h':
		case O_HELP:
			fputs(usage, stdout);
			return 1;
		case O_VERSION:
			puts("partnercheck " PARTNERCHECK_VERSION);
			return 1;
		case ':':
			return usage_error(cmd, "option '%s' needs a value",
					   argv[optind - 1]);
		default:
			return usage_error(cmd, "unknown option '%s'",
					   argv[optind - 1]);
		}
	}
	if (mode == MODE_CONFLICTS && (c->keep || c->by_category || c->explain))
		return usage_error(cmd, "%s applies to screen and check",
				   c->keep ? "--keep" : c->by_category ?
				   "--by-category" : "--explain");
	if (optind < argc - 1)
		return usage_error(cmd, "one input file at a time (found '%s' "
				   "too)", argv[optind + 1]);
	c->input = optind < argc ? argv[optind] : "-";
	/* Standard input can be read once. */
	{
		int stdin_users = !strcmp(c->input, "-") +
				  (c->rules && !strcmp(c->rules, "-"));
		size_t i;

		for (i = 0; i < c->nwaivers; i++)
			stdin_users += !strcmp(c->waivers[i], "-");
		if (stdin_users > 1)
			return usage_error(cmd, "only one of the input, -r and "
					   "--waivers can read standard input%s", "");
	}
	return 0;
}

void
cli_free(cli *c)
{
	free(c->keep_joined);
	free(c->waivers);
	free(c->sets);
	c->waivers = NULL;
	c->sets = NULL;
}
