#ifndef PARTNERCHECK_SHA256_H
#define PARTNERCHECK_SHA256_H

#include <stddef.h>
#include <stdint.h>

/*
 * SHA-256 (FIPS 180-4), our own so that the report's meta can name the
 * exact rule file without a new library.  Not for secrets: it is not
 * constant-time and nothing here needs it to be.
 */

typedef struct sha256_ctx {
	uint32_t h[8];
	uint64_t len; /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
} sha256_ctx;

/* Starts a hash. */
void sha256_init(sha256_ctx *c);
/* Adds data[0..n); n may be 0 (data may then be NULL). */
void sha256_update(sha256_ctx *c, const void *data, size_t n);
/* Ends the hash and writes it as 64 lowercase hex digits and a NUL into
 * hex; c must be started again before reuse. */
void sha256_hex(sha256_ctx *c, char hex[65]);

/* Hashes the file at path into hex.  Returns 0, or -1 (hex unchanged)
 * when it cannot be opened or read; "-" (standard input) is refused,
 * since it cannot be read twice. */
int sha256_file(const char *path, char hex[65]);

#endif
