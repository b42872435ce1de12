#include <stdio.h>
#include <string.h>

#include "json_check.h"

/*
 * A strict RFC 8259 syntax check, run before cJSON parses a rule file.
 * cJSON is lenient (it takes any byte below 0x20 as white space, NUL
 * included) and its error offsets can land after the offending token; this
 * walk stops at the first byte that cannot be JSON and says what was
 * expected there.
 */

typedef struct walker {
	const char *s;
	size_t len;
	size_t pos;
	int depth;
	const char *msg;
	char buf[96];
} walker;

static int value(walker *w);

static int
fail(walker *w, const char *msg)
{
	w->msg = msg;
	return -1;
}

static void
skip_ws(walker *w)
{
	while (w->pos < w->len) {
		char c = w->s[w->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		w->pos++;
	}
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static int
string(walker *w)
{
	w->pos++; /* opening quote */
	while (w->pos < w->len) {
		unsigned char c = (unsigned char)w->s[w->pos];
		int k;

		if (c == '"') {
			w->pos++;
			return 0;
		}
		if (c < 0x20) {
			snprintf(w->buf, sizeof w->buf,
				 "control character 0x%02X "
				 "inside a string (write it as an escape)",
				 c);
			return fail(w, w->buf);
		}
		if (c != '\\') {
			w->pos++;
			continue;
		}
		if (++w->pos >= w->len)
			break;
		switch (w->s[w->pos]) {
		case '"':
		case '\\':
		case '/':
		case 'b':
		case 'f':
		case 'n':
		case 'r':
		case 't':
			w->pos++;
			break;
		case 'u':
			for (k = 1; k <= 4; k++)
				if (w->pos + (size_t)k >= w->len ||
				    !is_hex(w->s[w->pos + (size_t)k]))
					return fail(
					    w, "\\u needs four hex digits");
			w->pos += 5;
			break;
		default:
			return fail(w, "invalid escape in a string");
		}
	}
	return fail(w, "unexpected end of file inside a string");
}

static size_t
digits(walker *w)
{
	size_t start = w->pos;

	while (w->pos < w->len && w->s[w->pos] >= '0' && w->s[w->pos] <= '9')
		w->pos++;
	return w->pos - start;
}

static int
number(walker *w)
{
	if (w->s[w->pos] == '-')
		w->pos++;
	if (w->pos < w->len && w->s[w->pos] == '0') {
		w->pos++;
		if (w->pos < w->len && w->s[w->pos] >= '0' &&
		    w->s[w->pos] <= '9')
			return fail(w, "a number must not start with 0");
	} else if (!digits(w)) {
		return fail(w, "invalid number");
	}
	if (w->pos < w->len && w->s[w->pos] == '.') {
		w->pos++;
		if (!digits(w))
			return fail(w, "a digit must follow the decimal point");
	}
	if (w->pos < w->len && (w->s[w->pos] == 'e' || w->s[w->pos] == 'E')) {
		w->pos++;
		if (w->pos < w->len &&
		    (w->s[w->pos] == '+' || w->s[w->pos] == '-'))
			w->pos++;
		if (!digits(w))
			return fail(w, "a digit must follow the exponent");
	}
	return 0;
}

static int
literal(walker *w, const char *word)
{
	size_t n = strlen(word);

	if (w->len - w->pos < n || memcmp(w->s + w->pos, word, n))
		return fail(w, "expected a value (a string, number, object, "
			       "array, true, false or null)");
	w->pos += n;
	return 0;
}

static int
member_key(walker *w)
{
	if (w->pos >= w->len)
		return fail(w, "unexpected end of file");
	if (w->s[w->pos] != '"')
		return fail(w, "expected a key (a string)");
	if (string(w) < 0)
		return -1;
	skip_ws(w);
	if (w->pos >= w->len)
		return fail(w, "unexpected end of file");
	if (w->s[w->pos] != ':')
		return fail(w, "expected ':' after the key");
	w->pos++;
	return 0;
}

static int
container(walker *w, char close)
{
	if (++w->depth > JSON_MAX_DEPTH) /* the message names the limit */
		return fail(w, "nested more than 512 levels deep");
	w->pos++;
	skip_ws(w);
	if (w->pos >= w->len)
		return fail(w, "unexpected end of file");
	if (w->s[w->pos] == close) {
		w->pos++;
		w->depth--;
		return 0;
	}
	for (;;) {
		if (close == '}' && member_key(w) < 0)
			return -1;
		if (value(w) < 0)
			return -1;
		skip_ws(w);
		if (w->pos >= w->len)
			return fail(w, "unexpected end of file");
		if (w->s[w->pos] == close) {
			w->pos++;
			w->depth--;
			return 0;
		}
		if (w->s[w->pos] != ',')
			return fail(w, close == '}' ? "expected ',' or '}'" :
						      "expected ',' or ']'");
		w->pos++;
		skip_ws(w);
		if (w->pos < w->len && w->s[w->pos] == close)
			return fail(w, "a trailing comma is not allowed");
	}
}

static int
value(walker *w)
{
	unsigned char c;

	skip_ws(w);
	if (w->pos >= w->len)
		return fail(w, "unexpected end of file");
	c = (unsigned char)w->s[w->pos];
	switch (c) {
	case '{':
		return container(w, '}');
	case '[':
		return container(w, ']');
	case '"':
		return string(w);
	case 't':
		return literal(w, "true");
	case 'f':
		return literal(w, "false");
	case 'n':
		return literal(w, "null");
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return number(w);
		if (c < 0x20) {
			snprintf(w->buf, sizeof w->buf,
				 "control character 0x%02X", c);
			return fail(w, w->buf);
		}
		return fail(w, "expected a value (a string, number, object, "
			       "array, true, false or null)");
	}
}

size_t
json_check(const char *s, size_t len, char *msg, size_t msgsz)
{
	walker w;

	memset(&w, 0, sizeof w);
	w.s = s;
	w.len = len;
	if (value(&w) == 0) {
		skip_ws(&w);
		if (w.pos == w.len)
			return JSON_VALID;
		w.msg = "unexpected text after the end of the document";
	}
	/* A stray control byte between tokens gets its own name rather than
	 * "expected ','" (inside strings the walk has named it already). */
	if (w.pos < len && (unsigned char)s[w.pos] < 0x20 && s[w.pos] != '\t' &&
	    s[w.pos] != '\n' && s[w.pos] != '\r' &&
	    !strstr(w.msg, "inside a string")) {
		snprintf(msg, msgsz, "control character 0x%02X",
			 (unsigned char)s[w.pos]);
		return w.pos;
	}
	snprintf(msg, msgsz, "%s", w.msg);
	return w.pos;
}
