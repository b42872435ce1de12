#ifndef PARTNERCHECK_SCAN_H
#define PARTNERCHECK_SCAN_H

#include <stddef.h>
#include <stdint.h>

/*
 * Byte scans for the reader's hot loop, sixteen bytes at a time where the
 * machine has SSE2 and eight at a time (in portable C) elsewhere; build
 * with -DSCAN_PORTABLE to get the portable code on any machine.  Neither
 * reads outside s[0..n).
 */

/* Offset of the first byte of s[from..n) that is a or b, or n when there is
 * none (also when from >= n). */
size_t scan_find2(const char *s, size_t from, size_t n, char a, char b);

/* Offset of the first byte of s[from..n) that a JSON string must escape
 * (below 0x20, '"', '\\') or that partnercheck escapes (DEL), or n. */
size_t scan_json(const char *s, size_t from, size_t n);

/* Offset of the first byte of s[from..n) that a terminal must not get
 * as it is (below 0x20, DEL) or that may start a C1 control (0xC2), a
 * bidirectional control (0xD8 for U+061C, 0xE2 for U+200E..U+2069) or a
 * line or paragraph separator (0xE2), or n.  The caller decodes what
 * follows a 0xC2, 0xD8 or 0xE2: most such characters are text. */
size_t scan_term(const char *s, size_t from, size_t n);

/* Offset of the first byte of s[from..n) at or above 0x80, or n. */
size_t scan_ascii(const char *s, size_t from, size_t n);

/*
 * Marks every byte of s[0..n) that is a or b: bit i % 64 of marks[i / 64]
 * is set for s[i]; and in high, the same way, every byte at or above 0x80.
 * Both must hold (n + 63) / 64 words; bits past n are clear.  Returns the
 * offset of the first byte at or above 0x80, or n.  One call marks a whole
 * CSV line, whose fields and non-ASCII characters are then read off the
 * bits, rather than one call per field.
 */
size_t scan_marks(const char *s, size_t n, char a, char b, uint64_t *marks,
		  uint64_t *high);

/* Index of the lowest set bit of w, which must not be 0. */
static inline unsigned
scan_lowest(uint64_t w)
{
#if defined(__GNUC__) || defined(__clang__)
	return (unsigned)__builtin_ctzll(w);
#else
	unsigned i = 0;

	while (!(w & 1)) {
		w >>= 1;
		i++;
	}
	return i;
#endif
}

/* Number of set bits in w. */
static inline unsigned
scan_count(uint64_t w)
{
	/* The classic bit-parallel count: the builtin becomes a library
	 * call on CPUs the compiler may not assume have POPCNT. */
	w = w - ((w >> 1) & 0x5555555555555555u);
	w = (w & 0x3333333333333333u) + ((w >> 2) & 0x3333333333333333u);
	w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
	return (unsigned)((w * 0x0101010101010101u) >> 56);
}

/* "sse2" or "portable": which code this build runs, for tests. */
const char *scan_kind(void);

#endif
