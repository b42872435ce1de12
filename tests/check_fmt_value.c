#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt_value.h"
#include "testutil.h"

static strbuf out;

static void
setup(void)
{
	sb_init(&out);
}

static void
teardown(void)
{
	sb_free(&out);
}

/* The figures as a rule file or a cell writes them: exact decimal. */
static decnum
dec_of(const char *s)
{
	double d;
	decnum dec;

	ck_assert_int_eq(parse_decimal_exact(s, strlen(s), &d, &dec), 0);
	return dec;
}

static const char *
money(const char *s)
{
	decnum dec = dec_of(s);

	sb_reset(&out);
	fmt_money(&out, dec_to_double(dec), dec);
	return out.buf;
}

static const char *
money_d(double v)
{
	decnum none = { 0, 0, 0 };

	sb_reset(&out);
	fmt_money(&out, v, none);
	return out.buf;
}

static const char *
typed(const type_spec *t, double num)
{
	decnum none = { 0, 0, 0 };

	sb_reset(&out);
	fmt_number(&out, t, num, none);
	return out.buf;
}

START_TEST(test_money)
{
	ck_assert_str_eq(money("0"), "£0");
	ck_assert_str_eq(money("1000"), "£1,000");
	ck_assert_str_eq(money("999"), "£999");
	ck_assert_str_eq(money("5000000"), "£5,000,000");
	ck_assert_str_eq(money("-12000"), "-£12,000");
	ck_assert_str_eq(money("-1"), "-£1");
	ck_assert_str_eq(money("21.5"), "£21.50");
	ck_assert_str_eq(money("21.50"), "£21.50");
	ck_assert_str_eq(money("0.05"), "£0.05");
	ck_assert_str_eq(money("-0.5"), "-£0.50");
	/* fractional pence keep their figures: rounding could make a value
	 * read as the threshold it missed */
	ck_assert_str_eq(money("0.125"), "£0.125");
	ck_assert_str_eq(money("1234567.005"), "£1,234,567.005");
	/* large: exact to the penny as long as the decimal fits */
	ck_assert_str_eq(money("9999999999999999.99"),
			 "£9,999,999,999,999,999.99");
	/* without a decimal, from the double */
	ck_assert_str_eq(money_d(2000000), "£2,000,000");
	ck_assert_str_eq(money_d(-27.8), "-£27.80");
	ck_assert_str_eq(money_d(1e20), "£100,000,000,000,000,000,000");
	ck_assert_str_eq(money_d(1e300), "£1e+300");
}
END_TEST

START_TEST(test_percent_and_plain)
{
	decnum none = { 0, 0, 0 };

	fmt_percent(&out, 62, dec_of("62"));
	ck_assert_str_eq(out.buf, "62%");
	sb_reset(&out);
	fmt_percent(&out, 29.3, none);
	ck_assert_str_eq(out.buf, "29.3%");
	sb_reset(&out);
	fmt_percent(&out, -5, dec_of("-5"));
	ck_assert_str_eq(out.buf, "-5%");
	sb_reset(&out);
	fmt_percent(&out, 0, dec_of("0.0"));
	ck_assert_str_eq(out.buf, "0%");
	sb_reset(&out);
	/* plain numbers: no grouping (a year, a code) */
	fmt_plain_number(&out, 2026, none);
	ck_assert_str_eq(out.buf, "2026");
	sb_reset(&out);
	fmt_plain_number(&out, 1.5, dec_of("1.50"));
	ck_assert_str_eq(out.buf, "1.5");
	sb_reset(&out);
	fmt_plain_number(&out, -0.25, none);
	ck_assert_str_eq(out.buf, "-0.25");
	sb_reset(&out);
	fmt_plain_number(&out, 1e15, none);
	ck_assert_str_eq(out.buf, "1000000000000000");
}
END_TEST

START_TEST(test_every_type)
{
	static char *levels[] = { "D", "C", "B", "A" };
	type_spec t;
	value v;

	memset(&t, 0, sizeof t);
	t.type = FT_MONEY;
	ck_assert_str_eq(typed(&t, 1000), "£1,000");
	t.type = FT_PERCENT;
	ck_assert_str_eq(typed(&t, 60), "60%");
	t.type = FT_INTEGER;
	ck_assert_str_eq(typed(&t, 12000), "12000");
	t.type = FT_NUMBER;
	ck_assert_str_eq(typed(&t, 0.9), "0.9");
	t.type = FT_DATE;
	ck_assert_str_eq(typed(&t, 20417), "2025-11-25");
	ck_assert_str_eq(typed(&t, -1), "1969-12-31");
	/* in the field's own format, as its cells and the rule file write
	 * it */
	t.date_format = "D MMMM YYYY";
	ck_assert_str_eq(typed(&t, 20417), "25 November 2025");
	t.date_format = "MMM D, YYYY";
	ck_assert_str_eq(typed(&t, 20417), "Nov 25, 2025");
	t.date_format = "DD/MM/YYYY";
	ck_assert_str_eq(typed(&t, 20089), "01/01/2025");
	t.date_format = NULL;
	t.type = FT_BOOLEAN;
	ck_assert_str_eq(typed(&t, 1), "yes");
	ck_assert_str_eq(typed(&t, 0), "no");
	t.type = FT_ORDINAL;
	t.levels = levels;
	t.nlevels = 4;
	ck_assert_str_eq(typed(&t, 2), "B");
	/* an index outside the levels is said as a number, not read past
	 * the array */
	ck_assert_str_eq(typed(&t, 4), "4");
	ck_assert_str_eq(typed(&t, -1), "-1");
	t.type = FT_ENUM;
	ck_assert_str_eq(typed(&t, 0), "D");
	/* a formula's result has no type */
	ck_assert_str_eq(typed(NULL, 1.25), "1.25");
	t.unknown = 1;
	ck_assert_str_eq(typed(&t, 3), "3");
	t.unknown = 0;

	/* literals: text types as written, the others from their number */
	t.type = FT_STRING;
	sb_reset(&out);
	fmt_literal(&out, &t, 0, dec_of("0"), "for-profit", 10);
	ck_assert_str_eq(out.buf, "for-profit");
	t.type = FT_MONEY;
	sb_reset(&out);
	fmt_literal(&out, &t, 5e6, dec_of("5000000"), "5,000,000", 9);
	ck_assert_str_eq(out.buf, "£5,000,000");
	t.type = FT_ORDINAL;
	sb_reset(&out);
	fmt_literal(&out, &t, 2, dec_of("0"), "b", 1);
	ck_assert_str_eq(out.buf, "B");

	/* values: cells of text types as they read; numbers typed */
	memset(&v, 0, sizeof v);
	v.kind = V_TEXT;
	v.text = "housing first";
	v.len = 13;
	t.type = FT_STRING;
	sb_reset(&out);
	fmt_value(&out, &t, &v);
	ck_assert_str_eq(out.buf, "housing first");
	v.kind = V_NUMBER;
	v.text = "£2000000";
	v.len = strlen(v.text);
	v.num = 2e6;
	v.dec = dec_of("2000000");
	t.type = FT_MONEY;
	sb_reset(&out);
	fmt_value(&out, &t, &v);
	ck_assert_str_eq(out.buf, "£2,000,000");
	v.kind = V_BOOL;
	v.num = 0;
	v.text = "N";
	v.len = 1;
	t.type = FT_BOOLEAN;
	sb_reset(&out);
	fmt_value(&out, &t, &v);
	ck_assert_str_eq(out.buf, "no");
	v.kind = V_MISSING;
	sb_reset(&out);
	fmt_value(&out, &t, &v);
	ck_assert_str_eq(out.buf, "missing");
}
END_TEST

/* A locale whose decimal point is a comma, or NULL.  An installed de_DE
 * or fr_FR is used; else, where glibc's localedef is, a locale of only
 * LC_NUMERIC (comma for the point, full stop for thousands) is built into
 * a temporary directory that LOCPATH then names: in a tenth of a second,
 * where compiling de_DE takes seconds. */
static const char *
comma_locale(char *dir, size_t dirsz)
{
	static const char *const names[] = { "de_DE.UTF-8", "de_DE.utf8",
					     "fr_FR.UTF-8", "fr_FR.utf8",
					     NULL };
	char path[128], cmd[512];
	size_t i;
	FILE *f;

	for (i = 0; names[i]; i++)
		if (setlocale(LC_ALL, names[i]))
			return names[i];
	snprintf(dir, dirsz, "/tmp/pc-locale-XXXXXX");
	if (!mkdtemp(dir))
		return NULL;
	snprintf(path, sizeof path, "%s/comma.src", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("LC_NUMERIC\ndecimal_point \"<U002C>\"\n"
	      "thousands_sep \"<U002E>\"\ngrouping 3;3\nEND LC_NUMERIC\n",
	      f);
	ck_assert_int_eq(fclose(f), 0);
	/* localedef warns about the categories left out, and says so in its
	 * exit status: whether the locale loads is what counts */
	snprintf(cmd, sizeof cmd,
		 "localedef -i %s -f ANSI_X3.4-1968 %s/pc_comma "
		 ">/dev/null 2>&1",
		 path, dir);
	if (system(cmd) == -1)
		return NULL;
	setenv("LOCPATH", dir, 1);
	return setlocale(LC_ALL, "pc_comma") ? "pc_comma" : NULL;
}

/* Under a locale that writes 1,5 for one and a half, the report still
 * writes 1.5 and groups money with commas. */
START_TEST(test_locale_independent)
{
	char dir[64] = "";
	const char *name = comma_locale(dir, sizeof dir);
	char cmd[128];
	type_spec t;

	if (name) {
		ck_assert_str_eq(localeconv()->decimal_point, ",");
	} else {
		fprintf(stderr, "check_fmt_value: no de_DE or fr_FR locale; "
				"testing in the C locale only\n");
	}
	ck_assert_str_eq(money("1234567.5"), "£1,234,567.50");
	ck_assert_str_eq(money_d(-27.8), "-£27.80");
	ck_assert_str_eq(money_d(1e20), "£100,000,000,000,000,000,000");
	memset(&t, 0, sizeof t);
	t.type = FT_PERCENT;
	ck_assert_str_eq(typed(&t, 29.3), "29.3%");
	t.type = FT_NUMBER;
	ck_assert_str_eq(typed(&t, 0.9), "0.9");
	ck_assert_str_eq(typed(&t, 1234567.25), "1234567.25");
	setlocale(LC_ALL, "C");
	if (*dir) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

static Suite *
fmt_value_suite(void)
{
	Suite *s = suite_create("fmt_value");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_money);
	tcase_add_test(tc, test_percent_and_plain);
	tcase_add_test(tc, test_every_type);
	tcase_add_test(tc, test_locale_independent);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(fmt_value_suite)
