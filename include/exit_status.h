#ifndef PARTNERCHECK_EXIT_STATUS_H
#define PARTNERCHECK_EXIT_STATUS_H

/*
 * The exit statuses of partnercheck, the one list that every command
 * returns from (man/partnercheck.1, EXIT STATUS, documents the same):
 *
 *   EXIT_OK        nothing failed: every partner, pair and consortium rule
 *                  passed at the --fail-on level (or --fail-on never), a
 *                  rule file linted clean, --help or --version was printed
 *   EXIT_FINDINGS  something failed: a partner, pair or consortium rule at
 *                  the --fail-on level, or a row in error
 *   EXIT_USAGE     a usage, input-file, rule-set or output error: the
 *                  report, if any, is not to be trusted
 *
 * 3 is reserved for lineup: "best line-up found, not proven optimal".
 * A new status takes the next number; the existing ones never move.
 */
typedef enum exit_status {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1,
	EXIT_USAGE = 2
	/* 3: reserved for lineup (best found, not proven optimal) */
} exit_status;

#endif
