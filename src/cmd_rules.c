#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "diag.h"
#include "exit_status.h"
#include "rules.h"
#include "rules_test.h"
#include "suggest.h"

static const char usage[] =
    "usage: partnercheck rules default\n"
    "       partnercheck rules lint RULES.json...\n"
    "       partnercheck rules test RULES.json TESTS.json...\n"
    "\n"
    "  default   print the embedded 'collaborate' rule set, to copy and edit\n"
    "  lint      validate rule sets and report every problem found\n"
    "  test      run rule-test cases (see 'partnercheck rules test --help')\n"
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
		ruleset *rs = rules_load(argv[i], &dl);
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
	{
		static const char *const actions[] = { "default", "lint",
						       "test", NULL };
		const char *hint = suggest_name(argv[1], actions);

		if (hint)
			fprintf(stderr,
				"partnercheck rules: unknown action "
				"'%s' (did you mean '%s'?)\n",
				argv[1], hint);
		else
			fprintf(stderr,
				"partnercheck rules: unknown action "
				"'%s' (default, lint or test)\n",
				argv[1]);
		fputs("Try 'partnercheck rules --help'.\n", stderr);
	}
	return EXIT_USAGE;
}
