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

#ifdef SCAN_SSE2

/* Bit k is set when block byte k is a or b (or, for scan_ascii, when its
 * top bit is set). */
static unsigned
hits2(__m128i v, __m128i va, __m128i vb)
{
	return (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
}

/* The last, short block is copied out so that nothing past n is read. */
static __m128i
load_tail(const char *s, size_t len)
{
	char buf[16] = { 0 };

	memcpy(buf, s, len);
	return _mm_loadu_si128((const __m128i *)(const void *)buf);
}

size_t
scan_find2(const char *s, size_t from, size_t n, char a, char b)
{
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
	size_t i = from;
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		m = hits2(_mm_loadu_si128((const __m128i *)(const void *)(s + i)),
			  va, vb);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i >= n)
		return n;
	m = hits2(load_tail(s + i, n - i), va, vb) & ((1u << (n - i)) - 1);
	return m ? i + (size_t)__builtin_ctz(m) : n;
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
	if (i >= n)
		return n;
	m = (unsigned)_mm_movemask_epi8(load_tail(s + i, n - i)) &
	    ((1u << (n - i)) - 1);
	return m ? i + (size_t)__builtin_ctz(m) : n;
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
	const uint64_t ma = ones * (unsigned char)a, mb = ones * (unsigned char)b;
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

const char *
scan_kind(void)
{
	return "portable";
}

#endif
