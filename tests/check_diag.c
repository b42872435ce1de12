/*
 * Diagnostics: one line each, "partnercheck: " first, written whole with
 * one write whatever its length (short ones from a buffer on the stack,
 * long ones from the heap).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "testutil.h"

/* The bytes diag("x %s y", arg) writes to stderr.  Caller frees. */
static char *
captured(const char *arg)
{
	FILE *f = tmpfile();
	int saved = dup(2);
	long len;
	char *buf;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(saved, 0);
	fflush(stderr);
	ck_assert_int_eq(dup2(fileno(f), 2), 2);
	diag("x %s y", arg);
	fflush(stderr);
	ck_assert_int_eq(dup2(saved, 2), 2);
	close(saved);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	ck_assert_int_ge(len, 0);
	buf = calloc(1, (size_t)len + 1);
	ck_assert_ptr_nonnull(buf);
	rewind(f);
	ck_assert_uint_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	return buf;
}

START_TEST(test_lengths)
{
	/* Around the stack buffer's edge (1024 bytes with the prefix, the
	 * text and the newline), and far past it. */
	static const size_t lens[] = { 0,    1,    1000, 1003, 1004, 1005,
				       1006, 1007, 1008, 1009, 1010, 5000 };
	size_t i;

	for (i = 0; i < sizeof lens / sizeof *lens; i++) {
		char *arg = malloc(lens[i] + 1), *got, *want;

		ck_assert_ptr_nonnull(arg);
		memset(arg, 'a' + (int)(i % 26), lens[i]);
		arg[lens[i]] = '\0';
		want = malloc(lens[i] + 32);
		ck_assert_ptr_nonnull(want);
		sprintf(want, "partnercheck: x %s y\n", arg);
		got = captured(arg);
		ck_assert_str_eq(got, want);
		free(got);
		free(want);
		free(arg);
	}
}
END_TEST

static Suite *
diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_lengths);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(diag_suite)
