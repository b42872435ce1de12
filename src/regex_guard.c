#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "regex_guard.h"

#define SAT (SIZE_MAX / 2)
/* A '(' deeper than this counts as a plain character and its ')' closes
 * the group around it: the lengths inside still add up and multiply,
 * only one level off. */
#define MAX_DEPTH 256

static size_t
mul(size_t a, size_t b)
{
	return b && a > SAT / b ? SAT : a * b;
}

static size_t
add(size_t a, size_t b)
{
	return a > SAT - b ? SAT : a + b;
}

/* The end of the bracket expression that starts at p ('['), or NULL when
 * it does not end. */
static const char *
bracket_end(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	for (; *p && *p != ']'; p++) {
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			char close = p[1];

			p += 2;
			while (*p && !(*p == close && p[1] == ']'))
				p++;
			if (!*p)
				return NULL;
			p++;
		}
	}
	return *p ? p : NULL;
}

/* Reads "{m}", "{m,}", "{m,n}" or glibc's "{,n}" at p; returns the copies
 * written out and sets *end past it, or returns 0 when p holds no
 * interval. */
static size_t
interval(const char *p, const char **end)
{
	size_t m = 0, n = 0;
	int digits = 0, comma = 0, ndigits = 0;

	for (p++; *p >= '0' && *p <= '9'; p++, digits++)
		m = add(mul(m, 10), (size_t)(*p - '0'));
	if (!digits && *p != ',')
		return 0;
	if (*p == ',') {
		comma = 1;
		for (p++; *p >= '0' && *p <= '9'; p++, ndigits++)
			n = add(mul(n, 10), (size_t)(*p - '0'));
	}
	if (*p != '}')
		return 0;
	*end = p + 1;
	if (!comma)
		return m ? m : 1;
	if (!ndigits)
		return add(m, 1);
	return n > m ? n : (m ? m : 1);
}

size_t
regex_written_out(const char *p)
{
	/* Per open group: the length so far, and of its last atom. */
	size_t sum[MAX_DEPTH + 1], last[MAX_DEPTH + 1];
	int d = 0;

	sum[0] = last[0] = 0;
	while (*p) {
		size_t atom = 1, times = 0;
		const char *end = p + 1;

		switch (*p) {
		case '(':
			if (d < MAX_DEPTH) {
				d++;
				sum[d] = last[d] = 0;
				p++;
				continue;
			}
			break;
		case ')':
			if (d > 0) {
				atom = sum[d] ? sum[d] : 1;
				d--;
			}
			break;
		case '[': {
			const char *b = bracket_end(p);

			if (b)
				end = b + 1;
			break;
		}
		case '\\':
			if (p[1])
				end = p + 2;
			break;
		case '+':
			times = 2;
			break;
		case '{':
			times = interval(p, &end);
			break;
		case '*':
		case '?':
			times = 1;
			break;
		case '|':
			atom = 0;
			break;
		default:
			break;
		}
		if (times) {
			/* Repeat the last atom: swap its length in the sum for
			 * its length times the copies. */
			size_t grown = mul(last[d], times);

			sum[d] = add(sum[d] - last[d], grown);
			last[d] = grown;
		} else {
			sum[d] = add(sum[d], atom);
			last[d] = atom;
		}
		p = end;
	}
	/* Groups left open still count (regcomp will refuse them). */
	while (d > 0) {
		sum[d - 1] = add(sum[d - 1], sum[d]);
		d--;
	}
	return sum[0];
}

/* The first back-reference (\1 to \9) outside a bracket expression. */
static const char *
backref(const char *p)
{
	while (*p) {
		if (*p == '[') {
			const char *b = bracket_end(p);

			if (!b)
				return NULL;
			p = b + 1;
		} else if (*p == '\\') {
			if (p[1] >= '1' && p[1] <= '9')
				return p;
			p += p[1] ? 2 : 1;
		} else {
			p++;
		}
	}
	return NULL;
}

int
regex_guard(const char *pattern, char *why, size_t whysz)
{
	const char *br = backref(pattern);
	size_t len = strlen(pattern), out;

	if (br) {
		snprintf(why, whysz, "uses the back-reference '\\%c', which "
			 "extended expressions do not have (and which can make "
			 "matching take exponential time)", br[1]);
		return -1;
	}
	out = regex_written_out(pattern);
	if (out > len && out - len > REGEX_MAX_GROWTH) {
		snprintf(why, whysz, "repeats too much: with its repetitions "
			 "written out it would grow by more than %d characters",
			 REGEX_MAX_GROWTH);
		return -1;
	}
	return 0;
}
