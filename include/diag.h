#ifndef PARTNERCHECK_DIAG_H
#define PARTNERCHECK_DIAG_H

/*
 * Diagnostics on stderr, in the form every message of the tool takes:
 * "partnercheck: LOCATION: message" (lowercase, no full stop).
 */

/* Prints "partnercheck: " then the formatted message and a newline. */
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* As diag, then exits with status 2 (usage, input or rule-set error). */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
