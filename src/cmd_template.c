#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "diag.h"
#include "exit_status.h"
#include "rules_describe.h"
#include "rules_extends.h"
#include "strbuf.h"
#include "xalloc.h"

/*
 * `partnercheck rules template [RULES...]`: the CSV a rule set reads,
 * header first, as a file to fill in, or (-f markdown) its data
 * dictionary.
 */

static const char usage[] =
    "usage: partnercheck rules template [--no-example] [-f csv|markdown] "
    "[RULES...]\n"
    "\n"
    "Writes the CSV header of the columns the rule set reads: the id and\n"
    "name columns, then each field in the order the checks, pairwise and\n"
    "consortium rules first read it, then the fields no rule reads.  A\n"
    "second row gives an example value of each column in a form it accepts.\n"
    "RULES are rule files or packs, each later one extending those before\n"
    "(as -r does); with none, the default rule set.\n"
    "\n"
    "  -f, --format csv|markdown  csv (default), or a data dictionary: each\n"
    "                             column's type, accepted forms, allowed\n"
    "                             values and the rules that read it\n"
    "      --no-example           the header row only\n"
    "  -h, --help                 this help\n"
    "\n"
    "Exit status: 0 written, 2 usage or rule-set error.\n";

/* One column of the template: a field, or the id or name column. */
typedef struct column {
	const char *header;
	int field;        /* -1 for the id and name columns */
	const char *role; /* "id", "name" or NULL */
} column;

/* The columns in template order; *n counts them; caller frees. */
static column *
columns_of(const ruleset *rs, size_t *n)
{
	column *v = xcalloc(rs->nfields + 2, sizeof *v);
	unsigned char *seen = xcalloc(rs->nfields + 1, 1);
	unsigned char *used = xcalloc(rs->nfields + 1, 1);
	static const describe_kind kinds[] = { DK_CHECK, DK_PAIR,
					       DK_CONSORTIUM };
	size_t k, i, f;

	*n = 0;
	if (rs->id_column)
		v[(*n)++] = (column){ rs->id_column, -1, "id" };
	if (rs->name_column)
		v[(*n)++] = (column){ rs->name_column, -1, "name" };
	for (k = 0; k < 3; k++) {
		size_t nr = kinds[k] == DK_CHECK ? rs->nchecks :
			    kinds[k] == DK_PAIR  ? rs->npairs :
						   rs->ncons;

		for (i = 0; i < nr; i++) {
			memset(used, 0, rs->nfields);
			rules_describe_reads(rs, kinds[k], i, used);
			for (f = 0; f < rs->nfields; f++)
				if (used[f] && !seen[f]) {
					seen[f] = 1;
					v[(*n)++] = (column){
						rs->fields[f].column, (int)f,
						NULL
					};
				}
		}
	}
	for (f = 0; f < rs->nfields; f++)
		if (!seen[f])
			v[(*n)++] = (column){ rs->fields[f].column, (int)f,
					      NULL };
	free(seen);
	free(used);
	return v;
}

/* A CSV cell, quoted when it holds the delimiter, a quote or a line
 * end. */
static void
put_cell(const char *s, char delim)
{
	const char *p;

	if (!strchr(s, delim) && !strpbrk(s, "\"\r\n")) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (p = s; *p; p++) {
		if (*p == '"')
			putchar('"');
		putchar(*p);
	}
	putchar('"');
}

static void
write_csv(const ruleset *rs, const column *cols, size_t n, int example)
{
	char delim = rs->delimiter ? rs->delimiter : ',';
	strbuf sb;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			putchar(delim);
		put_cell(cols[i].header, delim);
	}
	putchar('\n');
	if (!example)
		return;
	sb_init(&sb);
	for (i = 0; i < n; i++) {
		sb_reset(&sb);
		if (cols[i].field >= 0)
			rules_describe_example(&rs->fields[cols[i].field].type,
					       &sb);
		else
			sb_adds(&sb, !strcmp(cols[i].role, "id") ?
					 "P001" :
					 "Example Partners Ltd");
		if (i)
			putchar(delim);
		put_cell(sb.buf, delim);
	}
	putchar('\n');
	sb_free(&sb);
}

/* A markdown table cell: '|' escaped, line ends as spaces. */
static void
put_md(const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", stdout);
		else if (*s == '\n' || *s == '\r')
			putchar(' ');
		else
			putchar(*s);
	}
}

/* The ids of the rules that read field f, comma-separated, into out. */
static void
readers_of(const ruleset *rs, int f, strbuf *out)
{
	static const describe_kind kinds[] = { DK_CHECK, DK_PAIR,
					       DK_CONSORTIUM };
	unsigned char *used = xcalloc(rs->nfields + 1, 1);
	const char *last = NULL;
	size_t k, i;

	for (k = 0; k < 3; k++) {
		size_t nr = kinds[k] == DK_CHECK ? rs->nchecks :
			    kinds[k] == DK_PAIR  ? rs->npairs :
						   rs->ncons;

		for (i = 0; i < nr; i++) {
			const char *id = kinds[k] == DK_CHECK ?
					     rs->checks[i].id :
					 kinds[k] == DK_PAIR ? rs->pairs[i].id :
							       rs->cons[i].id;

			memset(used, 0, rs->nfields);
			rules_describe_reads(rs, kinds[k], i, used);
			/* consortium.size twice is named once */
			if (!used[f] || (last && !strcmp(last, id)))
				continue;
			sb_addf(out, "%s%s", out->len ? ", " : "", id);
			last = id;
		}
	}
	free(used);
}

static void
write_markdown(const ruleset *rs, const column *cols, size_t n)
{
	strbuf sb;
	size_t i;

	printf("# Data dictionary: %s\n\n", rs->name ? rs->name : "rule set");
	puts("| Column | Type | Accepted forms | Allowed values | Read by |");
	puts("|---|---|---|---|---|");
	sb_init(&sb);
	for (i = 0; i < n; i++) {
		const type_spec *t = cols[i].field >= 0 ?
					 &rs->fields[cols[i].field].type :
					 NULL;

		fputs("| ", stdout);
		put_md(cols[i].header);
		if (!t) {
			printf(" | %s | %s | | every report |\n",
			       !strcmp(cols[i].role, "id") ? "identifier" :
							     "display name",
			       !strcmp(cols[i].role, "id") ?
				   "any text, one per partner" :
				   "any text");
			continue;
		}
		printf(" | %s | ", field_type_name(t->type));
		sb_reset(&sb);
		rules_describe_forms(t, &sb);
		put_md(sb.buf);
		fputs(" | ", stdout);
		sb_reset(&sb);
		rules_describe_allowed(t, &sb);
		put_md(sb.buf);
		fputs(" | ", stdout);
		sb_reset(&sb);
		readers_of(rs, cols[i].field, &sb);
		put_md(sb.len ? sb.buf : "no rule (kept for --keep)");
		puts(" |");
	}
	sb_free(&sb);
}

int
cmd_rules_template(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "no-example", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, example = 1, markdown = 0;
	diaglist dl = { NULL, 0, 0 };
	ruleset *rs;
	column *cols;
	size_t n, k;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (!strcmp(optarg, "markdown"))
				markdown = 1;
			else if (strcmp(optarg, "csv")) {
				fprintf(stderr,
					"partnercheck rules template: -f takes "
					"csv or markdown, not '%s'\nTry "
					"'partnercheck rules template "
					"--help'.\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'n':
			example = 0;
			break;
		case 'h':
			return cli_print_info(CLI_HELP, usage);
		default:
			fprintf(stderr,
				"partnercheck rules template: %s '%s'\nTry "
				"'partnercheck rules template --help'.\n",
				ch == ':' ? "option needs a value" :
					    "unknown option",
				argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	rs = rules_load_chain((const char *const *)argv + optind,
			      (size_t)(argc - optind), NULL, 0, &dl);
	for (k = 0; k < dl.n; k++)
		diag("%s", dl.msgs[k]);
	diaglist_free(&dl);
	if (!rs)
		return EXIT_USAGE;
	cols = columns_of(rs, &n);
	if (markdown)
		write_markdown(rs, cols, n);
	else
		write_csv(rs, cols, n, example);
	free(cols);
	rules_free(rs);
	return EXIT_OK;
}
