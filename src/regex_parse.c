/*
 * regex_parse.c: POSIX extended regular expressions -> rx_ast.
 *
 * The grammar is re_format(7)'s, with what glibc's regcomp accepted
 * beyond it kept so that rule files keep their meaning: a ')' with no
 * '(' is a plain character, "{,n}" is "{0,n}", empty branches and "()"
 * match the empty string.  What regcomp refused stays refused: a
 * repetition with nothing before it (at the start, after '(' or '|', or
 * after an anchor), a '{' that starts no interval, an unclosed '(' or
 * '['.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regex_int.h"
#include "xalloc.h"

/* The largest count in an interval, as regcomp's RE_DUP_MAX. */
#define DUP_MAX 32767

typedef struct parser {
	const char *p0; /* the pattern */
	const char *p;  /* what is left of it */
	rx_ast *a;
	regex_dfa_error *err;
	int depth; /* groups open */
	int failed;
} parser;

/* The 1-based character position of q in the pattern. */
static size_t
char_pos(const parser *ps, const char *q)
{
	size_t n = 1;
	const char *s;

	for (s = ps->p0; s < q; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Records the first error only: what follows it is noise. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 3, 4)))
#endif
static void
fail(parser *ps, const char *at, const char *fmt, ...)
{
	va_list ap;

	if (ps->failed)
		return;
	ps->failed = 1;
	if (ps->err) {
		va_start(ap, fmt);
		vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
		va_end(ap);
		ps->err->pos = at ? char_pos(ps, at) : 0;
	}
}

static int
new_node(parser *ps, rx_kind kind)
{
	rx_ast *a = ps->a;
	rx_node *n;

	a->n = xgrow(a->n, &a->ncap, a->nn + 1, sizeof *a->n);
	n = &a->n[a->nn];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	return (int)a->nn++;
}

/* A node of kind with the nk kids in kids[], copied to the tree. */
static int
new_parent(parser *ps, rx_kind kind, const int *kids, size_t nk)
{
	rx_ast *a = ps->a;
	int i = new_node(ps, kind);

	a->kids = xgrow(a->kids, &a->kcap, a->nkids + nk, sizeof *a->kids);
	memcpy(a->kids + a->nkids, kids, nk * sizeof *kids);
	a->n[i].k0 = a->nkids;
	a->n[i].nk = nk;
	a->nkids += nk;
	return i;
}

/* Decodes the UTF-8 character at *q, moving *q past it; returns it, or
 * -1 (leaving *q) when the bytes there are not well-formed UTF-8. */
static long
decode(const char **q)
{
	const unsigned char *s = (const unsigned char *)*q;
	unsigned long c;
	int n, i;

	if (s[0] < 0x80) {
		*q += 1;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return -1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*q += n;
	return (long)c;
}

/* A set under construction: ranges in any order, overlapping. */
typedef struct rset {
	rx_range *r;
	size_t n, cap;
	unsigned classes; /* bit i: add_class's class i is in already */
} rset;

static void
rset_add(rset *s, uint32_t lo, uint32_t hi)
{
	s->r = xgrow(s->r, &s->cap, s->n + 1, sizeof *s->r);
	s->r[s->n].lo = lo;
	s->r[s->n].hi = hi;
	s->n++;
}

static int
cmp_range(const void *x, const void *y)
{
	const rx_range *a = x, *b = y;

	return a->lo < b->lo ? -1 : a->lo > b->lo;
}

/* Sorts and merges s; with neg, replaces it by its complement in
 * U+0000..U+10FFFF. */
static void
rset_normalize(rset *s, int neg)
{
	size_t i, n = 0;

	if (s->n)
		qsort(s->r, s->n, sizeof *s->r, cmp_range);
	for (i = 0; i < s->n; i++) {
		if (n && s->r[i].lo <= s->r[n - 1].hi + 1) {
			if (s->r[i].hi > s->r[n - 1].hi)
				s->r[n - 1].hi = s->r[i].hi;
		} else {
			s->r[n++] = s->r[i];
		}
	}
	s->n = n;
	if (neg) {
		rset c = { NULL, 0, 0, 0 };
		uint32_t next = 0;

		for (i = 0; i < s->n; i++) {
			if (s->r[i].lo > next)
				rset_add(&c, next, s->r[i].lo - 1);
			next = s->r[i].hi + 1;
		}
		if (next <= 0x10FFFF)
			rset_add(&c, next, 0x10FFFF);
		free(s->r);
		*s = c;
	}
}

/* A set node holding s's ranges (s is emptied). */
static int
set_node(parser *ps, rset *s, int neg)
{
	rx_ast *a = ps->a;
	int i;

	rset_normalize(s, neg);
	i = new_node(ps, RX_SET);
	a->r = xgrow(a->r, &a->rcap, a->nr + s->n, sizeof *a->r);
	if (s->n)
		memcpy(a->r + a->nr, s->r, s->n * sizeof *s->r);
	a->n[i].r0 = a->nr;
	a->n[i].nr = s->n;
	a->nr += s->n;
	free(s->r);
	s->r = NULL;
	s->n = s->cap = 0;
	return i;
}

/* Adds POSIX class name[0..len) to s; returns -1 when there is none. */
static int
add_class(rset *s, const char *name, size_t len)
{
	static const struct {
		const char *name;
		const char *ascii;  /* pairs of bytes: ranges */
		const char *beyond; /* the rx_uclasses entry, or NULL */
	} classes[] = {
		{ "alpha", "AZaz", "alpha" },
		{ "digit", "09", NULL },
		{ "alnum", "09AZaz", "alpha" },
		{ "upper", "AZ", "upper" },
		{ "lower", "az", "lower" },
		{ "space", "\t\r  ", "space" },
		{ "blank", "\t\t  ", "blank" },
		{ "punct", "!/:@[`{~", "punct" },
		{ "cntrl", "\001\037\177\177", "cntrl" },
		{ "graph", "!~", "graph" },
		{ "print", " ~", "print" },
		{ "xdigit", "09AFaf", NULL },
	};
	size_t i, j, k;

	for (i = 0; i < sizeof classes / sizeof *classes; i++) {
		const char *r = classes[i].ascii;

		if (strlen(classes[i].name) != len ||
		    memcmp(classes[i].name, name, len) != 0)
			continue;
		/* Once per bracket: "[[:alpha:][:alpha:]...]" would
		 * otherwise add a thousand ranges per name, and a pattern
		 * of a few hundred kilobytes took seconds and hundreds of
		 * megabytes to compile. */
		if (s->classes & 1u << i)
			return 0;
		s->classes |= 1u << i;
		for (j = 0; r[j]; j += 2)
			rset_add(s, (unsigned char)r[j],
				 (unsigned char)r[j + 1]);
		/* cntrl's NUL cannot be written in the string above. */
		if (!strcmp(classes[i].name, "cntrl"))
			rset_add(s, 0, 0);
		if (!classes[i].beyond)
			return 0;
		for (j = 0; rx_uclasses[j].name; j++) {
			if (strcmp(rx_uclasses[j].name, classes[i].beyond))
				continue;
			for (k = 0; k < rx_uclasses[j].n; k++)
				rset_add(s, rx_uclasses[j].r[k].lo,
					 rx_uclasses[j].r[k].hi);
		}
		return 0;
	}
	return -1;
}

/* One character of a bracket expression at *q: a plain one or "[.c.]"
 * / "[=c=]" (which in this engine are c).  Returns it, or -1 after
 * fail(). */
static long
bracket_char(parser *ps, const char **q)
{
	const char *s = *q;
	long c;

	if (s[0] == '[' && (s[1] == '.' || s[1] == '=')) {
		char close = s[1];
		const char *in = s + 2, *e = in;

		while (*e && !(e[0] == close && e[1] == ']'))
			e++;
		if (!*e) {
			fail(ps, s, "'[%c' is not closed", close);
			return -1;
		}
		c = decode(&in);
		if (c < 0 || in != e) {
			fail(ps, s,
			     "'[%c%.*s%c]' is not a single character; "
			     "only those are collating elements here",
			     close, (int)(e - s - 2 > 40 ? 40 : e - s - 2),
			     s + 2, close);
			return -1;
		}
		*q = e + 2;
		return c;
	}
	c = decode(q);
	if (c < 0)
		fail(ps, s, "the bytes here are not valid UTF-8");
	return c;
}

/* The bracket expression at ps->p ('['). */
static int
parse_bracket(parser *ps)
{
	const char *open = ps->p, *q = ps->p + 1;
	rset s = { NULL, 0, 0, 0 };
	int neg = 0, first = 1;

	if (*q == '^') {
		neg = 1;
		q++;
	}
	for (;;) {
		const char *at = q;
		long lo, hi;

		if (!*q) {
			fail(ps, open, "'[' is not closed");
			break;
		}
		if (*q == ']' && !first)
			break;
		first = 0;
		if (q[0] == '[' && q[1] == ':') {
			const char *name = q + 2, *e = name;

			while (*e && !(e[0] == ':' && e[1] == ']'))
				e++;
			if (!*e) {
				fail(ps, q, "'[:' is not closed");
				break;
			}
			if (add_class(&s, name, (size_t)(e - name)) < 0) {
				fail(
				    ps, q,
				    "'[:%.*s:]' is not a character class "
				    "(alpha, digit, alnum, upper, lower, space, "
				    "blank, punct, cntrl, graph, print, xdigit)",
				    (int)(e - name > 40 ? 40 : e - name), name);
				break;
			}
			q = e + 2;
			continue;
		}
		if ((lo = bracket_char(ps, &q)) < 0)
			break;
		hi = lo;
		if (q[0] == '-' && q[1] != ']' && q[1] != '\0') {
			q++;
			if ((hi = bracket_char(ps, &q)) < 0)
				break;
			if (hi < lo) {
				fail(ps, at, "the range ends before it starts");
				break;
			}
		}
		rset_add(&s, (uint32_t)lo, (uint32_t)hi);
	}
	if (ps->failed) {
		free(s.r);
		return -1;
	}
	ps->p = q + 1;
	return set_node(ps, &s, neg);
}

static int parse_alt(parser *ps);

/* Reads a count at *q, saturating above DUP_MAX; returns -1 when there
 * are no digits. */
static long
count(const char **q)
{
	long n = -1;

	while (**q >= '0' && **q <= '9') {
		n = n < 0 ? 0 : n;
		if (n <= DUP_MAX)
			n = n * 10 + (**q - '0');
		(*q)++;
	}
	return n;
}

/* The interval at ps->p ('{'): sets *min and *max (-1: no limit). */
static int
parse_interval(parser *ps, int *min, int *max)
{
	const char *open = ps->p, *q = ps->p + 1;
	long m, n;

	m = count(&q);
	n = m;
	if (*q == ',') {
		q++;
		n = count(&q);
		if (m < 0)
			m = 0;
	}
	if (m < 0 || *q != '}') {
		fail(ps, open, "'{' starts no interval ({m}, {m,} or {m,n})");
		return -1;
	}
	if (m > DUP_MAX || n > DUP_MAX) {
		fail(ps, open, "the interval counts above %d", DUP_MAX);
		return -1;
	}
	if (n >= 0 && n < m) {
		fail(ps, open, "the interval's minimum is above its maximum");
		return -1;
	}
	*min = (int)m;
	*max = (int)n;
	ps->p = q + 1;
	return 0;
}

static int
is_repeat(char c)
{
	return c == '*' || c == '+' || c == '?' || c == '{';
}

/* One atom: a group, a bracket expression, '.', an anchor, an escaped or
 * a plain character. */
static int
parse_atom(parser *ps)
{
	const char *at = ps->p;
	rset s = { NULL, 0, 0, 0 };
	long c;
	int i;

	switch (*at) {
	case '(':
		if (++ps->depth > REGEX_DFA_MAX_DEPTH) {
			fail(ps, at,
			     "groups and repetitions nest more than %d "
			     "deep",
			     REGEX_DFA_MAX_DEPTH);
			return -1;
		}
		ps->p++;
		i = parse_alt(ps);
		if (ps->failed)
			return -1;
		if (*ps->p != ')') {
			fail(ps, at, "'(' is not closed");
			return -1;
		}
		ps->p++;
		ps->depth--;
		return i;
	case '[':
		return parse_bracket(ps);
	case '.':
		ps->p++;
		rset_add(&s, 0, 0x10FFFF);
		return set_node(ps, &s, 0);
	case '^':
		ps->p++;
		return new_node(ps, RX_BOL);
	case '$':
		ps->p++;
		return new_node(ps, RX_EOL);
	case '\\':
		ps->p++;
		if (!*ps->p) {
			fail(ps, at, "a '\\' ends the expression");
			return -1;
		}
		if ((*ps->p >= '0' && *ps->p <= '9') ||
		    (*ps->p >= 'a' && *ps->p <= 'z') ||
		    (*ps->p >= 'A' && *ps->p <= 'Z')) {
			fail(ps, at,
			     "'\\%c' is not an escape in POSIX extended "
			     "regular expressions",
			     *ps->p);
			return -1;
		}
		break;
	default:
		if (is_repeat(*at)) {
			fail(ps, at, "'%c' has nothing before it to repeat",
			     *at);
			return -1;
		}
	}
	c = decode(&ps->p);
	if (c < 0) {
		fail(ps, ps->p, "the bytes here are not valid UTF-8");
		return -1;
	}
	rset_add(&s, (uint32_t)c, (uint32_t)c);
	return set_node(ps, &s, 0);
}

/* An atom and the repetitions after it. */
static int
parse_piece(parser *ps)
{
	/* A bare anchor cannot be repeated, as in regcomp; "(^)*" can. */
	int anchor = *ps->p == '^' || *ps->p == '$';
	int i = parse_atom(ps), nested = 0;

	if (i < 0)
		return -1;
	while (is_repeat(*ps->p)) {
		const char *at = ps->p;
		int min = 0, max = -1, r;

		if (anchor) {
			fail(ps, at,
			     "'%c' follows an anchor, which it cannot "
			     "repeat",
			     *at);
			return -1;
		}
		if (*at == '{') {
			if (parse_interval(ps, &min, &max) < 0)
				return -1;
		} else {
			min = *at == '+';
			max = *at == '?' ? 1 : -1;
			ps->p++;
		}
		if (ps->depth + ++nested > REGEX_DFA_MAX_DEPTH) {
			fail(ps, at,
			     "groups and repetitions nest more than %d "
			     "deep",
			     REGEX_DFA_MAX_DEPTH);
			return -1;
		}
		r = new_parent(ps, RX_REPEAT, &i, 1);
		ps->a->n[r].min = min;
		ps->a->n[r].max = max;
		i = r;
	}
	return i;
}

/* Pieces up to '|', a closing ')' or the end. */
static int
parse_branch(parser *ps)
{
	int *kids = NULL, i;
	size_t n = 0, cap = 0;

	while (*ps->p && *ps->p != '|' && !(*ps->p == ')' && ps->depth > 0)) {
		if ((i = parse_piece(ps)) < 0)
			break;
		kids = xgrow(kids, &cap, n + 1, sizeof *kids);
		kids[n++] = i;
	}
	if (ps->failed)
		i = -1;
	else if (n == 0)
		i = new_node(ps, RX_EMPTY);
	else if (n == 1)
		i = kids[0];
	else
		i = new_parent(ps, RX_CAT, kids, n);
	free(kids);
	return i;
}

static int
parse_alt(parser *ps)
{
	int *kids = NULL, i;
	size_t n = 0, cap = 0;

	for (;;) {
		if ((i = parse_branch(ps)) < 0)
			break;
		kids = xgrow(kids, &cap, n + 1, sizeof *kids);
		kids[n++] = i;
		if (*ps->p != '|')
			break;
		ps->p++;
	}
	if (ps->failed)
		i = -1;
	else if (n > 1)
		i = new_parent(ps, RX_ALT, kids, n);
	free(kids);
	return i;
}

int
rx_parse(const char *pattern, rx_ast *ast, regex_dfa_error *err)
{
	parser ps;

	memset(ast, 0, sizeof *ast);
	memset(&ps, 0, sizeof ps);
	ps.p0 = ps.p = pattern;
	ps.a = ast;
	ps.err = err;
	ast->root = parse_alt(&ps);
	/* At depth 0 a ')' is a character, so only the end stops parse_alt. */
	return ps.failed ? -1 : 0;
}

void
rx_ast_free(rx_ast *ast)
{
	free(ast->n);
	free(ast->kids);
	free(ast->r);
	memset(ast, 0, sizeof *ast);
}
