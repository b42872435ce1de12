#ifndef PARTNERCHECK_COMMANDS_H
#define PARTNERCHECK_COMMANDS_H

#include "cli.h"

/* The subcommands; each parses its own options and returns an
 * exit_status (exit_status.h).  argv[0] is the subcommand's name. */
int cmd_screen(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_conflicts(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_lineup(int argc, char **argv);
int cmd_diff(int argc, char **argv); /* compares two -f json reports */
/* `rules template`: argv[0] is "template"; it parses its own options. */
int cmd_rules_template(int argc, char **argv);
/* `explain RULE-ID` and `explain --partner ID RULE-ID FILE`. */
int cmd_explain(int argc, char **argv);

/* The options and --help text of the commands that read partners, as
 * they pass them to session_open (and tests to cli_parse). */
extern const cli_command screen_command;
extern const cli_command check_command;
extern const cli_command conflicts_command;
extern const cli_command lineup_command;

#endif
