#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "testutil.h"
#include "value.h"
#include "xalloc.h"

/*
 * Each parse works on an exact-size heap copy of the cell, without a
 * terminating NUL, so AddressSanitizer catches any read past len.  The
 * copy lives until the next parse because value and items point into it.
 */
static char *cell;
static value v;
static item_vec iv;
static char err[256];

static void
setup(void)
{
	cell = NULL;
	memset(&iv, 0, sizeof iv);
}

static void
teardown(void)
{
	free(cell);
	cell = NULL;
	item_vec_free(&iv);
}

static int
parse_n(const type_spec *t, const char *s, size_t len)
{
	free(cell);
	cell = xmalloc(len);
	memcpy(cell, s, len);
	memset(err, 'Z', sizeof err);
	return value_parse(t, cell, len, &v, &iv, err, sizeof err);
}

static int
parse(const type_spec *t, const char *s)
{
	return parse_n(t, s, strlen(s));
}

static type_spec
spec(field_type type)
{
	type_spec t;

	memset(&t, 0, sizeof t);
	t.type = type;
	return t;
}

/* The number a cell parses to; fails the test if it does not parse. */
static double
num(field_type type, const char *s)
{
	type_spec t = spec(type);

	if (parse(&t, s) != 0)
		ck_abort_msg("'%s' did not parse as %s: %s", s,
			     field_type_name(type), err);
	ck_assert_int_eq(v.kind, type == FT_BOOLEAN ? V_BOOL : V_NUMBER);
	return v.num;
}

/* The error message for a cell, or "accepted". */
static const char *
rejected(field_type type, const char *s)
{
	type_spec t = spec(type);

	if (parse(&t, s) == 0)
		return "accepted";
	return err;
}

static int
decimal_n(const char *s, size_t len, double *out)
{
	char *copy = xmalloc(len);
	int r;

	memcpy(copy, s, len);
	r = parse_decimal(copy, len, out);
	free(copy);
	return r;
}

/* parse_decimal's result, or NAN when it refuses. */
static double
decimal(const char *s)
{
	double d = -99;

	if (decimal_n(s, strlen(s), &d) < 0)
		return NAN;
	return d;
}

/* The exact decimal a cell of type parses to, as text, or "none". */
static const char *
exact(field_type type, const char *s)
{
	static char buf[DEC_BUFSIZE];

	num(type, s);
	if (!v.dec.ok)
		return "none";
	ck_assert_double_eq(dec_to_double(v.dec), v.num);
	return dec_format(v.dec, buf);
}

static decnum
dec_of(const char *s)
{
	double d;
	decnum x;

	ck_assert_int_eq(parse_decimal_exact(s, strlen(s), &d, &x), 0);
	ck_assert(x.ok);
	return x;
}

static const char *
fmt(decnum x)
{
	static char buf[DEC_BUFSIZE];

	if (!x.ok)
		return "none";
	return dec_format(x, buf);
}

/* issue 9: cells keep their exact decimal digits. */
START_TEST(test_exact_decimals)
{
	ck_assert_str_eq(exact(FT_MONEY, "\xc2\xa3"
					 "1,000.30"),
			 "1000.3");
	ck_assert_str_eq(exact(FT_MONEY, "(1,250.05)"), "-1250.05");
	ck_assert_str_eq(exact(FT_MONEY, "9,999,999,999,999,999"),
			 "9999999999999999");
	ck_assert_str_eq(exact(FT_MONEY, "999,999,999,999,999,999"),
			 "999999999999999999");
	ck_assert_str_eq(exact(FT_MONEY, "9,999,999,999,999,999,999"), "none");
	ck_assert_str_eq(exact(FT_NUMBER, "0.000001"), "0.000001");
	ck_assert_str_eq(exact(FT_NUMBER, "1.5e3"), "1500");
	ck_assert_str_eq(exact(FT_NUMBER, "-2.5E-3"), "-0.0025");
	ck_assert_str_eq(exact(FT_NUMBER, "1e200"), "none");
	ck_assert_str_eq(exact(FT_NUMBER, "-0"), "0");
	ck_assert_str_eq(exact(FT_NUMBER, "123456789012.000001"),
			 "123456789012.000001");
	ck_assert_str_eq(exact(FT_INTEGER, "-9007199254740992"),
			 "-9007199254740992");
	ck_assert_str_eq(exact(FT_PERCENT, "4.5 %"), "4.5");
	/* a boolean has none: its double is exact */
	num(FT_BOOLEAN, "yes");
	ck_assert(!v.dec.ok);
}
END_TEST

START_TEST(test_decimal_arithmetic)
{
	decnum a = dec_of("1000.30"), b = dec_of("1000.10"), c = dec_of("0.20");

	ck_assert_str_eq(fmt(dec_sub(dec_sub(a, b), c)), "0");
	ck_assert_str_eq(fmt(dec_add(dec_of("0.1"), dec_of("0.2"))), "0.3");
	ck_assert_str_eq(fmt(dec_mul(dec_of("1.1"), dec_of("3"))), "3.3");
	ck_assert_str_eq(fmt(dec_div(dec_of("110000"), dec_of("100000"))),
			 "1.1");
	ck_assert_str_eq(fmt(dec_div(dec_of("1"), dec_of("3"))), "none");
	ck_assert_str_eq(fmt(dec_div(dec_of("-1"), dec_of("8"))), "-0.125");
	ck_assert_str_eq(fmt(dec_quotient(dec_of("18.75"), dec_of("1"), 1)),
			 "18.8");
	ck_assert_str_eq(fmt(dec_quotient(dec_of("57"), dec_of("3.04"), 1)),
			 "18.8");
	ck_assert_str_eq(fmt(dec_quotient(dec_of("-2"), dec_of("3"), 2)),
			 "-0.67");
	ck_assert_str_eq(fmt(dec_round(dec_of("2.345"), 2)), "2.35");
	ck_assert_str_eq(fmt(dec_round(dec_of("-2.345"), 2)), "-2.35");
	/* too wide: none, never a wrong answer */
	ck_assert_str_eq(fmt(dec_mul(dec_of("999999999999999999"),
				     dec_of("10"))),
			 "none");
	ck_assert_str_eq(fmt(dec_add(dec_of("999999999999999999"),
				     dec_of("0.1"))),
			 "none");
	ck_assert_int_eq(dec_cmp(dec_of("9999999999999999"), dec_of("1e16")),
			 -1);
	ck_assert_int_eq(dec_cmp(dec_of("0.10"), dec_of("0.1")), 0);
	ck_assert_int_eq(dec_cmp(dec_of("-0.2"), dec_of("-0.19")), -1);
	ck_assert_str_eq(fmt(dec_from_double(1e16)), "10000000000000000");
	ck_assert_str_eq(fmt(dec_from_double(0.1)), "0.1");
	ck_assert_str_eq(fmt(dec_from_double(-1000.3)), "-1000.3");
	ck_assert_str_eq(fmt(dec_from_double(1e300)), "none");
	ck_assert_str_eq(fmt(dec_from_int(0.5)), "none");
	ck_assert_str_eq(fmt(dec_from_int(-42)), "-42");
	ck_assert_str_eq(fmt(dec_of("0.000000000000000001")),
			 "0.000000000000000001");
}
END_TEST

static const char *
item_at(size_t i, char *buf, size_t bufsz)
{
	ck_assert_uint_lt(i, v.nitems);
	snprintf(buf, bufsz, "%.*s", (int)v.items[i].len, v.items[i].s);
	return buf;
}

START_TEST(test_type_names)
{
	static const char *const names[] = { "string",  "integer", "number",
					     "money",   "percent", "boolean",
					     "ordinal", "enum",    "list",
					     "date" };
	static const field_type types[] = { FT_STRING,  FT_INTEGER, FT_NUMBER,
					    FT_MONEY,   FT_PERCENT, FT_BOOLEAN,
					    FT_ORDINAL, FT_ENUM,    FT_LIST,
					    FT_DATE };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		ck_assert_int_eq(field_type_from_name(names[i]), types[i]);
		ck_assert_str_eq(field_type_name(types[i]), names[i]);
	}
	ck_assert_int_eq(field_type_from_name("Money"), -1);
	ck_assert_int_eq(field_type_from_name("int"), -1);
	ck_assert_int_eq(field_type_from_name(""), -1);
	ck_assert_int_eq(field_type_from_name(NULL), -1);

	ck_assert_int_eq(field_type_is_numeric(FT_INTEGER), 1);
	ck_assert_int_eq(field_type_is_numeric(FT_NUMBER), 1);
	ck_assert_int_eq(field_type_is_numeric(FT_MONEY), 1);
	ck_assert_int_eq(field_type_is_numeric(FT_PERCENT), 1);
	ck_assert_int_eq(field_type_is_numeric(FT_STRING), 0);
	ck_assert_int_eq(field_type_is_numeric(FT_BOOLEAN), 0);
	ck_assert_int_eq(field_type_is_numeric(FT_ORDINAL), 0);
	ck_assert_int_eq(field_type_is_numeric(FT_ENUM), 0);
	ck_assert_int_eq(field_type_is_numeric(FT_LIST), 0);
	ck_assert_int_eq(field_type_is_numeric(FT_DATE), 0);
}
END_TEST

START_TEST(test_item_vec_free)
{
	item_vec mine = { NULL, 0, 0 };

	item_vec_free(NULL);
	item_vec_free(&mine);
	mine.v = xmalloc(4 * sizeof *mine.v);
	mine.n = 2;
	mine.cap = 4;
	item_vec_free(&mine);
	ck_assert_ptr_null(mine.v);
	ck_assert_uint_eq(mine.n, 0);
	ck_assert_uint_eq(mine.cap, 0);
}
END_TEST

START_TEST(test_decimal_accepts)
{
	double d;
	char big[402];

	ck_assert_double_eq(decimal("0"), 0);
	ck_assert_double_eq(decimal("12"), 12);
	ck_assert_double_eq(decimal("-12"), -12);
	ck_assert_double_eq(decimal("+12"), 12);
	ck_assert_double_eq(decimal("007"), 7);
	ck_assert_double_eq(decimal("1.5"), 1.5);
	ck_assert_double_eq(decimal(".5"), 0.5);
	ck_assert_double_eq(decimal("5."), 5);
	ck_assert_double_eq(decimal("-.25"), -0.25);
	ck_assert_double_eq(decimal("0.1"), 0.1);
	ck_assert_double_eq(decimal("1e3"), 1000);
	ck_assert_double_eq(decimal("1E3"), 1000);
	ck_assert_double_eq(decimal("1e+3"), 1000);
	ck_assert_double_eq(decimal("2.5e-3"), 0.0025);
	ck_assert_double_eq(decimal("-1.5E2"), -150);
	ck_assert_double_eq(decimal("1234567890123456789"),
			    1234567890123456789.0);
	ck_assert_double_eq(decimal("1.7976931348623157e308"),
			    1.7976931348623157e308);
	ck_assert_double_eq(decimal("4.9e-324"), 4.9e-324);
	/* Underflow is a finite zero, and zero has no sign. */
	ck_assert_double_eq(decimal("1e-400"), 0);
	ck_assert_int_eq(signbit(decimal("-0")), 0);
	ck_assert_int_eq(signbit(decimal("-0.000")), 0);
	ck_assert_int_eq(signbit(decimal("-1e-400")), 0);
	/* Only s[0..len) is read. */
	ck_assert_int_eq(decimal_n("12x", 2, &d), 0);
	ck_assert_double_eq(d, 12);
	/* Up to 400 bytes are accepted, leading zeros included. */
	memset(big, '0', 398);
	memcpy(big + 398, "12", 3);
	ck_assert_uint_eq(strlen(big), 400);
	ck_assert_double_eq(decimal(big), 12);
}
END_TEST

START_TEST(test_decimal_rejects)
{
	double d = 42;
	char big[403];

	ck_assert(isnan(decimal("")));
	ck_assert(isnan(decimal("+")));
	ck_assert(isnan(decimal("-")));
	ck_assert(isnan(decimal(".")));
	ck_assert(isnan(decimal("-.")));
	ck_assert(isnan(decimal("e5")));
	ck_assert(isnan(decimal(".e5")));
	ck_assert(isnan(decimal("1e")));
	ck_assert(isnan(decimal("1e+")));
	ck_assert(isnan(decimal("1e1.5")));
	ck_assert(isnan(decimal("1.2.3")));
	ck_assert(isnan(decimal("1..2")));
	ck_assert(isnan(decimal("--1")));
	ck_assert(isnan(decimal("+-1")));
	ck_assert(isnan(decimal("0x10")));
	ck_assert(isnan(decimal("inf")));
	ck_assert(isnan(decimal("-inf")));
	ck_assert(isnan(decimal("nan")));
	ck_assert(isnan(decimal("infinity")));
	ck_assert(isnan(decimal(" 1")));
	ck_assert(isnan(decimal("1 ")));
	ck_assert(isnan(decimal("1,000")));
	ck_assert(isnan(decimal("1e400")));
	ck_assert(isnan(decimal("-1e400")));
	ck_assert(isnan(decimal("1e99999999999999999999")));
	ck_assert(isnan(decimal("12x")));
	ck_assert(isnan(decimal("\xEF\xBC\x91"))); /* fullwidth digit one */
	ck_assert_int_eq(decimal_n("1\0"
				   "2",
				   3, &d),
			 -1);
	ck_assert_int_eq(decimal_n("12\0", 3, &d), -1);
	ck_assert_double_eq(d, 42);
	memset(big, '0', 399);
	memcpy(big + 399, "12", 3);
	ck_assert_uint_eq(strlen(big), 401);
	ck_assert(isnan(decimal(big)));
}
END_TEST

START_TEST(test_decimal_matches_strtod)
{
	/* The fast path must round exactly as strtod does. */
	static const char *const cases[] = {
		"0.1",
		"0.2",
		"0.3",
		"4.35",
		"1.005",
		"123.456",
		"99.99",
		"0.30000000000000004",
		"999999999999999",
		"9999999999999999",
		"9007199254740993",
		"123456789012345e-22",
		"123456789012345e22",
		"1e22",
		"1e23",
		"1e-22",
		"1e-23",
		"0.000001",
		"1250000.5",
		"3.14159265358979",
		"2.718281828459045",
		"0.1e1",
		"100e-2",
		"12345678901234.5",
		"1234567890123.45",
		"0.000000000000001234",
		"5e-324",
		"2.2250738585072014e-308",
		"8.98846567431158e307",
		/* 16 and 17 digits: a second rounding would show here. */
		"18854591221384311e-7",
		"1885459122138431.1",
		"159525576779.74139",
		"1744093856905220.9",
		"9007199254740993e-1",
	};
	unsigned long long x = 12345;
	size_t i;
	int k, e;
	char buf[64];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (decimal(cases[i]) != strtod(cases[i], NULL))
			ck_abort_msg("'%s' differs from strtod", cases[i]);
	for (k = 1; k < 100000; k += 7) {
		for (e = -25; e <= 25; e += 5) {
			snprintf(buf, sizeof buf, "%d.%03de%d", k, k % 1000, e);
			if (decimal(buf) != strtod(buf, NULL))
				ck_abort_msg("'%s' differs from strtod", buf);
		}
	}
	/* Pseudo-random mantissas of 14 to 18 digits and small exponents. */
	for (k = 0; k < 20000; k++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		snprintf(buf, sizeof buf, "%llu.%llue-%llu",
			 (x >> 10) % 10000000000ULL, (x >> 20) % 100000000ULL,
			 x % 12);
		if (decimal(buf) != strtod(buf, NULL))
			ck_abort_msg("'%s' differs from strtod", buf);
	}
}
END_TEST

START_TEST(test_trim_and_missing)
{
	type_spec t = spec(FT_NUMBER);
	type_spec s = spec(FT_STRING);

	ck_assert_int_eq(parse(&t, "  12\t"), 0);
	ck_assert_int_eq(v.kind, V_NUMBER);
	ck_assert_double_eq(v.num, 12);
	ck_assert_ptr_eq(v.text, cell + 2);
	ck_assert_uint_eq(v.len, 2);
	ck_assert_ptr_null(v.items);
	ck_assert_uint_eq(v.nitems, 0);

	ck_assert_int_eq(parse(&t, ""), 0);
	ck_assert_int_eq(v.kind, V_MISSING);
	ck_assert_uint_eq(v.len, 0);
	ck_assert_int_eq(parse(&t, " \t  "), 0);
	ck_assert_int_eq(v.kind, V_MISSING);
	ck_assert_uint_eq(v.len, 0);
	ck_assert_double_eq(v.num, 0);

	/* Only spaces and tabs are blanks. */
	ck_assert_str_eq(rejected(FT_NUMBER, "12\n"), "'12?' is not a number");
	ck_assert_str_eq(rejected(FT_NUMBER, "\r12"), "'?12' is not a number");

	ck_assert_int_eq(parse(&s, "  Acme Ltd \t"), 0);
	ck_assert_int_eq(v.kind, V_TEXT);
	ck_assert_ptr_eq(v.text, cell + 2);
	ck_assert_uint_eq(v.len, 8);
	ck_assert_int_eq(parse_n(&s, " a\0b ", 5), 0);
	ck_assert_int_eq(v.kind, V_TEXT);
	ck_assert_uint_eq(v.len, 3);
	ck_assert_int_eq(parse(&s, "   "), 0);
	ck_assert_int_eq(v.kind, V_MISSING);
	/* A failed parse leaves no stale value behind. */
	ck_assert_int_eq(parse(&t, "7"), 0);
	ck_assert_int_eq(parse(&t, "x"), -1);
	ck_assert_int_eq(v.kind, V_MISSING);
	ck_assert_double_eq(v.num, 0);
}
END_TEST

START_TEST(test_integer)
{
	ck_assert_double_eq(num(FT_INTEGER, "42"), 42);
	ck_assert_double_eq(num(FT_INTEGER, "-42"), -42);
	ck_assert_double_eq(num(FT_INTEGER, "+7"), 7);
	ck_assert_double_eq(num(FT_INTEGER, "007"), 7);
	ck_assert_double_eq(num(FT_INTEGER, "0"), 0);
	ck_assert_int_eq(signbit(num(FT_INTEGER, "-0")), 0);
	ck_assert_double_eq(num(FT_INTEGER, "9007199254740992"),
			    9007199254740992.0);
	ck_assert_double_eq(num(FT_INTEGER, "-9007199254740992"),
			    -9007199254740992.0);
	ck_assert_double_eq(num(FT_INTEGER, "00000000000000000000000001"), 1);
	ck_assert_double_eq(num(FT_INTEGER, " 12 "), 12);

	ck_assert_str_eq(rejected(FT_INTEGER, "9007199254740993"),
			 "'9007199254740993' is too large a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "-9007199254740993"),
			 "'-9007199254740993' is too large a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "12345678901234567890"),
			 "'12345678901234567890' is too large a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "4.5"),
			 "'4.5' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "4.0"),
			 "'4.0' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "1e3"),
			 "'1e3' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "1,000"),
			 "'1,000' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "1 000"),
			 "'1 000' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "+"),
			 "'+' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "-"),
			 "'-' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "--1"),
			 "'--1' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "12x"),
			 "'12x' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "x12"),
			 "'x12' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "ten"),
			 "'ten' is not a whole number");
	ck_assert_str_eq(rejected(FT_INTEGER, "0x1F"),
			 "'0x1F' is not a whole number");
}
END_TEST

START_TEST(test_number)
{
	type_spec t = spec(FT_NUMBER);

	ck_assert_double_eq(num(FT_NUMBER, "3.25"), 3.25);
	ck_assert_double_eq(num(FT_NUMBER, "-1.5e2"), -150);
	ck_assert_double_eq(num(FT_NUMBER, ".5"), 0.5);
	ck_assert_double_eq(num(FT_NUMBER, "5."), 5);
	ck_assert_double_eq(num(FT_NUMBER, "\t0.1 "), 0.1);
	ck_assert_str_eq(rejected(FT_NUMBER, "12x"), "'12x' is not a number");
	ck_assert_str_eq(rejected(FT_NUMBER, "1e400"),
			 "'1e400' is not a number");
	ck_assert_str_eq(rejected(FT_NUMBER, "NaN"), "'NaN' is not a number");
	ck_assert_str_eq(rejected(FT_NUMBER, "inf"), "'inf' is not a number");
	ck_assert_str_eq(rejected(FT_NUMBER, "0x10"), "'0x10' is not a number");
	ck_assert_str_eq(rejected(FT_NUMBER, "1,5"), "'1,5' is not a number");
	ck_assert_str_eq(rejected(FT_NUMBER, "£5"), "'£5' is not a number");
	ck_assert_str_eq(rejected(FT_NUMBER, "5%"), "'5%' is not a number");
	ck_assert_str_eq(rejected(FT_NUMBER, "."), "'.' is not a number");
	/* A NUL inside a number makes it not a number. */
	ck_assert_int_eq(parse_n(&t,
				 "1\0"
				 "2",
				 3),
			 -1);
	ck_assert_str_eq(err, "'1?2' is not a number");
	ck_assert_int_eq(parse_n(&t, "12\0", 3), -1);
	ck_assert_str_eq(err, "'12?' is not a number");
}
END_TEST

START_TEST(test_money_accepts)
{
	ck_assert_double_eq(num(FT_MONEY, "\xC2\xA3\x31,250,000"), 1250000);
	ck_assert_double_eq(num(FT_MONEY, "-$12.50"), -12.5);
	ck_assert_double_eq(num(FT_MONEY, "$-12.50"), -12.5);
	ck_assert_double_eq(num(FT_MONEY, "\xE2\x82\xAC"
					  "99"),
			    99);
	ck_assert_double_eq(num(FT_MONEY, "\xE2\x82\xAC"
					  " 3"),
			    3);
	ck_assert_double_eq(num(FT_MONEY, "\xC2\xA3"
					  " 1,250"),
			    1250);
	ck_assert_double_eq(num(FT_MONEY, "(1,250)"), -1250);
	ck_assert_double_eq(num(FT_MONEY, "(\xC2\xA3"
					  "1,250.50)"),
			    -1250.5);
	ck_assert_double_eq(num(FT_MONEY, "(12.5)"), -12.5);
	ck_assert_double_eq(num(FT_MONEY, "1250"), 1250);
	ck_assert_double_eq(num(FT_MONEY, "1,250"), 1250);
	ck_assert_double_eq(num(FT_MONEY, "999"), 999);
	ck_assert_double_eq(num(FT_MONEY, "12.5"), 12.5);
	ck_assert_double_eq(num(FT_MONEY, "1,234,567.89"), 1234567.89);
	ck_assert_double_eq(num(FT_MONEY, "+\xC2\xA3"
					  "5"),
			    5);
	ck_assert_double_eq(num(FT_MONEY, "\xC2\xA3"
					  "-5"),
			    -5);
	ck_assert_double_eq(num(FT_MONEY, "-\xE2\x82\xAC"
					  "0.99"),
			    -0.99);
	ck_assert_double_eq(num(FT_MONEY, "$.50"), 0.5);
	ck_assert_double_eq(num(FT_MONEY, "0"), 0);
	ck_assert_int_eq(signbit(num(FT_MONEY, "(0)")), 0);
	ck_assert_int_eq(signbit(num(FT_MONEY, "-$0.00")), 0);
	ck_assert_double_eq(num(FT_MONEY, "  $1,000  "), 1000);
	ck_assert_double_eq(num(FT_MONEY, "12345678901234567890"),
			    12345678901234567890.0);
	ck_assert_double_eq(num(FT_MONEY, "12,345,678,901,234,567,890.5"),
			    12345678901234567890.5);
}
END_TEST

START_TEST(test_money_rejects)
{
	type_spec t = spec(FT_MONEY);

	ck_assert_str_eq(rejected(FT_MONEY, "\xC2\xA3"
					    "1,25"),
			 "'\xC2\xA3"
			 "1,25' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "12,50"),
			 "'12,50' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1,2345"),
			 "'1,2345' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1234,567"),
			 "'1234,567' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, ",123"),
			 "',123' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1,250,"),
			 "'1,250,' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1,,250"),
			 "'1,,250' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1,250,00"),
			 "'1,250,00' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1.250,00"),
			 "'1.250,00' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1,250.5.5"),
			 "'1,250.5.5' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1.5,000"),
			 "'1.5,000' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "\xC2\xA3"),
			 "'\xC2\xA3' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "$."),
			 "'$.' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "()"),
			 "'()' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "(-5)"),
			 "'(-5)' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "-(5)"),
			 "'-(5)' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "(1,250"),
			 "'(1,250' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1,250)"),
			 "'1,250)' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "$$5"),
			 "'$$5' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "--5"),
			 "'--5' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "-$-5"),
			 "'-$-5' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "$\xC2\xA3"
					    "5"),
			 "'$\xC2\xA3"
			 "5' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "5$"),
			 "'5$' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "\xC2\xA3  1"),
			 "'\xC2\xA3  1' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "- $5"),
			 "'- $5' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1e3"),
			 "'1e3' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "1,250 000"),
			 "'1,250 000' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "USD 5"),
			 "'USD 5' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "\xC2"
					    "5"),
			 "'\xC2"
			 "5' is not an amount of money");
	ck_assert_str_eq(rejected(FT_MONEY, "\xE2\x82"
					    "5"),
			 "'\xE2\x82"
			 "5' is not an amount of money");
	ck_assert_int_eq(parse_n(&t, "$1\0", 3), -1);
	ck_assert_str_eq(err, "'$1?' is not an amount of money");
	ck_assert_int_eq(parse_n(&t,
				 "1,2\0"
				 "0",
				 5),
			 -1);
}
END_TEST

START_TEST(test_percent)
{
	ck_assert_double_eq(num(FT_PERCENT, "45"), 45);
	ck_assert_double_eq(num(FT_PERCENT, "45%"), 45);
	ck_assert_double_eq(num(FT_PERCENT, "4.5 %"), 4.5);
	ck_assert_double_eq(num(FT_PERCENT, "4.5\t%"), 4.5);
	ck_assert_double_eq(num(FT_PERCENT, "-3%"), -3);
	ck_assert_double_eq(num(FT_PERCENT, "  100 % "), 100);
	ck_assert_double_eq(num(FT_PERCENT, ".5%"), 0.5);
	ck_assert_str_eq(rejected(FT_PERCENT, "abc%"),
			 "'abc%' is not a percentage");
	ck_assert_str_eq(rejected(FT_PERCENT, "%"), "'%' is not a percentage");
	ck_assert_str_eq(rejected(FT_PERCENT, "45%%"),
			 "'45%%' is not a percentage");
	ck_assert_str_eq(rejected(FT_PERCENT, "% 45"),
			 "'% 45' is not a percentage");
	ck_assert_str_eq(rejected(FT_PERCENT, "%45"),
			 "'%45' is not a percentage");
	ck_assert_str_eq(rejected(FT_PERCENT, "45 pc"),
			 "'45 pc' is not a percentage");
	ck_assert_str_eq(rejected(FT_PERCENT, "4 5%"),
			 "'4 5%' is not a percentage");
	ck_assert_str_eq(rejected(FT_PERCENT, "1e400%"),
			 "'1e400%' is not a percentage");
}
END_TEST

/* "scale": "fraction": 0.62 is 62, exactly (0.62 * 100 is not). */
START_TEST(test_percent_fraction)
{
	type_spec t = spec(FT_PERCENT);

	t.fraction = 1;
	ck_assert_int_eq(parse(&t, "0.62"), 0);
	ck_assert(v.num == 62);
	ck_assert_int_eq(parse(&t, " .5 "), 0);
	ck_assert(v.num == 50);
	ck_assert_int_eq(parse(&t, "1"), 0);
	ck_assert(v.num == 100);
	ck_assert_int_eq(parse(&t, "-0.071"), 0);
	ck_assert(v.num == -7.1);
	ck_assert_int_eq(parse(&t, "6.2e-1"), 0);
	ck_assert_double_eq_tol(v.num, 62, 1e-9);
	/* a "%" says it is a percentage already */
	ck_assert_int_eq(parse(&t, "62 %"), 0);
	ck_assert(v.num == 62);
	ck_assert_int_eq(parse(&t, "0.62x"), -1);
	ck_assert_str_eq(err, "'0.62x' is not a percentage");
	ck_assert_int_eq(parse(&t, ""), 0);
	ck_assert_int_eq(v.kind, V_MISSING);
}
END_TEST

START_TEST(test_boolean)
{
	type_spec t = spec(FT_BOOLEAN);

	ck_assert_double_eq(num(FT_BOOLEAN, "yes"), 1);
	ck_assert_double_eq(num(FT_BOOLEAN, "YES"), 1);
	ck_assert_double_eq(num(FT_BOOLEAN, "Yes"), 1);
	ck_assert_double_eq(num(FT_BOOLEAN, "true"), 1);
	ck_assert_double_eq(num(FT_BOOLEAN, "TRUE"), 1);
	ck_assert_double_eq(num(FT_BOOLEAN, "y"), 1);
	ck_assert_double_eq(num(FT_BOOLEAN, "Y"), 1);
	ck_assert_double_eq(num(FT_BOOLEAN, "1"), 1);
	ck_assert_double_eq(num(FT_BOOLEAN, "no"), 0);
	ck_assert_double_eq(num(FT_BOOLEAN, "No"), 0);
	ck_assert_double_eq(num(FT_BOOLEAN, "false"), 0);
	ck_assert_double_eq(num(FT_BOOLEAN, "False"), 0);
	ck_assert_double_eq(num(FT_BOOLEAN, "n"), 0);
	ck_assert_double_eq(num(FT_BOOLEAN, "N"), 0);
	ck_assert_double_eq(num(FT_BOOLEAN, "0"), 0);
	ck_assert_double_eq(num(FT_BOOLEAN, " yes\t"), 1);
	ck_assert_str_eq(rejected(FT_BOOLEAN, "maybe"),
			 "'maybe' is not yes or no");
	ck_assert_str_eq(rejected(FT_BOOLEAN, "yess"),
			 "'yess' is not yes or no");
	ck_assert_str_eq(rejected(FT_BOOLEAN, "ye"), "'ye' is not yes or no");
	ck_assert_str_eq(rejected(FT_BOOLEAN, "t"), "'t' is not yes or no");
	ck_assert_str_eq(rejected(FT_BOOLEAN, "2"), "'2' is not yes or no");
	ck_assert_str_eq(rejected(FT_BOOLEAN, "01"), "'01' is not yes or no");
	ck_assert_str_eq(rejected(FT_BOOLEAN, "y e s"),
			 "'y e s' is not yes or no");
	ck_assert_int_eq(parse_n(&t, "yes\0", 4), -1);
	ck_assert_str_eq(err, "'yes?' is not yes or no");
	ck_assert_int_eq(parse_n(&t, "y\0s", 3), -1);
	/* A NUL must not pass for nothing in front of a word. */
	ck_assert_int_eq(parse_n(&t, "\0y", 2), -1);
	ck_assert_int_eq(parse_n(&t, "\0\0no", 4), -1);
	ck_assert_int_eq(parse_n(&t, "\0", 1), -1);
	/* Control bytes one bit away from a letter or digit are not it. */
	ck_assert_int_eq(parse_n(&t, "\x11", 1), -1);
	ck_assert_int_eq(parse_n(&t, "\x10", 1), -1);
	ck_assert_int_eq(parse_n(&t, "N\x0F", 2), -1);
	ck_assert_int_eq(parse_n(&t, "yE\x13", 3), -1);
	ck_assert_double_eq(num(FT_BOOLEAN, "yEs"), 1);
	ck_assert_double_eq(num(FT_BOOLEAN, "nO"), 0);
	ck_assert_double_eq(num(FT_BOOLEAN, "FALSE"), 0);
	ck_assert_double_eq(num(FT_BOOLEAN, "tRuE"), 1);
	ck_assert_str_eq(rejected(FT_BOOLEAN, "falsey"),
			 "'falsey' is not yes or no");
	ck_assert_str_eq(rejected(FT_BOOLEAN, "nope"),
			 "'nope' is not yes or no");
	ck_assert_str_eq(rejected(FT_BOOLEAN, "yes!"),
			 "'yes!' is not yes or no");
}
END_TEST

START_TEST(test_levels)
{
	char *grades[] = { "D", "C", "B", "A" };
	char *cases[] = { "x", "X" };
	char *risk[] = { "Low", "Medium", "High" };
	char *none[] = { NULL };
	type_spec t = spec(FT_ORDINAL);

	t.levels = grades;
	t.nlevels = 4;
	ck_assert_int_eq(parse(&t, "B"), 0);
	ck_assert_int_eq(v.kind, V_LEVEL);
	ck_assert_double_eq(v.num, 2);
	ck_assert_int_eq(parse(&t, " D "), 0);
	ck_assert_double_eq(v.num, 0);
	ck_assert_int_eq(parse(&t, "a"), 0);
	ck_assert_double_eq(v.num, 3);
	ck_assert_int_eq(parse(&t, "E"), -1);
	ck_assert_str_eq(err, "'E' is not one of D, C, B, A");
	ck_assert_int_eq(parse(&t, "BB"), -1);
	ck_assert_int_eq(parse_n(&t, "B\0", 2), -1);
	ck_assert_str_eq(err, "'B?' is not one of D, C, B, A");

	/* An exact match wins over a case-folded one. */
	t.type = FT_ENUM;
	t.levels = cases;
	t.nlevels = 2;
	ck_assert_int_eq(parse(&t, "X"), 0);
	ck_assert_double_eq(v.num, 1);
	ck_assert_int_eq(parse(&t, "x"), 0);
	ck_assert_double_eq(v.num, 0);

	t.levels = risk;
	t.nlevels = 3;
	ck_assert_int_eq(parse(&t, "HIGH"), 0);
	ck_assert_int_eq(v.kind, V_LEVEL);
	ck_assert_double_eq(v.num, 2);
	ck_assert_int_eq(parse(&t, "medium"), 0);
	ck_assert_double_eq(v.num, 1);
	/* by key: blanks inside do not count either */
	ck_assert_int_eq(parse(&t, "  me dium"), -1);
	ck_assert_int_eq(parse(&t, "Lo"), -1);
	ck_assert_int_eq(parse(&t, "Lower"), -1);
	ck_assert_str_eq(err, "'Lower' is not one of Low, Medium, High");
	/* Case folding is ASCII only. */
	ck_assert_int_eq(parse(&t, "L\xC3\x96W"), -1);
	{
		char *roles[] = { "lead partner", "member" };

		t.levels = roles;
		t.nlevels = 2;
		ck_assert_int_eq(parse(&t, " Lead \t Partner "), 0);
		ck_assert_double_eq(v.num, 0);
	}

	t.levels = none;
	t.nlevels = 0;
	ck_assert_int_eq(parse(&t, "x"), -1);
	ck_assert_str_eq(err, "'x' is not an allowed value");
	ck_assert_int_eq(parse(&t, " "), 0);
	ck_assert_int_eq(v.kind, V_MISSING);
}
END_TEST

START_TEST(test_list)
{
	type_spec t = spec(FT_LIST);
	char buf[64];
	char *big;
	size_t i;

	ck_assert_int_eq(parse(&t, "UK; France ;Germany"), 0);
	ck_assert_int_eq(v.kind, V_LIST);
	ck_assert_uint_eq(v.nitems, 3);
	ck_assert_str_eq(item_at(0, buf, sizeof buf), "UK");
	ck_assert_str_eq(item_at(1, buf, sizeof buf), "France");
	ck_assert_str_eq(item_at(2, buf, sizeof buf), "Germany");
	/* Items point into the cell. */
	ck_assert_ptr_eq(v.items[1].s, cell + 4);
	ck_assert_ptr_eq(v.items, iv.v);
	ck_assert_uint_eq(iv.n, 3);

	ck_assert_int_eq(parse(&t, ";;\tone ;; \t;"), 0);
	ck_assert_uint_eq(v.nitems, 1);
	ck_assert_str_eq(item_at(0, buf, sizeof buf), "one");
	ck_assert_int_eq(parse(&t, "single"), 0);
	ck_assert_uint_eq(v.nitems, 1);
	ck_assert_str_eq(item_at(0, buf, sizeof buf), "single");

	/* Empty and blank cells are empty lists, not missing values. */
	ck_assert_int_eq(parse(&t, ""), 0);
	ck_assert_int_eq(v.kind, V_LIST);
	ck_assert_uint_eq(v.nitems, 0);
	ck_assert_int_eq(parse(&t, "  \t "), 0);
	ck_assert_int_eq(v.kind, V_LIST);
	ck_assert_uint_eq(v.nitems, 0);
	ck_assert_int_eq(parse(&t, " ; ; "), 0);
	ck_assert_int_eq(v.kind, V_LIST);
	ck_assert_uint_eq(v.nitems, 0);

	/* Items may hold NULs and commas; only the separator splits. */
	ck_assert_int_eq(parse_n(&t, "a\0b;c,d", 7), 0);
	ck_assert_uint_eq(v.nitems, 2);
	ck_assert_uint_eq(v.items[0].len, 3);
	ck_assert_int_eq(memcmp(v.items[0].s, "a\0b", 3), 0);
	ck_assert_uint_eq(v.items[1].len, 3);

	/* Multi-byte separators. */
	t.separator = "||";
	ck_assert_int_eq(parse(&t, "a||b|c||"), 0);
	ck_assert_uint_eq(v.nitems, 2);
	ck_assert_str_eq(item_at(0, buf, sizeof buf), "a");
	ck_assert_str_eq(item_at(1, buf, sizeof buf), "b|c");
	ck_assert_int_eq(parse(&t, "|"), 0);
	ck_assert_uint_eq(v.nitems, 1);
	ck_assert_str_eq(item_at(0, buf, sizeof buf), "|");
	t.separator = "\xE2\x80\xA2";
	ck_assert_int_eq(parse(&t, "x \xE2\x80\xA2 y\xE2\x80\xA2\xE2\x80"), 0);
	ck_assert_uint_eq(v.nitems, 3);
	ck_assert_str_eq(item_at(0, buf, sizeof buf), "x");
	ck_assert_str_eq(item_at(1, buf, sizeof buf), "y");
	ck_assert_str_eq(item_at(2, buf, sizeof buf), "\xE2\x80");
	t.separator = ",";
	ck_assert_int_eq(parse(&t, "a;b, c"), 0);
	ck_assert_uint_eq(v.nitems, 2);
	ck_assert_str_eq(item_at(0, buf, sizeof buf), "a;b");
	/* An empty separator behaves like the default. */
	t.separator = "";
	ck_assert_int_eq(parse(&t, "a;b"), 0);
	ck_assert_uint_eq(v.nitems, 2);

	/* Many items grow the vector; the next cell resets it. */
	t.separator = NULL;
	big = xmalloc(2000);
	for (i = 0; i < 1000; i++) {
		big[2 * i] = (char)('a' + i % 26);
		big[2 * i + 1] = ';';
	}
	ck_assert_int_eq(parse_n(&t, big, 2000), 0);
	free(big);
	ck_assert_uint_eq(v.nitems, 1000);
	ck_assert_str_eq(item_at(999, buf, sizeof buf), "l");
	ck_assert_uint_ge(iv.cap, 1000);
	ck_assert_int_eq(parse(&t, "p;q"), 0);
	ck_assert_uint_eq(v.nitems, 2);
	ck_assert_str_eq(item_at(1, buf, sizeof buf), "q");
}
END_TEST

/* A list with a vocabulary: every item one of them, by key. */
START_TEST(test_list_items)
{
	type_spec t = spec(FT_LIST);
	char *vocab[] = { "charity", "CIC", "faith based" };

	t.items = vocab;
	t.nitems = 3;
	ck_assert_int_eq(parse(&t, "Charity; cic ;Faith  Based"), 0);
	ck_assert_uint_eq(v.nitems, 3);
	ck_assert_int_eq(parse(&t, " ; "), 0);
	ck_assert_uint_eq(v.nitems, 0);
	ck_assert_int_eq(parse(&t, "charity;charty"), -1);
	ck_assert_str_eq(err, "'charty' is not an allowed item (did you mean "
			      "'charity'?)");
	ck_assert_int_eq(parse(&t, "lottery"), -1);
	ck_assert_str_eq(err,
			 "'lottery' is not one of charity, CIC, faith based");
	ck_assert_int_eq(value_parse_quiet(&t, "x", 1, &v, &iv), -1);
	ck_assert_int_eq(value_item_check(&t, "CIC ", 4, NULL, 0), 0);
	ck_assert_int_eq(value_item_check(&t, "cicc", 4, NULL, 0), -1);
	/* without a vocabulary, anything goes */
	t.items = NULL;
	ck_assert_int_eq(parse(&t, "charty"), 0);
	ck_assert_int_eq(value_item_check(&t, "x", 1, NULL, 0), 0);
}
END_TEST

START_TEST(test_date)
{
	type_spec t = spec(FT_DATE);

	ck_assert_int_eq(parse(&t, "2020-02-29"), 0);
	ck_assert_int_eq(v.kind, V_DATE);
	ck_assert_double_eq(v.num, 18321);
	ck_assert_int_eq(parse(&t, " 1969-12-31 "), 0);
	ck_assert_double_eq(v.num, -1);
	ck_assert_int_eq(parse(&t, "2020-13-01"), -1);
	ck_assert_str_eq(err,
			 "'2020-13-01' is not a date in the form YYYY-MM-DD");
	ck_assert_int_eq(parse(&t, "2019-02-29"), -1);
	ck_assert_str_eq(err,
			 "'2019-02-29' is not a date in the form YYYY-MM-DD");
	ck_assert_int_eq(parse(&t, "  "), 0);
	ck_assert_int_eq(v.kind, V_MISSING);

	t.date_format = "DD/MM/YYYY";
	ck_assert_int_eq(parse(&t, "13/12/2013"), 0);
	ck_assert_double_eq(v.num, days_from_civil(2013, 12, 13));
	ck_assert_double_eq(v.num, 16052);
	ck_assert_int_eq(parse(&t, "31/02/2020"), -1);
	ck_assert_str_eq(err,
			 "'31/02/2020' is not a date in the form DD/MM/YYYY");
	ck_assert_int_eq(parse(&t, "2020-02-01"), -1);
	ck_assert_str_eq(err,
			 "'2020-02-01' is not a date in the form DD/MM/YYYY");

	t.date_format = "D MMMM YYYY";
	ck_assert_int_eq(parse(&t, "31 March 2019"), 0);
	ck_assert_double_eq(v.num, 17986);
	ck_assert_int_eq(parse(&t, "31 April 2019"), -1);
	ck_assert_str_eq(
	    err, "'31 April 2019' is not a date in the form D MMMM YYYY");
}
END_TEST

START_TEST(test_error_echo)
{
	type_spec t = spec(FT_NUMBER);
	char s[64];

	/* 40 bytes are shown whole, 41 are cut with "...". */
	memset(s, 'x', 40);
	s[40] = '\0';
	ck_assert_int_eq(parse(&t, s), -1);
	ck_assert_str_eq(
	    err, "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is not a number");
	memcpy(s + 40, "yz", 3);
	ck_assert_int_eq(parse(&t, s), -1);
	ck_assert_str_eq(
	    err,
	    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not a number");
	/* The cut never splits a character: a euro sign at bytes 39-41
	 * is left out whole. */
	memset(s, 'a', 39);
	memcpy(s + 39,
	       "\xE2\x82\xAC"
	       "zz",
	       6);
	ck_assert_int_eq(parse(&t, s), -1);
	ck_assert_str_eq(
	    err,
	    "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is not a number");
	/* ... but one that ends at byte 40 stays. */
	memset(s, 'a', 37);
	memcpy(s + 37,
	       "\xE2\x82\xAC"
	       "zz",
	       6);
	ck_assert_int_eq(parse(&t, s), -1);
	ck_assert_str_eq(
	    err, "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xE2\x82\xAC...' "
		 "is not a number");
	/* A four-byte character at bytes 38-41. */
	memset(s, 'a', 38);
	memcpy(s + 38,
	       "\xF0\x9F\x92\xB7"
	       "1",
	       6);
	ck_assert_int_eq(parse(&t, s), -1);
	ck_assert_str_eq(
	    err, "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is not a number");
	/* The echo is of the trimmed text, with control bytes as '?'. */
	ck_assert_int_eq(parse(&t, "  1\t2  "), -1);
	ck_assert_str_eq(err, "'1?2' is not a number");
	ck_assert_int_eq(parse(&t, "\x01x\x1B[31m\x7F"), -1);
	ck_assert_str_eq(err, "'?x?[31m?' is not a number");
}
END_TEST

START_TEST(test_error_buffer_bounds)
{
	type_spec t = spec(FT_NUMBER);
	type_spec o = spec(FT_ORDINAL);
	char *grades[] = { "D", "C", "\xC3\x89lite" };
	char small[16];

	memset(small, 'Z', sizeof small);
	ck_assert_int_eq(value_parse(&t, "12x", 3, &v, &iv, small, 8), -1);
	ck_assert_str_eq(small, "'12x' i");
	ck_assert_int_eq(small[8], 'Z');

	memset(small, 'Z', sizeof small);
	ck_assert_int_eq(value_parse(&t, "12x", 3, &v, &iv, small, 1), -1);
	ck_assert_str_eq(small, "");
	ck_assert_int_eq(small[1], 'Z');

	memset(small, 'Z', sizeof small);
	ck_assert_int_eq(value_parse(&t, "12x", 3, &v, &iv, small, 0), -1);
	ck_assert_int_eq(small[0], 'Z');
	ck_assert_int_eq(value_parse(&t, "12x", 3, &v, &iv, NULL, 0), -1);

	/* Truncation does not split a character either. */
	o.levels = grades;
	o.nlevels = 3;
	memset(small, 'Z', sizeof small);
	ck_assert_int_eq(value_parse(&o, "A", 1, &v, &iv, small, 5), -1);
	ck_assert_str_eq(small, "'A' ");
	ck_assert_int_eq(value_parse(&o, "E", 1, &v, &iv, err, sizeof err), -1);
	ck_assert_str_eq(err, "'E' is not one of D, C, \xC3\x89lite");
	memset(err, 'Z', sizeof err);
	ck_assert_int_eq(value_parse(&o, "E", 1, &v, &iv, err, 25), -1);
	ck_assert_str_eq(err, "'E' is not one of D, C, ");
	ck_assert_int_eq(value_parse(&o, "E", 1, &v, &iv, err, 26), -1);
	ck_assert_str_eq(err, "'E' is not one of D, C, ");
	ck_assert_int_eq(value_parse(&o, "E", 1, &v, &iv, err, 27), -1);
	ck_assert_str_eq(err, "'E' is not one of D, C, \xC3\x89");

	/* Success clears err. */
	ck_assert_int_eq(value_parse(&t, "12", 2, &v, &iv, err, sizeof err), 0);
	ck_assert_str_eq(err, "");
}
END_TEST

/* value_parse_quiet gives value_parse's result and value, message aside,
 * for every type on good, bad and blank cells. */
START_TEST(test_quiet_matches)
{
	static const char *const cells[] = { "12",
					     " 4.5 ",
					     "",
					     "  ",
					     "\xC2\xA3\x31,250,000",
					     "-$12.50",
					     "(1,250)",
					     "45%",
					     "yes",
					     "N",
					     "maybe",
					     "B",
					     "b",
					     "E",
					     "a;b; ;c",
					     "2024-02-29",
					     "29/02/2024",
					     "12x",
					     "1,2345",
					     "9007199254740993",
					     "true",
					     "1e3" };
	static char *levels[] = { "D", "C", "B", "A" };
	field_type ty;
	size_t i;

	for (ty = FT_STRING; ty <= FT_DATE; ty++) {
		type_spec t = spec(ty);

		if (ty == FT_ORDINAL || ty == FT_ENUM) {
			t.levels = levels;
			t.nlevels = 4;
		}
		for (i = 0; i < sizeof cells / sizeof cells[0]; i++) {
			size_t len = strlen(cells[i]);
			item_vec qiv = { NULL, 0, 0 };
			value q;
			int want = value_parse(&t, cells[i], len, &v, &iv, err,
					       sizeof err);

			ck_assert_int_eq(value_parse_quiet(&t, cells[i], len,
							   &q, &qiv),
					 want);
			if (want == 0) {
				ck_assert_int_eq(q.kind, v.kind);
				ck_assert(q.num == v.num);
				ck_assert_uint_eq(q.len, v.len);
				ck_assert_uint_eq(q.nitems, v.nitems);
			}
			item_vec_free(&qiv);
		}
	}
}
END_TEST

static Suite *
value_suite(void)
{
	Suite *s = suite_create("value");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_type_names);
	tcase_add_test(tc, test_item_vec_free);
	tcase_add_test(tc, test_decimal_accepts);
	tcase_add_test(tc, test_decimal_rejects);
	tcase_add_test(tc, test_decimal_matches_strtod);
	tcase_add_test(tc, test_trim_and_missing);
	tcase_add_test(tc, test_integer);
	tcase_add_test(tc, test_number);
	tcase_add_test(tc, test_money_accepts);
	tcase_add_test(tc, test_money_rejects);
	tcase_add_test(tc, test_percent);
	tcase_add_test(tc, test_percent_fraction);
	tcase_add_test(tc, test_boolean);
	tcase_add_test(tc, test_levels);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_list_items);
	tcase_add_test(tc, test_date);
	tcase_add_test(tc, test_error_echo);
	tcase_add_test(tc, test_error_buffer_bounds);
	tcase_add_test(tc, test_quiet_matches);
	tcase_add_test(tc, test_exact_decimals);
	tcase_add_test(tc, test_decimal_arithmetic);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(value_suite)
