#include <iconv.h>
#include <string.h>

#include "strbuf.h"
#include "testutil.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * Every call gets an exact-size heap copy of its input, so that
 * AddressSanitizer reports any read past len.
 */
static size_t
invalid_at(const char *s, size_t len)
{
	char *copy = xmalloc(len);
	size_t r;

	memcpy(copy, s, len);
	r = utf8_invalid_at(copy, len);
	free(copy);
	return r;
}

#define INVALID_AT(lit) invalid_at(lit, sizeof lit - 1)

static const char *
from(strbuf *sb, encoding e, const char *s, size_t len)
{
	char *copy = xmalloc(len);

	memcpy(copy, s, len);
	sb_reset(sb);
	utf8_from(e, copy, len, sb);
	free(copy);
	return sb->buf;
}

static const char *
sanitize(strbuf *sb, const char *s, size_t len)
{
	char *copy = xmalloc(len);

	memcpy(copy, s, len);
	sb_reset(sb);
	utf8_sanitize(copy, len, sb);
	free(copy);
	return sb->buf;
}

START_TEST(test_encoding_names)
{
	ck_assert_int_eq(encoding_from_name("utf-8"), ENC_UTF8);
	ck_assert_int_eq(encoding_from_name("UTF-8"), ENC_UTF8);
	ck_assert_int_eq(encoding_from_name("utf8"), ENC_UTF8);
	ck_assert_int_eq(encoding_from_name("Utf8"), ENC_UTF8);
	ck_assert_int_eq(encoding_from_name("windows-1252"), ENC_WINDOWS_1252);
	ck_assert_int_eq(encoding_from_name("Windows-1252"), ENC_WINDOWS_1252);
	ck_assert_int_eq(encoding_from_name("cp1252"), ENC_WINDOWS_1252);
	ck_assert_int_eq(encoding_from_name("CP1252"), ENC_WINDOWS_1252);
	ck_assert_int_eq(encoding_from_name("iso-8859-1"), ENC_ISO_8859_1);
	ck_assert_int_eq(encoding_from_name("ISO-8859-1"), ENC_ISO_8859_1);
	ck_assert_int_eq(encoding_from_name("latin1"), ENC_ISO_8859_1);
	ck_assert_int_eq(encoding_from_name("LATIN1"), ENC_ISO_8859_1);

	ck_assert_int_eq(encoding_from_name(""), -1);
	ck_assert_int_eq(encoding_from_name(NULL), -1);
	ck_assert_int_eq(encoding_from_name("utf-16"), -1);
	ck_assert_int_eq(encoding_from_name("utf-8 "), -1);
	ck_assert_int_eq(encoding_from_name("utf"), -1);
	ck_assert_int_eq(encoding_from_name("latin"), -1);
	ck_assert_int_eq(encoding_from_name("latin12"), -1);
	ck_assert_int_eq(encoding_from_name("windows-1250"), -1);

	ck_assert_str_eq(encoding_name(ENC_UTF8), "utf-8");
	ck_assert_str_eq(encoding_name(ENC_WINDOWS_1252), "windows-1252");
	ck_assert_str_eq(encoding_name(ENC_ISO_8859_1), "iso-8859-1");
	/* The printed names read back as the same encoding. */
	ck_assert_int_eq(encoding_from_name(encoding_name(ENC_WINDOWS_1252)),
			 ENC_WINDOWS_1252);
	ck_assert_int_eq(encoding_from_name(encoding_name(ENC_ISO_8859_1)),
			 ENC_ISO_8859_1);
}
END_TEST

START_TEST(test_valid_utf8)
{
	ck_assert_uint_eq(invalid_at("", 0), 0);
	ck_assert_uint_eq(INVALID_AT("plain ascii"), 11);
	/* NUL is a valid character. */
	ck_assert_uint_eq(INVALID_AT("a\0b"), 3);
	ck_assert_uint_eq(INVALID_AT("\x7F"), 1);
	/* Boundaries of each sequence length. */
	ck_assert_uint_eq(INVALID_AT("\xC2\x80"), 2);         /* U+0080 */
	ck_assert_uint_eq(INVALID_AT("\xDF\xBF"), 2);         /* U+07FF */
	ck_assert_uint_eq(INVALID_AT("\xE0\xA0\x80"), 3);     /* U+0800 */
	ck_assert_uint_eq(INVALID_AT("\xED\x9F\xBF"), 3);     /* U+D7FF */
	ck_assert_uint_eq(INVALID_AT("\xEE\x80\x80"), 3);     /* U+E000 */
	ck_assert_uint_eq(INVALID_AT("\xEF\xBF\xBF"), 3);     /* U+FFFF */
	ck_assert_uint_eq(INVALID_AT("\xF0\x90\x80\x80"), 4); /* U+10000 */
	ck_assert_uint_eq(INVALID_AT("\xF4\x8F\xBF\xBF"), 4); /* U+10FFFF */
	ck_assert_uint_eq(INVALID_AT("\xF3\xBF\xBF\xBF"), 4);
	ck_assert_uint_eq(INVALID_AT("\xC2\xA3"
				     "1,250 \xE2\x82\xAC"),
			  11);
	ck_assert_uint_eq(INVALID_AT(
			      "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale"),
			  20);
}
END_TEST

START_TEST(test_invalid_utf8)
{
	/* Overlong forms. */
	ck_assert_uint_eq(INVALID_AT("ab\xC0\x80"), 2);
	ck_assert_uint_eq(INVALID_AT("\xC1\xBF"), 0);
	ck_assert_uint_eq(INVALID_AT("x\xE0\x80\x80"), 1);
	ck_assert_uint_eq(INVALID_AT("\xE0\x9F\xBF"), 0);
	ck_assert_uint_eq(INVALID_AT("\xF0\x8F\xBF\xBF"), 0);
	/* Surrogates. */
	ck_assert_uint_eq(INVALID_AT("ok\xED\xA0\x80"), 2);
	ck_assert_uint_eq(INVALID_AT("\xED\xBF\xBF"), 0);
	/* Above U+10FFFF. */
	ck_assert_uint_eq(INVALID_AT("\xF4\x90\x80\x80"), 0);
	ck_assert_uint_eq(INVALID_AT("\xF5\x80\x80\x80"), 0);
	ck_assert_uint_eq(INVALID_AT("\xF7\xBF\xBF\xBF"), 0);
	ck_assert_uint_eq(INVALID_AT("\xF8\x88\x80\x80\x80"), 0);
	ck_assert_uint_eq(INVALID_AT("a\xFE"), 1);
	ck_assert_uint_eq(INVALID_AT("ab\xFF"), 2);
	/* Lone continuation bytes. */
	ck_assert_uint_eq(INVALID_AT("\x80"), 0);
	ck_assert_uint_eq(INVALID_AT("abc\xBF"), 3);
	ck_assert_uint_eq(INVALID_AT("\xC2\xA3\xA3"), 2);
	/* Truncated sequences, at the end and before other bytes. */
	ck_assert_uint_eq(INVALID_AT("x\xC2"), 1);
	ck_assert_uint_eq(INVALID_AT("\xC2"
				     "A"),
			  0);
	ck_assert_uint_eq(INVALID_AT("12\xE2\x82"), 2);
	ck_assert_uint_eq(INVALID_AT("\xE2\x82"
				     "A"),
			  0);
	ck_assert_uint_eq(INVALID_AT("\xF0\x90\x80"), 0);
	ck_assert_uint_eq(INVALID_AT("\xF0\x90\x80"
				     "A"),
			  0);
	ck_assert_uint_eq(INVALID_AT("\xF0\x90"
				     "AB"),
			  0);
	/* Latin-1 text mistaken for UTF-8. */
	ck_assert_uint_eq(INVALID_AT("caf\xE9"), 3);
	ck_assert_uint_eq(INVALID_AT("caf\xE9 au lait"), 3);
	/* A valid sequence cut short by len, not by the data. */
	ck_assert_uint_eq(invalid_at("\xE2\x82\xAC", 2), 0);
	ck_assert_uint_eq(invalid_at("a\xF0\x90\x80\x80", 4), 1);
	/* The first problem is reported, not a later one. */
	ck_assert_uint_eq(INVALID_AT("\xE2\x82\xAC\x80\xC0"), 3);
}
END_TEST

START_TEST(test_every_two_byte_pair)
{
	/* Cross-check the lead/second byte rules against the RFC 3629
	 * table, written out independently here. */
	unsigned a, b;
	char s[4];
	size_t want, got;

	for (a = 0x80; a <= 0xFF; a++) {
		for (b = 0; b <= 0xFF; b++) {
			int ok;

			s[0] = (char)a;
			s[1] = (char)b;
			s[2] = (char)0x80;
			s[3] = (char)0x80;
			if (a >= 0xC2 && a <= 0xDF)
				ok = b >= 0x80 && b <= 0xBF;
			else if (a == 0xE0)
				ok = b >= 0xA0 && b <= 0xBF;
			else if (a == 0xED)
				ok = b >= 0x80 && b <= 0x9F;
			else if (a >= 0xE1 && a <= 0xEF)
				ok = b >= 0x80 && b <= 0xBF;
			else if (a == 0xF0)
				ok = b >= 0x90 && b <= 0xBF;
			else if (a == 0xF4)
				ok = b >= 0x80 && b <= 0x8F;
			else if (a >= 0xF1 && a <= 0xF3)
				ok = b >= 0x80 && b <= 0xBF;
			else
				ok = 0;
			/* Trailing 0x80 bytes complete 3- and 4-byte forms; a
			 * 2-byte form leaves one or two lone continuations. */
			want = !ok ? 0 : a <= 0xDF ? 2 : a <= 0xEF ? 3 : 4;
			got = utf8_invalid_at(s, 4);
			if (got != want)
				ck_abort_msg(
				    "bytes %02X %02X: invalid at %zu, want %zu",
				    a, b, got, want);
		}
	}
}
END_TEST

START_TEST(test_cp1252_named_bytes)
{
	strbuf sb;

	sb_init(&sb);
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\x92", 1),
			 "\xE2\x80\x99");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\x96", 1),
			 "\xE2\x80\x93");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\xED", 1), "\xC3\xAD");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\x81", 1),
			 "\xEF\xBF\xBD");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\x80", 1),
			 "\xE2\x82\xAC");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\x8D", 1),
			 "\xEF\xBF\xBD");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\x8F", 1),
			 "\xEF\xBF\xBD");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\x90", 1),
			 "\xEF\xBF\xBD");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\x9D", 1),
			 "\xEF\xBF\xBD");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\x9F", 1), "\xC5\xB8");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\xA3", 1), "\xC2\xA3");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "\xFF", 1), "\xC3\xBF");
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252,
			      "Smith\x92s \x93"
			      "Caf\xE9\x94 \x96 \x80"
			      "5",
			      19),
			 "Smith\xE2\x80\x99s \xE2\x80\x9C"
			 "Caf\xC3\xA9\xE2\x80\x9D "
			 "\xE2\x80\x93 \xE2\x82\xAC"
			 "5");
	ck_assert_uint_eq(sb.len, 30);
	/* NUL bytes pass through; the length counts them. */
	from(&sb, ENC_WINDOWS_1252, "a\0\xE9", 3);
	ck_assert_uint_eq(sb.len, 4);
	ck_assert_int_eq(memcmp(sb.buf, "a\0\xC3\xA9", 4), 0);
	ck_assert_str_eq(from(&sb, ENC_WINDOWS_1252, "", 0), "");
	sb_free(&sb);
}
END_TEST

START_TEST(test_cp1252_matches_iconv)
{
	iconv_t cd = iconv_open("UTF-8", "CP1252");
	strbuf sb;
	unsigned b;

	ck_assert_msg(cd != (iconv_t)-1, "iconv has no CP1252 to compare with");
	sb_init(&sb);
	for (b = 0; b <= 0xFF; b++) {
		char in[1], want[8], *ip = in, *op = want;
		size_t il = 1, ol = sizeof want;

		in[0] = (char)b;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			/* iconv refuses the code page's undefined bytes. */
			memcpy(want, "\xEF\xBF\xBD", 3);
			op = want + 3;
		}
		*op = '\0';
		from(&sb, ENC_WINDOWS_1252, in, 1);
		ck_assert_uint_eq(sb.len, (size_t)(op - want));
		if (memcmp(sb.buf, want, sb.len) != 0)
			ck_abort_msg(
			    "byte 0x%02X converts differently from iconv", b);
		ck_assert_uint_eq(utf8_invalid_at(sb.buf, sb.len), sb.len);
	}
	iconv_close(cd);
	sb_free(&sb);
}
END_TEST

START_TEST(test_latin1_every_byte)
{
	strbuf sb;
	unsigned b, cp;
	char in[1];
	const unsigned char *u;

	sb_init(&sb);
	for (b = 0; b <= 0xFF; b++) {
		in[0] = (char)b;
		from(&sb, ENC_ISO_8859_1, in, 1);
		u = (const unsigned char *)sb.buf;
		if (b < 0x80) {
			ck_assert_uint_eq(sb.len, 1);
			cp = u[0];
		} else {
			ck_assert_uint_eq(sb.len, 2);
			ck_assert_uint_eq(u[0] & 0xE0, 0xC0);
			ck_assert_uint_eq(u[1] & 0xC0, 0x80);
			cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
		}
		ck_assert_uint_eq(cp, b);
	}
	/* In Latin-1, 0x80-0x9F are C1 controls, not cp1252's characters. */
	ck_assert_str_eq(from(&sb, ENC_ISO_8859_1, "\x92\x96", 2),
			 "\xC2\x92\xC2\x96");
	ck_assert_str_eq(from(&sb, ENC_ISO_8859_1, "na\xEFve", 5),
			 "na\xC3\xAFve");
	sb_free(&sb);
}
END_TEST

START_TEST(test_utf8_copies_and_appends)
{
	strbuf sb;

	sb_init(&sb);
	/* UTF-8 input is copied as it is, even when ill-formed. */
	ck_assert_str_eq(from(&sb, ENC_UTF8,
			      "\xC3\xA9\xFF"
			      "a",
			      4),
			 "\xC3\xA9\xFF"
			 "a");
	ck_assert_uint_eq(sb.len, 4);
	/* utf8_from appends rather than replacing. */
	sb_reset(&sb);
	sb_adds(&sb, "x=");
	utf8_from(ENC_WINDOWS_1252, "\x80", 1, &sb);
	utf8_from(ENC_UTF8, "!", 1, &sb);
	ck_assert_str_eq(sb.buf, "x=\xE2\x82\xAC!");
	sb_free(&sb);
}
END_TEST

START_TEST(test_sanitize)
{
	strbuf sb;

	sb_init(&sb);
	ck_assert_str_eq(sanitize(&sb, "", 0), "");
	ck_assert_str_eq(sanitize(&sb, "caf\xC3\xA9", 5), "caf\xC3\xA9");
	ck_assert_str_eq(sanitize(&sb, "caf\xE9", 4), "caf\xEF\xBF\xBD");
	/* One replacement per ill-formed byte. */
	ck_assert_str_eq(sanitize(&sb,
				  "a\xC0\x80"
				  "b",
				  4),
			 "a\xEF\xBF\xBD\xEF\xBF\xBD"
			 "b");
	ck_assert_str_eq(sanitize(&sb, "\xED\xA0\x80", 3),
			 "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	ck_assert_str_eq(sanitize(&sb, "x\xE2\x82", 3),
			 "x\xEF\xBF\xBD\xEF\xBF\xBD");
	ck_assert_str_eq(sanitize(&sb, "\xE2\x82\xAC\x80\xE2\x82\xAC", 7),
			 "\xE2\x82\xAC\xEF\xBF\xBD\xE2\x82\xAC");
	ck_assert_str_eq(sanitize(&sb,
				  "\xF4\x90\x80\x80"
				  "z",
				  5),
			 "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
			 "z");
	ck_assert_uint_eq(utf8_invalid_at(sb.buf, sb.len), sb.len);
	/* NUL bytes too, alone or beside bad bytes. */
	ck_assert_str_eq(sanitize(&sb, "x\0y", 3), "x\xEF\xBF\xBDy");
	ck_assert_str_eq(sanitize(&sb, "\0\xFF\0", 3),
			 "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	/* Appends to what is there. */
	sb_reset(&sb);
	sb_adds(&sb, "> ");
	utf8_sanitize("\xFF", 1, &sb);
	ck_assert_str_eq(sb.buf, "> \xEF\xBF\xBD");
	sb_free(&sb);
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_encoding_names);
	tcase_add_test(tc, test_valid_utf8);
	tcase_add_test(tc, test_invalid_utf8);
	tcase_add_test(tc, test_every_two_byte_pair);
	tcase_add_test(tc, test_cp1252_named_bytes);
	tcase_add_test(tc, test_cp1252_matches_iconv);
	tcase_add_test(tc, test_latin1_every_byte);
	tcase_add_test(tc, test_utf8_copies_and_appends);
	tcase_add_test(tc, test_sanitize);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(utf8_suite)
