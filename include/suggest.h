#ifndef PARTNERCHECK_SUGGEST_H
#define PARTNERCHECK_SUGGEST_H

#include <stddef.h>

/*
 * "did you mean ...?" for names typed on the command line: subcommands
 * and long options.
 */

/* Returns the edit distance between a and b: insertions, deletions,
 * substitutions and swaps of two neighbouring characters ("fial" is one
 * step from "fail"), counted in bytes.  Names of 63 bytes or more are
 * never close: returns a large number for them. */
size_t suggest_distance(const char *a, const char *b);

/* Returns the element of the NULL-terminated names closest to s when it
 * is a likely typo: at most 2 steps away, and fewer steps than s is long
 * (so that "x" suggests nothing).  A name equal to s ignoring case wins.
 * Ties go to the earliest name.  Returns NULL when none is close; the
 * result points into names. */
const char *suggest_name(const char *s, const char *const *names);

#endif
