#ifndef PARTNERCHECK_DATE_H
#define PARTNERCHECK_DATE_H

#include <stddef.h>

/*
 * Calendar dates as a count of days since 1970-01-01 (proleptic Gregorian),
 * so differences and comparisons are plain integer arithmetic.
 */

/* Days since 1970-01-01 of a valid y-m-d; the caller validates first. */
long days_from_civil(int y, int m, int d);
/* The inverse: sets *y, *m, *d for days.  Days far outside any real date
 * (about 100,000 years either way) are clamped, not an error. */
void civil_from_days(long days, int *y, int *m, int *d);
/* Returns 1 when y-m-d exists (year 1..9999, leap years counted), else 0. */
int date_valid(int y, int m, int d);

/*
 * Checks a date format pattern.  Tokens: YYYY (4-digit year), MM/DD
 * (2-digit month/day), M/D (1 or 2 digits), MMMM (English month name, any
 * case), MMM (3-letter English month abbreviation, any case); any other
 * character must appear literally.  A pattern needs exactly one year, one
 * month and one day token.  Returns 0 if usable, else -1 with a reason
 * in err.
 */
int date_format_check(const char *fmt, char *err, size_t errsz);

/*
 * Parses s[0..len) with fmt (NULL means ISO "YYYY-MM-DD").  The whole of s
 * must match and the date must exist (no 31 April, 29 February only in leap
 * years).  Returns 0 and sets *days, or -1.
 */
int date_parse(const char *fmt, const char *s, size_t len, long *days);

/* Writes days as YYYY-MM-DD into buf (at least 11 bytes). */
void date_format_iso(long days, char *buf);

/* Writes days as the pattern fmt writes a date (the tokens of
 * date_format_check; month names in English, capitalised: "1 April
 * 2020", "Apr 1, 2020"), or as ISO when fmt is NULL, into buf[0..bufsz),
 * cut short and NUL-terminated if it does not fit.  Returns the length written.
 * Days outside the years 0000..9999 are clamped to them. */
size_t date_format_as(const char *fmt, long days, char *buf, size_t bufsz);

/* Whole years from `from` to `to` (both day counts), as a person's age is
 * counted: 2020-06-30 to 2022-06-29 is 1, to 2022-06-30 is 2.  It is the
 * largest n such that `from` moved on n years is not after `to`, so it is
 * negative whenever to < from: 2022-06-29 to 2022-06-28 is -1, and
 * 2022-06-30 to 2020-06-30 is -2.  Whole months likewise. */
long date_years_between(long from, long to);
long date_months_between(long from, long to);

#endif
