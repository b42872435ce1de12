#include <limits.h>
#include <string.h>

#include "date.h"
#include "testutil.h"
#include "xalloc.h"

/* Parses from an exact-size heap copy so that AddressSanitizer reports
 * any read past len. */
static int
parse_n(const char *fmt, const char *s, size_t len, long *days)
{
	char *copy = xmalloc(len);
	int r;

	memcpy(copy, s, len);
	r = date_parse(fmt, copy, len, days);
	free(copy);
	return r;
}

/* Days of a text date, or LONG_MIN when it does not parse. */
static long
parsed(const char *fmt, const char *s)
{
	long days = 12345;

	if (parse_n(fmt, s, strlen(s), &days) < 0)
		return LONG_MIN;
	return days;
}

static long
ymd(int y, int m, int d)
{
	return days_from_civil(y, m, d);
}

static const char *
iso(long days, char *buf)
{
	date_format_iso(days, buf);
	return buf;
}

static const char *
check_fmt(const char *fmt, char *err, size_t errsz)
{
	memset(err, 'Z', errsz);
	if (date_format_check(fmt, err, errsz) == 0)
		return "ok";
	return err;
}

START_TEST(test_known_day_counts)
{
	/* Values from the Unix epoch definition and Python's datetime. */
	ck_assert_int_eq(ymd(1970, 1, 1), 0);
	ck_assert_int_eq(ymd(1970, 1, 2), 1);
	ck_assert_int_eq(ymd(1969, 12, 31), -1);
	ck_assert_int_eq(ymd(1969, 1, 1), -365);
	ck_assert_int_eq(ymd(1972, 3, 1), 790);
	ck_assert_int_eq(ymd(2000, 1, 1), 10957);
	ck_assert_int_eq(ymd(2000, 2, 29), 11016);
	ck_assert_int_eq(ymd(2000, 3, 1), 11017);
	ck_assert_int_eq(ymd(1900, 1, 1), -25567);
	ck_assert_int_eq(ymd(1900, 2, 28), -25509);
	ck_assert_int_eq(ymd(1900, 3, 1), -25508);
	ck_assert_int_eq(ymd(2038, 1, 19), 24855);
	ck_assert_int_eq(ymd(2020, 2, 29), 18321);
	ck_assert_int_eq(ymd(1600, 3, 1), -135080);
	ck_assert_int_eq(ymd(1, 1, 1), -719162);
	ck_assert_int_eq(ymd(9999, 12, 31), 2932896);
}
END_TEST

START_TEST(test_every_day_round_trips)
{
	/* Walk every day from 0001-01-01 to 9999-12-31 with a plain
	 * successor function and check both conversions against it. */
	int y = 1, m = 1, d = 1, yy, mm, dd;
	long days = -719162;

	for (;;) {
		if (days_from_civil(y, m, d) != days)
			ck_abort_msg("days_from_civil(%d, %d, %d) != %ld", y, m,
				     d, days);
		civil_from_days(days, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			ck_abort_msg(
			    "civil_from_days(%ld) = %d-%d-%d, want %d-%d-%d",
			    days, yy, mm, dd, y, m, d);
		if (y == 9999 && m == 12 && d == 31)
			break;
		days++;
		if (date_valid(y, m, d + 1)) {
			d++;
		} else if (m < 12) {
			m++;
			d = 1;
		} else {
			y++;
			m = 1;
			d = 1;
		}
	}
	ck_assert_int_eq(days, 2932896);
}
END_TEST

START_TEST(test_civil_from_days_clamps)
{
	int y, m, d;

	civil_from_days(LONG_MAX, &y, &m, &d);
	ck_assert_int_eq(y, 99999);
	ck_assert_int_eq(m, 12);
	ck_assert_int_eq(d, 31);
	civil_from_days(LONG_MIN, &y, &m, &d);
	ck_assert_int_eq(y, -99999);
	ck_assert_int_eq(m, 1);
	ck_assert_int_eq(d, 1);
	civil_from_days(-25508, &y, &m, &d);
	ck_assert_int_eq(y, 1900);
	ck_assert_int_eq(m, 3);
	ck_assert_int_eq(d, 1);
}
END_TEST

START_TEST(test_date_valid)
{
	ck_assert_int_eq(date_valid(2020, 2, 29), 1);
	ck_assert_int_eq(date_valid(2019, 2, 29), 0);
	ck_assert_int_eq(date_valid(2019, 2, 28), 1);
	ck_assert_int_eq(date_valid(1900, 2, 29), 0);
	ck_assert_int_eq(date_valid(2000, 2, 29), 1);
	ck_assert_int_eq(date_valid(2100, 2, 29), 0);
	ck_assert_int_eq(date_valid(2400, 2, 29), 1);
	ck_assert_int_eq(date_valid(2020, 2, 30), 0);
	ck_assert_int_eq(date_valid(2021, 4, 31), 0);
	ck_assert_int_eq(date_valid(2021, 6, 31), 0);
	ck_assert_int_eq(date_valid(2021, 9, 31), 0);
	ck_assert_int_eq(date_valid(2021, 11, 31), 0);
	ck_assert_int_eq(date_valid(2021, 4, 30), 1);
	ck_assert_int_eq(date_valid(2021, 1, 31), 1);
	ck_assert_int_eq(date_valid(2021, 3, 31), 1);
	ck_assert_int_eq(date_valid(2021, 5, 31), 1);
	ck_assert_int_eq(date_valid(2021, 7, 31), 1);
	ck_assert_int_eq(date_valid(2021, 8, 31), 1);
	ck_assert_int_eq(date_valid(2021, 10, 31), 1);
	ck_assert_int_eq(date_valid(2021, 12, 31), 1);
	ck_assert_int_eq(date_valid(2021, 12, 32), 0);
	ck_assert_int_eq(date_valid(2021, 0, 1), 0);
	ck_assert_int_eq(date_valid(2021, 13, 1), 0);
	ck_assert_int_eq(date_valid(2021, 1, 0), 0);
	ck_assert_int_eq(date_valid(2021, -1, 1), 0);
	ck_assert_int_eq(date_valid(2021, 1, -1), 0);
	ck_assert_int_eq(date_valid(1, 1, 1), 1);
	ck_assert_int_eq(date_valid(9999, 12, 31), 1);
	ck_assert_int_eq(date_valid(0, 1, 1), 0);
	ck_assert_int_eq(date_valid(10000, 1, 1), 0);
}
END_TEST

START_TEST(test_format_check)
{
	char err[128];

	ck_assert_str_eq(check_fmt("YYYY-MM-DD", err, sizeof err), "ok");
	ck_assert_str_eq(check_fmt("DD/MM/YYYY", err, sizeof err), "ok");
	ck_assert_str_eq(check_fmt("D MMMM YYYY", err, sizeof err), "ok");
	ck_assert_str_eq(check_fmt("MMM D, YYYY", err, sizeof err), "ok");
	ck_assert_str_eq(check_fmt("YYYYMMDD", err, sizeof err), "ok");
	ck_assert_str_eq(check_fmt("D.M.YYYY", err, sizeof err), "ok");
	ck_assert_str_eq(check_fmt("YYYY-MM", err, sizeof err),
			 "date format 'YYYY-MM' has no day (DD or D)");
	ck_assert_str_eq(check_fmt("DD/MM", err, sizeof err),
			 "date format 'DD/MM' has no year (YYYY)");
	ck_assert_str_eq(check_fmt("DD/MM/YY", err, sizeof err),
			 "date format 'DD/MM/YY' has no year (YYYY)");
	ck_assert_str_eq(
	    check_fmt("YYYY-DD", err, sizeof err),
	    "date format 'YYYY-DD' has no month (MM, M, MMM or MMMM)");
	ck_assert_str_eq(check_fmt("", err, sizeof err),
			 "date format '' has no year (YYYY)");
	ck_assert_str_eq(check_fmt("YYYY-MM-DD-DD", err, sizeof err),
			 "date format 'YYYY-MM-DD-DD' has more than one day");
	ck_assert_str_eq(check_fmt("DDD/MM/YYYY", err, sizeof err),
			 "date format 'DDD/MM/YYYY' has more than one day");
	ck_assert_str_eq(
	    check_fmt("YYYY YYYY MM DD", err, sizeof err),
	    "date format 'YYYY YYYY MM DD' has more than one year");
	ck_assert_str_eq(
	    check_fmt("DD MMM MM YYYY", err, sizeof err),
	    "date format 'DD MMM MM YYYY' has more than one month");
	/* Long runs of a letter split into the longest tokens first. */
	ck_assert_str_eq(check_fmt("DD MMMMM YYYY", err, sizeof err),
			 "date format 'DD MMMMM YYYY' has more than one month");
	ck_assert_str_eq(check_fmt("YYY-MM-DD", err, sizeof err),
			 "date format 'YYY-MM-DD' has no year (YYYY)");
	ck_assert_str_eq(check_fmt("YYYYY-MM-DD", err, sizeof err), "ok");
	ck_assert_str_eq(check_fmt(NULL, err, sizeof err),
			 "date format is missing");
	/* A small buffer gets a truncated, terminated message. */
	memset(err, 'Z', sizeof err);
	ck_assert_int_eq(date_format_check("YYYY-MM", err, 10), -1);
	ck_assert_str_eq(err, "date form");
	ck_assert_int_eq(err[10], 'Z');
	/* No buffer at all is fine. */
	ck_assert_int_eq(date_format_check("YYYY", NULL, 0), -1);
	ck_assert_int_eq(date_format_check("YYYY-M-D", NULL, 0), 0);
}
END_TEST

START_TEST(test_parse_iso)
{
	long days = 7;

	ck_assert_int_eq(parsed(NULL, "2020-02-29"), 18321);
	ck_assert_int_eq(parsed(NULL, "1970-01-01"), 0);
	ck_assert_int_eq(parsed(NULL, "1969-12-31"), -1);
	ck_assert_int_eq(parsed(NULL, "1900-03-01"), -25508);
	ck_assert_int_eq(parsed(NULL, "2000-02-29"), 11016);
	ck_assert_int_eq(parsed(NULL, "0001-01-01"), -719162);
	ck_assert_int_eq(parsed(NULL, "9999-12-31"), 2932896);
	ck_assert_int_eq(parsed("YYYY-MM-DD", "2021-04-30"), ymd(2021, 4, 30));

	ck_assert_int_eq(parsed(NULL, "2019-02-29"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "1900-02-29"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2021-04-31"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020-13-01"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020-00-10"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020-01-00"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020-01-32"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "0000-01-01"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020-1-01"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020-01-1"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "20-01-01"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "+020-01-01"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020/01/01"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "20200101"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020-01-01 "), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, " 2020-01-01"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020-01-01T00:00"), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, ""), LONG_MIN);
	ck_assert_int_eq(parsed(NULL, "2020-0a-01"), LONG_MIN);
	/* Only len bytes count: a prefix of a valid date is not one. */
	ck_assert_int_eq(parse_n(NULL, "2020-01-01", 9, &days), -1);
	ck_assert_int_eq(parse_n(NULL,
				 "2020-01\0"
				 "01",
				 10, &days),
			 -1);
	ck_assert_int_eq(days, 7);
	ck_assert_int_eq(parse_n(NULL, "2020-01-01xyz", 10, &days), 0);
	ck_assert_int_eq(days, 18262);
}
END_TEST

START_TEST(test_parse_patterns)
{
	ck_assert_int_eq(parsed("DD/MM/YYYY", "13/12/2013"), ymd(2013, 12, 13));
	ck_assert_int_eq(parsed("DD/MM/YYYY", "01/02/2013"), ymd(2013, 2, 1));
	ck_assert_int_eq(parsed("DD/MM/YYYY", "1/02/2013"), LONG_MIN);
	ck_assert_int_eq(parsed("DD/MM/YYYY", "31/02/2020"), LONG_MIN);
	ck_assert_int_eq(parsed("DD/MM/YYYY", "12/13/2013"), LONG_MIN);
	ck_assert_int_eq(parsed("DD/MM/YYYY", "13-12-2013"), LONG_MIN);

	ck_assert_int_eq(parsed("D MMMM YYYY", "31 March 2019"),
			 ymd(2019, 3, 31));
	ck_assert_int_eq(parsed("D MMMM YYYY", "1 march 2019"),
			 ymd(2019, 3, 1));
	ck_assert_int_eq(parsed("D MMMM YYYY", "01 MARCH 2019"),
			 ymd(2019, 3, 1));
	ck_assert_int_eq(parsed("D MMMM YYYY", "29 February 2020"),
			 ymd(2020, 2, 29));
	ck_assert_int_eq(parsed("D MMMM YYYY", "29 February 2019"), LONG_MIN);
	ck_assert_int_eq(parsed("D MMMM YYYY", "31 September 2019"), LONG_MIN);
	ck_assert_int_eq(parsed("D MMMM YYYY", "31 Mar 2019"), LONG_MIN);
	ck_assert_int_eq(parsed("D MMMM YYYY", "31 Marchx 2019"), LONG_MIN);
	ck_assert_int_eq(parsed("D MMMM YYYY", "31  March 2019"), LONG_MIN);
	ck_assert_int_eq(parsed("D MMMM YYYY", "131 March 2019"), LONG_MIN);
	ck_assert_int_eq(parsed("D MMMM YYYY", "5 December 1999"),
			 ymd(1999, 12, 5));
	ck_assert_int_eq(parsed("D MMMM YYYY", "5 Mayo 1999"), LONG_MIN);

	ck_assert_int_eq(parsed("MMM D, YYYY", "Sep 5, 2021"), ymd(2021, 9, 5));
	ck_assert_int_eq(parsed("MMM D, YYYY", "sep 15, 2021"),
			 ymd(2021, 9, 15));
	ck_assert_int_eq(parsed("MMM D, YYYY", "JAN 1, 2021"), ymd(2021, 1, 1));
	ck_assert_int_eq(parsed("MMM D, YYYY", "Sept 5, 2021"), LONG_MIN);
	ck_assert_int_eq(parsed("MMM D, YYYY", "Sep 5 2021"), LONG_MIN);
	ck_assert_int_eq(parsed("MMM D, YYYY", "Se"), LONG_MIN);

	ck_assert_int_eq(parsed("D/M/YYYY", "5/6/2020"), ymd(2020, 6, 5));
	ck_assert_int_eq(parsed("D/M/YYYY", "05/06/2020"), ymd(2020, 6, 5));
	ck_assert_int_eq(parsed("D/M/YYYY", "15/12/2020"), ymd(2020, 12, 15));
	ck_assert_int_eq(parsed("D/M/YYYY", "/12/2020"), LONG_MIN);
	ck_assert_int_eq(parsed("D/M/YYYY", "5/123/2020"), LONG_MIN);
	ck_assert_int_eq(parsed("M/D/YYYY", "12/31/2020"), ymd(2020, 12, 31));

	ck_assert_int_eq(parsed("YYYYMMDD", "20200229"), ymd(2020, 2, 29));
	ck_assert_int_eq(parsed("YYYYMMDD", "2020229"), LONG_MIN);
	ck_assert_int_eq(parsed("YYYY.MM.DD.", "2020.02.29."),
			 ymd(2020, 2, 29));
	/* A Y beyond the four of the year token is a literal. */
	ck_assert_int_eq(parsed("YYYYY-MM-DD", "2020Y-02-29"),
			 ymd(2020, 2, 29));
	ck_assert_int_eq(parsed("YYYYY-MM-DD", "20202-02-29"), LONG_MIN);
	ck_assert_int_eq(parsed("Day D MMMM YYYY", "Day 9 May 2021"), LONG_MIN);
}
END_TEST

START_TEST(test_parse_needs_backtracking)
{
	/* With one- or two-digit fields side by side, only one split of
	 * the digits fits the rest of the pattern. */
	ck_assert_int_eq(parsed("DMYYYY", "1122019"), ymd(2019, 2, 11));
	ck_assert_int_eq(parsed("DMYYYY", "112019"), ymd(2019, 1, 1));
	ck_assert_int_eq(parsed("DMYYYY", "11122019"), ymd(2019, 12, 11));
	ck_assert_int_eq(parsed("DMYYYY", "3022020"), LONG_MIN);
	ck_assert_int_eq(parsed("YYYYMD", "2019111"), ymd(2019, 11, 1));
	ck_assert_int_eq(parsed("YYYYMD", "201911"), ymd(2019, 1, 1));
	/* A pattern that repeats a field never matches. */
	ck_assert_int_eq(parsed("D/D/M/YYYY", "1/1/1/2020"), LONG_MIN);
	ck_assert_int_eq(parsed("YYYY-MM", "2020-01"), LONG_MIN);
}
END_TEST

START_TEST(test_format_iso)
{
	char buf[11];

	ck_assert_str_eq(iso(0, buf), "1970-01-01");
	ck_assert_str_eq(iso(-1, buf), "1969-12-31");
	ck_assert_str_eq(iso(11016, buf), "2000-02-29");
	ck_assert_str_eq(iso(-25508, buf), "1900-03-01");
	ck_assert_str_eq(iso(-719162, buf), "0001-01-01");
	ck_assert_str_eq(iso(2932896, buf), "9999-12-31");
	ck_assert_str_eq(iso(ymd(2013, 12, 13), buf), "2013-12-13");
	/* Out of range day counts still fit 11 bytes. */
	ck_assert_str_eq(iso(2932897, buf), "9999-12-31");
	ck_assert_str_eq(iso(LONG_MAX, buf), "9999-12-31");
	ck_assert_str_eq(iso(LONG_MIN, buf), "0000-01-01");
	ck_assert_str_eq(iso(-719529, buf), "0000-01-01");
}
END_TEST

START_TEST(test_years_between)
{
	ck_assert_int_eq(date_years_between(ymd(2020, 6, 30), ymd(2022, 6, 29)),
			 1);
	ck_assert_int_eq(date_years_between(ymd(2020, 6, 30), ymd(2022, 6, 30)),
			 2);
	ck_assert_int_eq(date_years_between(ymd(2020, 6, 30), ymd(2020, 6, 30)),
			 0);
	ck_assert_int_eq(date_years_between(ymd(2020, 6, 30), ymd(2021, 6, 29)),
			 0);
	ck_assert_int_eq(date_years_between(ymd(2020, 6, 30), ymd(2021, 7, 1)),
			 1);
	ck_assert_int_eq(date_years_between(ymd(2020, 2, 29), ymd(2021, 2, 28)),
			 0);
	ck_assert_int_eq(date_years_between(ymd(2020, 2, 29), ymd(2021, 3, 1)),
			 1);
	ck_assert_int_eq(date_years_between(ymd(2020, 2, 29), ymd(2024, 2, 28)),
			 3);
	ck_assert_int_eq(date_years_between(ymd(2020, 2, 29), ymd(2024, 2, 29)),
			 4);
	ck_assert_int_eq(date_years_between(ymd(2019, 3, 1), ymd(2020, 2, 29)),
			 0);
	ck_assert_int_eq(date_years_between(ymd(1960, 5, 10), ymd(1970, 5, 9)),
			 9);
	ck_assert_int_eq(date_years_between(ymd(1960, 5, 10), ymd(1970, 5, 10)),
			 10);
	ck_assert_int_eq(date_years_between(ymd(1899, 12, 31), ymd(2000, 1, 1)),
			 100);
	/* Backwards gives the negative of the forward count. */
	ck_assert_int_eq(date_years_between(ymd(2022, 6, 29), ymd(2020, 6, 30)),
			 -2);
	ck_assert_int_eq(date_years_between(ymd(2022, 6, 30), ymd(2020, 6, 30)),
			 -2);
	ck_assert_int_eq(date_years_between(ymd(2021, 2, 28), ymd(2020, 2, 29)),
			 -1);
	/* a future date is negative, even a day away (issue 9) */
	ck_assert_int_eq(date_years_between(ymd(2022, 6, 29), ymd(2022, 6, 28)),
			 -1);
	ck_assert_int_eq(date_years_between(ymd(2023, 6, 28), ymd(2022, 6, 28)),
			 -1);
	ck_assert_int_eq(date_years_between(ymd(2023, 6, 29), ymd(2022, 6, 28)),
			 -2);
}
END_TEST

START_TEST(test_months_between)
{
	ck_assert_int_eq(date_months_between(ymd(2020, 1, 15),
					     ymd(2020, 2, 14)),
			 0);
	ck_assert_int_eq(date_months_between(ymd(2020, 1, 15),
					     ymd(2020, 2, 15)),
			 1);
	ck_assert_int_eq(date_months_between(ymd(2020, 1, 31),
					     ymd(2020, 2, 29)),
			 0);
	ck_assert_int_eq(date_months_between(ymd(2020, 1, 31), ymd(2020, 3, 1)),
			 1);
	ck_assert_int_eq(date_months_between(ymd(2020, 1, 31),
					     ymd(2020, 3, 31)),
			 2);
	ck_assert_int_eq(date_months_between(ymd(2019, 12, 15),
					     ymd(2020, 1, 15)),
			 1);
	ck_assert_int_eq(date_months_between(ymd(2019, 12, 16),
					     ymd(2020, 1, 15)),
			 0);
	ck_assert_int_eq(date_months_between(ymd(1969, 12, 31),
					     ymd(1970, 12, 31)),
			 12);
	ck_assert_int_eq(date_months_between(ymd(2000, 1, 1), ymd(2020, 6, 30)),
			 245);
	ck_assert_int_eq(date_months_between(ymd(2020, 3, 1), ymd(2020, 1, 31)),
			 -2);
	ck_assert_int_eq(date_months_between(ymd(2020, 2, 15),
					     ymd(2020, 1, 15)),
			 -1);
	ck_assert_int_eq(date_months_between(ymd(2020, 2, 14),
					     ymd(2020, 1, 15)),
			 -1);
	ck_assert_int_eq(date_months_between(ymd(2020, 1, 16),
					     ymd(2020, 1, 15)),
			 -1);
}
END_TEST

START_TEST(test_years_are_months_over_twelve)
{
	/* The two counts agree with each other on a spread of pairs,
	 * including every end-of-month and leap-day start. */
	long from, to;

	for (from = ymd(2019, 1, 1); from <= ymd(2021, 1, 1); from += 7) {
		for (to = from - 1500; to <= from + 1500; to += 13) {
			long y = date_years_between(from, to);
			long m = date_months_between(from, to);

			/* rounded down: a future date is negative */
			if (y * 12 > m || (y + 1) * 12 <= m)
				ck_abort_msg(
				    "from %ld to %ld: %ld years, %ld months",
				    from, to, y, m);
			if (to >= from ? m < 0 : m >= 0)
				ck_abort_msg("from %ld to %ld: sign of %ld",
					     from, to, m);
		}
	}
}
END_TEST

static Suite *
date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_known_day_counts);
	tcase_add_test(tc, test_every_day_round_trips);
	tcase_add_test(tc, test_civil_from_days_clamps);
	tcase_add_test(tc, test_date_valid);
	tcase_add_test(tc, test_format_check);
	tcase_add_test(tc, test_parse_iso);
	tcase_add_test(tc, test_parse_patterns);
	tcase_add_test(tc, test_parse_needs_backtracking);
	tcase_add_test(tc, test_format_iso);
	tcase_add_test(tc, test_years_between);
	tcase_add_test(tc, test_months_between);
	tcase_add_test(tc, test_years_are_months_over_twelve);
	suite_add_tcase(s, tc);
	return s;
}

RUN_SUITE(date_suite)
