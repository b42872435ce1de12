/*
 * Byte scans.  A CSV line is mostly short fields, so the cost is per call
 * as much as per byte: libc's memchr is tuned for long runs and finds one
 * byte, where the reader wants the next delimiter or quote.  These look at
 * a whole block per step and return on the first block that has a hit.
 */
#include <stdint.h>
#include <string.h>

#include "scan.h"

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(SCAN_PORTABLE)
#define SCAN_SSE2 1
#include <emmintrin.h>
#endif

/* What scan_json stops at, one table load a byte: most JSON strings are
 * short, and a short string is all tail. */
static const unsigned char json_stop[256] = {
	[0] = 1,  [1] = 1,  [2] = 1,   [3] = 1,    [4] = 1,   [5] = 1,
	[6] = 1,  [7] = 1,  [8] = 1,   [9] = 1,    [10] = 1,  [11] = 1,
	[12] = 1, [13] = 1, [14] = 1,  [15] = 1,   [16] = 1,  [17] = 1,
	[18] = 1, [19] = 1, [20] = 1,  [21] = 1,   [22] = 1,  [23] = 1,
	[24] = 1, [25] = 1, [26] = 1,  [27] = 1,   [28] = 1,  [29] = 1,
	[30] = 1, [31] = 1, ['"'] = 1, ['\\'] = 1, [0x7F] = 1
};

/* What scan_term stops at. */
static const unsigned char term_stop[256] = {
	[0] = 1,  [1] = 1,  [2] = 1,    [3] = 1,    [4] = 1,    [5] = 1,
	[6] = 1,  [7] = 1,  [8] = 1,    [9] = 1,    [10] = 1,   [11] = 1,
	[12] = 1, [13] = 1, [14] = 1,   [15] = 1,   [16] = 1,   [17] = 1,
	[18] = 1, [19] = 1, [20] = 1,   [21] = 1,   [22] = 1,   [23] = 1,
	[24] = 1, [25] = 1, [26] = 1,   [27] = 1,   [28] = 1,   [29] = 1,
	[30] = 1, [31] = 1, [0x7F] = 1, [0xC2] = 1, [0xD8] = 1, [0xE2] = 1
};

/* The first byte of s[from..n) that stop marks, or n. */
static size_t
table_scan(const char *s, size_t from, size_t n, const unsigned char *stop)
{
	size_t i = from;

	while (i < n && !stop[(unsigned char)s[i]])
		i++;
	return i < n ? i : n;
}

#ifdef SCAN_SSE2

/* Bit k is set when block byte k is a or b (or, for scan_ascii, when its
 * top bit is set). */
static unsigned
hits2(__m128i v, __m128i va, __m128i vb)
{
	return (unsigned)_mm_movemask_epi8(
	    _mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
}

size_t
scan_find2(const char *s, size_t from, size_t n, char a, char b)
{
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
	size_t i = from;
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		m = hits2(_mm_loadu_si128(
			      (const __m128i *)(const void *)(s + i)),
			  va, vb);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	/* The last, short block byte by byte, so nothing past n is read. */
	while (i < n && s[i] != a && s[i] != b)
		i++;
	return i < n ? i : n;
}

/* The first byte of s[from..n) below 0x20 or equal to x, y, z or (when
 * with_w) w, by blocks; stop is the same set as a table, for the short
 * tail.  Always inlined, so that each caller gets a loop with its own
 * constants and only the compares it needs: scan_json's three bytes, not
 * the fourth that scan_term needs for bidirectional controls. */
static inline __attribute__((always_inline)) size_t
scan_controls_and(const char *s, size_t from, size_t n, char x, char y, char z,
		  char w, int with_w, const unsigned char *stop)
{
	const __m128i low = _mm_set1_epi8(0x1F), vx = _mm_set1_epi8(x);
	const __m128i vy = _mm_set1_epi8(y), vz = _mm_set1_epi8(z);
	const __m128i vw = _mm_set1_epi8(w);
	size_t i = from;
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128(
		    (const __m128i *)(const void *)(s + i));
		/* unsigned v <= 0x1F: max(v, 0x1F) is 0x1F */
		__m128i hit = _mm_cmpeq_epi8(_mm_max_epu8(v, low), low);

		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, vx));
		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, vy));
		hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, vz));
		if (with_w)
			hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, vw));
		m = (unsigned)_mm_movemask_epi8(hit);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	return table_scan(s, i, n, stop);
}

size_t
scan_json(const char *s, size_t from, size_t n)
{
	return scan_controls_and(s, from, n, '"', '\\', 0x7F, 0, 0, json_stop);
}

size_t
scan_term(const char *s, size_t from, size_t n)
{
	return scan_controls_and(s, from, n, 0x7F, (char)0xC2, (char)0xD8,
				 (char)0xE2, 1, term_stop);
}

size_t
scan_ascii(const char *s, size_t from, size_t n)
{
	size_t i = from;
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		m = (unsigned)_mm_movemask_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	while (i < n && !((unsigned char)s[i] & 0x80))
		i++;
	return i < n ? i : n;
}

size_t
scan_marks(const char *s, size_t n, char a, char b, uint64_t *marks,
	   uint64_t *high)
{
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
	size_t i = 0, first = n, k;
	uint64_t m, h;

	for (; i + 64 <= n; i += 64) {
		m = h = 0;
		for (k = 0; k < 64; k += 16) {
			__m128i v = _mm_loadu_si128(
			    (const __m128i *)(const void *)(s + i + k));

			m |= (uint64_t)hits2(v, va, vb) << k;
			h |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << k;
		}
		marks[i / 64] = m;
		high[i / 64] = h;
		if (h && first == n)
			first = i + scan_lowest(h);
	}
	if (i < n) {
		/* Whole blocks of the last word, then byte by byte, so that
		 * nothing past n is read. */
		m = h = 0;
		for (k = 0; i + k + 16 <= n; k += 16) {
			__m128i v = _mm_loadu_si128(
			    (const __m128i *)(const void *)(s + i + k));

			m |= (uint64_t)hits2(v, va, vb) << k;
			h |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << k;
		}
		for (; i + k < n; k++) {
			char c = s[i + k];

			m |= (uint64_t)(c == a || c == b) << k;
			h |= (uint64_t)((unsigned char)c >> 7) << k;
		}
		marks[i / 64] = m;
		high[i / 64] = h;
		if (h && first == n)
			first = i + scan_lowest(h);
	}
	return first;
}

const char *
scan_kind(void)
{
	return "sse2";
}

#else /* portable */

/*
 * Eight bytes per step: a byte of w is zero exactly when the top bit of
 * ~((w & 0x7F..) + 0x7F..) & ~w & 0x80.. is set for it; no carry crosses a
 * byte, so there are no false hits and byte order does not matter for
 * "is there one".  The byte loop then finds which.
 */
static const uint64_t low7 = 0x7F7F7F7F7F7F7F7Fu;
static const uint64_t ones = 0x0101010101010101u;

static uint64_t
zero_bytes(uint64_t w)
{
	return ~(((w & low7) + low7) | w | low7);
}

size_t
scan_find2(const char *s, size_t from, size_t n, char a, char b)
{
	const uint64_t ma = ones * (unsigned char)a,
		       mb = ones * (unsigned char)b;
	size_t i = from;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (zero_bytes(w ^ ma) | zero_bytes(w ^ mb))
			break;
	}
	while (i < n && s[i] != a && s[i] != b)
		i++;
	return i < n ? i : n;
}

size_t
scan_json(const char *s, size_t from, size_t n)
{
	return table_scan(s, from, n, json_stop);
}

size_t
scan_term(const char *s, size_t from, size_t n)
{
	return table_scan(s, from, n, term_stop);
}

size_t
scan_ascii(const char *s, size_t from, size_t n)
{
	size_t i = from;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & ~low7)
			break;
	}
	while (i < n && !((unsigned char)s[i] & 0x80))
		i++;
	return i < n ? i : n;
}

size_t
scan_marks(const char *s, size_t n, char a, char b, uint64_t *marks,
	   uint64_t *high)
{
	size_t i, first = n;

	for (i = 0; i < (n + 63) / 64; i++)
		marks[i] = high[i] = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == a || s[i] == b)
			marks[i / 64] |= (uint64_t)1 << (i % 64);
		if ((unsigned char)s[i] & 0x80) {
			high[i / 64] |= (uint64_t)1 << (i % 64);
			if (first == n)
				first = i;
		}
	}
	return first;
}

const char *
scan_kind(void)
{
	return "portable";
}

#endif
