#ifndef PARTNERCHECK_REGEX_GUARD_H
#define PARTNERCHECK_REGEX_GUARD_H

#include <stddef.h>

/*
 * A rule set is untrusted input, so its expressions are checked before
 * regex_dfa_compile sees them.  Counted repetition is written out in full
 * ("a{1,32767}" is 32767 copies of a), so a dozen bytes could make a
 * large automaton, slow to compile and, for every state of it, slower to
 * match: its growth is bounded here.  Back-references are refused with a
 * reason (extended expressions do not have them, and they make matching
 * exponential), and so are Perl's escapes such as '\d', with the POSIX
 * class to write instead.  What was refused only because glibc's regcomp
 * took exponential time on it (repeating what can match nothing, as in
 * "(a?)*", or nesting '+') is accepted: regex_dfa takes linear time.
 */

/* How much longer, written out, an expression may be than it is. */
#define REGEX_MAX_GROWTH 1000

/*
 * Returns 0 when pattern may be handed to regex_dfa_compile, or -1 with
 * the reason in why[0..whysz) (a phrase to follow "regular expression
 * 'P' ").  Syntax errors are left to regex_dfa_compile.
 */
int regex_guard(const char *pattern, char *why, size_t whysz);

/* The length of pattern with its repetitions written out, as regex_dfa
 * does: x{m,n} is n copies of x, x{m,} is m + 1 (one more than it
 * needs), x+, x* and x? are one; saturates at SIZE_MAX / 2. */
size_t regex_written_out(const char *pattern);

#endif
