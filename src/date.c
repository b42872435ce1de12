#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"

/*
 * Bounds on the day count civil_from_days accepts, so that the year always
 * fits an int even when a caller adds an offset to a garbage date: years
 * -99999 to 99999, well inside a 32-bit long.
 */
#define DAYS_MIN (-37243412L)
#define DAYS_MAX (35804721L)

/* 0000-01-01 and 9999-12-31: the range a four-digit year can print. */
#define ISO_MIN (-719528L)
#define ISO_MAX (2932896L)

enum tok {
	T_LITERAL,
	T_YYYY,
	T_MMMM,
	T_MMM,
	T_MM,
	T_M,
	T_DD,
	T_D
};

static const char *const month_names[12] = {
	"january", "february", "march",     "april",   "may",      "june",
	"july",    "august",   "september", "october", "november", "december"
};

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30,
						31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/*
 * Howard Hinnant's algorithm: shifting the year to start in March puts the
 * leap day last, so the day of the year is a linear formula of the month,
 * and 400-year eras repeat exactly.
 */
long
days_from_civil(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil.  Counts beyond the years -99999..99999
 * are clamped to them rather than overflowing. */
void
civil_from_days(long days, int *y, int *m, int *d)
{
	long z, era, doe, yoe, doy, mp, mm;

	if (days < DAYS_MIN)
		days = DAYS_MIN;
	if (days > DAYS_MAX)
		days = DAYS_MAX;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	mm = mp < 10 ? mp + 3 : mp - 9;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

/* Years are limited to 1..9999: every year token is four digits, and year
 * 0000 in a partner file is a placeholder, not a date. */
int
date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= month_days(y, m);
}

/*
 * Reads the token at fmt, returning its kind and storing its length.  A run
 * of one letter is read longest token first, so "MMMM" is one token, not
 * "MM" "MM", and "DDD" is "DD" then "D".  A Y that does not start YYYY is
 * a literal.  This runs for every cell of a date column, hence no string
 * comparisons.
 */
static enum tok
next_tok(const char *fmt, size_t *n)
{
	static const enum tok month[5] = { T_LITERAL, T_M, T_MM, T_MMM,
					   T_MMMM };
	char c = fmt[0];
	size_t run = 1;

	*n = 1;
	if (c != 'Y' && c != 'M' && c != 'D')
		return T_LITERAL;
	while (run < 4 && fmt[run] == c)
		run++;
	if (c == 'Y') {
		if (run < 4)
			return T_LITERAL;
		*n = 4;
		return T_YYYY;
	}
	if (c == 'M') {
		*n = run;
		return month[run];
	}
	if (run >= 2) {
		*n = 2;
		return T_DD;
	}
	return T_D;
}

static void set_err(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_err(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (!err || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

int
date_format_check(const char *fmt, char *err, size_t errsz)
{
	static const char *const what[3] = { "year", "month", "day" };
	static const char *const hint[3] = { "YYYY", "MM, M, MMM or MMMM",
					     "DD or D" };
	int count[3] = { 0, 0, 0 };
	const char *p;
	size_t n;
	int i;

	if (!fmt) {
		set_err(err, errsz, "date format is missing");
		return -1;
	}
	for (p = fmt; *p; p += n) {
		switch (next_tok(p, &n)) {
		case T_YYYY:
			count[0]++;
			break;
		case T_MMMM:
		case T_MMM:
		case T_MM:
		case T_M:
			count[1]++;
			break;
		case T_DD:
		case T_D:
			count[2]++;
			break;
		case T_LITERAL:
			break;
		}
	}
	for (i = 0; i < 3; i++) {
		if (count[i] > 1) {
			set_err(err, errsz,
				"date format '%s' has more than one %s", fmt,
				what[i]);
			return -1;
		}
	}
	for (i = 0; i < 3; i++) {
		if (count[i] == 0) {
			set_err(err, errsz, "date format '%s' has no %s (%s)",
				fmt, what[i], hint[i]);
			return -1;
		}
	}
	return 0;
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Reads exactly n digits at s (len available) into *v. */
static int
digits(const char *s, size_t len, size_t n, int *v)
{
	size_t i;

	if (len < n)
		return -1;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* Matches a month name (or its first three letters when abbrev) at s;
 * returns its length and sets *m, or returns 0. */
static size_t
month_name(const char *s, size_t len, int abbrev, int *m)
{
	size_t i, n;
	int k;

	for (k = 0; k < 12; k++) {
		n = abbrev ? 3 : strlen(month_names[k]);
		if (n > len)
			continue;
		for (i = 0; i < n; i++)
			if (lower((unsigned char)s[i]) != month_names[k][i])
				break;
		if (i == n) {
			*m = k + 1;
			return n;
		}
	}
	return 0;
}

struct ymd {
	int y, m, d;
};

/*
 * Matches fmt against s[0..len) from the start, both wholly.  M and D take
 * one or two digits; when the format puts them next to other digits
 * ("DMYYYY") only some choices work, so the two-digit reading is tried
 * first and the one-digit reading if the rest then fails.  A field may
 * appear once (-1 marks it unset), which also bounds the backtracking to
 * four paths.
 */
static int
match(const char *fmt, const char *s, size_t len, struct ymd *r)
{
	enum tok t;
	size_t n, used;
	int v, *field;
	struct ymd save;

	if (*fmt == '\0')
		return len == 0 ? 0 : -1;
	t = next_tok(fmt, &n);
	switch (t) {
	case T_LITERAL:
		if (len == 0 || *s != *fmt)
			return -1;
		return match(fmt + 1, s + 1, len - 1, r);
	case T_YYYY:
		if (r->y != -1 || digits(s, len, 4, &v) < 0)
			return -1;
		r->y = v;
		return match(fmt + n, s + 4, len - 4, r);
	case T_MMMM:
	case T_MMM:
		if (r->m != -1)
			return -1;
		used = month_name(s, len, t == T_MMM, &v);
		if (used == 0)
			return -1;
		r->m = v;
		return match(fmt + n, s + used, len - used, r);
	case T_MM:
	case T_DD:
		field = t == T_MM ? &r->m : &r->d;
		if (*field != -1 || digits(s, len, 2, &v) < 0)
			return -1;
		*field = v;
		return match(fmt + n, s + 2, len - 2, r);
	case T_M:
	case T_D:
		field = t == T_M ? &r->m : &r->d;
		if (*field != -1)
			return -1;
		save = *r;
		if (digits(s, len, 2, &v) == 0) {
			*field = v;
			if (match(fmt + n, s + 2, len - 2, r) == 0)
				return 0;
			*r = save;
		}
		if (digits(s, len, 1, &v) < 0)
			return -1;
		*field = v;
		return match(fmt + n, s + 1, len - 1, r);
	}
	return -1;
}

int
date_parse(const char *fmt, const char *s, size_t len, long *days)
{
	struct ymd r = { -1, -1, -1 };

	if (!fmt)
		fmt = "YYYY-MM-DD";
	if (match(fmt, s, len, &r) < 0 || r.y < 0 || r.m < 0 || r.d < 0)
		return -1;
	if (!date_valid(r.y, r.m, r.d))
		return -1;
	*days = days_from_civil(r.y, r.m, r.d);
	return 0;
}

/* Day counts outside 0000-01-01..9999-12-31 are clamped to those dates so
 * the text always fits the 11 bytes promised. */
void
date_format_iso(long days, char *buf)
{
	int y, m, d;

	if (days < ISO_MIN)
		days = ISO_MIN;
	if (days > ISO_MAX)
		days = ISO_MAX;
	civil_from_days(days, &y, &m, &d);
	/* Digit by digit: the clamp keeps every part in range, which
	 * snprintf's length checks cannot see at higher optimisation. */
	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10 % 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10 % 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

size_t
date_format_as(const char *fmt, long days, char *buf, size_t bufsz)
{
	char iso[16];
	int y, m, d;
	size_t n = 0, len;

	if (bufsz == 0)
		return 0;
	if (!fmt) {
		date_format_iso(days, iso);
		len = strlen(iso);
		if (len >= bufsz)
			len = bufsz - 1;
		memcpy(buf, iso, len);
		buf[len] = '\0';
		return len;
	}
	if (days < ISO_MIN)
		days = ISO_MIN;
	if (days > ISO_MAX)
		days = ISO_MAX;
	civil_from_days(days, &y, &m, &d);
	while (*fmt) {
		char part[16];
		enum tok t = next_tok(fmt, &len);

		switch (t) {
		case T_YYYY:
			snprintf(part, sizeof part, "%04d", y);
			break;
		case T_MMMM:
		case T_MMM:
			snprintf(part, sizeof part, "%.*s", t == T_MMM ? 3 : 9,
				 month_names[m - 1]);
			/* the names are stored for matching, in lower case */
			part[0] = (char)(part[0] - 'a' + 'A');
			break;
		case T_MM:
			snprintf(part, sizeof part, "%02d", m);
			break;
		case T_M:
			snprintf(part, sizeof part, "%d", m);
			break;
		case T_DD:
			snprintf(part, sizeof part, "%02d", d);
			break;
		case T_D:
			snprintf(part, sizeof part, "%d", d);
			break;
		default:
			part[0] = *fmt;
			part[1] = '\0';
			break;
		}
		fmt += len;
		for (len = 0; part[len] && n + 1 < bufsz; len++)
			buf[n++] = part[len];
	}
	buf[n] = '\0';
	return n;
}

/*
 * Whole months from `from` to `to`: the largest n such that `from` moved on
 * n months has come by `to`.  A month is complete once the day of the month
 * has come round again; a 29 February start counts its anniversary on
 * 1 March in common years, as an age does in the UK.  The same count holds
 * backwards, so a date in the future is a negative number of months even
 * when it is only a day away (never a "-0" that reads as "today").
 */
static long
months_forward(long from, long to)
{
	int fy, fm, fd, ty, tm, td;
	long months;

	civil_from_days(from, &fy, &fm, &fd);
	civil_from_days(to, &ty, &tm, &td);
	months = ((long)ty - fy) * 12 + (tm - fm);
	if (td < fd)
		months--;
	return months;
}

long
date_years_between(long from, long to)
{
	long m = months_forward(from, to);

	/* Whole months divided by twelve, rounded down (not towards zero):
	 * the same answer as comparing month and day, and consistent with
	 * date_months_between in both directions. */
	return m >= 0 ? m / 12 : -((-m + 11) / 12);
}

long
date_months_between(long from, long to)
{
	return months_forward(from, to);
}
