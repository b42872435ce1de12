#ifndef PARTNERCHECK_JSON_LOCATE_H
#define PARTNERCHECK_JSON_LOCATE_H

#include <stddef.h>

/*
 * Finds where a node of a JSON text is, by walking the text along a path
 * such as the rule loader names in its problems ("checks[3].op",
 * "fields.lead"), for `rules lint -f gcc|json|sarif`.  cJSON keeps no
 * positions, so the text is scanned again: only the values on the way are
 * entered, the others skipped by matching brackets, so depth costs no
 * stack.
 */

/*
 * Locates path in text[0..len).  A ".key" step matches the object member
 * whose key is the longest one that path continues with (keys may hold
 * dots: "fields.a.b" finds the member "a.b" when there is one); "[i]"
 * the i-th array element.  Returns the 1-based line and column (counted
 * in code points, as the loader counts them) of the last node found: the
 * member's key for a key step, the element for an index step, the
 * document for an empty path.  When a step cannot be followed (the key is
 * absent, the text is not JSON there) the walk stops at the node reached
 * so far; returns the number of steps followed, or -1 when path is not a
 * path (then *line and *col are 1).  text need not be NUL-terminated.
 */
int json_locate(const char *text, size_t len, const char *path, size_t *line,
		size_t *col);

/* Returns 1 when s[0..n) could be a path json_locate reads: keys of
 * letters, digits, '_', '-', '.', '$' and indexes "[N]"; 0 otherwise. */
int json_path_like(const char *s, size_t n);

#endif
