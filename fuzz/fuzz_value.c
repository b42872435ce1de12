/*
 * libFuzzer target for cell values (src/value.c, src/date.c, src/utf8.c).
 *
 * Input: byte 0 chooses the field type (modulo 10), byte 1 the variant
 * (bits 0-2 the list separator or date format, bit 3 the level set, bits
 * 4-5 the encoding for utf8_from); the rest is the cell.  The cell also
 * goes through parse_decimal, date_parse with every fixed format, the
 * UTF-8 functions, and, split at its first newline, date_format_check
 * (the part before) and date_parse with that format (the part after).
 */
#include <math.h>
#include <string.h>

#include "date.h"
#include "fuzz.h"
#include "strbuf.h"
#include "utf8.h"
#include "value.h"
#include "xalloc.h"

static const char *const separators[8] = { ";",  ",",  "|", " / ",
					   "; ", "\t", "",  ",," };

/* NULL is ISO YYYY-MM-DD. */
static const char *const date_formats[8] = { NULL,          "DD/MM/YYYY",
					     "D MMMM YYYY", "MMM D, YYYY",
					     "YYYY/M/D",    "DD.MM.YYYY",
					     "MM-DD-YYYY",  "D/M/YYYY" };

static char *qaf[] = { "D", "C", "B", "A" };
static char *status_levels[] = { "Up-to-date", "Recently registered",
				 "In default", "caf\xC3\xA9" };

static const encoding encodings[4] = { ENC_UTF8, ENC_WINDOWS_1252,
				       ENC_ISO_8859_1, ENC_WINDOWS_1252 };

/* Checks what value_parse promises of a value it accepted. */
static void
check_value(const type_spec *t, const char *cell, size_t len, const value *v)
{
	size_t i;

	FUZZ_ASSERT(v->text >= cell && v->text + v->len <= cell + len);
	switch (v->kind) {
	case V_MISSING:
		FUZZ_ASSERT(t->type != FT_LIST && v->len == 0);
		break;
	case V_NUMBER:
		FUZZ_ASSERT(field_type_is_numeric(t->type));
		FUZZ_ASSERT(isfinite(v->num));
		break;
	case V_BOOL:
		FUZZ_ASSERT(v->num == 0 || v->num == 1);
		break;
	case V_LEVEL:
		FUZZ_ASSERT(v->num >= 0 && v->num < (double)t->nlevels);
		break;
	case V_LIST:
		for (i = 0; i < v->nitems; i++) {
			FUZZ_ASSERT(v->items[i].len > 0);
			FUZZ_ASSERT(v->items[i].s >= cell &&
				    v->items[i].s + v->items[i].len <=
					cell + len);
		}
		break;
	case V_DATE: {
		char iso[11];
		long back;

		date_format_iso((long)v->num, iso);
		FUZZ_ASSERT(date_parse(NULL, iso, 10, &back) == 0);
		FUZZ_ASSERT(back == (long)v->num);
		break;
	}
	case V_TEXT:
		break;
	}
}

static void
fuzz_dates(const char *s, size_t len)
{
	char err[256], iso[11];
	const char *nl = memchr(s, '\n', len);
	char *fmt;
	long days, back;
	size_t i;
	int y, m, d;

	for (i = 0; i < sizeof date_formats / sizeof *date_formats; i++) {
		if (date_parse(date_formats[i], s, len, &days) < 0)
			continue;
		civil_from_days(days, &y, &m, &d);
		FUZZ_ASSERT(date_valid(y, m, d));
		FUZZ_ASSERT(days_from_civil(y, m, d) == days);
		date_format_iso(days, iso);
		FUZZ_ASSERT(strlen(iso) == 10);
		FUZZ_ASSERT(date_parse(NULL, iso, 10, &back) == 0);
		FUZZ_ASSERT(back == days);
		(void)date_years_between(days, 0);
		(void)date_months_between(0, days);
	}
	/* A format of the fuzzer's own: only a checked one may be used. */
	fmt = xstrndup(s, nl ? (size_t)(nl - s) : len);
	err[0] = '\0';
	if (date_format_check(fmt, err, sizeof err) == 0) {
		if (nl)
			(void)date_parse(fmt, nl + 1,
					 len - (size_t)(nl + 1 - s), &days);
		(void)date_parse(fmt, s, len, &days);
	} else {
		FUZZ_ASSERT(err[0] != '\0');
	}
	free(fmt);
}

static void
fuzz_utf8(encoding e, const char *s, size_t len)
{
	strbuf sb;
	size_t bad = utf8_invalid_at(s, len);

	FUZZ_ASSERT(bad <= len);
	/* The prefix before the first bad byte is valid on its own. */
	FUZZ_ASSERT(utf8_invalid_at(s, bad) == bad);
	sb_init(&sb);
	utf8_sanitize(s, len, &sb);
	FUZZ_ASSERT(utf8_invalid_at(sb.buf, sb.len) == sb.len);
	/* NUL bytes are replaced too: none is left, and text without bad
	 * bytes or NULs comes through unchanged. */
	FUZZ_ASSERT(!sb.len || !memchr(sb.buf, '\0', sb.len));
	if (bad == len && !(len && memchr(s, '\0', len)))
		FUZZ_ASSERT(sb.len == len && memcmp(sb.buf, s, len) == 0);
	sb_reset(&sb);
	utf8_from(e, s, len, &sb);
	if (e != ENC_UTF8)
		FUZZ_ASSERT(utf8_invalid_at(sb.buf, sb.len) == sb.len);
	else
		FUZZ_ASSERT(sb.len == len && memcmp(sb.buf, s, len) == 0);
	sb_free(&sb);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	type_spec t;
	item_vec iv = { NULL, 0, 0 };
	value v;
	char err[256], small[6];
	const char *cell;
	char *copy;
	size_t len;
	double num;
	int variant;

	if (size < 2)
		return 0;
	memset(&t, 0, sizeof t);
	t.type = (field_type)(data[0] % 10);
	variant = data[1];
	/* A copy of exactly the cell's size, so ASan catches any read past
	 * its end (value_parse promises never to make one). */
	len = size - 2;
	copy = xmalloc(len ? len : 1);
	memcpy(copy, data + 2, len);
	cell = copy;

	if (variant & 8) {
		t.levels = status_levels;
		t.nlevels = sizeof status_levels / sizeof *status_levels;
	} else {
		t.levels = qaf;
		t.nlevels = sizeof qaf / sizeof *qaf;
	}
	if (t.type == FT_LIST)
		t.separator = (char *)separators[variant & 7];
	if (t.type == FT_DATE)
		t.date_format = (char *)date_formats[variant & 7];
	FUZZ_ASSERT(field_type_from_name(field_type_name(t.type)) ==
		    (int)t.type);

	err[0] = '\0';
	if (value_parse(&t, cell, len, &v, &iv, err, sizeof err) == 0)
		check_value(&t, cell, len, &v);
	else
		FUZZ_ASSERT(err[0] != '\0');
	/* Again with the vector in use (it is reset, not appended to) and
	 * a message buffer too small for most messages. */
	if (value_parse(&t, cell, len, &v, &iv, small, sizeof small) == 0)
		check_value(&t, cell, len, &v);
	else
		FUZZ_ASSERT(strlen(small) < sizeof small);

	if (parse_decimal(cell, len, &num) == 0)
		FUZZ_ASSERT(isfinite(num));
	fuzz_dates(cell, len);
	fuzz_utf8(encodings[(variant >> 4) & 3], cell, len);

	item_vec_free(&iv);
	free(copy);
	return 0;
}
