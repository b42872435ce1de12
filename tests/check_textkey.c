#include <string.h>

#include "hash.h"
#include "testutil.h"
#include "textkey.h"

static int
eq(const char *a, const char *b)
{
	return text_key_eq(a, strlen(a), b, strlen(b));
}

static const char *
key(strbuf *sb, const char *s)
{
	sb_reset(sb);
	text_key_add(sb, s, strlen(s));
	return sb->buf;
}

START_TEST(test_keys)
{
	strbuf sb;

	sb_init(&sb);
	ck_assert(eq("For-profit", "for-profit"));
	ck_assert(eq(" FOR-PROFIT\t", "for-profit"));
	ck_assert(eq("lead  \t partner", "Lead Partner"));
	ck_assert(eq("", "  \t "));
	ck_assert(!eq("ab", "a b"));
	ck_assert(!eq("a", "ab"));
	ck_assert(!eq("ab", "a"));
	/* no Unicode folding: bytes outside ASCII compare as they are */
	ck_assert(!eq("\xC3\x89"
		      "cole",
		      "\xC3\xA9"
		      "cole"));
	ck_assert(eq("\xC3\xA9"
		     "COLE",
		     "\xC3\xA9"
		     "cole"));
	/* NULs are bytes like any other */
	ck_assert(text_key_eq("a\0b", 3, "A\0B", 3));
	ck_assert(!text_key_eq("a\0b", 3, "a", 1));
	ck_assert_str_eq(key(&sb, "  Debt   Advice "), "debt advice");
	ck_assert_str_eq(key(&sb, "\t"), "");
	ck_assert(text_key_blank(" \t ", 3));
	ck_assert(!text_key_blank(" x ", 3));
	ck_assert(text_key_blank("", 0));
	sb_free(&sb);
}
END_TEST

/* cmp orders by key and agrees with eq; the hash is the key's. */
START_TEST(test_order_and_hash)
{
	static const char *const words[] = { "",     "a",   "A ", "a b",
					     "A  B", "ab",  "b",  " B",
					     "ba",   "a-b", "Z",  "z y" };
	strbuf sb;
	size_t i, j, n = sizeof words / sizeof *words;

	sb_init(&sb);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++) {
			const char *a = words[i], *b = words[j];
			int c = text_key_cmp(a, strlen(a), b, strlen(b));
			char ka[16], kb[16];
			int want;

			strcpy(ka, key(&sb, a));
			strcpy(kb, key(&sb, b));
			want = strcmp(ka, kb);
			ck_assert_int_eq(c < 0, want < 0);
			ck_assert_int_eq(c > 0, want > 0);
			ck_assert_int_eq(eq(a, b), want == 0);
			if (!want)
				ck_assert(text_key_hash(a, strlen(a)) ==
					  text_key_hash(b, strlen(b)));
		}
	ck_assert(text_key_hash("Leeds ", 6) == hash_bytes("leeds", 5));
	sb_free(&sb);
}
END_TEST

START_TEST(test_suggest)
{
	static const char *const names[] = { "qaf_level", "lead_role",
					     "capacity_needed",
					     "required_specialisms" };

	ck_assert_int_eq(text_key_suggest("QAF level", 9, names, 4), 0);
	ck_assert_int_eq(text_key_suggest("Lead Role", 9, names, 4), 1);
	ck_assert_int_eq(text_key_suggest("capacty_needed", 14, names, 4), 2);
	ck_assert_int_eq(text_key_suggest("zzz", 3, names, 4), -1);
	ck_assert_int_eq(text_key_suggest("", 0, names, 4), -1);
	ck_assert_int_eq(text_key_suggest("qaf", 3, names, 0), -1);
	/* The distance is suggest_distance's: two neighbours swapped are
	 * one step ("lead_rloe"), so a swap in a short name is a typo. */
	ck_assert_int_eq(text_key_suggest("lead_rloe", 9, names, 4), 1);
	{
		static const char *const fail[] = { "fail" };

		ck_assert_int_eq(text_key_suggest("fial", 4, fail, 1), 0);
	}
	/* Keys of 63 bytes or more are never suggested, nor suggest. */
	{
		static const char *const long_name[] = {
			"a123456789b123456789c123456789d123456789e123456789"
			"f123456789abc"
		};

		ck_assert_int_eq(text_key_suggest(long_name[0], 63, long_name,
						  1),
				 -1);
	}
}
END_TEST

static Suite *
textkey_suite(void)
{
	Suite *s = suite_create("textkey");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_order_and_hash);
	tcase_add_test(tc, test_suggest);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(textkey_suite)
