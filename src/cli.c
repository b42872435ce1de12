#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "exit_status.h"
#include "strbuf.h"
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"

#define FIELD(c, type, opt) ((type *)(void *)((char *)(c) + (opt)->field))

/* The lists a usage text names by a mark, taken from the emitter table
 * when --help asks, so that a new format shows without editing a text. */
static const struct usage_list {
	const char *mark;
	const char *(*names)(void);
} usage_lists[] = {
	{ CLI_USAGE_FORMATS, emitter_names_or },
	{ CLI_USAGE_MATRIX_FORMATS, emitter_matrix_names },
};

/* Writes usage to fp with each mark replaced by its list. */
static void
put_usage(const char *usage, FILE *fp)
{
	const char *p;
	size_t i;

	while ((p = strchr(usage, '{')) != NULL) {
		fwrite(usage, 1, (size_t)(p - usage), fp);
		usage = p;
		for (i = 0; i < sizeof usage_lists / sizeof usage_lists[0]; i++)
			if (!strncmp(p, usage_lists[i].mark,
				     strlen(usage_lists[i].mark)))
				break;
		if (i < sizeof usage_lists / sizeof usage_lists[0]) {
			fputs(usage_lists[i].names(), fp);
			usage += strlen(usage_lists[i].mark);
		} else {
			putc(*usage++, fp);
		}
	}
	fputs(usage, fp);
}

int
cli_print_info(cli_info what, const char *usage)
{
	if (what == CLI_HELP)
		put_usage(usage, stdout);
	else
		puts("partnercheck " PARTNERCHECK_VERSION);
	return EXIT_OK;
}

/* ---- setters ---- */

cli_set_result
cli_set_string(cli *c, const cli_option *opt, const char *arg,
	       const char *usage)
{
	(void)usage;
	*FIELD(c, const char *, opt) = arg;
	return CLI_SET_OK;
}

/* A file name: "" names no file (a report renamed to nowhere). */
static cli_set_result
set_file_name(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	if (!*arg)
		return CLI_SET_BAD;
	return cli_set_string(c, opt, arg, usage);
}

cli_set_result
cli_set_true(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)arg, (void)usage;
	*FIELD(c, int, opt) = 1;
	return CLI_SET_OK;
}

cli_set_result
cli_set_false(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)arg, (void)usage;
	*FIELD(c, int, opt) = 0;
	return CLI_SET_OK;
}

cli_set_result
cli_set_word(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	const cli_word *w;

	(void)usage;
	for (w = opt->words; w->word; w++)
		if (!strcmp(arg, w->word)) {
			*FIELD(c, int, opt) = w->value;
			return CLI_SET_OK;
		}
	return CLI_SET_BAD;
}

/* The largest size an option takes: room to spare for the arithmetic
 * done on it (a cap plus one, twice a cap) without wrapping round. */
#define CLI_SIZE_MAX ((unsigned long long)SIZE_MAX / 2)

/* A size with an optional K, M or G suffix (powers of 1024): 0, or -1
 * when s is not one, or -2 when it is one above CLI_SIZE_MAX.  The
 * suffix is checked before it is applied, so 20000000000G is refused
 * rather than wrapped round to a small number. */
static int
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	switch (*end) {
	case 'K':
	case 'k':
		shift = 10;
		end++;
		break;
	case 'M':
	case 'm':
		shift = 20;
		end++;
		break;
	case 'G':
	case 'g':
		shift = 30;
		end++;
		break;
	default:
		break;
	}
	if (*end)
		return -1;
	if (errno == ERANGE || v > CLI_SIZE_MAX >> shift)
		return -2;
	*out = (size_t)(v << shift);
	return 0;
}

/* A size at opt->field; 0 refused when positive. */
static cli_set_result
set_size(cli *c, const cli_option *opt, const char *arg, int positive)
{
	size_t v;

	switch (parse_size(arg, &v)) {
	case -2:
		return CLI_SET_TOO_LARGE;
	case -1:
		return CLI_SET_BAD;
	default:
		break;
	}
	if (positive && !v)
		return CLI_SET_BAD;
	*FIELD(c, size_t, opt) = v;
	return CLI_SET_OK;
}

cli_set_result
cli_set_size(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)usage;
	return set_size(c, opt, arg, 0);
}

cli_set_result
cli_set_positive_size(cli *c, const cli_option *opt, const char *arg,
		      const char *usage)
{
	(void)usage;
	return set_size(c, opt, arg, 1);
}

cli_set_result
cli_refuse(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)c, (void)opt, (void)arg, (void)usage;
	return CLI_SET_REFUSED;
}

cli_set_result
cli_refuse_late(cli *c, const cli_option *opt, const char *arg,
		const char *usage)
{
	(void)c, (void)opt, (void)arg, (void)usage;
	return CLI_SET_REFUSED_LATE;
}

static cli_set_result
set_format(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)opt, (void)usage;
	if (!emitter_find(arg))
		return CLI_SET_BAD;
	c->format = arg;
	return CLI_SET_OK;
}

/* --keep a --keep b keeps both. */
static cli_set_result
set_keep(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	size_t a, b;
	char *j;

	(void)opt, (void)usage;
	if (!c->keep) {
		c->keep = arg;
		return CLI_SET_OK;
	}
	a = strlen(c->keep);
	b = strlen(arg);
	j = xmalloc(a + b + 2);
	memcpy(j, c->keep, a);
	j[a] = ',';
	memcpy(j + a + 1, arg, b + 1);
	free(c->keep_joined);
	c->keep = c->keep_joined = j;
	return CLI_SET_OK;
}

static cli_set_result
add_waivers(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)opt, (void)usage;
	c->waivers = xrealloc(c->waivers,
			      (c->nwaivers + 1) * sizeof *c->waivers);
	c->waivers[c->nwaivers++] = arg;
	return CLI_SET_OK;
}

static cli_set_result
set_encoding(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)opt, (void)usage;
	c->encoding = encoding_from_name(arg);
	return c->encoding < 0 ? CLI_SET_BAD : CLI_SET_OK;
}

/* -r again: the later file extends the earlier. */
static cli_set_result
add_rules(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)opt, (void)usage;
	c->rules_list = xrealloc(c->rules_list,
				 (c->nrules + 1) * sizeof *c->rules_list);
	c->rules_list[c->nrules++] = arg;
	c->rules = arg;
	return CLI_SET_OK;
}

static cli_set_result
add_set(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)opt, (void)usage;
	if (!strncmp(arg, "check.", 6) && arg[6] != '=' &&
	    strchr(arg + 6, '=')) {
		c->check_sets = xrealloc(c->check_sets,
					 (c->ncheck_sets + 1) *
					     sizeof *c->check_sets);
		c->check_sets[c->ncheck_sets++] = arg + 6;
		return CLI_SET_OK;
	}
	if (strncmp(arg, "contract.", 9) || arg[9] == '=' ||
	    !strchr(arg + 9, '='))
		return CLI_SET_BAD;
	c->sets = xrealloc(c->sets, (c->nsets + 1) * sizeof *c->sets);
	c->sets[c->nsets++] = arg + 9;
	return CLI_SET_OK;
}

cli_set_result
cli_set_check_only(cli *c, const cli_option *opt, const char *arg,
		   const char *usage)
{
	if (strncmp(arg, "check.", 6))
		return CLI_SET_REFUSED;
	return add_set(c, opt, arg, usage);
}

static cli_set_result
set_severity(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)opt, (void)usage;
	c->severity = severity_from_name(arg);
	return c->severity < 0 ? CLI_SET_BAD : CLI_SET_OK;
}

static cli_set_result
show_help(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)c, (void)opt, (void)arg;
	cli_print_info(CLI_HELP, usage);
	return CLI_SET_DONE;
}

static cli_set_result
show_version(cli *c, const cli_option *opt, const char *arg, const char *usage)
{
	(void)c, (void)opt, (void)arg, (void)usage;
	cli_print_info(CLI_VERSION, "");
	return CLI_SET_DONE;
}

/* ---- the shared rows ---- */

static const cli_word fail_on_words[] = { { "fail", FAIL_ON_FAIL },
					  { "warn", FAIL_ON_WARN },
					  { "never", FAIL_ON_NEVER },
					  { NULL, 0 } };
static const cli_word delimiter_words[] = {
	{ ",", ',' },   { "comma", ',' }, { ";", ';' }, { "semicolon", ';' },
	{ "\t", '\t' }, { "tab", '\t' },  { NULL, 0 }
};
static const cli_word missing_columns_words[] = { { "error", 1 },
						  { "as-missing", 2 },
						  { NULL, 0 } };
static const cli_word color_words[] = {
	{ "auto", -1 }, { "always", 1 }, { "never", 0 }, { NULL, 0 }
};

#define AT(f) offsetof(cli, f)

const cli_option cli_common_options[] = {
	{ "rules", NULL, 'r', 1, add_rules, 0, NULL, NULL },
	{ "format", NULL, 'f', 1, set_format, 0,
	  "unknown format '%s' (known: %s)", NULL },
	{ "output", NULL, 'o', 1, set_file_name, AT(output),
	  "-o needs a file name (- for standard output)%.0s", NULL },
	{ "fail-on", NULL, 0, 1, cli_set_word, AT(fail_on),
	  "--fail-on takes fail, warn or never, not '%s'", fail_on_words },
	{ "waivers", NULL, 0, 1, add_waivers, 0, NULL, NULL },
	{ "as-of", NULL, 0, 1, cli_set_string, AT(as_of), NULL, NULL },
	{ "delimiter", NULL, 0, 1, cli_set_word, AT(delimiter),
	  "--delimiter takes comma, semicolon or tab, not '%s'",
	  delimiter_words },
	{ "encoding", NULL, 0, 1, set_encoding, 0,
	  "unknown encoding '%s' (known: utf-8, windows-1252, iso-8859-1)",
	  NULL },
	{ "id-column", NULL, 0, 1, cli_set_string, AT(id_column), NULL, NULL },
	{ "missing-columns", NULL, 0, 1, cli_set_word, AT(missing_columns),
	  "--missing-columns takes error or as-missing, not '%s'",
	  missing_columns_words },
	{ "name-column", NULL, 0, 1, cli_set_string, AT(name_column), NULL,
	  NULL },
	{ "color", "colour", 0, 1, cli_set_word, AT(color),
	  "--color takes auto, always or never, not '%s'", color_words },
	{ "no-sanitize", NULL, 0, 0, cli_set_false, AT(sanitize), NULL, NULL },
	{ "max-field-bytes", NULL, 0, 1, cli_set_positive_size,
	  AT(max_field_bytes),
	  "--max-field-bytes takes a positive size such as 4M, not '%s'",
	  NULL },
	{ "max-rows", NULL, 0, 1, cli_set_positive_size, AT(max_rows),
	  "--max-rows takes a positive number, not '%s'", NULL },
	{ "step-summary", NULL, 0, 1, set_file_name, AT(step_summary),
	  "--step-summary needs a file name%.0s", NULL },
	{ "help", NULL, 'h', 0, show_help, 0, NULL, NULL },
	{ "version", NULL, 0, 0, show_version, 0, NULL, NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

const cli_option cli_partner_options[] = {
	{ "keep", NULL, 0, 1, set_keep, 0, NULL, NULL },
	{ "by-category", NULL, 0, 0, cli_set_true, AT(by_category), NULL,
	  NULL },
	{ "explain", NULL, 0, 0, cli_set_true, AT(explain), NULL, NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

const cli_option cli_baseline_options[] = {
	{ "baseline", NULL, 0, 1, set_file_name, AT(baseline),
	  "--baseline needs a file name%.0s", NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

const cli_option cli_graph_options[] = {
	{ "graph-info", NULL, 0, 0, cli_set_true, AT(graph_info), NULL, NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

const cli_option cli_pair_options[] = {
	{ "set", NULL, 0, 1, add_set, 0,
	  "--set takes contract.KEY=VALUE, not '%s'", NULL },
	{ "severity", NULL, 0, 1, set_severity, 0,
	  "--severity takes info, warn or fail, not '%s'", NULL },
	{ "max-conflicts", NULL, 0, 1, cli_set_size, AT(max_conflicts),
	  "--max-conflicts takes a number, not '%s'", NULL },
	{ NULL, NULL, 0, 0, NULL, 0, NULL, NULL }
};

/* ---- the parser ---- */

static int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "partnercheck %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'partnercheck %s --help'.\n", cmd);
	return CLI_FAILED;
}

/* The rows of cmd's tables, flattened, with the getopt_long table and
 * option string they make.  getopt_long's val for row i is 256 + i; an
 * alias shares its row's val, so that an abbreviation of both is not
 * ambiguous. */
typedef struct optset {
	const cli_option **rows;
	size_t n;
	struct option *longopts;
	char *shortopts;
	unsigned char *refused; /* rows refused late, in row order */
} optset;

static void
optset_build(optset *os, const cli_command *cmd)
{
	const cli_option *const *t;
	const cli_option *o;
	size_t nlong = 0, i;
	char *sp;

	memset(os, 0, sizeof *os);
	for (t = cmd->tables; *t; t++)
		for (o = *t; o->name; o++)
			os->n++;
	os->rows = xcalloc(os->n + 1, sizeof *os->rows);
	os->longopts = xcalloc(2 * os->n + 1, sizeof *os->longopts);
	os->shortopts = xmalloc(2 * os->n + 2);
	os->refused = xcalloc(os->n + 1, 1);
	sp = os->shortopts;
	*sp++ = ':'; /* a missing value is ':', not '?' */
	i = 0;
	for (t = cmd->tables; *t; t++)
		for (o = *t; o->name; o++, i++) {
			struct option *lo = &os->longopts[nlong++];

			os->rows[i] = o;
			lo->name = o->name;
			lo->has_arg = o->has_arg ? required_argument :
						   no_argument;
			lo->val = 256 + (int)i;
			if (o->alias) {
				os->longopts[nlong] = *lo;
				os->longopts[nlong++].name = o->alias;
			}
			if (o->short_name) {
				*sp++ = (char)o->short_name;
				if (o->has_arg)
					*sp++ = ':';
			}
		}
	*sp = '\0';
}

static void
optset_free(optset *os)
{
	free(os->rows);
	free(os->longopts);
	free(os->shortopts);
	free(os->refused);
}

/* The row getopt_long's ch stands for, or NULL. */
static const cli_option *
optset_row(const optset *os, int ch, size_t *index)
{
	size_t i;

	if (ch >= 256 && (size_t)(ch - 256) < os->n) {
		*index = (size_t)(ch - 256);
		return os->rows[*index];
	}
	for (i = 0; i < os->n; i++)
		if (ch != 0 && os->rows[i]->short_name == ch) {
			*index = i;
			return os->rows[i];
		}
	return NULL;
}

/*
 * The usage error for what getopt_long returned '?' for.  getopt_long
 * leaves optopt at the row's val for a value given to an option that
 * takes none, at the letter for an unknown short option (which, inside a
 * cluster such as -xv, is not argv[optind - 1]), and at 0 for a long
 * option it could not resolve: unknown, or a prefix of several.
 */
static int
bad_option(const char *name, char **argv, const optset *os)
{
	const char *arg = argv[optind - 1], **names, *hint = NULL, *w;
	const cli_option *o;
	char word[64];
	size_t i, wlen, nmatch = 0, nnames = 0;
	strbuf sb;
	int rc;

	if (optopt >= 256 && (size_t)(optopt - 256) < os->n) {
		o = os->rows[optopt - 256];
		return usage_error(name,
				   "option '--%s' takes no value, not '%s'",
				   o->name,
				   strchr(arg, '=') ? strchr(arg, '=') + 1 :
						      "");
	}
	if (optopt != 0)
		return usage_error(name, "unknown option '-%c'", optopt);
	/* The name typed, without its dashes or "=VALUE". */
	w = arg + strspn(arg, "-");
	wlen = strcspn(w, "=");
	if (!wlen) /* "--=x" */
		return usage_error(name, "unknown option '%s'", arg);
	/* Several rows that it abbreviates: name them all. */
	sb_init(&sb);
	for (i = 0; i < os->n; i++) {
		o = os->rows[i];
		if (strncmp(o->name, w, wlen) &&
		    (!o->alias || strncmp(o->alias, w, wlen)))
			continue;
		if (nmatch++)
			sb_adds(&sb, ", ");
		sb_addf(&sb, "--%s", o->name);
	}
	if (nmatch > 1) {
		/* ", --b" before the last becomes " or --b" */
		const char *p = strrchr(sb.buf, ',');

		rc = usage_error(name,
				 "option '--%.*s' is ambiguous (could be "
				 "%.*s or%s)",
				 (int)wlen, w, (int)(p - sb.buf), sb.buf,
				 p + 1);
		sb_free(&sb);
		return rc;
	}
	sb_free(&sb);
	/* A name too long for word is too long to be a typo of ours. */
	if (wlen < sizeof word) {
		memcpy(word, w, wlen);
		word[wlen] = '\0';
		names = xcalloc(2 * os->n + 1, sizeof *names);
		for (i = 0; i < os->n; i++) {
			names[nnames++] = os->rows[i]->name;
			if (os->rows[i]->alias)
				names[nnames++] = os->rows[i]->alias;
		}
		hint = suggest_name(word, names);
		free(names);
	}
	if (hint)
		return usage_error(name,
				   "unknown option '--%.*s' (did you mean "
				   "'--%s'?)",
				   (int)wlen, w, hint);
	return usage_error(name, "unknown option '--%.*s'", (int)wlen, w);
}

/* Runs getopt_long over argv; CLI_RUN when every option was taken. */
static cli_result
parse_options(cli *c, int argc, char **argv, const cli_command *cmd, optset *os)
{
	const char *name = argv[0];
	size_t i;
	int ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, os->shortopts, os->longopts,
				 NULL)) != -1) {
		const cli_option *o;

		if (ch == ':')
			return usage_error(name, "option '%s' needs a value",
					   argv[optind - 1]);
		o = optset_row(os, ch, &i);
		if (!o)
			return bad_option(name, argv, os);
		switch (o->set(c, o, o->has_arg ? optarg : NULL, cmd->usage)) {
		case CLI_SET_OK:
			break;
		case CLI_SET_BAD:
			/* A second %s in o->bad names the formats; for any
			 * other row the extra argument is ignored (C11
			 * 7.21.6.1p2). */
			return usage_error(name, o->bad, optarg,
					   emitter_names());
		case CLI_SET_TOO_LARGE:
			return usage_error(name,
					   "--%s value '%s' is too large "
					   "(at most %llu)",
					   o->name, optarg, CLI_SIZE_MAX);
		case CLI_SET_DONE:
			return CLI_DONE;
		case CLI_SET_REFUSED:
			return usage_error(name, "--%s applies to %s", o->name,
					   o->bad);
		case CLI_SET_REFUSED_LATE:
			os->refused[i] = 1;
			break;
		}
	}
	for (i = 0; i < os->n; i++)
		if (os->refused[i])
			return usage_error(name, "--%s applies to %s",
					   os->rows[i]->name, os->rows[i]->bad);
	return CLI_RUN;
}

cli_result
cli_parse(cli *c, int argc, char **argv, const cli_command *cmd)
{
	const char *name = argv[0];
	optset os;
	cli_result rc;
	int stdin_users;
	size_t i;

	memset(c, 0, sizeof *c);
	c->format = "text";
	c->encoding = -1;
	c->color = -1;
	c->sanitize = 1;
	c->max_field_bytes = 1 << 20;
	c->severity = SEV_INFO;
	optset_build(&os, cmd);
	rc = parse_options(c, argc, argv, cmd, &os);
	optset_free(&os);
	if (rc != CLI_RUN)
		return rc;
	if (optind < argc - 1)
		return usage_error(name,
				   "one input file at a time (found '%s' "
				   "too)",
				   argv[optind + 1]);
	c->input = optind < argc ? argv[optind] : "-";
	/* Standard input can be read once. */
	stdin_users = !strcmp(c->input, "-");
	for (i = 0; i < c->nrules; i++)
		stdin_users += !strcmp(c->rules_list[i], "-");
	for (i = 0; i < c->nwaivers; i++)
		stdin_users += !strcmp(c->waivers[i], "-");
	if (stdin_users > 1)
		return usage_error(name, "only one of the input, -r and "
					 "--waivers can read standard input");
	return CLI_RUN;
}

void
cli_free(cli *c)
{
	if (!c)
		return;
	free(c->keep_joined);
	free(c->waivers);
	free(c->sets);
	free(c->check_sets);
	free(c->rules_list);
	c->check_sets = NULL;
	c->rules_list = NULL;
	c->keep_joined = NULL;
	c->keep = NULL;
	c->waivers = NULL;
	c->sets = NULL;
}
