#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "testutil.h"
#include "xalloc.h"

/*
 * The strict RFC 8259 syntax check that runs before cJSON.  Every document
 * is checked from an exact-size heap copy without a terminating NUL, so
 * AddressSanitizer catches any read past len.  Results read "ok" or
 * "OFFSET: message".
 */

static char result[256];

static const char *
check_n(const char *s, size_t len)
{
	char *copy = xmalloc(len ? len : 1);
	char msg[160];
	size_t at;

	memcpy(copy, s, len);
	memset(msg, 'Z', sizeof msg);
	msg[sizeof msg - 1] = '\0';
	at = json_check(copy, len, msg, sizeof msg);
	free(copy);
	if (at == JSON_VALID && msg[0] == 'Z')
		snprintf(result, sizeof result, "ok");
	else if (at > len)
		snprintf(result, sizeof result, "offset %zu past len %zu", at,
			 len);
	else
		snprintf(result, sizeof result, "%zu: %s", at, msg);
	return result;
}

static const char *
check(const char *s)
{
	return check_n(s, strlen(s));
}

/* n levels of "[" then n of "]", or of {"a": ... } */
static char *
nested(size_t n, int objects)
{
	const char *open = objects ? "{\"a\":" : "[";
	size_t olen = strlen(open), i;
	char *s = xmalloc(n * (olen + 1) + 2);
	char *p = s;

	for (i = 0; i < n; i++, p += olen)
		memcpy(p, open, olen);
	*p++ = '0';
	for (i = 0; i < n; i++)
		*p++ = objects ? '}' : ']';
	*p = '\0';
	return s;
}

START_TEST(test_valid_documents)
{
	ck_assert_str_eq(check("{}"), "ok");
	ck_assert_str_eq(check("[]"), "ok");
	ck_assert_str_eq(check("0"), "ok");
	ck_assert_str_eq(check("-0"), "ok");
	ck_assert_str_eq(check("12"), "ok");
	ck_assert_str_eq(check("-12.5"), "ok");
	ck_assert_str_eq(check("0.5"), "ok");
	ck_assert_str_eq(check("1e5"), "ok");
	ck_assert_str_eq(check("1E+5"), "ok");
	ck_assert_str_eq(check("-1.25e-10"), "ok");
	ck_assert_str_eq(check("0e0"), "ok");
	ck_assert_str_eq(check("1e400"),
			 "ok"); /* syntax only: range is later */
	ck_assert_str_eq(check("true"), "ok");
	ck_assert_str_eq(check("false"), "ok");
	ck_assert_str_eq(check("null"), "ok");
	ck_assert_str_eq(check("\"\""), "ok");
	ck_assert_str_eq(check("\"plain text\""), "ok");
	ck_assert_str_eq(check("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""), "ok");
	ck_assert_str_eq(check("\"\\u00e9\\u00C9\\uFFFF\\ud83d\\ude00\""),
			 "ok");
	/* Bytes from 0x7F up are the caller's business (UTF-8 check). */
	ck_assert_str_eq(check("\"caf\xC3\xA9 \x7F\""), "ok");
	ck_assert_str_eq(check("\"\xFF\""), "ok");
	ck_assert_str_eq(check("[1,2,3]"), "ok");
	ck_assert_str_eq(check("[[],{},[[]],\"\",0,true,false,null]"), "ok");
	ck_assert_str_eq(check("{\"a\":1,\"b\":[true,{\"c\":null}],\"\":\"\"}"),
			 "ok");
	/* White space is space, tab, LF and CR, anywhere between tokens. */
	ck_assert_str_eq(
	    check(" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" :\n\"x\" }\r\n "), "ok");
	ck_assert_str_eq(check("\n\n42\n"), "ok");
	/* Duplicate keys are syntax-valid; rules_parse reports them. */
	ck_assert_str_eq(check("{\"a\":1,\"a\":2}"), "ok");
}
END_TEST

START_TEST(test_empty_and_end_of_file)
{
	ck_assert_str_eq(check(""), "0: unexpected end of file");
	ck_assert_str_eq(check("   \n"), "4: unexpected end of file");
	ck_assert_str_eq(check("{"), "1: unexpected end of file");
	ck_assert_str_eq(check("["), "1: unexpected end of file");
	ck_assert_str_eq(check("[ "), "2: unexpected end of file");
	ck_assert_str_eq(check("[1, 2"), "5: unexpected end of file");
	ck_assert_str_eq(check("[1,"), "3: unexpected end of file");
	ck_assert_str_eq(check("{\"a\":1"), "6: unexpected end of file");
	ck_assert_str_eq(check("{\"a\":1,"), "7: unexpected end of file");
	ck_assert_str_eq(check("{\"a\""), "4: unexpected end of file");
	ck_assert_str_eq(check("{\"a\":"), "5: unexpected end of file");
	ck_assert_str_eq(check("{\"a\": "), "6: unexpected end of file");
	ck_assert_str_eq(check("[[[]]"), "5: unexpected end of file");
	/* Unterminated strings, also after a backslash. */
	ck_assert_str_eq(check("\"abc"),
			 "4: unexpected end of file inside a string");
	ck_assert_str_eq(check("\"abc\\"),
			 "5: unexpected end of file inside a string");
	ck_assert_str_eq(check("\"abc\\\""),
			 "6: unexpected end of file inside a string");
	ck_assert_str_eq(check("{\"ke"),
			 "4: unexpected end of file inside a string");
	ck_assert_str_eq(check("[\"a\", \"b"),
			 "8: unexpected end of file inside a string");
}
END_TEST

START_TEST(test_commas_and_colons)
{
	ck_assert_str_eq(check("[1,]"), "3: a trailing comma is not allowed");
	ck_assert_str_eq(check("[1, \n ]"),
			 "6: a trailing comma is not allowed");
	ck_assert_str_eq(check("{\"a\":1,}"),
			 "7: a trailing comma is not allowed");
	ck_assert_str_eq(check("{\"a\":1 , }"),
			 "9: a trailing comma is not allowed");
	ck_assert_str_eq(check("[[1],[2],]"),
			 "9: a trailing comma is not allowed");
	ck_assert_str_eq(
	    check("[,]"),
	    "1: expected a value (a string, number, object, array, "
	    "true, false or null)");
	ck_assert_str_eq(
	    check("[1,,2]"),
	    "3: expected a value (a string, number, object, array, "
	    "true, false or null)");
	ck_assert_str_eq(check("{,}"), "1: expected a key (a string)");
	ck_assert_str_eq(check("[1 2]"), "3: expected ',' or ']'");
	ck_assert_str_eq(check("[1}"), "2: expected ',' or ']'");
	ck_assert_str_eq(check("[\"a\" \"b\"]"), "5: expected ',' or ']'");
	ck_assert_str_eq(check("{\"a\":1 \"b\":2}"), "7: expected ',' or '}'");
	ck_assert_str_eq(check("{\"a\":1]"), "6: expected ',' or '}'");
	ck_assert_str_eq(check("{\"a\":1;\"b\":2}"), "6: expected ',' or '}'");
	ck_assert_str_eq(check("{\"a\" 1}"), "5: expected ':' after the key");
	ck_assert_str_eq(check("{\"a\"=1}"), "4: expected ':' after the key");
	ck_assert_str_eq(
	    check("{\"a\"::1}"),
	    "5: expected a value (a string, number, object, array, "
	    "true, false or null)");
	ck_assert_str_eq(check("{1:2}"), "1: expected a key (a string)");
	ck_assert_str_eq(check("{a:1}"), "1: expected a key (a string)");
	ck_assert_str_eq(check("{'a':1}"), "1: expected a key (a string)");
	ck_assert_str_eq(
	    check("{\"a\":}"),
	    "5: expected a value (a string, number, object, array, "
	    "true, false or null)");
}
END_TEST

START_TEST(test_numbers)
{
	ck_assert_str_eq(check("01"), "1: a number must not start with 0");
	ck_assert_str_eq(check("-01"), "2: a number must not start with 0");
	ck_assert_str_eq(check("[00]"), "2: a number must not start with 0");
	ck_assert_str_eq(check("1."),
			 "2: a digit must follow the decimal point");
	ck_assert_str_eq(check("[1.]"),
			 "3: a digit must follow the decimal point");
	ck_assert_str_eq(check("1.e5"),
			 "2: a digit must follow the decimal point");
	ck_assert_str_eq(check("-0."),
			 "3: a digit must follow the decimal point");
	ck_assert_str_eq(
	    check(".5"),
	    "0: expected a value (a string, number, object, array, "
	    "true, false or null)");
	ck_assert_str_eq(
	    check("+1"),
	    "0: expected a value (a string, number, object, array, "
	    "true, false or null)");
	ck_assert_str_eq(check("-"), "1: invalid number");
	ck_assert_str_eq(check("[-]"), "2: invalid number");
	ck_assert_str_eq(check("-a"), "1: invalid number");
	ck_assert_str_eq(check("- 1"), "1: invalid number");
	ck_assert_str_eq(check("1e"), "2: a digit must follow the exponent");
	ck_assert_str_eq(check("1E"), "2: a digit must follow the exponent");
	ck_assert_str_eq(check("1e+"), "3: a digit must follow the exponent");
	ck_assert_str_eq(check("1e-]"), "3: a digit must follow the exponent");
	ck_assert_str_eq(check("1.5e"), "4: a digit must follow the exponent");
	ck_assert_str_eq(check("[1e5x]"), "4: expected ',' or ']'");
	ck_assert_str_eq(check("1.2.3"),
			 "3: unexpected text after the end of the document");
	ck_assert_str_eq(check("0x10"),
			 "1: unexpected text after the end of the document");
	ck_assert_str_eq(
	    check("NaN"),
	    "0: expected a value (a string, number, object, array, "
	    "true, false or null)");
	ck_assert_str_eq(check("-Infinity"), "1: invalid number");
}
END_TEST

START_TEST(test_literals)
{
	const char *want = "expected a value (a string, number, object, array, "
			   "true, false or null)";
	char buf[128];

	snprintf(buf, sizeof buf, "0: %s", want);
	ck_assert_str_eq(check("tru"), buf);
	ck_assert_str_eq(check("nul"), buf);
	ck_assert_str_eq(check("fals"), buf);
	ck_assert_str_eq(check("True"), buf);
	ck_assert_str_eq(check("NULL"), buf);
	ck_assert_str_eq(check("trxe"), buf);
	ck_assert_str_eq(check("'a'"), buf);
	ck_assert_str_eq(check("\xC3\xA9"), buf);
	snprintf(buf, sizeof buf, "1: %s", want);
	ck_assert_str_eq(check("[nulL]"), buf);
	ck_assert_str_eq(check("[undefined]"), buf);
	ck_assert_str_eq(check("[truex]"), "5: expected ',' or ']'");
	ck_assert_str_eq(check("truefalse"),
			 "4: unexpected text after the end of the document");
}
END_TEST

START_TEST(test_escapes)
{
	ck_assert_str_eq(check("\"\\x\""), "2: invalid escape in a string");
	ck_assert_str_eq(check("\"ab\\'\""), "4: invalid escape in a string");
	ck_assert_str_eq(check("\"\\U0041\""), "2: invalid escape in a string");
	ck_assert_str_eq(check("\"\\0\""), "2: invalid escape in a string");
	ck_assert_str_eq(check("\"\\ \""), "2: invalid escape in a string");
	ck_assert_str_eq(check("\"\\u\""), "2: \\u needs four hex digits");
	ck_assert_str_eq(check("\"\\u1\""), "2: \\u needs four hex digits");
	ck_assert_str_eq(check("\"\\u12\""), "2: \\u needs four hex digits");
	ck_assert_str_eq(check("\"\\u123\""), "2: \\u needs four hex digits");
	ck_assert_str_eq(check("\"\\u12G4\""), "2: \\u needs four hex digits");
	ck_assert_str_eq(check("\"x\\u-123\""), "3: \\u needs four hex digits");
	/* Running out of input inside \u is the same problem. */
	ck_assert_str_eq(check("\"\\u12"), "2: \\u needs four hex digits");
	ck_assert_str_eq(check("\"\\u"), "2: \\u needs four hex digits");
	/* A fifth hex digit is ordinary text. */
	ck_assert_str_eq(check("\"\\u12345\""), "ok");
	ck_assert_str_eq(check("\"\\u1234"),
			 "7: unexpected end of file inside a string");
}
END_TEST

START_TEST(test_control_characters)
{
	/* Raw LF, CR and tab are white space between tokens but not text. */
	ck_assert_str_eq(
	    check("\"a\nb\""),
	    "2: control character 0x0A inside a string (write it as an "
	    "escape)");
	ck_assert_str_eq(
	    check("\"a\tb\""),
	    "2: control character 0x09 inside a string (write it as an "
	    "escape)");
	ck_assert_str_eq(
	    check("{\"k\r\":1}"),
	    "3: control character 0x0D inside a string (write it as an "
	    "escape)");
	/* Other control bytes inside strings are located exactly.  (The
	 * message is checked by prefix only: see the report on
	 * json_check's final override.) */
	ck_assert_int_eq(strncmp(check("\"a\x01"
				       "b\""),
				 "2: control character 0x01", 25),
			 0);
	ck_assert_int_eq(strncmp(check("[\"\x1F\"]"),
				 "2: control character 0x1F", 25),
			 0);
	ck_assert_int_eq(strncmp(check_n("\"a\0b\"", 5),
				 "2: control character 0x00", 25),
			 0);
	/* Between tokens, every control byte but the four blanks is named. */
	ck_assert_str_eq(check_n("\0{}", 3), "0: control character 0x00");
	ck_assert_str_eq(check_n("[1,\0 2]", 7), "3: control character 0x00");
	ck_assert_str_eq(check_n("[1\0]", 4), "2: control character 0x00");
	ck_assert_str_eq(check_n("[1 \0]", 5), "3: control character 0x00");
	ck_assert_str_eq(check_n("{\0\"a\":1}", 8),
			 "1: control character 0x00");
	ck_assert_str_eq(check_n("{\"a\"\0:1}", 8),
			 "4: control character 0x00");
	ck_assert_str_eq(check_n("{\"a\":\0"
				 "1}",
				 8),
			 "5: control character 0x00");
	ck_assert_str_eq(check_n("{}\0", 3), "2: control character 0x00");
	ck_assert_str_eq(check_n("{} \0", 4), "3: control character 0x00");
	ck_assert_str_eq(check("[1,\f2]"), "3: control character 0x0C");
	ck_assert_str_eq(check("\v[]"), "0: control character 0x0B");
	ck_assert_str_eq(check("[]\x1B"), "2: control character 0x1B");
	/* DEL is not a control character for JSON. */
	ck_assert_str_eq(check("[]\x7F"),
			 "2: unexpected text after the end of the document");
}
END_TEST

START_TEST(test_text_after_document)
{
	ck_assert_str_eq(check("{} {}"),
			 "3: unexpected text after the end of the document");
	ck_assert_str_eq(check("1 2"),
			 "2: unexpected text after the end of the document");
	ck_assert_str_eq(check("[]]"),
			 "2: unexpected text after the end of the document");
	ck_assert_str_eq(check("{}\n\n,"),
			 "4: unexpected text after the end of the document");
	ck_assert_str_eq(check("\"a\"\"b\""),
			 "3: unexpected text after the end of the document");
	ck_assert_str_eq(check("null x"),
			 "5: unexpected text after the end of the document");
}
END_TEST

START_TEST(test_nesting_limit)
{
	char *s;
	size_t i;

	ck_assert_int_eq(JSON_MAX_DEPTH, 512);
	s = nested(512, 0);
	ck_assert_str_eq(check(s), "ok");
	free(s);
	s = nested(512, 1);
	ck_assert_str_eq(check(s), "ok");
	free(s);
	/* The 513th opening bracket is the one refused. */
	s = nested(513, 0);
	ck_assert_str_eq(check(s), "512: nested more than 512 levels deep");
	free(s);
	s = nested(513, 1);
	ck_assert_str_eq(check(s), "2560: nested more than 512 levels deep");
	free(s);
	/* Depth is nesting, not the number of containers. */
	s = xmalloc(3 * 2000 + 3);
	s[0] = '[';
	for (i = 0; i < 2000; i++)
		memcpy(s + 1 + 3 * i, "[],", 3);
	memcpy(s + 1 + 3 * 2000 - 1, "]", 2);
	ck_assert_str_eq(check(s), "ok");
	free(s);
	/* Mixed arrays and objects count alike. */
	s = xmalloc(4 * 513 + 1);
	for (i = 0; i < 513; i++)
		memcpy(s + 4 * i, i % 2 ? "[   " : "{\"\":", 4);
	s[4 * 513] = '\0';
	ck_assert_str_eq(check(s), "2048: nested more than 512 levels deep");
	free(s);
}
END_TEST

START_TEST(test_message_buffer)
{
	char msg[16];

	memset(msg, 'Z', sizeof msg);
	ck_assert_uint_eq(json_check("[1,]", 4, msg, 10), 3);
	ck_assert_str_eq(msg, "a trailin");
	ck_assert_int_eq(msg[10], 'Z');
	memset(msg, 'Z', sizeof msg);
	ck_assert_uint_eq(json_check("\v", 1, msg, 8), 0);
	ck_assert_str_eq(msg, "control");
	ck_assert_int_eq(msg[8], 'Z');
	/* Success leaves msg alone. */
	memset(msg, 'Z', sizeof msg);
	ck_assert_uint_eq(json_check("[]", 2, msg, sizeof msg), JSON_VALID);
	ck_assert_int_eq(msg[0], 'Z');
	/* Only s[0..len) is read. */
	ck_assert_uint_eq(json_check("[1]xyz", 3, msg, sizeof msg), JSON_VALID);
	ck_assert_uint_eq(json_check("[1]xyz", 2, msg, sizeof msg), 2);
	ck_assert_str_eq(msg, "unexpected end ");
}
END_TEST

static Suite *
json_check_suite(void)
{
	Suite *s = suite_create("json_check");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_valid_documents);
	tcase_add_test(tc, test_empty_and_end_of_file);
	tcase_add_test(tc, test_commas_and_colons);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_literals);
	tcase_add_test(tc, test_escapes);
	tcase_add_test(tc, test_control_characters);
	tcase_add_test(tc, test_text_after_document);
	tcase_add_test(tc, test_nesting_limit);
	tcase_add_test(tc, test_message_buffer);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(json_check_suite)
