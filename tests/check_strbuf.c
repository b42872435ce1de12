#include <string.h>

#include "strbuf.h"
#include "testutil.h"

static const char *
num(strbuf *sb, double v)
{
	sb_reset(sb);
	sb_addnum(sb, v);
	return sb->buf;
}

START_TEST(test_numbers)
{
	strbuf sb;

	sb_init(&sb);
	ck_assert_str_eq(num(&sb, 0), "0");
	ck_assert_str_eq(num(&sb, -0.0), "0");
	ck_assert_str_eq(num(&sb, 3), "3");
	ck_assert_str_eq(num(&sb, -12000), "-12000");
	ck_assert_str_eq(num(&sb, 1.5), "1.5");
	ck_assert_str_eq(num(&sb, 0.1), "0.1");
	ck_assert_str_eq(num(&sb, 5000000), "5000000");
	ck_assert_str_eq(num(&sb, 1250000.5), "1250000.5");
	ck_assert_str_eq(num(&sb, 2.0 / 3), "0.6666666666666666");
	ck_assert_str_eq(num(&sb, 1e15), "1000000000000000");
	ck_assert_str_eq(num(&sb, 1e300), "1e+300");
	sb_free(&sb);
}
END_TEST

START_TEST(test_append_and_detach)
{
	strbuf sb;
	char *s;
	int i;

	sb_init(&sb);
	for (i = 0; i < 1000; i++)
		sb_addf(&sb, "%d,", i % 10);
	ck_assert_uint_eq(sb.len, 2000);
	ck_assert_int_eq(sb.buf[1998], '9');
	s = sb_detach(&sb);
	ck_assert_uint_eq(strlen(s), 2000);
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_str_eq(sb.buf, "");
	free(s);
	sb_add(&sb, "a\0b", 3);
	ck_assert_uint_eq(sb.len, 3);
	ck_assert_int_eq(sb.buf[2], 'b');
	sb_free(&sb);
}
END_TEST

static Suite *
strbuf_suite(void)
{
	Suite *s = suite_create("strbuf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_append_and_detach);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(strbuf_suite)
