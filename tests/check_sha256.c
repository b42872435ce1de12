#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "testutil.h"

static const char *
hash_of(const char *s, size_t n, size_t step, char hex[65])
{
	sha256_ctx c;
	size_t i;

	sha256_init(&c);
	/* fed in pieces, so that the buffering across blocks is tested */
	for (i = 0; i < n; i += step)
		sha256_update(&c, s + i, n - i < step ? n - i : step);
	sha256_hex(&c, hex);
	return hex;
}

/* The FIPS 180-4 examples and NIST's long-message vector. */
START_TEST(test_known_vectors)
{
	static const char two_blocks[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[65];
	char *million = malloc(1000000);
	size_t step;

	ck_assert_str_eq(hash_of("", 0, 1, hex),
			 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca4959"
			 "91b7852b855");
	ck_assert_str_eq(hash_of("abc", 3, 1, hex),
			 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410f"
			 "f61f20015ad");
	for (step = 1; step <= 64; step += 7)
		ck_assert_str_eq(hash_of(two_blocks, strlen(two_blocks), step,
					 hex),
				 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2"
				 "167f6ecedd419db06c1");
	memset(million, 'a', 1000000);
	ck_assert_str_eq(hash_of(million, 1000000, 4096, hex),
			 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d3"
			 "9ccc7112cd0");
	free(million);
}
END_TEST

/* 55, 56 and 64 bytes: the padding's edge cases (the length fits in the
 * last block, just does not, and a whole block of padding follows). */
START_TEST(test_padding_edges)
{
	char buf[64], hex[65];

	memset(buf, 'a', sizeof buf);
	ck_assert_str_eq(hash_of(buf, 55, 55, hex),
			 "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1"
			 "e910f734318");
	ck_assert_str_eq(hash_of(buf, 56, 3, hex),
			 "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef797"
			 "0686ec6738a");
	ck_assert_str_eq(
	    hash_of(buf, 64, 64, hex),
	    "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337"
	    "df154668eb");
}
END_TEST

START_TEST(test_file)
{
	char path[] = "/tmp/check_sha256_XXXXXX", hex[65] = "unchanged";
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs("abc", f);
	fclose(f);
	ck_assert_int_eq(sha256_file(path, hex), 0);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9"
			      "cb410ff61f20015ad");
	remove(path);
	strcpy(hex, "unchanged");
	ck_assert_int_eq(sha256_file(path, hex), -1);
	ck_assert_int_eq(sha256_file("-", hex), -1);
	ck_assert_str_eq(hex, "unchanged");
}
END_TEST

static Suite *
sha256_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_known_vectors);
	tcase_add_test(tc, test_padding_edges);
	tcase_add_test(tc, test_file);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(sha256_suite)
