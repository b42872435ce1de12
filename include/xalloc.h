#ifndef PARTNERCHECK_XALLOC_H
#define PARTNERCHECK_XALLOC_H

#include <stddef.h>

/*
 * Allocation helpers that never return NULL: on exhaustion they print
 * "partnercheck: out of memory" and exit with status 2, so callers need no
 * failure branch.  Everything they return is the caller's to free().
 */
/* malloc(n); n of 0 still returns a pointer to free. */
void *xmalloc(size_t n);
/* calloc: count zeroed elements of size bytes; dies on overflow too. */
void *xcalloc(size_t count, size_t size);
/* realloc(p, n); p may be NULL.  On failure p is not returned: we die. */
void *xrealloc(void *p, size_t n);
/* Grows an array of count elements of size bytes to at least need elements;
 * doubles so that repeated appends are amortised O(1).  Updates *cap. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
/* A copy of the NUL-terminated s (not NULL). */
char *xstrdup(const char *s);
/* A NUL-terminated copy of s[0..n): exactly n bytes, all readable (a NUL
 * among them is copied too). */
char *xstrndup(const char *s, size_t n);

#endif
