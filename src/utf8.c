#include <stddef.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

static const struct {
	const char *name;
	encoding enc;
} encoding_names[] = {
	{ "utf-8", ENC_UTF8 },
	{ "utf8", ENC_UTF8 },
	{ "windows-1252", ENC_WINDOWS_1252 },
	{ "cp1252", ENC_WINDOWS_1252 },
	{ "iso-8859-1", ENC_ISO_8859_1 },
	{ "latin1", ENC_ISO_8859_1 },
};

/*
 * Windows-1252 differs from ISO-8859-1 only in 0x80-0x9F, where it has
 * printable characters instead of C1 controls.  The five bytes the code
 * page leaves undefined become U+FFFD rather than the C1 control that a
 * byte-for-byte mapping would give, so no invisible characters slip in.
 */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static const char replacement[] = "\xEF\xBF\xBD";

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
name_eq(const char *a, const char *b)
{
	while (*a && ascii_lower((unsigned char)*a) ==
			 ascii_lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

int
encoding_from_name(const char *name)
{
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < sizeof encoding_names / sizeof encoding_names[0]; i++)
		if (name_eq(name, encoding_names[i].name))
			return (int)encoding_names[i].enc;
	return -1;
}

const char *
encoding_name(encoding e)
{
	switch (e) {
	case ENC_UTF8:
		return "utf-8";
	case ENC_WINDOWS_1252:
		return "windows-1252";
	case ENC_ISO_8859_1:
		return "iso-8859-1";
	}
	return "unknown";
}

static int
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/*
 * Length of the well-formed sequence starting at p (n bytes available), or
 * 0 if there is none.  The second-byte ranges are those of RFC 3629's
 * table: they exclude overlong forms (E0 80-9F, F0 80-8F), surrogates
 * (ED A0-BF) and code points above U+10FFFF (F4 90-BF).
 */
static size_t
seq_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (n < need || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < need; i++)
		if (!is_cont(p[i]))
			return 0;
	return need;
}

size_t
utf8_seq_len(const char *s, size_t len)
{
	return seq_len((const unsigned char *)s, len);
}

size_t
utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		/* Most text is ASCII; skip it without the full check. */
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = seq_len(p + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

static void
add_cp(strbuf *out, unsigned cp)
{
	char b[3];

	/* Only code points below U+10000 arise from single-byte code pages. */
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		sb_add(out, b, 2);
	} else {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		sb_add(out, b, 3);
	}
}

void
utf8_from(encoding e, const char *s, size_t len, strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run;

	if (e == ENC_UTF8) {
		sb_add(out, s, len);
		return;
	}
	while (i < len) {
		/* Copy ASCII runs in one go: per-byte appends are slow. */
		for (run = i; run < len && p[run] < 0x80; run++)
			;
		if (run > i) {
			sb_add(out, s + i, run - i);
			i = run;
			continue;
		}
		if (e == ENC_WINDOWS_1252 && p[i] < 0xA0)
			add_cp(out, cp1252_high[p[i] - 0x80]);
		else
			add_cp(out, p[i]);
		i++;
	}
}

void
utf8_sanitize(const char *s, size_t len, strbuf *out)
{
	size_t i = 0, bad;

	while (i < len) {
		const char *nul;

		bad = i + utf8_invalid_at(s + i, len - i);
		/* A NUL byte is valid UTF-8 but ends a C string: it would
		 * cut the text short wherever it goes next. */
		nul = memchr(s + i, '\0', bad - i);
		if (nul)
			bad = (size_t)(nul - s);
		sb_add(out, s + i, bad - i);
		if (bad == len)
			break;
		sb_add(out, replacement, 3);
		i = bad + 1;
	}
}

char *
utf8_sanitized_copy(const char *s, size_t len)
{
	strbuf sb;
	char *copy;

	sb_init(&sb);
	utf8_sanitize(s, len, &sb);
	copy = sb_detach(&sb);
	sb_free(&sb); /* sb_detach leaves an empty buffer behind */
	return copy;
}
