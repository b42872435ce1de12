#include <string.h>

#include "suggest.h"
#include "textkey.h"

/*
 * A cursor over the key of s[0..n): key_next returns the next byte of the
 * key, or -1 at its end.  Working byte by byte lets comparison and hashing
 * run without a buffer.
 */
typedef struct cursor {
	const char *s;
	size_t i, n;
	int loose; /* '_' is a blank too (header names) */
} cursor;

static int
is_blank(const cursor *c, char ch)
{
	return ch == ' ' || ch == '\t' || (c->loose && ch == '_');
}

static void
cursor_init(cursor *c, const char *s, size_t n)
{
	c->s = s;
	while (n && is_blank(c, s[n - 1]))
		n--;
	c->n = n;
	c->i = 0;
	while (c->i < n && is_blank(c, s[c->i]))
		c->i++;
}

static int
key_next(cursor *c)
{
	unsigned char ch;

	if (c->i >= c->n)
		return -1;
	ch = (unsigned char)c->s[c->i++];
	if (is_blank(c, (char)ch)) {
		/* the run ends before n: trailing blanks were cut */
		while (is_blank(c, c->s[c->i]))
			c->i++;
		return ' ';
	}
	if (ch >= 'A' && ch <= 'Z')
		ch = (unsigned char)(ch - 'A' + 'a');
	return ch;
}

static int
compare(const char *a, size_t alen, const char *b, size_t blen, int loose)
{
	cursor x, y;
	int p, q;

	x.loose = y.loose = loose;
	cursor_init(&x, a, alen);
	cursor_init(&y, b, blen);
	do {
		p = key_next(&x);
		q = key_next(&y);
	} while (p == q && p != -1);
	return (p > q) - (p < q);
}

int
text_key_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	return compare(a, alen, b, blen, 0);
}

int
text_key_loose_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	return compare(a, alen, b, blen, 1) == 0;
}

int
text_key_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	return text_key_cmp(a, alen, b, blen) == 0;
}

uint64_t
text_key_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	cursor c;
	int ch;

	c.loose = 0;
	cursor_init(&c, s, n);
	while ((ch = key_next(&c)) != -1) {
		h ^= (unsigned)ch;
		h *= 1099511628211ULL;
	}
	return h;
}

void
text_key_add(strbuf *sb, const char *s, size_t n)
{
	cursor c;
	int ch;

	c.loose = 0;
	cursor_init(&c, s, n);
	while ((ch = key_next(&c)) != -1)
		sb_addc(sb, (char)ch);
}

int
text_key_blank(const char *s, size_t n)
{
	cursor c;

	c.loose = 0;
	cursor_init(&c, s, n);
	return c.i >= c.n;
}

/* The key of s[0..n) with '_' as a blank, into buf (at most 63 bytes);
 * returns its length, or 64 when it does not fit. */
static size_t
loose_key(const char *s, size_t n, char *buf)
{
	size_t len = 0, i;
	int gap = 0;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == ' ' || ch == '\t' || ch == '_') {
			gap = len > 0;
			continue;
		}
		if (len + gap + 1 > 63)
			return 64;
		if (gap)
			buf[len++] = ' ';
		gap = 0;
		buf[len++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' :
							     ch);
	}
	return len;
}

long
text_key_suggest(const char *s, size_t n, const char *const *names,
		 size_t nnames)
{
	char a[64], b[64];
	size_t la = loose_key(s, n, a), i, best = 3;
	long at = -1;

	if (la > 63)
		return -1;
	a[la] = '\0';
	for (i = 0; i < nnames; i++) {
		size_t lb = loose_key(names[i], strlen(names[i]), b), d;

		if (lb > 63)
			continue;
		b[lb] = '\0';
		/* the one distance every did-you-mean uses (suggest.h): a
		 * swap of neighbours is one step, and keys of 63 bytes or
		 * more are never close */
		d = suggest_distance(a, b);
		if (d < best && d * 2 < (la > lb ? la : lb)) {
			best = d;
			at = (long)i;
		}
	}
	return at;
}
