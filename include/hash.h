#ifndef PARTNERCHECK_HASH_H
#define PARTNERCHECK_HASH_H

#include <stddef.h>
#include <stdint.h>

/* 64-bit FNV-1a: small, fast on short keys such as ids and list items,
 * and good enough in its low bits for power-of-two tables. */
static inline uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

#endif
