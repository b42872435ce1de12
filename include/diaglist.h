#ifndef PARTNERCHECK_DIAGLIST_H
#define PARTNERCHECK_DIAGLIST_H

#include <stddef.h>

/*
 * Problems found while loading (a rule file, a header, waivers), each a
 * complete line for stderr ("rules.json:3:14: ..." or "rules.json:
 * checks[3].op: ...").  A zeroed diaglist is empty and ready for use.
 */
typedef struct diaglist {
	char **msgs; /* owned, each malloc'd; n of them */
	size_t n, cap;
} diaglist;

/* Appends one message formatted as printf does; dies (as xmalloc does)
 * when out of memory. */
void diaglist_add(diaglist *dl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Frees every message and leaves dl empty and reusable; an empty dl and
 * NULL are no-ops. */
void diaglist_free(diaglist *dl);

#endif
