#ifndef PARTNERCHECK_REGEX_DFA_H
#define PARTNERCHECK_REGEX_DFA_H

#include <stddef.h>

/*
 * POSIX extended regular expressions (re_format(7)) matched in time linear
 * in the text: the expression becomes a Thompson automaton over the UTF-8
 * bytes of its characters, run as a deterministic automaton built lazily,
 * one state per set of automaton states met, in a cache of bounded size.
 *
 * Matching is a yes/no question, unanchored ("the text contains a match"),
 * on characters, not bytes, whatever the locale: the text is UTF-8, and
 * bytes that are not part of a well-formed character match nothing
 * (not even '.').  '^' and '$' anchor to the start and end of the whole
 * text; a newline is an ordinary character.  Case matters.  There are no
 * back-references, no submatches, and no escapes of letters or digits.
 */

typedef struct regex_dfa regex_dfa;

/* Why an expression does not compile: a phrase (lowercase, no full stop)
 * and the character (1-based, counting characters, not bytes) it is
 * about, or 0 when it is about the whole expression. */
typedef struct regex_dfa_error {
	char msg[160];
	size_t pos;
} regex_dfa_error;

/* At most this many automaton states: an expression whose counted
 * repetitions write out to more does not compile. */
#define REGEX_DFA_MAX_STATES 200000

/* At most this many characters to match, counting every alternative and
 * every copy a counted repetition writes out ("(a|b){3}" has six).  A
 * step of the matcher that its cache has not seen costs time in
 * proportion to them, and an expression such as "(a|b)*a(a|b){N}" meets
 * a new state at nearly every byte of the text, however big the cache:
 * this bound is what keeps the time per byte small (tens of
 * microseconds in the worst case), not only linear. */
#define REGEX_DFA_MAX_CHARS 2000

/* Groups and repetitions nest at most this deep. */
#define REGEX_DFA_MAX_DEPTH 256

/*
 * Compiles pattern (NUL-terminated UTF-8).  Returns the expression, which
 * the caller frees with regex_dfa_free, or NULL with *err filled in when
 * pattern is not a valid extended expression (err may be NULL).  Never
 * returns NULL for lack of memory (that dies, as xmalloc does).
 */
regex_dfa *regex_dfa_compile(const char *pattern, regex_dfa_error *err);

/*
 * Returns 1 when text[0..len) contains a match of re, else 0.  text need
 * not be NUL-terminated and may hold any bytes.  Time is linear in len;
 * memory stays within a bound fixed at compile time.  Not reentrant: the
 * call fills re's cache of states, so one re must not be matched from two
 * threads at once.
 */
int regex_dfa_match(regex_dfa *re, const char *text, size_t len);

/* How many times matching has found re's cache full and emptied it, for
 * tests and benchmarks (0 for every expression of modest size). */
size_t regex_dfa_flushes(const regex_dfa *re);

/* Frees re; regex_dfa_free(NULL) is a no-op. */
void regex_dfa_free(regex_dfa *re);

#endif
