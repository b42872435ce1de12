#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "idset.h"
#include "testutil.h"
#include "xalloc.h"

/* The obvious reference: every id with its first line, searched end to
 * end. */
typedef struct ref {
	char **ids;
	size_t *lines;
	size_t n;
} ref;

static size_t
ref_add(ref *r, const char *id, size_t line)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->ids[i], id) == 0)
			return r->lines[i];
	r->ids = realloc(r->ids, (r->n + 1) * sizeof *r->ids);
	r->lines = realloc(r->lines, (r->n + 1) * sizeof *r->lines);
	ck_assert_ptr_nonnull(r->ids);
	ck_assert_ptr_nonnull(r->lines);
	r->ids[r->n] = xstrdup(id);
	r->lines[r->n++] = line;
	return 0;
}

static void
ref_free(ref *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->ids[i]);
	free(r->ids);
	free(r->lines);
}

static size_t
add(idset *s, const char *id, size_t line)
{
	return idset_add(s, id, strlen(id), line);
}

static uint32_t
next(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

/* A hash so weak that every two ids of a length collide. */
static uint64_t
weak_hash(const char *bytes, size_t n)
{
	(void)bytes;
	return (uint64_t)n;
}

/* issue 9: a hash match alone made two different ids duplicates. */
START_TEST(test_hash_matches_are_confirmed)
{
	idset *s = idset_new();

	idset_set_hash(s, weak_hash);
	ck_assert_uint_eq(add(s, "beta", 2), 0);
	ck_assert_uint_eq(add(s, "alfa", 3), 0); /* out of order: a table */
	ck_assert_uint_eq(add(s, "gamm", 4), 0);
	ck_assert_uint_eq(add(s, "P001", 5), 0);
	ck_assert_uint_eq(add(s, "P000", 6), 0);
	ck_assert_uint_eq(add(s, "alfa", 7), 3);
	ck_assert_uint_eq(add(s, "beta", 8), 2);
	ck_assert_uint_eq(add(s, "P001", 9), 5);
	ck_assert_uint_eq(add(s, "delt", 10), 0);
	idset_free(s);

	/* ids kept in order (a run, a list) before the table, too */
	s = idset_new();
	idset_set_hash(s, weak_hash);
	ck_assert_uint_eq(add(s, "A1", 2), 0);
	ck_assert_uint_eq(add(s, "A2", 3), 0);
	ck_assert_uint_eq(add(s, "Bx", 4), 0);
	ck_assert_uint_eq(add(s, "Cy", 5), 0);
	ck_assert_uint_eq(add(s, "A3", 6), 0); /* out of order */
	ck_assert_uint_eq(add(s, "Dz", 7), 0);
	ck_assert_uint_eq(add(s, "A2", 8), 3);
	ck_assert_uint_eq(add(s, "Bx", 9), 4);
	ck_assert_uint_eq(add(s, "A3", 10), 6);
	idset_free(s);
}
END_TEST

START_TEST(test_numbered_file_stays_small)
{
	idset *s = idset_new();
	char id[32];
	size_t i, small = 0;

	for (i = 1; i <= 200000; i++) {
		snprintf(id, sizeof id, "P%06zu", i);
		ck_assert_uint_eq(add(s, id, i + 1), 0);
		if (i == 1000)
			small = idset_bytes(s);
	}
	/* P1000000 would need a seventh digit: a new run, still small. */
	ck_assert_uint_le(idset_bytes(s), 1024);
	ck_assert_uint_eq(idset_bytes(s), small);
	ck_assert_uint_eq(add(s, "P000777", 300000), 778);
	idset_free(s);
}
END_TEST

START_TEST(test_record_numbers_stay_small)
{
	idset *s = idset_new();
	char id[32];
	size_t i;

	/* Unpadded counters change width at 10, 100, 1000, ...: one run
	 * each. */
	for (i = 1; i <= 100000; i++) {
		snprintf(id, sizeof id, "%zu", i);
		ck_assert_uint_eq(add(s, id, i + 1), 0);
	}
	ck_assert_uint_le(idset_bytes(s), 1024);
	ck_assert_uint_eq(add(s, "99999", 200000), 100000);
	ck_assert_uint_eq(add(s, "1", 200001), 2);
	idset_free(s);
}
END_TEST

START_TEST(test_repeat_of_last)
{
	idset *s = idset_new();

	ck_assert_uint_eq(add(s, "A1", 2), 0);
	ck_assert_uint_eq(add(s, "A2", 3), 0);
	ck_assert_uint_eq(add(s, "A2", 4), 3); /* last id, in a run */
	ck_assert_uint_eq(add(s, "B", 5), 0);
	ck_assert_uint_eq(add(s, "B", 6), 5); /* last id, not a counter */
	ck_assert_uint_eq(add(s, "C7", 9), 0);
	ck_assert_uint_eq(add(s, "C7", 10), 9); /* last id, a run of one */
	ck_assert_uint_eq(add(s, "A1", 11), 2); /* out of order from here */
	ck_assert_uint_eq(add(s, "B", 12), 5);
	ck_assert_uint_eq(add(s, "C7", 13), 9);
	ck_assert_uint_eq(add(s, "A3", 14), 0);
	ck_assert_uint_eq(add(s, "A3", 15), 14);
	idset_free(s);
}
END_TEST

START_TEST(test_runs_break_on_gaps_and_lines)
{
	idset *s = idset_new();

	/* A gap in the numbers or in the lines (a record over two lines)
	 * starts a new run; every id must still be found. */
	ck_assert_uint_eq(add(s, "X01", 2), 0);
	ck_assert_uint_eq(add(s, "X02", 3), 0);
	ck_assert_uint_eq(add(s, "X04", 4), 0);
	ck_assert_uint_eq(add(s, "X05", 6), 0);
	ck_assert_uint_eq(add(s, "X06", 7), 0);
	ck_assert_uint_eq(add(s, "Y06", 8), 0);
	ck_assert_uint_eq(add(s, "Y07", 9), 0);
	ck_assert_uint_eq(add(s, "X02", 10), 3);
	ck_assert_uint_eq(add(s, "X03", 11), 0);
	ck_assert_uint_eq(add(s, "X04", 12), 4);
	ck_assert_uint_eq(add(s, "X05", 13), 6);
	ck_assert_uint_eq(add(s, "X06", 14), 7);
	ck_assert_uint_eq(add(s, "Y06", 15), 8);
	ck_assert_uint_eq(add(s, "Y07", 16), 9);
	ck_assert_uint_eq(add(s, "Y6", 17), 0); /* other width, other id */
	idset_free(s);
}
END_TEST

/* The n-th id of a pseudo-random sequence that neither sorts nor makes
 * runs: a random letter, then n. */
static const char *
shuffled_id(size_t n, uint64_t *x, char *buf, size_t size)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	snprintf(buf, size, "%c%06zu", 'A' + (int)(*x % 26), n);
	return buf;
}

/*
 * Ids out of order cost what partnercheck(1) says: the id itself and at
 * most 32 bytes, at the worst point of the table's growth (100,000 ids
 * is just past a doubling); then every id again, as a duplicate that
 * finds its first line.
 */
START_TEST(test_unsorted_memory)
{
	enum {
		N = 100000
	};
	idset *s = idset_new();
	char id[32];
	size_t i;
	uint64_t x = 88172645463325252u;

	for (i = 0; i < N; i++)
		ck_assert_uint_eq(add(s, shuffled_id(i, &x, id, sizeof id),
				      i + 2),
				  0);
	ck_assert_uint_le(idset_bytes(s), (size_t)N * (7 + 32));
	x = 88172645463325252u;
	for (i = 0; i < N; i++)
		ck_assert_uint_eq(add(s, shuffled_id(i, &x, id, sizeof id),
				      N + 2 + i),
				  i + 2);
	idset_free(s);
}
END_TEST

/* Lines are kept as varints: every width up to a line past 2^63 comes
 * back whole. */
START_TEST(test_large_lines)
{
	idset *s = idset_new();
	size_t shift, line = 1;
	char id[32];

	ck_assert_uint_eq(add(s, "Z", 1), 0); /* sorted until "A" */
	ck_assert_uint_eq(add(s, "A", 2), 0);
	for (shift = 7; shift < 64; shift += 7) {
		line = ((size_t)1 << shift) - 1;
		snprintf(id, sizeof id, "L%zu", shift);
		ck_assert_uint_eq(add(s, id, line), 0);
		ck_assert_uint_eq(add(s, id, line + 1), line);
	}
	snprintf(id, sizeof id, "LMAX");
	ck_assert_uint_eq(add(s, id, SIZE_MAX - 1), 0);
	ck_assert_uint_eq(add(s, id, SIZE_MAX), SIZE_MAX - 1);
	idset_free(s);
}
END_TEST

START_TEST(test_long_ids_and_counters)
{
	idset *s = idset_new();
	char id[400];

	/* 19 digits would overflow the counter; 300 bytes is over the run
	 * limit: both are kept by hash. */
	ck_assert_uint_eq(add(s, "1000000000000000000", 2), 0);
	ck_assert_uint_eq(add(s, "1000000000000000001", 3), 0);
	memset(id, 'z', 299);
	strcpy(id + 299, "1");
	ck_assert_uint_eq(add(s, id, 4), 0);
	id[299] = '2';
	ck_assert_uint_eq(add(s, id, 5), 0);
	ck_assert_uint_eq(add(s, "1000000000000000000", 6), 2);
	ck_assert_uint_eq(add(s, id, 7), 5);
	idset_free(s);
}
END_TEST

/* Sequences mixing runs, gaps, several prefixes and widths, repeats and
 * disorder, checked id by id against the reference. */
START_TEST(test_random_against_reference)
{
	static const char *const prefixes[] = { "P", "P0", "ORG-", "", "x" };
	uint32_t seed = (uint32_t)_i * 2654435761u + 1;
	size_t round;

	for (round = 0; round < 20; round++) {
		idset *s = idset_new();
		ref r = { NULL, NULL, 0 };
		size_t line = 1, i, count = 1 + next(&seed) % 400;
		unsigned long v = next(&seed) % 50;
		int sorted_phase = (int)(next(&seed) % 3);
		char id[64];

		for (i = 0; i < count; i++) {
			uint32_t k = next(&seed);
			const char *p = prefixes[sorted_phase ?
						     0 :
						     k % (sizeof prefixes /
							  sizeof prefixes[0])];

			if (sorted_phase && i == count / 2)
				sorted_phase = 0; /* disorder from here on */
			if (k % 10 < 6)
				v++;
			else if (k % 10 < 8)
				v += 1 + k / 16 % 5;
			else if (k % 10 < 9)
				v = k / 16 % (v + 1); /* back, maybe a repeat */
			/* else: the same number again */
			snprintf(id, sizeof id, k / 8 % 4 ? "%s%04lu" : "%s%lu",
				 p, v);
			line += 1 + (k / 32 % 7 == 0);
			ck_assert_uint_eq(add(s, id, line),
					  ref_add(&r, id, line));
		}
		idset_free(s);
		ref_free(&r);
	}
}
END_TEST

static Suite *
idset_suite(void)
{
	Suite *s = suite_create("idset");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_numbered_file_stays_small);
	tcase_add_test(tc, test_record_numbers_stay_small);
	tcase_add_test(tc, test_repeat_of_last);
	tcase_add_test(tc, test_runs_break_on_gaps_and_lines);
	tcase_add_test(tc, test_unsorted_memory);
	tcase_add_test(tc, test_large_lines);
	tcase_add_test(tc, test_long_ids_and_counters);
	tcase_add_test(tc, test_hash_matches_are_confirmed);
	tcase_add_loop_test(tc, test_random_against_reference, 0, 30);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(idset_suite)
