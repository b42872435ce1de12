#ifndef PARTNERCHECK_FUZZ_H
#define PARTNERCHECK_FUZZ_H

/*
 * What the libFuzzer targets in fuzz/ share: the entry point's prototype,
 * an assertion that survives NDEBUG, and a stream over the fuzz input.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise of a module's contract is a finding like a crash:
 * libFuzzer saves the input when the target aborts. */
#define FUZZ_ASSERT(c) \
	do { \
		if (!(c)) { \
			fprintf(stderr, "%s:%d: assertion failed: %s\n", \
				__FILE__, __LINE__, #c); \
			abort(); \
		} \
	} while (0)

/*
 * Returns a read-only stream over data[0..size), which must outlive it; the
 * caller fcloses it.  glibc's fmemopen refuses a zero size on some
 * versions, so an empty input reads /dev/null instead.
 */
static inline FILE *
fuzz_stream(const uint8_t *data, size_t size)
{
	FILE *f;

	if (size > 0)
		f = fmemopen((void *)(uintptr_t)data, size, "rb");
	else
		f = fopen("/dev/null", "rb");
	FUZZ_ASSERT(f != NULL);
	return f;
}

#endif
