/* Exact decimal arithmetic on decnum (value.h): the numbers a rule set
 * adds, compares and rounds in pounds and pence without binary error. */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decnum_parse.h"
#include "value.h"

/* 2^53: above it not every whole number has a double, so the mantissa
 * would not convert exactly. */
#define MAX_EXACT_INT 9007199254740992ULL

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Wide enough for any intermediate: a mantissa below 2^63 times 10^19 is
 * below 2^127. */
__extension__ typedef __int128 wide;

static const int64_t pow10_i[DEC_MAX_SCALE + 2] = {
	1,
	10,
	100,
	1000,
	10000,
	100000,
	1000000,
	10000000,
	100000000,
	1000000000,
	10000000000,
	100000000000,
	1000000000000,
	10000000000000,
	100000000000000,
	1000000000000000,
	10000000000000000,
	100000000000000000,
	1000000000000000000,
	0 /* 10^19 does not fit: never read */
};

static decnum
dec_none(void)
{
	decnum d = { 0, 0, 0 };

	return d;
}

/* m / 10^scale as a decimal, dropping trailing zeros while it is too wide
 * or too finely scaled; none when it still does not fit. */
static decnum
dec_make(wide m, int scale)
{
	const wide lim = INT64_MAX;
	decnum d;

	while (scale > 0 && (scale > DEC_MAX_SCALE || m > lim || m < -lim) &&
	       m % 10 == 0) {
		m /= 10;
		scale--;
	}
	if (scale > DEC_MAX_SCALE || m > lim || m < -lim)
		return dec_none();
	d.mant = (int64_t)m;
	d.scale = (signed char)scale;
	d.ok = 1;
	return d;
}

/* d's mantissa at the larger scale s (s >= d.scale). */
static wide
dec_at(decnum d, int s)
{
	return (wide)d.mant * pow10_i[s - d.scale];
}

decnum
dec_from_int(double v)
{
	if (!(fabs(v) <= (double)MAX_EXACT_INT) || v != floor(v))
		return dec_none();
	return dec_make((wide)(int64_t)v, 0);
}

decnum
dec_from_double(double v)
{
	char buf[40], *e;
	wide m = 0;
	int prec, exp10, n = 0, i;

	if (!isfinite(v))
		return dec_none();
	if (v == 0)
		return dec_make(0, 0);
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	/* buf is [-]d[.ddd]e[+-]xx */
	e = strchr(buf, 'e');
	exp10 = atoi(e + 1);
	for (i = 0; buf + i < e; i++) {
		if (!is_digit(buf[i]))
			continue;
		m = m * 10 + (buf[i] - '0');
		n++;
	}
	exp10 -= n - 1; /* v = m * 10^exp10 */
	if (exp10 > 0) {
		if (exp10 > DEC_MAX_SCALE)
			return dec_none();
		m *= pow10_i[exp10];
		exp10 = 0;
	}
	return dec_make(buf[0] == '-' ? -m : m, -exp10);
}

double
dec_to_double(decnum d)
{
	char buf[DEC_BUFSIZE];

	/* Both exact in a double: one correctly rounded division. */
	if (d.mant >= -(int64_t)MAX_EXACT_INT &&
	    d.mant <= (int64_t)MAX_EXACT_INT)
		return d.scale ? (double)d.mant / (double)pow10_i[d.scale] :
				 (double)d.mant;
	return strtod(dec_format(d, buf), NULL);
}

decnum
dec_add(decnum a, decnum b)
{
	int s = a.scale > b.scale ? a.scale : b.scale;

	if (!a.ok || !b.ok)
		return dec_none();
	return dec_make(dec_at(a, s) + dec_at(b, s), s);
}

decnum
dec_sub(decnum a, decnum b)
{
	int s = a.scale > b.scale ? a.scale : b.scale;

	if (!a.ok || !b.ok)
		return dec_none();
	return dec_make(dec_at(a, s) - dec_at(b, s), s);
}

decnum
dec_mul(decnum a, decnum b)
{
	if (!a.ok || !b.ok)
		return dec_none();
	return dec_make((wide)a.mant * b.mant, a.scale + b.scale);
}

decnum
dec_div(decnum a, decnum b)
{
	const wide lim = INT64_MAX;
	wide num, den, q, rem;
	int k;

	if (!a.ok || !b.ok || b.mant == 0)
		return dec_none();
	/* a / b = num / den with both whole (each below 2^123) */
	num = a.scale < b.scale ? dec_at(a, b.scale) : a.mant;
	den = b.scale < a.scale ? dec_at(b, a.scale) : b.mant;
	if (den < 0) {
		num = -num;
		den = -den;
	}
	q = num / den;
	rem = num % den;
	/* long division, a decimal a step: rem < den < 2^123, so rem * 10
	 * fits */
	for (k = 0; rem != 0 && k < DEC_MAX_SCALE; k++) {
		if (q > lim || q < -lim)
			return dec_none();
		rem *= 10;
		q = q * 10 + rem / den;
		rem %= den;
	}
	if (rem != 0)
		return dec_none();
	return dec_make(q, k);
}

decnum
dec_quotient(decnum a, decnum b, int decimals)
{
	wide num, den, q, rem;
	int k, neg;

	if (!a.ok || !b.ok || b.mant == 0 || decimals < 0 ||
	    decimals > DEC_MAX_SCALE)
		return dec_none();
	num = a.scale < b.scale ? dec_at(a, b.scale) : a.mant;
	den = b.scale < a.scale ? dec_at(b, a.scale) : b.mant;
	neg = (num < 0) != (den < 0);
	if (num < 0)
		num = -num;
	if (den < 0)
		den = -den;
	q = num / den;
	rem = num % den;
	for (k = 0; k < decimals; k++) {
		if (q > INT64_MAX)
			return dec_none();
		rem *= 10;
		q = q * 10 + rem / den;
		rem %= den;
	}
	/* half away from zero: rem < den < 2^123, so 2 * rem fits */
	if (2 * rem >= den)
		q++;
	return dec_make(neg ? -q : q, decimals);
}

int
dec_cmp(decnum a, decnum b)
{
	int s = a.scale > b.scale ? a.scale : b.scale;
	wide x = dec_at(a, s), y = dec_at(b, s);

	return (x > y) - (x < y);
}

decnum
dec_round(decnum d, int decimals)
{
	int64_t div, q, r;

	if (!d.ok || d.scale <= decimals)
		return d;
	div = pow10_i[d.scale - decimals];
	q = d.mant / div;
	r = d.mant % div;
	/* half away from zero; |r| < div, so 2|r| cannot overflow */
	if (r >= 0 ? 2 * r >= div : -2 * r >= div)
		q += d.mant < 0 ? -1 : 1;
	return dec_make(q, decimals);
}

char *
dec_format(decnum d, char *buf)
{
	char digits[24];
	uint64_t a = d.mant < 0 ? (uint64_t)0 - (uint64_t)d.mant :
				  (uint64_t)d.mant;
	int n = 0, scale = d.scale, i;
	char *p = buf;

	do {
		digits[n++] = (char)('0' + a % 10);
		a /= 10;
	} while (a);
	/* digits[] is least significant first; drop zeros after the point */
	i = 0;
	while (scale > 0 && i < n && digits[i] == '0') {
		i++;
		scale--;
	}
	if (i == n) {
		memcpy(buf, "0", 2);
		return buf;
	}
	if (d.mant < 0)
		*p++ = '-';
	if (n - i <= scale) {
		int z;

		*p++ = '0';
		*p++ = '.';
		for (z = 0; z < scale - (n - i); z++)
			*p++ = '0';
		while (n > i)
			*p++ = digits[--n];
	} else {
		while (n > i) {
			if (n - i == scale)
				*p++ = '.';
			*p++ = digits[--n];
		}
	}
	*p = '\0';
	return buf;
}

/*
 * The exact decimal of s[0..len), which has passed decimal_syntax: up to
 * 18 significant digits, the exponent folded into the scale.
 */
decnum
dec_parse(const char *s, size_t len)
{
	uint64_t mant = 0;
	int ndig = 0, frac = 0, neg = 0;
	long expo = 0;
	size_t i = 0;

	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	for (; i < len && (is_digit(s[i]) || s[i] == '.'); i++) {
		if (s[i] == '.') {
			frac = 1;
			continue;
		}
		if (frac)
			expo--;
		if (mant == 0 && s[i] == '0')
			continue;
		if (++ndig > 18)
			return dec_none();
		mant = mant * 10 + (uint64_t)(s[i] - '0');
	}
	if (i < len) {
		long e = 0;
		int eneg = 0;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < len; i++) {
			if (e > 1000)
				return dec_none();
			e = e * 10 + (s[i] - '0');
		}
		expo += eneg ? -e : e;
	}
	if (mant == 0)
		return dec_make(0, 0);
	/* an exponent beyond the range cannot fit */
	if (expo > DEC_MAX_SCALE || expo < -2 * DEC_MAX_SCALE)
		return dec_none();
	if (expo > 0)
		return dec_make((wide)(neg ? -(int64_t)mant : (int64_t)mant) *
				    pow10_i[expo],
				0);
	return dec_make(neg ? -(int64_t)mant : (int64_t)mant, (int)-expo);
}
