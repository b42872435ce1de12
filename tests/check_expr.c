#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "expr.h"
#include "testutil.h"

/*
 * Formulas: compile errors with their exact columns, then evaluation over
 * hand-built values with a fixed `today`.
 */

static const struct {
	const char *name;
	field_type type;
} fields[] = {
	{ "turnover", FT_MONEY },  /* 0 */
	{ "surplus", FT_MONEY },   /* 1 */
	{ "registered", FT_DATE }, /* 2 */
	{ "name", FT_STRING },     /* 3 */
	{ "flag", FT_BOOLEAN },    /* 4 */
	{ "grade", FT_ORDINAL },   /* 5 */
	{ "a.b", FT_NUMBER },      /* 6 */
	{ "_x", FT_INTEGER },      /* 7 */
	{ "tags", FT_LIST },       /* 8 */
	{ "pct", FT_PERCENT },     /* 9 */
	{ "kind", FT_ENUM },       /* 10 */
};
#define NFIELDS (sizeof fields / sizeof fields[0])

static int lookups;

static int
lookup(void *ctx, const char *name, size_t len, field_type *type)
{
	size_t i;

	ck_assert_ptr_eq(ctx, &lookups);
	lookups++;
	for (i = 0; i < NFIELDS; i++)
		if (strlen(fields[i].name) == len &&
		    !memcmp(fields[i].name, name, len)) {
			*type = fields[i].type;
			return (int)i;
		}
	return -1;
}

static char err[256];

/* The compile error for src, or "ok". */
static const char *
compile_error(const char *src)
{
	expr *e;

	memset(err, 'Z', sizeof err);
	err[sizeof err - 1] = '\0';
	e = expr_compile(src, lookup, &lookups, err, sizeof err);
	if (e) {
		expr_free(e);
		return "ok";
	}
	return err;
}

static expr *
compile(const char *src)
{
	expr *e = expr_compile(src, lookup, &lookups, err, sizeof err);

	if (!e)
		ck_abort_msg("'%s' did not compile: %s", src, err);
	return e;
}

static value vals[NFIELDS];

static void
setup(void)
{
	size_t i;

	memset(vals, 0, sizeof vals);
	for (i = 0; i < NFIELDS; i++)
		vals[i].kind = V_NUMBER;
	vals[0].num = 2000; /* turnover */
	vals[1].num = 500;  /* surplus */
	vals[2].kind = V_DATE;
	vals[2].num = (double)days_from_civil(2015, 6, 30);
	vals[3].kind = V_TEXT;
	vals[4].kind = V_BOOL;
	vals[4].num = 1;
	vals[5].kind = V_LEVEL;
	vals[5].num = 2;
	vals[6].num = 0.25;
	vals[7].num = -4;
	vals[8].kind = V_LIST;
	vals[9].num = 45;
	vals[10].kind = V_LEVEL;
}

static long today;

/* The value of src; fails the test unless it evaluates. */
static double
eval(const char *src)
{
	expr *e = compile(src);
	double d = -12345;
	int f = -99;
	expr_status st = expr_eval(e, vals, today, &d, &f);

	expr_free(e);
	if (st != EXPR_OK)
		ck_abort_msg("'%s' gave status %d", src, (int)st);
	ck_assert_int_eq(f, -99);
	return d;
}

/* The status of src; *field gets the missing field, or -99. */
static expr_status
status(const char *src, int *field)
{
	expr *e = compile(src);
	double d = -12345;
	expr_status st;

	*field = -99;
	st = expr_eval(e, vals, today, &d, field);
	expr_free(e);
	return st;
}

START_TEST(test_unknown_names)
{
	ck_assert_str_eq(compile_error("turnover + turnovr"),
			 "column 12: unknown field 'turnovr'");
	ck_assert_str_eq(compile_error("Turnover"),
			 "column 1: unknown field 'Turnover'");
	ck_assert_str_eq(compile_error("  surplus_gbp / 2"),
			 "column 3: unknown field 'surplus_gbp'");
	ck_assert_str_eq(compile_error("a.c"), "column 1: unknown field 'a.c'");
	ck_assert_str_eq(
	    compile_error("foo(1)"),
	    "column 1: unknown function 'foo' (known: abs, min, max, "
	    "years_since, months_since, days_since)");
	ck_assert_str_eq(
	    compile_error("1 + foo (2)"),
	    "column 5: unknown function 'foo' (known: abs, min, max, "
	    "years_since, months_since, days_since)");
	ck_assert_str_eq(
	    compile_error("ABS(1)"),
	    "column 1: unknown function 'ABS' (known: abs, min, max, "
	    "years_since, months_since, days_since)");
	/* A field name followed by '(' is taken as a call. */
	ck_assert_str_eq(
	    compile_error("turnover(1)"),
	    "column 1: unknown function 'turnover' (known: abs, min, "
	    "max, years_since, months_since, days_since)");
}
END_TEST

START_TEST(test_syntax_errors)
{
	char longnum[80];

	ck_assert_str_eq(compile_error(""), "column 1: formula ends too early");
	ck_assert_str_eq(compile_error("   "),
			 "column 4: formula ends too early");
	ck_assert_str_eq(compile_error("1 +"),
			 "column 4: formula ends too early");
	ck_assert_str_eq(compile_error("2 * (3 -"),
			 "column 9: formula ends too early");
	ck_assert_str_eq(compile_error("1 # 2"), "column 3: unexpected '#'");
	ck_assert_str_eq(compile_error("1 + * 2"), "column 5: unexpected '*'");
	ck_assert_str_eq(compile_error("turnover 2"),
			 "column 10: unexpected '2'");
	ck_assert_str_eq(compile_error("1 + 2)"), "column 6: unexpected ')'");
	ck_assert_str_eq(compile_error("$5"), "column 1: unexpected '$'");
	ck_assert_str_eq(compile_error("1 % 2"), "column 3: unexpected '%'");
	ck_assert_str_eq(compile_error("1\n+ 2"), "column 2: unexpected '\n'");
	ck_assert_str_eq(compile_error("2 ^ 3"), "column 3: unexpected '^'");
	ck_assert_str_eq(compile_error("(1 + 2"),
			 "column 7: expected ')' at the end");
	ck_assert_str_eq(compile_error("((1 + 2) * 3"),
			 "column 13: expected ')' at the end");
	ck_assert_str_eq(compile_error("(1 + 2 3"), "column 8: expected ')'");
	ck_assert_str_eq(compile_error("min(1)"), "column 6: expected ','");
	ck_assert_str_eq(compile_error("min(1"),
			 "column 6: expected ',' at the end");
	ck_assert_str_eq(compile_error("max(1, 2, 3)"),
			 "column 9: expected ')'");
	ck_assert_str_eq(compile_error("abs(1, 2)"), "column 6: expected ')'");
	ck_assert_str_eq(compile_error("abs()"), "column 5: unexpected ')'");
	ck_assert_str_eq(compile_error("abs(2"),
			 "column 6: expected ')' at the end");
	/* Numbers. */
	ck_assert_str_eq(compile_error("1.2.3"),
			 "column 1: '1.2.3' is not a number");
	ck_assert_str_eq(compile_error("4 + ."),
			 "column 5: '.' is not a number");
	ck_assert_str_eq(compile_error("1e400"),
			 "column 1: '1e400' is not a number");
	ck_assert_str_eq(compile_error("2 * 1e"), "column 6: unexpected 'e'");
	ck_assert_str_eq(compile_error("1e+"), "column 2: unexpected 'e'");
	memset(longnum, '1', 64);
	longnum[64] = '\0';
	ck_assert_str_eq(
	    compile_error(longnum),
	    "column 1: number '1111111111111111111111111111111111111111"
	    "111111111111111111111111' is too long");
	longnum[63] = '\0';
	ck_assert_str_eq(compile_error(longnum), "ok");
}
END_TEST

START_TEST(test_type_errors)
{
	ck_assert_str_eq(compile_error("registered * 2"),
			 "column 1: field 'registered' is not a number (use "
			 "years_since() for dates)");
	/* The hint about dates only where the field is a date. */
	ck_assert_str_eq(compile_error("1 + name"),
			 "column 5: field 'name' is not a number");
	ck_assert_str_eq(compile_error("grade"),
			 "column 1: field 'grade' is not a number");
	ck_assert_str_eq(compile_error("-tags"),
			 "column 2: field 'tags' is not a number");
	ck_assert_str_eq(compile_error("kind"),
			 "column 1: field 'kind' is not a number");
	ck_assert_str_eq(compile_error("years_since(turnover)"),
			 "column 13: 'turnover' is not a date field");
	ck_assert_str_eq(compile_error("days_since(name)"),
			 "column 12: 'name' is not a date field");
	ck_assert_str_eq(compile_error("months_since(nope)"),
			 "column 14: unknown field 'nope'");
	ck_assert_str_eq(
	    compile_error("years_since(1)"),
	    "column 13: years_since() takes the name of a date field");
	ck_assert_str_eq(
	    compile_error("years_since()"),
	    "column 13: years_since() takes the name of a date field");
	ck_assert_str_eq(
	    compile_error("days_since( -registered)"),
	    "column 13: days_since() takes the name of a date field");
	ck_assert_str_eq(compile_error("years_since(registered"),
			 "column 23: expected ')' at the end");
	ck_assert_str_eq(compile_error("months_since(registered + 1)"),
			 "column 25: expected ')'");
	/* Booleans, numbers, money, percent and integers are numbers. */
	ck_assert_str_eq(compile_error("flag + turnover + pct + a.b + _x"),
			 "ok");
	ck_assert_str_eq(compile_error("days_since( registered\t)"), "ok");
}
END_TEST

START_TEST(test_too_deep)
{
	char s[200];
	size_t n;

	/* 31 parentheses fit; the 32nd is refused where its formula starts. */
	for (n = 0; n < 31; n++)
		s[n] = '(';
	s[n++] = '1';
	memset(s + n, ')', 31);
	s[n + 31] = '\0';
	ck_assert_str_eq(compile_error(s), "ok");
	for (n = 0; n < 32; n++)
		s[n] = '(';
	s[n++] = '1';
	memset(s + n, ')', 32);
	s[n + 32] = '\0';
	ck_assert_str_eq(compile_error(s),
			 "column 33: formula nested too deeply");
	/* Unary signs nest too: 62 fit, 63 do not. */
	memset(s, '-', 62);
	memcpy(s + 62, "1", 2);
	ck_assert_str_eq(compile_error(s), "ok");
	memset(s, '-', 63);
	memcpy(s + 63, "1", 2);
	ck_assert_str_eq(compile_error(s),
			 "column 64: formula nested too deeply");
	memset(s, '+', 150);
	memcpy(s + 150, "1", 2);
	ck_assert_str_eq(compile_error(s),
			 "column 64: formula nested too deeply");
}
END_TEST

START_TEST(test_error_buffer)
{
	char small[12];

	memset(small, 'Z', sizeof small);
	ck_assert_ptr_null(expr_compile("1 +", lookup, &lookups, small, 10));
	ck_assert_str_eq(small, "column 4:");
	ck_assert_int_eq(small[10], 'Z');
	/* Only the first problem is reported. */
	ck_assert_str_eq(compile_error("nope + (1"),
			 "column 1: unknown field 'nope'");
	expr_free(NULL);
}
END_TEST

START_TEST(test_arithmetic)
{
	ck_assert_double_eq(eval("1 + 2 * 3"), 7);
	ck_assert_double_eq(eval("(1 + 2) * 3"), 9);
	ck_assert_double_eq(eval("10 - 4 - 3"), 3);
	ck_assert_double_eq(eval("100 / 10 / 5"), 2);
	ck_assert_double_eq(eval("2 * 3 + 4 * 5"), 26);
	ck_assert_double_eq(eval("2 + 3 * 4 - 6 / 2"), 11);
	ck_assert_double_eq(eval("7"), 7);
	ck_assert_double_eq(eval("\t 7 \t"), 7);
	ck_assert_double_eq(eval("1e3 + .5"), 1000.5);
	ck_assert_double_eq(eval("2.5E-1"), 0.25);
	ck_assert_double_eq(eval("5."), 5);
	/* Unary minus binds tighter than * and /. */
	ck_assert_double_eq(eval("2 * -3"), -6);
	ck_assert_double_eq(eval("-2 * 3"), -6);
	ck_assert_double_eq(eval("-(1 - 4)"), 3);
	ck_assert_double_eq(eval("- - 5"), 5);
	ck_assert_double_eq(eval("+5"), 5);
	ck_assert_double_eq(eval("-+-5"), 5);
	ck_assert_double_eq(eval("3 - -2"), 5);
	ck_assert_double_eq(eval("-turnover / 100"), -20);
	/* Functions. */
	ck_assert_double_eq(eval("abs(-7.5)"), 7.5);
	ck_assert_double_eq(eval("abs(7.5)"), 7.5);
	ck_assert_double_eq(eval("abs(2 - 10) * 2"), 16);
	ck_assert_double_eq(eval("min(3, -2)"), -2);
	ck_assert_double_eq(eval("min(-2, 3)"), -2);
	ck_assert_double_eq(eval("max(3, -2)"), 3);
	ck_assert_double_eq(eval("max(-2, 3)"), 3);
	ck_assert_double_eq(eval("max(1, min(5, 4)) * 2"), 8);
	ck_assert_double_eq(eval("min( 1 + 1 , 3 )"), 2);
	/* Fields. */
	ck_assert_double_eq(eval("surplus / turnover * 100"), 25);
	ck_assert_double_eq(eval("flag * 10"), 10);
	ck_assert_double_eq(eval("a.b + _x"), -3.75);
	ck_assert_double_eq(eval("pct / 100"), 0.45);
	ck_assert_double_eq(
	    eval("max(turnover, surplus) - min(turnover, surplus)"), 1500);
	vals[4].num = 0;
	ck_assert_double_eq(eval("flag * 10"), 0);
}
END_TEST

/* Decimals add, subtract, multiply and divide exactly where the result is
 * a decimal that fits; nothing is rounded to a number of digits (issue 9:
 * 1000000000001 was rounded to 1000000000000). */
START_TEST(test_exact)
{
	value out;
	expr *e;
	int f = -99;
	char buf[DEC_BUFSIZE];

	ck_assert_double_eq(eval("110000 / 100000 * 100"), 110);
	ck_assert_double_eq(eval("0.1 + 0.2"), 0.3);
	ck_assert_double_eq(eval("1 - 0.9"), 0.1);
	ck_assert_double_eq(eval("3 * 1.1"), 3.3);
	ck_assert_double_eq(eval("1000.30 - 1000.10 - 0.20"), 0);
	ck_assert_double_eq(eval("1000000000000 + 1"), 1000000000001);
	ck_assert(eval("1000000000000 + 1") != 1000000000000);
	ck_assert_double_eq(eval("9007199254740991 - 1"), 9007199254740990);
	ck_assert_double_eq(eval("1234567890.12 + 0.005"), 1234567890.125);
	ck_assert_double_eq(eval("2000000101.50 - 2000000000"), 101.5);
	/* not a decimal: binary floating point, unrounded */
	ck_assert_double_eq(eval("1 / 3"), 1.0 / 3);
	ck_assert_double_eq(eval("-2 / 3"), -2.0 / 3);
	ck_assert_double_eq(eval("1e15 / 7"), 1e15 / 7);
	ck_assert_double_eq_tol(eval("1e-30 * 3"), 3e-30, 1e-44);
	ck_assert_double_eq(eval("0 * 5"), 0);
	ck_assert_double_eq(eval("-(0 * 5)"), 0);

	e = compile("1000.30 - 1000.10 - 0.20 + min(0.05, 0.5) * 2");
	ck_assert_int_eq(expr_eval_value(e, vals, today, &out, &f), EXPR_OK);
	ck_assert(out.dec.ok);
	ck_assert_str_eq(dec_format(out.dec, buf), "0.1");
	expr_free(e);
	e = compile("1 / 8 - 1 / 3");
	ck_assert_int_eq(expr_eval_value(e, vals, today, &out, &f), EXPR_OK);
	ck_assert(!out.dec.ok);
	expr_free(e);
}
END_TEST

START_TEST(test_dates)
{
	double reg = (double)days_from_civil(2015, 6, 30);

	today = days_from_civil(2022, 6, 29);
	ck_assert_double_eq(eval("years_since(registered)"), 6);
	ck_assert_double_eq(eval("months_since(registered)"), 83);
	ck_assert_double_eq(eval("days_since(registered)"),
			    (double)today - reg);
	ck_assert_double_eq(eval("days_since(registered)"), 2556);
	today = days_from_civil(2022, 6, 30);
	ck_assert_double_eq(eval("years_since(registered)"), 7);
	ck_assert_double_eq(eval("months_since(registered)"), 84);
	ck_assert_double_eq(eval("years_since(registered) * 12 + 1"), 85);
	/* A date in the future gives negative ages. */
	today = days_from_civil(2015, 6, 29);
	ck_assert_double_eq(eval("days_since(registered)"), -1);
	ck_assert_double_eq(eval("years_since(registered)"), -1);
	ck_assert_double_eq(eval("months_since(registered)"), -1);
	today = days_from_civil(2012, 1, 1);
	ck_assert_double_eq(eval("years_since(registered)"), -4);
	today = (long)reg;
	ck_assert_double_eq(eval("days_since(registered)"), 0);
	ck_assert_double_eq(eval("months_since(registered)"), 0);
}
END_TEST

START_TEST(test_missing_and_undefined)
{
	int f;

	vals[1].kind = V_MISSING;
	ck_assert_int_eq(status("turnover + surplus", &f), EXPR_MISSING);
	ck_assert_int_eq(f, 1);
	ck_assert_int_eq(status("turnover", &f), EXPR_OK);
	ck_assert_int_eq(f, -99);
	vals[0].kind = V_MISSING;
	/* The first missing field the formula reads is named. */
	ck_assert_int_eq(status("surplus + turnover", &f), EXPR_MISSING);
	ck_assert_int_eq(f, 1);
	ck_assert_int_eq(status("turnover + surplus", &f), EXPR_MISSING);
	ck_assert_int_eq(f, 0);
	vals[2].kind = V_MISSING;
	ck_assert_int_eq(status("1 + years_since(registered)", &f),
			 EXPR_MISSING);
	ck_assert_int_eq(f, 2);
	ck_assert_int_eq(status("months_since(registered)", &f), EXPR_MISSING);
	ck_assert_int_eq(f, 2);
	ck_assert_int_eq(status("days_since(registered)", &f), EXPR_MISSING);
	ck_assert_int_eq(f, 2);
	vals[4].kind = V_MISSING;
	ck_assert_int_eq(status("flag", &f), EXPR_MISSING);
	ck_assert_int_eq(f, 4);

	/* Division by zero, and steps that are not finite, each named for
	 * what it is (issue 9: 1e200 * 1e200 was "division by zero"). */
	ck_assert_int_eq(status("1 / 0", &f), EXPR_DIV_ZERO);
	ck_assert_int_eq(f, -99);
	ck_assert_int_eq(status("0 / 0", &f), EXPR_DIV_ZERO);
	ck_assert_int_eq(status("a.b / (_x + 4)", &f), EXPR_DIV_ZERO);
	ck_assert_int_eq(status("1 / (0 * 5) + 2", &f), EXPR_DIV_ZERO);
	ck_assert_int_eq(status("1e308 * 10", &f), EXPR_OVERFLOW);
	ck_assert_int_eq(status("-1e308 * 10", &f), EXPR_OVERFLOW);
	ck_assert_int_eq(status("1 / 1e-308 / 1e-308", &f), EXPR_OVERFLOW);
	ck_assert_int_eq(status("0 / 5", &f), EXPR_OK);
	ck_assert_int_eq(status("1e308 * 10 / 1e308", &f), EXPR_OVERFLOW);
	ck_assert_int_eq(status("1e200 * 1e200", &f), EXPR_OVERFLOW);
	/* an overflow inside is not washed out by a later step */
	ck_assert_int_eq(status("1 / (1e200 * 1e200)", &f), EXPR_OVERFLOW);
	ck_assert_int_eq(status("min(1e200 * 1e200, 1)", &f), EXPR_OVERFLOW);
	ck_assert_int_eq(status("1e200 * 1e200 - 1e200 * 1e200", &f),
			 EXPR_OVERFLOW);
}
END_TEST

static int seen[16];
static size_t nseen;

static void
record_field(void *ctx, int field)
{
	ck_assert_ptr_eq(ctx, seen);
	ck_assert_uint_lt(nseen, 16);
	seen[nseen++] = field;
}

START_TEST(test_fields)
{
	expr *e = compile("turnover + years_since(registered) * turnover - 3");

	nseen = 0;
	expr_fields(e, record_field, seen);
	ck_assert_uint_eq(nseen, 3);
	ck_assert_int_eq(seen[0], 0);
	ck_assert_int_eq(seen[1], 2);
	ck_assert_int_eq(seen[2], 0);
	expr_free(e);

	e = compile("max(a.b, -abs(_x)) / 2");
	nseen = 0;
	expr_fields(e, record_field, seen);
	ck_assert_uint_eq(nseen, 2);
	ck_assert_int_eq(seen[0], 6);
	ck_assert_int_eq(seen[1], 7);
	expr_free(e);

	e = compile("(1 + 2) * -3");
	nseen = 0;
	expr_fields(e, record_field, seen);
	ck_assert_uint_eq(nseen, 0);
	expr_free(e);

	e = compile("days_since(registered) + months_since(registered)");
	nseen = 0;
	expr_fields(e, record_field, seen);
	ck_assert_uint_eq(nseen, 2);
	ck_assert_int_eq(seen[0], 2);
	ck_assert_int_eq(seen[1], 2);
	expr_free(e);
}
END_TEST

static Suite *
expr_suite(void)
{
	Suite *s = suite_create("expr");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_unknown_names);
	tcase_add_test(tc, test_syntax_errors);
	tcase_add_test(tc, test_type_errors);
	tcase_add_test(tc, test_too_deep);
	tcase_add_test(tc, test_error_buffer);
	tcase_add_test(tc, test_arithmetic);
	tcase_add_test(tc, test_exact);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_missing_and_undefined);
	tcase_add_test(tc, test_fields);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(expr_suite)
