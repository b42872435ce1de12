#ifndef PARTNERCHECK_COMMANDS_H
#define PARTNERCHECK_COMMANDS_H

/* The subcommands; each parses its own options and returns the exit
 * status.  argv[0] is the subcommand's name. */
int cmd_screen(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_conflicts(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_lineup(int argc, char **argv);

#endif
