#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "diag.h"
#include "exit_status.h"
#include "lint_report.h"
#include "packs.h"
#include "rules.h"
#include "rules_extends.h"
#include "rules_test.h"
#include "strbuf.h"
#include "suggest.h"

static const char usage[] =
    "usage: partnercheck rules default\n"
    "       partnercheck rules lint [-f text|json|gcc|sarif] RULES.json|PACK...\n"
    "       partnercheck rules list\n"
    "       partnercheck rules show [RULES...]\n"
    "       partnercheck rules template [--no-example] [-f csv|markdown] "
    "[RULES...]\n"
    "       partnercheck rules test RULES.json TESTS.json...\n"
    "\n"
    "  default   print the embedded 'collaborate' rule set, to copy and edit\n"
    "  lint      validate rule sets and report every problem found; with -f\n"
    "            json, gcc or sarif each problem goes to standard output with\n"
    "            its file, line, column and path, for an editor or CI\n"
    "  list      list the embedded packs, which -r and \"extends\" name\n"
    "  show      print the rule set that runs: RULES (files or packs, each\n"
    "            later one extending those before, as with -r) resolved\n"
    "            into one, every \"extends\", \"override\" and \"disable\"\n"
    "            applied; with none, the default rule set\n"
    "  template  the CSV header the rule set reads, with an example row,\n"
    "            or (-f markdown) its data dictionary\n"
    "  test      run rule-test cases (see 'partnercheck rules test --help')\n"
    "\n"
    "Exit status: 0 valid, 2 a problem was found or usage error.\n"
    "See partnercheck-rules(5) for the rule language.\n";

/* Reads the whole of path ("-": standard input) into sb; returns 0, or
 * -1 with the problem in dl, worded as rules_load words it. */
static int
read_rules(const char *path, const char *label, strbuf *sb, diaglist *dl)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	size_t n;
	int rc = 0;

	if (!f) {
		diaglist_add(dl, "%s:1: cannot open: %s", path,
			     strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(sb, chunk, n);
	if (ferror(f)) {
		diaglist_add(dl, "%s:1: cannot read: %s", label,
			     strerror(errno));
		rc = -1;
	}
	if (f != stdin)
		fclose(f);
	return rc;
}

/* rules lint -f json|gcc|sarif: every problem to standard output, with
 * its place in the file. */
static int
lint_formatted(int argc, char **argv, const char *format)
{
	lint_report *lr = lint_report_new(format, stdout);
	int i, rc = EXIT_OK;

	for (i = 0; i < argc; i++) {
		diaglist dl = { NULL, 0, 0 };
		const char *label = strcmp(argv[i], "-") ? argv[i] : "<stdin>";
		ruleset *rs = NULL;
		strbuf text;
		int read_ok;

		sb_init(&text);
		read_ok = read_rules(argv[i], label, &text, &dl) == 0;
		if (read_ok)
			rs = rules_parse(label, text.buf ? text.buf : "",
					 text.len, &dl);
		if (!rs)
			rc = EXIT_USAGE;
		lint_report_file(lr, label, argv[i], read_ok ? text.buf : NULL,
				 text.len, &dl);
		diaglist_free(&dl);
		rules_free(rs);
		sb_free(&text);
	}
	lint_report_free(lr);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		diag("cannot write the report: %s", strerror(errno));
		rc = EXIT_USAGE;
	}
	return rc;
}

static int
lint(int argc, char **argv, const char *format)
{
	int i, rc = EXIT_OK;

	if (argc < 1) {
		fputs("partnercheck rules lint: name a rule file\n"
		      "Try 'partnercheck rules --help'.\n",
		      stderr);
		return EXIT_USAGE;
	}
	if (format && strcmp(format, "text"))
		return lint_formatted(argc, argv, format);
	for (i = 0; i < argc; i++) {
		diaglist dl = { NULL, 0, 0 };
		/* a pack by name, as -r takes it */
		ruleset *rs = rules_ref_is_pack(argv[i]) ?
				  rules_load_chain((const char *const *)argv +
						       i,
						   1, NULL, 0, &dl) :
				  rules_load(argv[i], &dl);
		size_t k;

		for (k = 0; k < dl.n; k++)
			diag("%s", dl.msgs[k]);
		if (rs)
			printf(
			    "%s: ok (%zu field%s, %zu check%s, %zu pairwise, "
			    "%zu consortium rule%s)\n",
			    strcmp(argv[i], "-") ? argv[i] : "<stdin>",
			    rs->nfields, rs->nfields == 1 ? "" : "s",
			    rs->nchecks, rs->nchecks == 1 ? "" : "s",
			    rs->npairs, rs->ncons, rs->ncons == 1 ? "" : "s");
		else
			rc = EXIT_USAGE;
		diaglist_free(&dl);
		rules_free(rs);
	}
	return rc;
}

/* The resolved rule set of argv as JSON on stdout. */
static int
show(int argc, char **argv)
{
	diaglist dl = { NULL, 0, 0 };
	char *text = rules_show_chain((const char *const *)argv, (size_t)argc,
				      &dl);
	size_t k;

	for (k = 0; k < dl.n; k++)
		diag("%s", dl.msgs[k]);
	diaglist_free(&dl);
	if (!text)
		return EXIT_USAGE;
	puts(text);
	free(text);
	return EXIT_OK;
}

/* One line per embedded pack: its name, then its description. */
static int
list(int argc, char **argv)
{
	size_t i, n = pack_count();

	if (argc > 0) {
		fprintf(stderr,
			"partnercheck rules list: takes no arguments, found "
			"'%s'\nTry 'partnercheck rules --help'.\n",
			argv[0]);
		return EXIT_USAGE;
	}
	for (i = 0; i < n; i++) {
		char *d = pack_description(&pack_sources[i]);

		printf("%-15s %s\n", pack_sources[i].name, d ? d : "");
		free(d);
	}
	return EXIT_OK;
}

static int
is_help(const char *a)
{
	return !strcmp(a, "--help") || !strcmp(a, "-h");
}

/* Takes lint's -f FORMAT (also -fFORMAT, --format FORMAT and
 * --format=FORMAT) out of argv[2..*end), closing argv up over it; returns
 * 0, or -1 after a usage error. */
static int
take_format(int *argc, char **argv, int *end, const char **format)
{
	static const char *const formats[] = { "text", "json", "gcc", "sarif",
					       NULL };
	int i, k;

	for (i = 2; i < *end; i++) {
		const char *a = argv[i], *v = NULL;
		int used = 1, j;

		if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
			v = i + 1 < *end ? argv[i + 1] : NULL;
			used = 2;
			if (!v) {
				fprintf(stderr,
					"partnercheck rules lint: %s needs a "
					"format (text, json, gcc or sarif)\n"
					"Try 'partnercheck rules --help'.\n",
					a);
				return -1;
			}
		} else if (!strncmp(a, "--format=", 9)) {
			v = a + 9;
		} else if (!strncmp(a, "-f", 2)) {
			v = a + 2;
		} else {
			continue;
		}
		for (k = 0; formats[k] && strcmp(formats[k], v); k++)
			;
		if (!formats[k]) {
			fprintf(stderr,
				"partnercheck rules lint: unknown format '%s' "
				"(known: text, json, gcc, sarif)\n"
				"Try 'partnercheck rules --help'.\n",
				v);
			return -1;
		}
		*format = formats[k];
		for (j = i; j + used < *argc; j++)
			argv[j] = argv[j + used];
		*argc -= used;
		*end -= used;
		argv[*argc] = NULL;
		i--;
	}
	return 0;
}

int
cmd_rules(int argc, char **argv)
{
	int i, end = argc;
	const char *format = NULL;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	/* template parses its own options */
	if (!strcmp(argv[1], "template"))
		return cmd_rules_template(argc - 1, argv + 1);
	/* test has options of its own */
	if (!strcmp(argv[1], "test"))
		return cmd_rules_test(argc - 1, argv + 1);
	/* "--" ends the options: what follows is file names, even
	 * "--help" or "-x". */
	for (i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			end = i;
			break;
		}
	/* --help anywhere, as in 'rules lint --help', wins over the rest. */
	for (i = 1; i < end; i++)
		if (is_help(argv[i]))
			return cli_print_info(CLI_HELP, usage);
	if (!strcmp(argv[1], "lint") &&
	    take_format(&argc, argv, &end, &format) < 0)
		return EXIT_USAGE;
	for (i = 2; i < end; i++)
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr,
				"partnercheck rules %s: unknown option "
				"'%s'\nTry 'partnercheck rules --help'.\n",
				argv[1], argv[i]);
			return EXIT_USAGE;
		}
	/* Drop the "--" itself: the operands close up over it. */
	if (end < argc) {
		for (i = end; i + 1 < argc; i++)
			argv[i] = argv[i + 1];
		argv[--argc] = NULL;
	}
	if (!strcmp(argv[1], "default")) {
		if (argc > 2) {
			fprintf(
			    stderr,
			    "partnercheck rules default: takes no "
			    "arguments, found '%s'\nTry 'partnercheck rules "
			    "--help'.\n",
			    argv[2]);
			return EXIT_USAGE;
		}
		fputs(default_rules_json, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "lint"))
		return lint(argc - 2, argv + 2, format);
	if (!strcmp(argv[1], "show"))
		return show(argc - 2, argv + 2);
	if (!strcmp(argv[1], "list"))
		return list(argc - 2, argv + 2);
	{
		static const char *const actions[] = { "default",  "lint",
						       "list",     "show",
						       "template", "test",
						       NULL };
		const char *hint = suggest_name(argv[1], actions);

		if (hint)
			fprintf(stderr,
				"partnercheck rules: unknown action "
				"'%s' (did you mean '%s'?)\n",
				argv[1], hint);
		else
			fprintf(
			    stderr,
			    "partnercheck rules: unknown action "
			    "'%s' (default, lint, list, show, template or test)\n",
			    argv[1]);
		fputs("Try 'partnercheck rules --help'.\n", stderr);
	}
	return EXIT_USAGE;
}
