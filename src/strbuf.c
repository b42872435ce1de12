#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

void
sb_init(strbuf *sb)
{
	sb->cap = 64;
	sb->len = 0;
	sb->buf = xmalloc(sb->cap);
	sb->buf[0] = '\0';
}

void
sb_free(strbuf *sb)
{
	if (!sb)
		return;
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void
sb_grow(strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->cap)
		sb->buf = xgrow(sb->buf, &sb->cap, sb->len + extra + 1, 1);
}

void
sb_vaddf(strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= sb->cap - sb->len) {
		sb_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void
sb_addf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void
sb_addnum(strbuf *sb, double v)
{
	char buf[64];
	int prec;

	if (v == 0) {
		sb_addc(sb, '0');
		return;
	}
	if (!isfinite(v)) {
		sb_adds(sb, v != v ? "nan" : v > 0 ? "inf" : "-inf");
		return;
	}
	/* Integers and short decimals (scores, money, ratios) are printed
	 * from integers: exact, locale-free and far cheaper than the
	 * shortest-round-trip search below, which runs a million times a
	 * report. */
	if (fabs(v) < 1e12) {
		static const double scale[] = { 1, 10, 100, 1000, 10000 };
		int d;

		for (d = 0; d < 5; d++) {
			double m = v * scale[d];
			long long q = llround(m);

			if ((double)q / scale[d] == v) {
				unsigned long long a =
				    q < 0 ? (unsigned long long)-q :
					    (unsigned long long)q;
				char *p = buf + sizeof buf;
				int k;

				*--p = '\0';
				for (k = 0; k < d; k++) {
					*--p = (char)('0' + a % 10);
					a /= 10;
				}
				if (d)
					*--p = '.';
				do {
					*--p = (char)('0' + a % 10);
					a /= 10;
				} while (a);
				if (q < 0)
					*--p = '-';
				sb_adds(sb, p);
				return;
			}
		}
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	/* %g switches to exponent form for large or tiny values; expand the
	 * common range so reports never show 1.5e+06. */
	if (strchr(buf, 'e') && fabs(v) >= 1e-6 && fabs(v) < 1e21) {
		int decimals = 0;
		char *e = strchr(buf, 'e');
		char *dot = strchr(buf, '.');
		int exp10 = atoi(e + 1);

		if (dot)
			decimals = (int)(e - dot - 1);
		decimals -= exp10;
		if (decimals < 0)
			decimals = 0;
		snprintf(buf, sizeof buf, "%.*f", decimals, v);
	}
	sb_adds(sb, buf);
}

char *
sb_detach(strbuf *sb)
{
	char *b = sb->buf;

	sb_init(sb);
	return b;
}

const char *
str_trim_blanks(const char *s, size_t len, size_t *outlen)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*outlen = len;
	return s;
}
