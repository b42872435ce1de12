#ifndef PARTNERCHECK_REGEX_GUARD_H
#define PARTNERCHECK_REGEX_GUARD_H

#include <stddef.h>

/*
 * glibc's regcomp writes counted repetition out in full and doubles an
 * atom for each '+', so a dozen bytes such as "a{1,32767}" or twenty nested
 * "+" take gigabytes and a minute to compile; and its back-references (an
 * extension to POSIX ERE) make matching exponential.  A rule set is
 * untrusted input, so its expressions are checked before regcomp sees them.
 */

/* How much longer, written out, an expression may be than it is. */
#define REGEX_MAX_GROWTH 1000

/*
 * Returns 0 when pattern is safe to hand to regcomp(REG_EXTENDED), or -1
 * with the reason in why[0..whysz) (a phrase to follow "regular expression
 * 'P' ").  Syntax errors are left to regcomp.
 */
int regex_guard(const char *pattern, char *why, size_t whysz);

/* The length of pattern with its repetitions written out, as regcomp
 * would: x{m,n} is n copies of x, x{m,} is m + 1, x+ is 2; saturates at
 * SIZE_MAX / 2. */
size_t regex_written_out(const char *pattern);

#endif
