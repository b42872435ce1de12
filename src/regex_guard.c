#include <stdint.h>
#include <stdio.h>
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

/* Reads "{m}", "{m,}", "{m,n}" or "{,n}" at p; returns the copies
 * written out (one too many for "{m,}", which is harmless) and sets *end
 * past it, or returns 0 when p holds no interval. */
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

typedef enum tok_kind {
	TOK_OPEN,
	TOK_CLOSE,
	TOK_ALT,
	TOK_ANCHOR,
	TOK_ATOM,
	TOK_REPEAT
} tok_kind;

/* The token at p (not at its end): sets *end past it, and for a
 * repetition *times (the copies regex_dfa writes out).  An
 * unterminated bracket or a '{' that is no interval is a plain atom. */
static tok_kind
token(const char *p, const char **end, size_t *times)
{
	const char *b;

	*end = p + 1;
	switch (*p) {
	case '(':
		return TOK_OPEN;
	case ')':
		return TOK_CLOSE;
	case '|':
		return TOK_ALT;
	case '^':
	case '$':
		return TOK_ANCHOR;
	case '[':
		if ((b = bracket_end(p)) != NULL)
			*end = b + 1;
		return TOK_ATOM;
	case '\\':
		if (p[1])
			*end = p + 2;
		return TOK_ATOM;
	case '*':
	case '?':
	case '+':
		/* x+ is x and a loop back, not x twice as in regcomp. */
		*times = 1;
		return TOK_REPEAT;
	case '{':
		*times = interval(p, end);
		if (*times)
			return TOK_REPEAT;
		*end = p + 1;
		return TOK_ATOM;
	default:
		return TOK_ATOM;
	}
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
		const char *end;
		tok_kind k = token(p, &end, &times);

		if (k == TOK_OPEN && d < MAX_DEPTH) {
			d++;
			sum[d] = last[d] = 0;
			p = end;
			continue;
		}
		if (k == TOK_CLOSE && d > 0) {
			atom = sum[d] ? sum[d] : 1;
			d--;
		} else if (k == TOK_ALT) {
			atom = 0;
		}
		if (k == TOK_REPEAT) {
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

/* The first escape of a letter or digit outside a bracket expression:
 * '\d', '\w', '\s', '\b' and '\1' are Perl's or glibc's, not POSIX
 * extended expressions, where they would silently mean something else or
 * take exponential time.  So are glibc's word and text anchors '\<',
 * '\>', '\`' and '\'', which regex_dfa, as re_format(7) says, would
 * take as the characters: a rule written for glibc would change meaning
 * without a word. */
static const char *
letter_escape(const char *p)
{
	while (*p) {
		if (*p == '[') {
			const char *b = bracket_end(p);

			if (!b)
				return NULL;
			p = b + 1;
		} else if (*p == '\\') {
			if ((p[1] >= '0' && p[1] <= '9') ||
			    (p[1] >= 'a' && p[1] <= 'z') ||
			    (p[1] >= 'A' && p[1] <= 'Z') ||
			    (p[1] && strchr("<>`'", p[1])))
				return p;
			p += p[1] ? 2 : 1;
		} else {
			p++;
		}
	}
	return NULL;
}

/* What to write instead of escape e, for the message. */
static const char *
escape_instead(char e)
{
	switch (e) {
	case 'd':
		return "; use [0-9] or [[:digit:]]";
	case 'D':
		return "; use [^0-9]";
	case 'w':
		return "; use [[:alnum:]_]";
	case 'W':
		return "; use [^[:alnum:]_]";
	case 's':
		return "; use [[:space:]]";
	case 'S':
		return "; use [^[:space:]]";
	case '`':
		return "; use ^";
	case '\'':
		return "; use $";
	default:
		return "";
	}
}

int
regex_guard(const char *pattern, char *why, size_t whysz)
{
	const char *br = letter_escape(pattern);
	size_t len = strlen(pattern), out;

	if (br && br[1] >= '1' && br[1] <= '9') {
		snprintf(why, whysz,
			 "uses the back-reference '\\%c', which "
			 "extended expressions do not have (and which can make "
			 "matching take exponential time)",
			 br[1]);
		return -1;
	}
	if (br) {
		snprintf(why, whysz,
			 "uses '\\%c', which is not an escape in "
			 "POSIX extended regular expressions%s",
			 br[1], escape_instead(br[1]));
		return -1;
	}
	out = regex_written_out(pattern);
	if (out > len && out - len > REGEX_MAX_GROWTH) {
		snprintf(why, whysz,
			 "repeats too much: with its repetitions "
			 "written out it would grow by more than %d characters",
			 REGEX_MAX_GROWTH);
		return -1;
	}
	return 0;
}
