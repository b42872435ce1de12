/*
 * The did-you-mean behind command and option typos: distances, and which
 * names are close enough to suggest.
 */
#include <string.h>

#include "suggest.h"
#include "testutil.h"

START_TEST(test_distance)
{
	ck_assert_uint_eq(suggest_distance("fail-on", "fail-on"), 0);
	ck_assert_uint_eq(suggest_distance("fial-on", "fail-on"), 1);
	ck_assert_uint_eq(suggest_distance("scren", "screen"), 1);
	ck_assert_uint_eq(suggest_distance("screen", "scren"), 1);
	ck_assert_uint_eq(suggest_distance("colr", "color"), 1);
	ck_assert_uint_eq(suggest_distance("ab", "ba"), 1);
	ck_assert_uint_eq(suggest_distance("abc", "ca"), 3);
	ck_assert_uint_eq(suggest_distance("", "abc"), 3);
	ck_assert_uint_eq(suggest_distance("kitten", "sitting"), 3);
	ck_assert_uint_gt(
	    suggest_distance(
		"a-name-of-sixty-three-bytes-or-more-is-never-close-to-anything-x",
		"a-name-of-sixty-three-bytes-or-more-is-never-close-to-anything-x"),
	    2);
}
END_TEST

START_TEST(test_name)
{
	static const char *const cmds[] = { "screen", "check", "conflicts",
					    "rules", NULL };

	ck_assert_str_eq(suggest_name("scren", cmds), "screen");
	ck_assert_str_eq(suggest_name("chekc", cmds), "check");
	ck_assert_str_eq(suggest_name("CHECK", cmds), "check");
	ck_assert_str_eq(suggest_name("conflict", cmds), "conflicts");
	ck_assert_str_eq(suggest_name("rule", cmds), "rules");
	ck_assert_ptr_null(suggest_name("lint", cmds));
	ck_assert_ptr_null(suggest_name("x", cmds));
	ck_assert_ptr_null(suggest_name("", cmds));
	ck_assert_ptr_null(suggest_name("screening-all", cmds));
}
END_TEST

static Suite *
suggest_suite(void)
{
	Suite *s = suite_create("suggest");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_distance);
	tcase_add_test(tc, test_name);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(suggest_suite)
