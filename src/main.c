#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "exit_status.h"
#include "output.h"
#include "suggest.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "screen", cmd_screen },       { "check", cmd_check },
	{ "conflicts", cmd_conflicts }, { "lineup", cmd_lineup },
	{ "rules", cmd_rules },         { "diff", cmd_diff },
	{ "explain", cmd_explain },
};

/* What the program itself answers, before any command. */
static const struct {
	const char *arg;
	cli_info what;
} infos[] = {
	{ "--help", CLI_HELP }, { "-h", CLI_HELP },
	{ "help", CLI_HELP },   { "--version", CLI_VERSION },
	{ "-V", CLI_VERSION },
};

static const char usage[] =
    "usage: partnercheck COMMAND [OPTIONS] [FILE|-]\n"
    "\n"
    "Due diligence for consortium partners: reads partner records from CSV,\n"
    "applies a rule set written in JSON, and reports pass/warn/fail verdicts.\n"
    "\n"
    "commands:\n"
    "  check      screen every partner and check the line-up as a consortium\n"
    "  screen     screen each partner on its own\n"
    "  conflicts  report only the conflicts between pairs of partners\n"
    "  rules      print the default rule set, or lint a rule file\n"
    "  diff       compare two json reports: what changed since last time\n"
    "  explain    one rule in words, or followed through for one partner\n"
    "\n"
    "'partnercheck COMMAND --help' describes a command; see partnercheck(1).\n";

int
main(int argc, char **argv)
{
	size_t i;
	int rc;

	/* Text is UTF-8 by the time a rule sees it, whatever the user's
	 * locale, so regular expressions match characters, not bytes
	 * ('^.{3}$' holds for "été").  Only the character type is set:
	 * numbers read and print the same in every locale.  Where the
	 * C.UTF-8 locale is missing, matching stays bytewise. */
	setlocale(LC_CTYPE, "C.UTF-8");
	/* A closed pipe (| head) should end us quietly, even when the parent
	 * ignored SIGPIPE. */
	signal(SIGPIPE, SIG_DFL);
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < sizeof infos / sizeof infos[0]; i++)
		if (!strcmp(argv[1], infos[i].arg)) {
			rc = cli_print_info(infos[i].what, usage);
			goto flush;
		}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name)) {
			rc = commands[i].run(argc - 1, argv + 1);
			goto flush;
		}
	{
		const char *names[sizeof commands / sizeof commands[0] + 1];
		const char *hint;

		for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
			names[i] = commands[i].name;
		names[i] = NULL;
		hint = suggest_name(argv[1], names);
		fprintf(stderr, "partnercheck: unknown command '%s'%s%s%s\n%s",
			argv[1], hint ? " (did you mean '" : "",
			hint ? hint : "", hint ? "'?)" : "", usage);
	}
	return EXIT_USAGE;
flush:
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			fprintf(
			    stderr,
			    "partnercheck: standard output: cannot write: %s\n",
			    strerror(errno));
		return rc != EXIT_OK ? rc : EXIT_USAGE;
	}
	return rc;
}
