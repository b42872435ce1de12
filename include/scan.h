#ifndef PARTNERCHECK_SCAN_H
#define PARTNERCHECK_SCAN_H

#include <stddef.h>

/*
 * Byte scans for the reader's hot loop, sixteen bytes at a time where the
 * machine has SSE2 and eight at a time (in portable C) elsewhere; build
 * with -DSCAN_PORTABLE to get the portable code on any machine.  Neither
 * reads outside s[0..n).
 */

/* Offset of the first byte of s[from..n) that is a or b, or n when there is
 * none (also when from >= n). */
size_t scan_find2(const char *s, size_t from, size_t n, char a, char b);

/* Offset of the first byte of s[from..n) at or above 0x80, or n. */
size_t scan_ascii(const char *s, size_t from, size_t n);

/* "sse2" or "portable": which code this build runs, for tests. */
const char *scan_kind(void);

#endif
