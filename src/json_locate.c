#include <string.h>

#include "json_locate.h"

typedef struct cursor {
	const char *s;
	size_t n, i;
} cursor;

static void
skip_ws(cursor *c)
{
	while (c->i < c->n) {
		unsigned char ch = (unsigned char)c->s[c->i];

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
			c->i++;
		else if (ch == 0xef && c->i + 2 < c->n &&
			 (unsigned char)c->s[c->i + 1] == 0xbb &&
			 (unsigned char)c->s[c->i + 2] == 0xbf)
			c->i += 3; /* a byte order mark */
		else
			break;
	}
}

/* Skips a string whose opening quote is at c->i. */
static void
skip_string(cursor *c)
{
	for (c->i++; c->i < c->n; c->i++) {
		if (c->s[c->i] == '\\')
			c->i++;
		else if (c->s[c->i] == '"') {
			c->i++;
			return;
		}
	}
}

/* Skips one value: a string, or a container up to its matching bracket,
 * or a scalar up to a delimiter. */
static void
skip_value(cursor *c)
{
	size_t depth = 0;

	skip_ws(c);
	while (c->i < c->n) {
		char ch = c->s[c->i];

		if (ch == '"') {
			skip_string(c);
		} else if (ch == '{' || ch == '[') {
			depth++;
			c->i++;
		} else if (ch == '}' || ch == ']') {
			if (depth == 0)
				return;
			depth--;
			c->i++;
		} else if (ch == ',' && depth == 0) {
			return;
		} else {
			c->i++;
		}
		if (depth == 0 && (ch == '"' || ch == '}' || ch == ']'))
			return;
	}
}

/* Compares the JSON string at c->i (no escapes decoded but \" and \\)
 * with key[0..klen): 1 when equal. */
static int
string_is(const cursor *c, const char *key, size_t klen)
{
	size_t i = c->i + 1, k = 0;

	while (i < c->n && c->s[i] != '"') {
		char ch = c->s[i];

		if (ch == '\\' && i + 1 < c->n) {
			ch = c->s[++i];
			if (ch != '"' && ch != '\\' && ch != '/')
				return 0;
		}
		if (k >= klen || key[k] != ch)
			return 0;
		i++;
		k++;
	}
	return k == klen;
}

/* Length of the step at path: a key up to the next '.' or '[' (or the
 * end), or an index "[N]". */
static int
path_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
	       ch == '.' || ch == '$';
}

int
json_path_like(const char *s, size_t n)
{
	size_t i = 0;

	if (!n || s[0] == '[' || s[0] == '.')
		return 0;
	while (i < n) {
		if (s[i] == '[') {
			size_t j = i + 1;

			while (j < n && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j == i + 1 || j >= n || s[j] != ']')
				return 0;
			i = j + 1;
		} else if (path_char(s[i])) {
			i++;
		} else {
			return 0;
		}
	}
	return 1;
}

/* In the object at c->i, finds the member whose key is the longest
 * prefix of path[0..plen) that ends the step there (at the end, '.' or
 * '['); leaves c->i at that key and returns its length, or 0. */
static size_t
find_member(cursor *c, const char *path, size_t plen)
{
	size_t best = 0, best_at = 0;

	c->i++; /* '{' */
	for (;;) {
		size_t at, k;

		skip_ws(c);
		if (c->i >= c->n || c->s[c->i] != '"')
			break;
		at = c->i;
		for (k = plen; k > 0; k--) {
			if (k < plen && path[k] != '.' && path[k] != '[')
				continue;
			if (k > best && string_is(c, path, k)) {
				best = k;
				best_at = at;
				break;
			}
		}
		skip_string(c);
		skip_ws(c);
		if (c->i >= c->n || c->s[c->i] != ':')
			break;
		c->i++;
		skip_value(c);
		skip_ws(c);
		if (c->i >= c->n || c->s[c->i] != ',')
			break;
		c->i++;
	}
	c->i = best_at;
	return best;
}

/* In the array at c->i, moves to element idx; returns 0 when it has
 * fewer. */
static int
find_element(cursor *c, size_t idx)
{
	size_t k;

	c->i++; /* '[' */
	for (k = 0;; k++) {
		skip_ws(c);
		if (c->i >= c->n || c->s[c->i] == ']')
			return 0;
		if (k == idx)
			return 1;
		skip_value(c);
		skip_ws(c);
		if (c->i >= c->n || c->s[c->i] != ',')
			return 0;
		c->i++;
	}
}

static void
position(const char *s, size_t at, size_t *line, size_t *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < at; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

int
json_locate(const char *text, size_t len, const char *path, size_t *line,
	    size_t *col)
{
	cursor c = { text, len, 0 };
	size_t plen = strlen(path), found_at, p = 0;
	int steps = 0;

	*line = *col = 1;
	if (plen && !json_path_like(path, plen))
		return -1;
	skip_ws(&c);
	found_at = c.i;
	while (p < plen) {
		size_t k;

		skip_ws(&c);
		if (c.i >= c.n)
			break;
		if (path[p] == '[') {
			size_t idx = 0;

			for (k = p + 1; path[k] != ']'; k++)
				idx = idx * 10 + (size_t)(path[k] - '0');
			if (c.s[c.i] != '[' || !find_element(&c, idx))
				break;
			found_at = c.i;
			p = k + 1;
		} else {
			if (path[p] == '.')
				p++;
			if (c.s[c.i] != '{')
				break;
			k = find_member(&c, path + p, plen - p);
			if (!k)
				break;
			found_at = c.i;
			p += k;
			/* on to the member's value */
			skip_string(&c);
			skip_ws(&c);
			if (c.i < c.n && c.s[c.i] == ':')
				c.i++;
		}
		steps++;
	}
	position(text, found_at, line, col);
	return steps;
}
