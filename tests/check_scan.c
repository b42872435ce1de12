#include <stdint.h>
#include <string.h>

#include "scan.h"
#include "testutil.h"
#include "xalloc.h"

/*
 * The scans are compared with the obvious byte loops on every length up to
 * a few blocks and every start, with the wanted bytes placed everywhere.
 * Each input is an exact-size heap copy, so AddressSanitizer and valgrind
 * report any read past its end.  The suite is built twice, once with the
 * machine's block code and once with -DSCAN_PORTABLE.
 */

static size_t
ref_find2(const char *s, size_t from, size_t n, char a, char b)
{
	size_t i;

	for (i = from; i < n; i++)
		if (s[i] == a || s[i] == b)
			return i;
	return n;
}

static size_t
ref_ascii(const char *s, size_t from, size_t n)
{
	size_t i;

	for (i = from; i < n; i++)
		if ((unsigned char)s[i] & 0x80)
			return i;
	return n;
}

/* A small deterministic generator, so a failure reproduces. */
static uint32_t
next(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

START_TEST(test_find2_matches_reference)
{
	static const char alphabet[] = "ab,\"x\n\x80\xFF\0 ";
	uint32_t seed = 7;
	size_t n, from, round;

	for (n = 0; n <= 70; n++) {
		for (round = 0; round < 40; round++) {
			char *s = xmalloc(n ? n : 1);
			size_t k;

			for (k = 0; k < n; k++)
				s[k] = alphabet[next(&seed) %
						(sizeof alphabet - 1)];
			for (from = 0; from <= n + 1; from++) {
				ck_assert_uint_eq(scan_find2(s, from, n, ',',
							     '"'),
						  from > n ?
						      n :
						      ref_find2(s, from, n, ',',
								'"'));
				ck_assert_uint_eq(scan_find2(s, from, n, '\t',
							     '\xFF'),
						  from > n ?
						      n :
						      ref_find2(s, from, n,
								'\t', '\xFF'));
			}
			free(s);
		}
	}
}
END_TEST

START_TEST(test_find2_single_hit_everywhere)
{
	size_t n, at;

	for (n = 1; n <= 50; n++) {
		for (at = 0; at < n; at++) {
			char *s = xmalloc(n);

			memset(s, 'x', n);
			s[at] = ';';
			ck_assert_uint_eq(scan_find2(s, 0, n, ';', '"'), at);
			ck_assert_uint_eq(scan_find2(s, at, n, ';', '"'), at);
			ck_assert_uint_eq(scan_find2(s, at + 1, n, ';', '"'),
					  n);
			s[at] = '"';
			ck_assert_uint_eq(scan_find2(s, 0, n, ';', '"'), at);
			free(s);
		}
	}
}
END_TEST

START_TEST(test_ascii_matches_reference)
{
	uint32_t seed = 11;
	size_t n, from, round;

	for (n = 0; n <= 70; n++) {
		for (round = 0; round < 40; round++) {
			char *s = xmalloc(n ? n : 1);
			size_t k;

			/* Mostly ASCII, as CSV text is. */
			for (k = 0; k < n; k++) {
				uint32_t r = next(&seed);

				s[k] = (char)(r % 23 == 0 ?
						  0x80 | (r >> 5 & 0x7F) :
						  r % 128);
			}
			for (from = 0; from <= n + 1; from++)
				ck_assert_uint_eq(scan_ascii(s, from, n),
						  from > n ?
						      n :
						      ref_ascii(s, from, n));
			free(s);
		}
	}
}
END_TEST

START_TEST(test_ascii_single_high_byte)
{
	size_t n, at;

	for (n = 1; n <= 50; n++) {
		for (at = 0; at < n; at++) {
			char *s = xmalloc(n);

			memset(s, 0x7F, n);
			s[at] = (char)0x80;
			ck_assert_uint_eq(scan_ascii(s, 0, n), at);
			ck_assert_uint_eq(scan_ascii(s, at + 1, n), n);
			free(s);
		}
	}
}
END_TEST

START_TEST(test_marks_match_reference)
{
	static const char alphabet[] = "ab,\"x\n\x80\xC2\xA3\0 ";
	uint32_t seed = 13;
	size_t n, round, i;

	for (n = 0; n <= 200; n++) {
		for (round = 0; round < 10; round++) {
			char *s = xmalloc(n ? n : 1);
			uint64_t marks[4], highmap[4];
			size_t high = n;

			/* Some lines all ASCII, so that "none" is tested. */
			for (i = 0; i < n; i++)
				s[i] = alphabet[next(&seed) %
						(sizeof alphabet - 1 -
						 3 * (round & 1))];
			memset(marks, 0xAB, sizeof marks);
			memset(highmap, 0xAB, sizeof highmap);
			for (i = 0; i < n && high == n; i++)
				if ((unsigned char)s[i] & 0x80)
					high = i;
			ck_assert_uint_eq(scan_marks(s, n, ',', '"', marks,
						     highmap),
					  high);
			for (i = 0; i < (n + 63) / 64 * 64; i++) {
				int want = i < n &&
					   (s[i] == ',' || s[i] == '"');
				int hi = i < n && ((unsigned char)s[i] & 0x80);

				ck_assert_int_eq((int)(marks[i / 64] >>
							   (i % 64) &
						       1),
						 want);
				ck_assert_int_eq((int)(highmap[i / 64] >>
							   (i % 64) &
						       1),
						 hi);
			}
			free(s);
		}
	}
}
END_TEST

START_TEST(test_json_matches_reference)
{
	static const char alphabet[] =
	    "ab \"\\\x1F\x20\x7F\x80\xFF\t\n\x01~\xC2\xA3";
	uint32_t seed = 17;
	size_t n, from, round, i, want;

	for (n = 0; n <= 70; n++) {
		for (round = 0; round < 40; round++) {
			char *s = xmalloc(n ? n : 1);

			/* Mostly plain text, so that long runs are tested. */
			for (i = 0; i < n; i++) {
				uint32_t r = next(&seed);

				s[i] = r % 9 ? 'x' :
					       alphabet[r / 9 %
							(sizeof alphabet - 1)];
			}
			for (from = 0; from <= n + 1; from++) {
				for (want = from; want < n; want++) {
					unsigned char c = (unsigned char)
					    s[want];

					if (c < 0x20 || c == '"' || c == '\\' ||
					    c == 0x7F)
						break;
				}
				ck_assert_uint_eq(scan_json(s, from, n),
						  from > n ? n : want);
				for (want = from; want < n; want++) {
					unsigned char c = (unsigned char)
					    s[want];

					if (c < 0x20 || c == 0x7F || c == 0xC2)
						break;
				}
				ck_assert_uint_eq(scan_term(s, from, n),
						  from > n ? n : want);
			}
			free(s);
		}
	}
}
END_TEST

START_TEST(test_lowest)
{
	unsigned k;

	for (k = 0; k < 64; k++) {
		ck_assert_uint_eq(scan_lowest((uint64_t)1 << k), k);
		ck_assert_uint_eq(scan_lowest(~(uint64_t)0 << k), k);
		ck_assert_uint_eq(scan_count((uint64_t)1 << k), 1);
		ck_assert_uint_eq(scan_count(~(uint64_t)0 << k), 64 - k);
	}
	ck_assert_uint_eq(scan_count(0), 0);
	ck_assert_uint_eq(scan_count(0x8000000000000001u), 2);
	ck_assert_uint_eq(scan_count(0xF0F0F0F0F0F0F0F0u), 32);
}
END_TEST

START_TEST(test_kind)
{
#if defined(SCAN_PORTABLE) || !defined(__SSE2__)
	ck_assert_str_eq(scan_kind(), "portable");
#else
	ck_assert_str_eq(scan_kind(), "sse2");
#endif
}
END_TEST

static Suite *
scan_suite(void)
{
	Suite *s = suite_create(scan_kind());
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_find2_matches_reference);
	tcase_add_test(tc, test_find2_single_hit_everywhere);
	tcase_add_test(tc, test_ascii_matches_reference);
	tcase_add_test(tc, test_ascii_single_high_byte);
	tcase_add_test(tc, test_marks_match_reference);
	tcase_add_test(tc, test_json_matches_reference);
	tcase_add_test(tc, test_lowest);
	tcase_add_test(tc, test_kind);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(scan_suite)
