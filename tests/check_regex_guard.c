#include <stdint.h>
#include <string.h>

#include "regex_dfa.h"
#include "regex_guard.h"
#include "testutil.h"

/* Written-out lengths, worked by hand from how regex_dfa expands. */
static const struct {
	const char *re;
	size_t out;
} sizes[] = {
	{ "", 0 },
	{ "abc", 3 },
	{ "^[0-9]{8}$", 10 },
	{ "a{3}", 3 },
	{ "a{2,5}", 5 },
	{ "a{4,}", 5 },
	{ "a{,7}", 7 },
	{ "a{,}", 1 },
	{ "a{0}", 1 },
	{ "a{5,2}", 5 },
	{ "a+", 1 },
	{ "a*b?", 2 },
	{ "(ab){3}", 6 },
	{ "(a|bc){2}", 6 },
	{ "x(a{2}){3}y", 8 },
	{ "((a+)+)+", 1 },
	{ "(a+){3}", 3 },
	{ "[a-z]{10}", 10 },
	{ "[]{}]{2}", 2 },
	{ "[[:digit:]]{4}", 4 },
	{ "\\{{3}", 3 },
	{ "a{", 2 },
	{ "a{x}", 4 },
	{ "a{1,x}", 6 },
	{ "(a{2}", 2 },
	{ "a)", 2 },
	{ "[abc", 4 },
	{ "a\\", 2 },
};

START_TEST(test_written_out)
{
	ck_assert_msg(regex_written_out(sizes[_i].re) == sizes[_i].out,
		      "'%s': got %zu, expected %zu", sizes[_i].re,
		      regex_written_out(sizes[_i].re), sizes[_i].out);
}
END_TEST

START_TEST(test_saturates)
{
	ck_assert_uint_eq(regex_written_out("a{99999999999999999999999}"),
			  SIZE_MAX / 2);
	ck_assert_uint_eq(regex_written_out("((a{65535}){65535}){65535}"
					    "{65535}{65535}"),
			  SIZE_MAX / 2);
}
END_TEST

/* Refused before regex_dfa_compile: counted repetitions that write out
 * to a large automaton, back-references, and Perl escapes. */
static const char *const refused[] = {
	"a{1,32767}",
	"a{,3000}",
	"((a{1,100}){1,100}){1,100}",
	"(a{1,40}){1,40}",
	"^(a*)*\\1b$",
	"(a)\\9",
	"[x]\\2",
	/* Not POSIX: they would match 'd', 'w' or 's'. */
	"^\\d+$",
	"\\w",
	"a\\s",
	"\\0",
	/* glibc's word and text anchors: characters in POSIX. */
	"\\<word\\>",
	"a\\>",
	"\\`a",
	"a\\'",
};

START_TEST(test_refused)
{
	char why[160];

	why[0] = '\0';
	ck_assert_int_eq(regex_guard(refused[_i], why, sizeof why), -1);
	ck_assert_msg(why[0] != '\0', "'%s': no reason", refused[_i]);
}
END_TEST

START_TEST(test_reasons)
{
	char why[160], big[320];

	ck_assert_int_eq(regex_guard("(a)\\1", why, sizeof why), -1);
	ck_assert_str_eq(why,
			 "uses the back-reference '\\1', which extended "
			 "expressions do not have (and which can make matching "
			 "take exponential time)");
	ck_assert_int_eq(regex_guard("a{2000}", why, sizeof why), -1);
	ck_assert_str_eq(why, "repeats too much: with its repetitions written "
			      "out it would grow by more than 1000 characters");
	ck_assert_int_eq(regex_guard("(a{1,40}){1,40}", big, sizeof big), -1);
	ck_assert_str_eq(big, "repeats too much: with its repetitions written "
			      "out it would grow by more than 1000 characters");
	ck_assert_int_eq(regex_guard("^\\d{6}$", why, sizeof why), -1);
	ck_assert_str_eq(why, "uses '\\d', which is not an escape in POSIX "
			      "extended regular expressions; use [0-9] or "
			      "[[:digit:]]");
	ck_assert_int_eq(regex_guard("^a\\'", why, sizeof why), -1);
	ck_assert_str_eq(why, "uses '\\'', which is not an escape in POSIX "
			      "extended regular expressions; use $");
	ck_assert_int_eq(regex_guard("\\q", why, sizeof why), -1);
	ck_assert_str_eq(why, "uses '\\q', which is not an escape in POSIX "
			      "extended regular expressions");
}
END_TEST

/* Accepted, and regex_dfa_compiles them. */
static const char *const accepted[] = {
	"^[A-Z]{2}[0-9]{6}$",
	"^.{1,1000}$",
	"(a{1,30}){1,30}",
	"(a+)+$",
	"(a|a)*b",
	"[\\1]",
	"\\\\1",
	"^[[:alpha:] -]+$",
	"(supported|floating) housing",
	/* Repetitions of what always takes a character. */
	"^([A-Z][a-z]* ?)+$",
	"(ab|c)*",
	"(a?b)+",
	"(ba?)*",
	"([0-9]+,)*[0-9]+",
	"(a|b)?c",
	"[*?+]+",
	"\\*+",
	"\\.\\$\\(\\)",
	"a{0,1}b{2}",
	"(a)(b)?",
	/* Exponential in glibc's regcomp, linear here. */
	"((((((((((((((((((((a+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)+)",
	"^((a?)*(a?)*(a?)*)+$",
	"((a?)*){32}",
	"(a|a?*)+",
	"a**",
	"a?+",
	"(b|)+",
	"(|b)*",
	"(x*)?",
	"(a?){2}",
	"((a?)(b*))*",
	"(()a?)+",
};

START_TEST(test_accepted)
{
	char why[160];
	regex_dfa *re;

	ck_assert_int_eq(regex_guard(accepted[_i], why, sizeof why), 0);
	re = regex_dfa_compile(accepted[_i], NULL);
	ck_assert_ptr_nonnull(re);
	regex_dfa_free(re);
}
END_TEST

/* Past the 256 levels kept track of, counts inside still add up; the 44
 * '(' beyond and the 44 ')' left over count a character each. */
START_TEST(test_deep_groups)
{
	char buf[1024], why[160];
	size_t n = 0;
	int i;

	for (i = 0; i < 300; i++)
		buf[n++] = '(';
	memcpy(buf + n, "a{1,2000}", 9);
	n += 9;
	for (i = 0; i < 300; i++)
		buf[n++] = ')';
	buf[n] = '\0';
	ck_assert_uint_eq(regex_written_out(buf), 2000 + 88);
	ck_assert_int_eq(regex_guard(buf, why, sizeof why), -1);
	memcpy(buf + 300, "a{1,2}{20}", 10);
	for (i = 0; i < 300; i++)
		buf[310 + i] = ')';
	buf[610] = '\0';
	ck_assert_uint_eq(regex_written_out(buf), 40 + 88);
}
END_TEST

/* A long literal expression is not growth: it is as long as it is. */
START_TEST(test_long_literal)
{
	char buf[5001], why[160];

	memset(buf, 'a', sizeof buf - 1);
	buf[sizeof buf - 1] = '\0';
	ck_assert_int_eq(regex_guard(buf, why, sizeof why), 0);
	ck_assert_uint_eq(regex_written_out(buf), 5000);
}
END_TEST

static Suite *
regex_guard_suite(void)
{
	Suite *s = suite_create("regex_guard");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_written_out, 0,
			    (int)(sizeof sizes / sizeof *sizes));
	tcase_add_test(tc, test_saturates);
	tcase_add_loop_test(tc, test_refused, 0,
			    (int)(sizeof refused / sizeof *refused));
	tcase_add_test(tc, test_reasons);
	tcase_add_loop_test(tc, test_accepted, 0,
			    (int)(sizeof accepted / sizeof *accepted));
	tcase_add_test(tc, test_deep_groups);
	tcase_add_test(tc, test_long_literal);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(regex_guard_suite)
