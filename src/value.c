#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "decnum_parse.h"
#include "textkey.h"
#include "value.h"
#include "xalloc.h"

/*
 * Longer numbers are refused rather than copied to the heap: no real
 * figure in a partner file needs 400 characters, and the copy strtod needs
 * can then live on the stack.
 */
#define MAX_NUMBER_BYTES 400

/* Error messages and rare number forms stay out of line, so that the
 * common path keeps its registers and needs no stack buffer (and so no
 * stack-protector check on every cell). */
#if defined(__GNUC__) || defined(__clang__)
#define COLD __attribute__((cold, noinline))
#define NOINLINE __attribute__((noinline))
#else
#define COLD
#define NOINLINE
#endif

/* How much of a bad cell an error message shows. */
#define ECHO_BYTES 40

/* 2^53: above it not every whole number has a double, so counts and
 * comparisons would silently go wrong. */
#define MAX_EXACT_INT 9007199254740992ULL

static const char *const type_names[] = { "string",  "integer", "number",
					  "money",   "percent", "boolean",
					  "ordinal", "enum",    "list",
					  "date" };

/* Powers of ten that a double holds exactly, for the fast conversion. */
static const double exact_pow10[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
				      1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
				      1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
				      1e18, 1e19, 1e20, 1e21, 1e22 };

int
field_type_from_name(const char *name)
{
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (strcmp(name, type_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
field_type_name(field_type t)
{
	if ((size_t)t < sizeof type_names / sizeof type_names[0])
		return type_names[t];
	return "unknown";
}

int
field_type_is_numeric(field_type t)
{
	return t == FT_INTEGER || t == FT_NUMBER || t == FT_MONEY ||
	       t == FT_PERCENT;
}

void
item_vec_free(item_vec *iv)
{
	if (!iv)
		return;
	free(iv->v);
	iv->v = NULL;
	iv->n = iv->cap = 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static size_t
skip_digits(const char *s, size_t len, size_t i)
{
	while (i < len && is_digit(s[i]))
		i++;
	return i;
}

/* Whether the whole of s[0..len) is [+-]digits[.digits][(e|E)[+-]digits]
 * with a digit before or after the point. */
static int
decimal_syntax(const char *s, size_t len)
{
	size_t i = 0, mark, ndig;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	mark = i;
	i = skip_digits(s, len, i);
	ndig = i - mark;
	if (i < len && s[i] == '.') {
		mark = ++i;
		i = skip_digits(s, len, i);
		ndig += i - mark;
	}
	if (ndig == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		mark = i;
		i = skip_digits(s, len, i);
		if (i == mark)
			return 0;
	}
	return i == len;
}

/*
 * Converts s[0..len), which has passed decimal_syntax.  Up to 15
 * significant digits and a power of ten up to 22 are exact in a double, so
 * one multiplication or division rounds exactly as strtod would (Clinger's
 * fast path); that covers nearly every cell and skips the copy.
 */
/* The program's locale is always "C", so strtod reads '.' and nothing
 * else; the syntax was checked by hand beforehand. */
static COLD int
convert_slow(const char *s, size_t len, double *v)
{
	char buf[MAX_NUMBER_BYTES + 1];
	char *end;

	memcpy(buf, s, len);
	buf[len] = '\0';
	*v = strtod(buf, &end);
	return end == buf + len ? 0 : -1;
}

static int
convert(const char *s, size_t len, double *out)
{
	uint64_t mant = 0;
	int ndig = 0, scale = 0, expo = 0, eneg = 0, neg = 0, e10;
	size_t i = 0;
	double v;

	if (len > MAX_NUMBER_BYTES)
		return -1;
	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	for (; i < len && is_digit(s[i]); i++) {
		if (mant == 0 && s[i] == '0')
			continue;
		if (++ndig > 15)
			goto slow;
		mant = mant * 10 + (uint64_t)(s[i] - '0');
	}
	if (i < len && s[i] == '.') {
		for (i++; i < len && is_digit(s[i]); i++) {
			scale++;
			if (mant == 0 && s[i] == '0')
				continue;
			if (++ndig > 15)
				goto slow;
			mant = mant * 10 + (uint64_t)(s[i] - '0');
		}
	}
	if (i < len) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < len; i++) {
			if (expo > 1000)
				goto slow;
			expo = expo * 10 + (s[i] - '0');
		}
	}
	e10 = (eneg ? -expo : expo) - scale;
	if (mant == 0)
		v = 0;
	else if (e10 >= 0 && e10 <= 22)
		v = (double)mant * exact_pow10[e10];
	else if (e10 < 0 && e10 >= -22)
		v = (double)mant / exact_pow10[-e10];
	else
		goto slow;
	if (neg)
		v = -v;
	goto done;
slow:
	if (convert_slow(s, len, &v) < 0)
		return -1;
done:
	if (!isfinite(v))
		return -1;
	/* "-0" is zero: never let a sign reach comparisons or output. */
	*out = v == 0 ? 0 : v;
	return 0;
}

/* The common cell, "4.5" or "-12000": at most 15 digits, an optional
 * fraction, no exponent.  Checks and converts in one pass; returns 1 when
 * it could, 0 to leave the cell to the general path. */
static int
quick_decimal(const char *s, size_t len, double *out, decnum *dec)
{
	uint64_t mant = 0;
	size_t i = 0, first;
	int neg = 0, scale = 0, point = 0;
	double v;

	/* Fifteen bytes hold at most fifteen digits: no count per digit. */
	if (len == 0 || len > 15)
		return 0;
	if (s[0] == '-' || s[0] == '+')
		neg = s[i++] == '-';
	first = i;
	for (; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';

		if (d < 10) {
			mant = mant * 10 + d;
			scale += point;
		} else if (s[i] == '.' && !point) {
			point = 1;
		} else {
			return 0;
		}
	}
	/* at least one digit: more bytes than the point */
	if (len - first == (size_t)point)
		return 0;
	v = scale ? (double)mant / exact_pow10[scale] : (double)mant;
	*out = neg && v != 0 ? -v : v;
	/* at most 15 digits: always fits */
	dec->mant = neg ? -(int64_t)mant : (int64_t)mant;
	dec->scale = (signed char)scale;
	dec->ok = 1;
	return 1;
}

int
parse_decimal_exact(const char *s, size_t len, double *out, decnum *dec)
{
	if (quick_decimal(s, len, out, dec))
		return 0;
	if (!decimal_syntax(s, len) || convert(s, len, out) < 0)
		return -1;
	*dec = dec_parse(s, len);
	return 0;
}

int
parse_decimal(const char *s, size_t len, double *out)
{
	decnum dec;

	return parse_decimal_exact(s, len, out, &dec);
}

/*
 * Copies up to ECHO_BYTES of s into buf (ECHO_BYTES + 4 bytes) for an
 * error message, ending on a character boundary and marking a cut with
 * "...".  Control bytes would garble a terminal or a CSV report, and a NUL
 * would end the message early, so they show as '?'.
 */
static void
echo(const char *s, size_t len, char *buf)
{
	size_t n = len, i;
	unsigned char c;

	if (len > ECHO_BYTES) {
		n = ECHO_BYTES;
		/* s[n] exists; back up while it continues a sequence. */
		while (n > ECHO_BYTES - 3 &&
		       ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		buf[i] = c < 0x20 || c == 0x7F ? '?' : (char)c;
	}
	if (n < len)
		memcpy(buf + n, "...", 4);
	else
		buf[n] = '\0';
}

/* Appends s to the NUL-terminated err, truncating on a character
 * boundary when errsz runs out. */
static void
err_add(char *err, size_t errsz, const char *s)
{
	size_t have = strlen(err), n = strlen(s);

	if (have + 1 >= errsz)
		return;
	if (n > errsz - have - 1) {
		n = errsz - have - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(err + have, s, n);
	err[have + n] = '\0';
}

/* Starts err with the quoted cell: "'12x' ". */
static COLD int
err_start(char *err, size_t errsz, const char *s, size_t len)
{
	char shown[ECHO_BYTES + 4];

	if (!err || errsz == 0)
		return -1;
	err[0] = '\0';
	echo(s, len, shown);
	err_add(err, errsz, "'");
	err_add(err, errsz, shown);
	err_add(err, errsz, "' ");
	return 0;
}

static COLD int
fail(char *err, size_t errsz, const char *s, size_t len, const char *what)
{
	if (err_start(err, errsz, s, len) == 0)
		err_add(err, errsz, what);
	return -1;
}

static int
parse_integer(const char *s, size_t len, double *out, decnum *dec, char *err,
	      size_t errsz)
{
	size_t i = 0, start;
	uint64_t v = 0;
	int neg = 0;

	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	start = i;
	i = skip_digits(s, len, i);
	if (i == start || i != len)
		return fail(err, errsz, s, len, "is not a whole number");
	while (start < len && s[start] == '0')
		start++;
	/* 2^53 has 16 digits; more can only be larger. */
	if (len - start > 16)
		return fail(err, errsz, s, len, "is too large a whole number");
	for (i = start; i < len; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	if (v > MAX_EXACT_INT)
		return fail(err, errsz, s, len, "is too large a whole number");
	*out = neg && v ? -(double)v : (double)v;
	dec->mant = neg ? -(int64_t)v : (int64_t)v;
	dec->scale = 0;
	dec->ok = 1;
	return 0;
}

/* Length of the currency symbol at s, or 0. */
static size_t
currency(const char *s, size_t len)
{
	if (len >= 1 && s[0] == '$')
		return 1;
	if (len >= 2 && memcmp(s, "\xC2\xA3", 2) == 0)
		return 2;
	if (len >= 3 && memcmp(s, "\xE2\x82\xAC", 3) == 0)
		return 3;
	return 0;
}

/*
 * Money as people type it in a spreadsheet.  Commas must group the whole
 * part in threes from the point leftwards, because "12,50" is a European
 * 12.50 or a typo, and reading it as 1250 would be a silent error.
 */
/* Money with more than 15 digits or 22 decimals, already checked: the
 * symbol, sign and commas are dropped so that convert sees a plain
 * number. */
static COLD int
money_slow(const char *s, size_t end, int neg, double *out)
{
	char buf[MAX_NUMBER_BYTES + 1];
	size_t i, n = 0;
	double v;

	for (i = 0; i < end; i++) {
		if (is_digit(s[i]) || s[i] == '.') {
			if (n == MAX_NUMBER_BYTES)
				return -1;
			buf[n++] = s[i];
		}
	}
	if (convert(buf, n, &v) < 0)
		return -1;
	*out = neg && v != 0 ? -v : v;
	return 0;
}

static int
parse_money(const char *s, size_t len, double *out, decnum *dec)
{
	size_t i = 0, end = len, sym, group = 0, digits = 0, scale = 0;
	int neg = 0, paren = 0, signed_ = 0, commas = 0;
	uint64_t mant = 0;
	double v;

	if (len >= 2 && s[0] == '(' && s[len - 1] == ')') {
		paren = 1;
		i = 1;
		end = len - 1;
	}
	/* A sign and a currency symbol, each at most once, in either order
	 * (a sign only outside parentheses); a space may follow the
	 * symbol. */
	if (!paren && i < end && (s[i] == '+' || s[i] == '-')) {
		neg = s[i++] == '-';
		signed_ = 1;
	}
	if ((sym = currency(s + i, end - i)) > 0) {
		i += sym;
		if (i < end && s[i] == ' ')
			i++;
		if (!signed_ && !paren && i < end &&
		    (s[i] == '+' || s[i] == '-'))
			neg = s[i++] == '-';
	}
	/* One pass checks the grouping and gathers the digits; mant is
	 * only used when there are at most 15 of them.  A comma must end a
	 * first group of one to three digits or a later group of three;
	 * any other stops the loop, and the check on i below fails. */
	for (; i < end; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';

		if (d < 10) {
			mant = mant * 10 + d;
			group++;
		} else if (s[i] == ',' && group >= 1 && group <= 3 &&
			   (!commas || group == 3)) {
			digits += group;
			group = 0;
			commas = 1;
		} else {
			break;
		}
	}
	if (commas && group != 3)
		return -1;
	digits += group;
	if (i < end && s[i] == '.') {
		for (i++; i < end && is_digit(s[i]); i++) {
			mant = mant * 10 + (uint64_t)(s[i] - '0');
			scale++;
		}
	}
	digits += scale;
	if (digits == 0 || i != end)
		return -1;
	/* Up to 18 digits fit the decimal exactly; mant holds them all. */
	if (digits <= 18 && scale <= DEC_MAX_SCALE) {
		dec->mant = neg || paren ? -(int64_t)mant : (int64_t)mant;
		dec->scale = (signed char)scale;
		dec->ok = 1;
	}
	/* Up to 15 digits and 22 decimals are exact in a double, so the
	 * digits gathered above convert with one operation (as convert's own
	 * fast path does). */
	if (digits <= 15 && scale <= 22) {
		v = scale ? (double)mant / exact_pow10[scale] : (double)mant;
		*out = (neg || paren) && v != 0 ? -v : v;
		return 0;
	}
	return money_slow(s, end, neg || paren, out);
}

static int
parse_percent(const char *s, size_t len, double *out, decnum *dec)
{
	size_t end = len;

	if (end > 0 && s[end - 1] == '%') {
		end--;
		while (end > 0 && is_blank(s[end - 1]))
			end--;
	}
	return parse_decimal_exact(s, end, out, dec);
}

/* Whether s[0..len) equals the NUL-terminated word, optionally ignoring
 * ASCII case.  Stops at the word's NUL, so a cell holding a NUL byte never
 * matches and the word is never read past its end. */
static int
word_eq(const char *word, const char *s, size_t len, int fold)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (word[i] == '\0')
			return 0;
		if (fold ? ascii_lower((unsigned char)word[i]) !=
			       ascii_lower((unsigned char)s[i]) :
			   word[i] != s[i])
			return 0;
	}
	return word[len] == '\0';
}

/* The cell, lower-cased, packed into one word (at most five letters:
 * "false"), so that a cell costs one switch rather than word by word
 * comparisons. */
static int
parse_boolean(const char *s, size_t len, double *out)
{
	uint64_t w = 0;
	size_t i;

	if (len == 1) {
		switch (s[0]) {
		case 'y':
		case 'Y':
		case '1':
			*out = 1;
			return 0;
		case 'n':
		case 'N':
		case '0':
			*out = 0;
			return 0;
		default:
			return -1;
		}
	}
	if (len > 5)
		return -1;
	/* The length leads, so that a NUL byte cannot pass for nothing.
	 * The longer words are all letters, and c | 0x20 equals a lowercase
	 * letter only when c is that letter in either case. */
	w = len;
	for (i = 0; i < len; i++)
		w = w << 8 | (uint64_t)((unsigned char)s[i] | 0x20);
#define W2(a, b) (((uint64_t)2 << 8 | (uint64_t)(a)) << 8 | (uint64_t)(b))
#define W3(a, b, c) \
	((((uint64_t)3 << 8 | (uint64_t)(a)) << 8 | (uint64_t)(b)) << 8 | \
	 (uint64_t)(c))
#define W4(a, b, c, d) \
	(((((uint64_t)4 << 8 | (uint64_t)(a)) << 8 | (uint64_t)(b)) << 8 | \
	  (uint64_t)(c)) \
	     << 8 | \
	 (uint64_t)(d))
#define W5(a, b, c, d, e) \
	((((((uint64_t)5 << 8 | (uint64_t)(a)) << 8 | (uint64_t)(b)) << 8 | \
	   (uint64_t)(c)) \
	      << 8 | \
	  (uint64_t)(d)) \
	     << 8 | \
	 (uint64_t)(e))
	switch (w) {
	case W3('y', 'e', 's'):
	case W4('t', 'r', 'u', 'e'):
		*out = 1;
		return 0;
	case W2('n', 'o'):
	case W5('f', 'a', 'l', 's', 'e'):
		*out = 0;
		return 0;
	default:
		return -1;
	}
#undef W2
#undef W3
#undef W4
#undef W5
}

/* An exact match wins over one by key (textkey.h: letter case and inner
 * blanks), so levels "a" and "A" can both exist and still be told apart. */
static int
parse_level(const type_spec *t, const char *s, size_t len, double *out)
{
	size_t i;

	for (i = 0; i < t->nlevels; i++) {
		/* Most levels differ at the first byte. */
		if (t->levels[i][0] == s[0] &&
		    word_eq(t->levels[i], s, len, 0)) {
			*out = (double)i;
			return 0;
		}
	}
	for (i = 0; i < t->nlevels; i++) {
		if (text_key_eq(t->levels[i], strlen(t->levels[i]), s, len)) {
			*out = (double)i;
			return 0;
		}
	}
	return -1;
}

static COLD int
level_fail(const type_spec *t, const char *s, size_t len, char *err,
	   size_t errsz)
{
	size_t i;

	if (err_start(err, errsz, s, len) < 0)
		return -1;
	if (t->nlevels == 0) {
		err_add(err, errsz, "is not an allowed value");
		return -1;
	}
	err_add(err, errsz, "is not one of ");
	for (i = 0; i < t->nlevels; i++) {
		if (i > 0)
			err_add(err, errsz, ", ");
		err_add(err, errsz, t->levels[i]);
	}
	return -1;
}

static COLD int
date_fail(const type_spec *t, const char *s, size_t len, char *err,
	  size_t errsz)
{
	if (err_start(err, errsz, s, len) == 0) {
		err_add(err, errsz, "is not a date in the form ");
		err_add(err, errsz,
			t->date_format ? t->date_format : "YYYY-MM-DD");
	}
	return -1;
}

/* Out of line: days is a local passed by address. */
static NOINLINE int
parse_date_value(const type_spec *t, const char *s, size_t len, value *out,
		 char *err, size_t errsz)
{
	long days;

	if (date_parse(t->date_format, s, len, &days) < 0)
		return date_fail(t, s, len, err, errsz);
	out->kind = V_DATE;
	out->num = (double)days;
	return 0;
}

/* Position of the first sep in s[from..len), or len. */
static size_t
find_sep(const char *s, size_t len, size_t from, const char *sep, size_t seplen)
{
	const char *p;

	while (from + seplen <= len) {
		p = memchr(s + from, sep[0], len - from);
		if (!p)
			break;
		from = (size_t)(p - s);
		if (from + seplen > len)
			break;
		if (memcmp(p, sep, seplen) == 0)
			return from;
		from++;
	}
	return len;
}

static void
add_item(item_vec *iv, const char *s, size_t len)
{
	while (len > 0 && is_blank(s[0])) {
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	if (len == 0)
		return;
	if (iv->n == iv->cap)
		iv->v = xgrow(iv->v, &iv->cap, iv->n + 1, sizeof *iv->v);
	iv->v[iv->n].s = s;
	iv->v[iv->n].len = len;
	iv->n++;
}

/* An empty separator would never advance, so it falls back to ";" like
 * a missing one. */
static void
split_list(const type_spec *t, const char *s, size_t len, item_vec *iv)
{
	const char *sep = t->separator && *t->separator ? t->separator : ";";
	size_t seplen = strlen(sep), start = 0, end;

	iv->n = 0;
	if (len == 0)
		return;
	for (;;) {
		end = find_sep(s, len, start, sep, seplen);
		add_item(iv, s + start, end - start);
		if (end == len)
			break;
		start = end + seplen;
	}
}

/* Where a parser writes its message: NULL when the caller wants none. */
typedef struct errdest {
	char *buf;
	size_t size;
} errdest;

#define EB(e) ((e) ? (e)->buf : NULL)
#define ES(e) ((e) ? (e)->size : 0)

/*
 * What every type does first: trims the blanks around the cell and sets
 * out to a missing value of that text.  Returns the trimmed
 * length and moves *s past the leading blanks.
 */
static inline size_t
start_value(const char **sp, size_t len, value *out)
{
	const char *s = *sp;

	/* Blanks around a cell are rare: one look at both ends first. */
	if (len > 0 &&
	    ((unsigned char)s[0] <= ' ' || (unsigned char)s[len - 1] <= ' ')) {
		while (len > 0 && is_blank(s[0])) {
			s++;
			len--;
		}
		while (len > 0 && is_blank(s[len - 1]))
			len--;
	}
	out->kind = V_MISSING;
	out->num = 0;
	out->dec.ok = 0;
	out->text = s;
	out->len = len;
	out->items = NULL;
	out->nitems = 0;
	*sp = s;
	return len;
}

/*
 * One parser per type, all with value_parse's arguments, so that
 * value_parse is a jump through a table and each type pays only for its
 * own work (a shared body would save and restore every register for the
 * sake of the largest type).
 */
typedef int parser(const type_spec *t, const char *s, size_t len, value *out,
		   item_vec *iv, const errdest *e);

/* The end of a parser of one number: the kind on success, else the
 * message what. */
static int
settle(int ok, const char *s, size_t len, value *out, const errdest *e,
       value_kind kind, const char *what)
{
	if (!ok)
		return fail(EB(e), ES(e), s, len, what);
	out->kind = kind;
	return 0;
}

static int
v_string(const type_spec *t, const char *s, size_t len, value *out,
	 item_vec *iv, const errdest *e)
{
	(void)t;
	(void)iv;
	(void)e;
	if (start_value(&s, len, out))
		out->kind = V_TEXT;
	return 0;
}

int
value_item_check(const type_spec *t, const char *s, size_t len, char *err,
		 size_t errsz)
{
	size_t i;
	long at;

	if (!t->items)
		return 0;
	for (i = 0; i < t->nitems; i++)
		if (text_key_eq(t->items[i], strlen(t->items[i]), s, len))
			return 0;
	if (err_start(err, errsz, s, len) < 0)
		return -1;
	at = text_key_suggest(s, len, (const char *const *)t->items, t->nitems);
	if (at >= 0) {
		err_add(err, errsz, "is not an allowed item (did you mean '");
		err_add(err, errsz, t->items[at]);
		err_add(err, errsz, "'?)");
		return -1;
	}
	err_add(err, errsz, "is not one of ");
	for (i = 0; i < t->nitems; i++) {
		if (i > 0)
			err_add(err, errsz, ", ");
		err_add(err, errsz, t->items[i]);
	}
	return -1;
}

static int
v_list(const type_spec *t, const char *s, size_t len, value *out, item_vec *iv,
       const errdest *e)
{
	size_t i;

	len = start_value(&s, len, out);
	split_list(t, s, len, iv);
	out->kind = V_LIST;
	out->items = iv->v;
	out->nitems = iv->n;
	if (t->items)
		for (i = 0; i < iv->n; i++)
			if (value_item_check(t, iv->v[i].s, iv->v[i].len, EB(e),
					     ES(e)) < 0)
				return -1;
	return 0;
}

static int
v_integer(const type_spec *t, const char *s, size_t len, value *out,
	  item_vec *iv, const errdest *e)
{
	(void)t;
	(void)iv;
	if (!(len = start_value(&s, len, out)))
		return 0;
	if (parse_integer(s, len, &out->num, &out->dec, EB(e), ES(e)) < 0)
		return -1;
	out->kind = V_NUMBER;
	return 0;
}

static int
v_number(const type_spec *t, const char *s, size_t len, value *out,
	 item_vec *iv, const errdest *e)
{
	(void)t;
	(void)iv;
	if (!(len = start_value(&s, len, out)))
		return 0;
	return settle(parse_decimal_exact(s, len, &out->num, &out->dec) == 0, s,
		      len, out, e, V_NUMBER, "is not a number");
}

static int
v_money(const type_spec *t, const char *s, size_t len, value *out, item_vec *iv,
	const errdest *e)
{
	(void)t;
	(void)iv;
	if (!(len = start_value(&s, len, out)))
		return 0;
	return settle(parse_money(s, len, &out->num, &out->dec) == 0, s, len,
		      out, e, V_NUMBER, "is not an amount of money");
}

/*
 * A fraction of one as a percentage: the decimal point moved two places
 * ("0.62" read as "0.62e2"), so that 0.62 is 62 exactly, as 0.62 * 100
 * in binary is not.  Returns 0 and sets *out, or -1.
 */
static int
parse_fraction(const char *s, size_t len, double *out, decnum *dec)
{
	if (parse_decimal_exact(s, len, out, dec) < 0)
		return -1;
	/* 0.62 is 62 exactly: scaled as a decimal, not in binary */
	*dec = dec_mul(*dec, dec_from_int(100));
	*out = dec->ok ? dec_to_double(*dec) : *out * 100;
	return 0;
}

static int
v_percent(const type_spec *t, const char *s, size_t len, value *out,
	  item_vec *iv, const errdest *e)
{
	int ok;

	(void)iv;
	if (!(len = start_value(&s, len, out)))
		return 0;
	/* "62%" says it is a percentage whatever the scale */
	if (t->fraction && s[len - 1] != '%')
		ok = parse_fraction(s, len, &out->num, &out->dec) == 0;
	else
		ok = parse_percent(s, len, &out->num, &out->dec) == 0;
	return settle(ok, s, len, out, e, V_NUMBER, "is not a percentage");
}

static int
v_boolean(const type_spec *t, const char *s, size_t len, value *out,
	  item_vec *iv, const errdest *e)
{
	(void)t;
	(void)iv;
	if (!(len = start_value(&s, len, out)))
		return 0;
	return settle(parse_boolean(s, len, &out->num) == 0, s, len, out, e,
		      V_BOOL, "is not yes or no");
}

static int
v_level(const type_spec *t, const char *s, size_t len, value *out, item_vec *iv,
	const errdest *e)
{
	(void)iv;
	if (!(len = start_value(&s, len, out)))
		return 0;
	if (parse_level(t, s, len, &out->num) < 0)
		return level_fail(t, s, len, EB(e), ES(e));
	out->kind = V_LEVEL;
	return 0;
}

static int
v_date(const type_spec *t, const char *s, size_t len, value *out, item_vec *iv,
       const errdest *e)
{
	(void)iv;
	if (!(len = start_value(&s, len, out)))
		return 0;
	return parse_date_value(t, s, len, out, EB(e), ES(e));
}

static parser *const parsers[] = {
	[FT_STRING] = v_string,   [FT_INTEGER] = v_integer,
	[FT_NUMBER] = v_number,   [FT_MONEY] = v_money,
	[FT_PERCENT] = v_percent, [FT_BOOLEAN] = v_boolean,
	[FT_ORDINAL] = v_level,   [FT_ENUM] = v_level,
	[FT_LIST] = v_list,       [FT_DATE] = v_date
};

int
value_parse(const type_spec *t, const char *cell, size_t len, value *out,
	    item_vec *iv, char *err, size_t errsz)
{
	errdest e;

	e.buf = err;
	e.size = errsz;
	if (err && errsz > 0)
		err[0] = '\0';
	if ((size_t)t->type < sizeof parsers / sizeof parsers[0])
		return parsers[t->type](t, cell, len, out, iv, err ? &e : NULL);
	len = start_value(&cell, len, out);
	return fail(err, errsz, cell, len, "has an unknown type");
}

int
value_parse_quiet(const type_spec *t, const char *cell, size_t len, value *out,
		  item_vec *iv)
{
	if ((size_t)t->type < sizeof parsers / sizeof parsers[0])
		return parsers[t->type](t, cell, len, out, iv, NULL);
	start_value(&cell, len, out);
	return -1;
}
