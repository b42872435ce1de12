#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "diag.h"
#include "exit_status.h"
#include "packs.h"
#include "rules.h"
#include "rules_extends.h"
#include "suggest.h"

static const char usage[] =
    "usage: partnercheck rules default\n"
    "       partnercheck rules lint RULES.json|PACK...\n"
    "       partnercheck rules list\n"
    "       partnercheck rules show [RULES...]\n"
    "       partnercheck rules template [--no-example] [-f csv|markdown] "
    "[RULES...]\n"
    "\n"
    "  default   print the embedded 'collaborate' rule set, to copy and edit\n"
    "  lint      validate rule sets and report every problem found\n"
    "  list      list the embedded packs, which -r and \"extends\" name\n"
    "  show      print the rule set that runs: RULES (files or packs, each\n"
    "            later one extending those before, as with -r) resolved\n"
    "            into one, every \"extends\", \"override\" and \"disable\"\n"
    "            applied; with none, the default rule set\n"
    "  template  the CSV header the rule set reads, with an example row,\n"
    "            or (-f markdown) its data dictionary\n"
    "\n"
    "Exit status: 0 valid, 2 a problem was found or usage error.\n"
    "See partnercheck-rules(5) for the rule language.\n";

static int
lint(int argc, char **argv)
{
	int i, rc = EXIT_OK;

	if (argc < 1) {
		fputs("partnercheck rules lint: name a rule file\n"
		      "Try 'partnercheck rules --help'.\n",
		      stderr);
		return EXIT_USAGE;
	}
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

int
cmd_rules(int argc, char **argv)
{
	int i, end = argc;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	/* template parses its own options */
	if (!strcmp(argv[1], "template"))
		return cmd_rules_template(argc - 1, argv + 1);
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
		return lint(argc - 2, argv + 2);
	if (!strcmp(argv[1], "show"))
		return show(argc - 2, argv + 2);
	if (!strcmp(argv[1], "list"))
		return list(argc - 2, argv + 2);
	{
		static const char *const actions[] = { "default",  "lint",
						       "list",     "show",
						       "template", NULL };
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
			    "'%s' (default, lint, list, show or template)\n",
			    argv[1]);
		fputs("Try 'partnercheck rules --help'.\n", stderr);
	}
	return EXIT_USAGE;
}
