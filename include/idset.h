#ifndef PARTNERCHECK_IDSET_H
#define PARTNERCHECK_IDSET_H

#include <stddef.h>
#include <stdint.h>

/*
 * The partner ids seen so far, to find duplicates in one streaming pass.
 *
 * Files are usually in id order, and ids are usually a prefix and a
 * counter (P000001, P000002, ...).  While each id sorts after the one
 * before, none can repeat an earlier one; the set then keeps counter ids
 * as runs (prefix, width, first and last value, first line), so a sorted,
 * numbered file of any length costs a few hundred bytes.  Other ids are
 * kept as a record of their bytes and line in one pool.  The first id
 * out of order turns everything into a hash table of 8-byte slots over
 * that pool, so memory then grows with the distinct ids: the id and 20 to
 * 32 bytes each (see idset.c).  A hash match is
 * always confirmed by comparing the ids themselves: two different ids
 * with the same hash are never taken for duplicates.
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

/* Replaces the hash function (64-bit FNV-1a by default) before the first
 * idset_add; for tests, where a weak hash makes collisions on purpose. */
void idset_set_hash(idset *s, uint64_t (*hash)(const char *bytes, size_t n));

/* Bytes the set holds on the heap now: what grows with the rows. */
size_t idset_bytes(const idset *s);

#endif
