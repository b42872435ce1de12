#ifndef PARTNERCHECK_XALLOC_H
#define PARTNERCHECK_XALLOC_H

#include <stddef.h>

/*
 * Allocation helpers that never return NULL: on exhaustion they print
 * "partnercheck: out of memory" and exit with status 2, so callers need no
 * failure branch.  Everything they return is the caller's to free().
 */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of count elements of size bytes to at least need elements;
 * doubles so that repeated appends are amortised O(1).  Updates *cap. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
