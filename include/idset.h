#ifndef PARTNERCHECK_IDSET_H
#define PARTNERCHECK_IDSET_H

#include <stddef.h>

/*
 * The partner ids seen so far, to find duplicates in one streaming pass.
 *
 * Files are usually in id order, and ids are usually a prefix and a
 * counter (P000001, P000002, ...).  While each id sorts after the one
 * before, none can repeat an earlier one; the set then keeps counter ids
 * as runs (prefix, width, first and last value, first line), so a sorted,
 * numbered file of any length costs a few hundred bytes.  Other ids are
 * kept as a 64-bit hash and a line, 16 bytes each.  The first id out of
 * order turns everything into a hash table.  Two different ids collide
 * with odds of about 1 in 10^7 at a million ids.
 */
typedef struct idset idset;

/* Caller frees with idset_free. */
idset *idset_new(void);

/* Frees the set and everything it holds; NULL is a no-op. */
void idset_free(idset *s);

/*
 * Records id[0..len), read on line, and returns 0; or, if the id was seen
 * before, records nothing and returns the line it was first seen on.
 * Lines must be above 0 and increase from call to call.
 */
size_t idset_add(idset *s, const char *id, size_t len, size_t line);

/* Bytes the set holds on the heap now: what grows with the rows. */
size_t idset_bytes(const idset *s);

#endif
