#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "regex_dfa.h"
#include "testutil.h"
#include "xalloc.h"

/*
 * Every match gets an exact-size heap copy of its text, without a NUL, so
 * that AddressSanitizer reports any read past len.
 */
static int
match_n(regex_dfa *re, const char *text, size_t len)
{
	char *copy = xmalloc(len ? len : 1);
	int r;

	memcpy(copy, text, len);
	r = regex_dfa_match(re, copy, len);
	free(copy);
	return r;
}

static int
matches(const char *pattern, const char *text)
{
	regex_dfa_error err;
	regex_dfa *re = regex_dfa_compile(pattern, &err);
	int r;

	ck_assert_msg(re != NULL, "'%s' does not compile: %s", pattern,
		      err.msg);
	r = match_n(re, text, strlen(text));
	regex_dfa_free(re);
	return r;
}

static const struct {
	const char *re, *text;
	int want;
} cases[] = {
	/* Unanchored search; anchors hold at the ends of the whole text. */
	{ "abc", "xxabcxx", 1 },
	{ "abc", "ab", 0 },
	{ "", "", 1 },
	{ "", "abc", 1 },
	{ "^", "abc", 1 },
	{ "$", "", 1 },
	{ "^$", "", 1 },
	{ "^$", "a", 0 },
	{ "^abc$", "abc", 1 },
	{ "^abc$", "abcd", 0 },
	{ "^abc$", "xabc", 0 },
	{ "^abc", "abcd", 1 },
	{ "abc$", "xabc", 1 },
	{ "a^b", "a^b", 0 },
	{ "a$b", "a$b", 0 },
	{ "$^", "", 1 },
	{ "(^a|b)c", "xac", 0 },
	{ "(^a|b)c", "ac", 1 },
	{ "(^a|b)c", "xbc", 1 },
	{ "x(a|$)", "xb", 0 },
	{ "x(a|$)", "abx", 1 },
	/* A '^' holds at the start only, in a repeated group too (glibc
	 * says yes to both: it lets the '^' hold again). */
	{ "(^a)+$", "aa", 0 },
	{ "(^[A-Z][a-z]* ?)+$", "Hello World", 0 },
	{ "(^[A-Z][a-z]* ?)+$", "Hello", 1 },
	{ "^a\nb$", "a\nb", 1 }, /* a newline is a character */
	{ "a.b", "a\nb", 1 },
	{ "^.*$", "line 1\nline 2", 1 },
	/* Quadratic in glibc; one pass here. */
	{ "[0-9]+$", "12ab34", 1 },
	{ "[0-9]+$", "1234a", 0 },
	{ "a+$", "baaaa", 1 },
	{ "a+$", "aaaab", 0 },
	/* Repetition and its bounds. */
	{ "^a*$", "", 1 },
	{ "^a*$", "aaa", 1 },
	{ "^a+$", "", 0 },
	{ "^a?$", "aa", 0 },
	{ "^a?$", "a", 1 },
	{ "^a{3}$", "aaa", 1 },
	{ "^a{3}$", "aa", 0 },
	{ "^a{3}$", "aaaa", 0 },
	{ "^a{2,}$", "a", 0 },
	{ "^a{2,}$", "aa", 1 },
	{ "^a{2,}$", "aaaaaaaaaa", 1 },
	{ "^a{2,4}$", "aaaa", 1 },
	{ "^a{2,4}$", "aaaaa", 0 },
	{ "^a{0,2}$", "", 1 },
	{ "^a{,2}$", "aa", 1 },
	{ "^a{,2}$", "aaa", 0 },
	{ "^a{0}b$", "b", 1 },
	{ "^a{0}b$", "ab", 0 },
	{ "^(ab){2}$", "abab", 1 },
	{ "^(ab){2}$", "aba", 0 },
	{ "^(a|bc){2,3}$", "bca", 1 },
	{ "^(a|bc){2,3}$", "abcabc", 0 },
	{ "^a{2}{3}$", "aaaaaa", 1 },
	{ "^a{2}{3}$", "aaaaa", 0 },
	{ "^(a*)*$", "aaa", 1 },
	{ "^(a*)*b$", "aaac", 0 },
	{ "^(a?)+b$", "aab", 1 },
	{ "^(a|b?)+$", "abba", 1 },
	{ "^(a|b?)+$", "abca", 0 },
	{ "^(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", 0 },
	{ "^([A-Z][a-z]* ?)+$", "Hello World", 1 },
	{ "^([A-Z][a-z]* ?)+$", "Hello world", 0 },
	/* Alternation and empty alternatives. */
	{ "^(LS|BD)[0-9]", "LS1 7HH", 1 },
	{ "^(LS|BD)[0-9]", "YO1 7HH", 0 },
	{ "^(a|)$", "", 1 },
	{ "^(|a)$", "a", 1 },
	{ "^(a||b)$", "b", 1 },
	{ "^()$", "", 1 },
	{ "^a|b$", "ax", 1 },
	{ "^a|b$", "xb", 1 },
	{ "^a|b$", "xa", 0 },
	{ "cat|dog", "hotdog", 1 },
	{ "a|", "zzz", 1 },
	/* Bracket expressions. */
	{ "^[abc]+$", "cab", 1 },
	{ "^[abc]+$", "cabd", 0 },
	{ "^[^abc]+$", "xyz", 1 },
	{ "^[^abc]+$", "xaz", 0 },
	{ "^[a-c]$", "b", 1 },
	{ "^[a-c]$", "d", 0 },
	{ "^[]a]+$", "]a]", 1 },
	{ "^[^]a]$", "]", 0 },
	{ "^[^]a]$", "b", 1 },
	{ "^[a-]+$", "-a-", 1 },
	{ "^[-a]+$", "-a-", 1 },
	{ "^[--/]+$", "-./", 1 },
	{ "^[--/]+$", ",", 0 },
	{ "^[[.-.]]$", "-", 1 },
	{ "^[[=e=]]$", "e", 1 },
	{ "^[[.é.]-[.ü.]]$", "ö", 1 },
	{ "^[\\]$", "\\", 1 }, /* no escapes in brackets */
	{ "^[\\1]+$", "1\\", 1 },
	{ "^[.*+?]+$", "*.+?", 1 },
	{ "^[^a]$", "\n", 1 },
	/* POSIX classes: ASCII as in the C locale. */
	{ "^[[:digit:]]+$", "0123456789", 1 },
	{ "^[[:digit:]]$", "a", 0 },
	{ "^[[:alpha:]]+$", "azAZ", 1 },
	{ "^[[:alpha:]]$", "1", 0 },
	{ "^[[:alnum:]]+$", "a1Z9", 1 },
	{ "^[[:alnum:]]$", "_", 0 },
	{ "^[[:upper:]]+$", "ABC", 1 },
	{ "^[[:upper:]]$", "a", 0 },
	{ "^[[:lower:]]+$", "abc", 1 },
	{ "^[[:lower:]]$", "A", 0 },
	{ "^[[:space:]]+$", " \t\n\v\f\r", 1 },
	{ "^[[:space:]]$", "_", 0 },
	{ "^[[:blank:]]+$", " \t", 1 },
	{ "^[[:blank:]]$", "\n", 0 },
	{ "^[[:punct:]]+$", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", 1 },
	{ "^[[:punct:]]$", "a", 0 },
	{ "^[[:cntrl:]]+$", "\001\037\177", 1 },
	{ "^[[:cntrl:]]$", " ", 0 },
	{ "^[[:graph:]]$", " ", 0 },
	{ "^[[:graph:]]$", "~", 1 },
	{ "^[[:print:]]$", " ", 1 },
	{ "^[[:print:]]$", "\t", 0 },
	{ "^[[:xdigit:]]+$", "09afAF", 1 },
	{ "^[[:xdigit:]]$", "g", 0 },
	{ "^[^[:digit:]]+$", "abc", 1 },
	{ "^[^[:digit:]]+$", "ab1", 0 },
	{ "^[[:alpha:][:digit:]_-]+$", "a_1-b", 1 },
	/* Beyond ASCII: letters and marks are alpha, cases are cased, digits
	 * stay ASCII. */
	{ "^[[:alpha:]]+$", "été", 1 },
	{ "^[[:alpha:]]+$", "Straße", 1 },
	{ "^[[:alpha:]]+$", "日本", 1 },
	{ "^[[:alpha:]]+$", "Cafe\xcc\x81", 1 }, /* e + combining acute */
	{ "^[[:alpha:] ]+$", "Café x", 1 },
	{ "^[[:upper:]]$", "É", 1 },
	{ "^[[:upper:]]$", "é", 0 },
	{ "^[[:lower:]]$", "é", 1 },
	{ "^[[:digit:]]$", "\xd9\xa3", 0 },     /* Arabic-Indic three */
	{ "^[[:space:]]$", "\xe2\x80\x83", 1 }, /* em space */
	{ "^[[:space:]]$", "\xc2\xa0", 1 },     /* no-break space */
	{ "^[[:punct:]]$", "«", 1 },
	{ "^[[:punct:]]$", "€", 1 },
	{ "^[[:punct:]]$", "é", 0 },
	{ "^[[:cntrl:]]$", "\xc2\x85", 1 },
	/* Characters, not bytes. */
	{ "^.{3}$", "été", 1 },
	{ "^.{3}$", "Café", 0 },
	{ "^.$", "日", 1 },
	{ "^.$", "\xf0\x9f\x98\x80", 1 }, /* U+1F600 */
	{ "^..$", "\xf0\x9f\x98\x80", 0 },
	{ "^.{2}$", "a\xf0\x9f\x98\x80", 1 },
	{ "[é]", "abc", 0 },
	{ "[é]", "café", 1 },
	{ "^[^é]$", "e", 1 },
	{ "^[^é]$", "é", 0 },
	{ "^[^a]$", "é", 1 },
	{ "^é+$", "ééé", 1 },
	{ "^(é|ü)+$", "éüé", 1 },
	/* Ranges over code points, across encoded lengths. */
	{ "^[à-ü]+$", "éèüà", 1 },
	{ "^[à-ü]$", "ÿ", 0 },
	{ "^[à-ü]$", "a", 0 },
	{ "^[a-é]$", "z", 1 },
	{ "^[a-é]$", "é", 1 },
	{ "^[a-é]$", "ê", 0 },
	{ "^[α-ω]+$", "λόγος", 0 }, /* ό is U+03CC */
	{ "^[α-ω]+$", "λογος", 1 },
	{ "^[\x7f-\xc2\x80]+$", "\x7f\xc2\x80", 1 },
	{ "^[\xdf\xbf-\xe0\xa0\x80]{2}$", "\xdf\xbf\xe0\xa0\x80", 1 },
	{ "^[\xef\xbf\xbf-\xf0\x90\x80\x80]{2}$",
	  "\xef\xbf\xbf\xf0\x90\x80\x80", 1 },
	{ "^[\xed\x9f\xbf-\xee\x80\x80]$", "\xee\x80\x80",
	  1 }, /* past the surrogates */
	{ "^[\xc2\x80-\xf4\x8f\xbf\xbf]$", "\xf4\x8f\xbf\xbf", 1 },
	{ "^[\xc2\x80-\xf4\x8f\xbf\xbf]$", "~", 0 },
	{ "^[\xe4\xb8\x80-\xe9\xbe\xa5]+$", "日本語", 1 },
	{ "^[\xe4\xb8\x80-\xe9\xbe\xa5]+$", "日本ご", 0 },
	/* Bytes that are not UTF-8 match nothing, not even '.'. */
	{ "^.$", "\xff", 0 },
	{ "^.$", "\xc3", 0 },
	{ "^[^a]$", "\x80", 0 },
	{ "a",
	  "\xff"
	  "a\xff",
	  1 },
	{ "^.*$", "ab\xc3", 0 },
	/* Escaped metacharacters. */
	{ "^\\.\\$\\(\\)$", ".$()", 1 },
	{ "^\\*+$", "**", 1 },
	{ "^a\\|b$", "a|b", 1 },
	{ "^\\[a]$", "[a]", 1 },
	{ "^\\{$", "{", 1 },
	{ "^\\\\$", "\\", 1 },
	{ "^\\^$", "^", 1 },
	{ "^\\é$", "é", 1 },
	{ "a)", "a)", 1 }, /* a ')' without '(' is a character */
	{ "^)$", ")", 1 },
	/* Case matters. */
	{ "abc", "ABC", 0 },
	{ "^[A-Z]{2}[0-9]{6}$", "GB123456", 1 },
	{ "^[A-Z]{2}[0-9]{6}$", "gb123456", 0 },
	{ "^(NI|SC)?[0-9]{6,8}$", "SC0123456", 1 },
	{ "^(NI|SC)?[0-9]{6,8}$", "SC01234", 0 },
	{ "(supported|floating) housing", "floating housing ltd", 1 },
};

START_TEST(test_cases)
{
	ck_assert_msg(matches(cases[_i].re, cases[_i].text) == cases[_i].want,
		      "'%s' on '%s': expected %d", cases[_i].re, cases[_i].text,
		      cases[_i].want);
}
END_TEST

/* What does not compile, where, and why. */
static const struct {
	const char *re;
	size_t pos;
	const char *msg;
} bad[] = {
	{ "(", 1, "'(' is not closed" },
	{ "a(b", 2, "'(' is not closed" },
	{ "é(", 2, "'(' is not closed" },
	{ "([a-z]", 1, "'(' is not closed" },
	{ "[a", 1, "'[' is not closed" },
	{ "x[^", 2, "'[' is not closed" },
	{ "[]", 1, "'[' is not closed" },
	{ "[[:alpha:]", 1, "'[' is not closed" },
	{ "[[:alpha]]", 2, "'[:' is not closed" },
	{ "[[:foo:]]", 2,
	  "'[:foo:]' is not a character class (alpha, digit, "
	  "alnum, upper, lower, space, blank, punct, cntrl, graph, print, "
	  "xdigit)" },
	{ "[[.space.]]", 2,
	  "'[.space.]' is not a single character; only "
	  "those are collating elements here" },
	{ "[[.a]", 2, "'[.' is not closed" },
	{ "ab[z-a]", 4, "the range ends before it starts" },
	{ "[é-a]", 2, "the range ends before it starts" },
	{ "*a", 1, "'*' has nothing before it to repeat" },
	{ "a|*b", 3, "'*' has nothing before it to repeat" },
	{ "(+a)", 2, "'+' has nothing before it to repeat" },
	{ "{1}a", 1, "'{' has nothing before it to repeat" },
	{ "^*", 2, "'*' follows an anchor, which it cannot repeat" },
	{ "a$?", 3, "'?' follows an anchor, which it cannot repeat" },
	{ "a{", 2, "'{' starts no interval ({m}, {m,} or {m,n})" },
	{ "a{x}", 2, "'{' starts no interval ({m}, {m,} or {m,n})" },
	{ "a{1", 2, "'{' starts no interval ({m}, {m,} or {m,n})" },
	{ "a{1,2", 2, "'{' starts no interval ({m}, {m,} or {m,n})" },
	{ "a{2,1}", 2, "the interval's minimum is above its maximum" },
	{ "a{32768}", 2, "the interval counts above 32767" },
	{ "a{99999999999999999999}", 2, "the interval counts above 32767" },
	{ "\\", 1, "a '\\' ends the expression" },
	{ "ab\\", 3, "a '\\' ends the expression" },
	{ "\\d", 1,
	  "'\\d' is not an escape in POSIX extended regular "
	  "expressions" },
	{ "(a)\\1", 4,
	  "'\\1' is not an escape in POSIX extended regular "
	  "expressions" },
	{ "a\xff", 2, "the bytes here are not valid UTF-8" },
	{ "[\xc3]", 2, "the bytes here are not valid UTF-8" },
	{ "a{30000}{30000}", 0,
	  "is too big: with its alternatives and "
	  "repetitions written out it would match more than 2000 characters" },
	/* Sets of about 2000 states met anew at every byte: 30 us a byte
	 * when it was accepted, 300 us with 30000 copies written out. */
	{ "(a|b)*a(a|b){999}c", 0,
	  "is too big: with its alternatives and "
	  "repetitions written out it would match more than 2000 characters" },
	{ "[[:alpha:]]{200}", 0,
	  "is too big: its repetitions written out would "
	  "take more than 200000 states" },
};

START_TEST(test_bad)
{
	regex_dfa_error err;
	regex_dfa *re = regex_dfa_compile(bad[_i].re, &err);

	ck_assert_msg(re == NULL, "'%s' compiles", bad[_i].re);
	ck_assert_str_eq(err.msg, bad[_i].msg);
	ck_assert_uint_eq(err.pos, bad[_i].pos);
	ck_assert_ptr_null(regex_dfa_compile(bad[_i].re, NULL));
}
END_TEST

/* Right at the bound on characters, the worst kind of expression (a new
 * state at nearly every byte) compiles and still matches correctly. */
START_TEST(test_chars_bound)
{
	regex_dfa *re = regex_dfa_compile("(a|b)*a(a|b){998}c", NULL);
	char text[1200];

	ck_assert_ptr_nonnull(re);
	memset(text, 'b', sizeof text);
	text[100] = 'a';
	text[100 + 999] = 'c';
	ck_assert_int_eq(regex_dfa_match(re, text, sizeof text), 1);
	text[100] = 'b';
	ck_assert_int_eq(regex_dfa_match(re, text, sizeof text), 0);
	regex_dfa_free(re);
}
END_TEST

/* A class named again in one bracket adds nothing: each name used to add
 * its thousand-odd ranges again, and this took 15 s and 220 MB (past
 * Check's timeout). */
START_TEST(test_class_repeated)
{
	static const char name[] = "[:alpha:]";
	size_t n = 20000, i, len = strlen(name);
	char *p = malloc(n * len + 3);
	regex_dfa *re;

	ck_assert_ptr_nonnull(p);
	p[0] = '[';
	for (i = 0; i < n; i++)
		memcpy(p + 1 + i * len, name, len);
	p[1 + n * len] = ']';
	p[2 + n * len] = '\0';
	re = regex_dfa_compile(p, NULL);
	ck_assert_ptr_nonnull(re);
	ck_assert_int_eq(regex_dfa_match(re, "1\xc3\xa9", 3), 1);
	ck_assert_int_eq(regex_dfa_match(re, "1-", 2), 0);
	regex_dfa_free(re);
	free(p);
}
END_TEST

/* Nesting is bounded before it can run the parser or the compiler out of
 * stack; up to the bound it works. */
START_TEST(test_depth)
{
	char buf[2 * REGEX_DFA_MAX_DEPTH + 8];
	regex_dfa_error err;
	regex_dfa *re;
	int i, n = 0;

	for (i = 0; i < REGEX_DFA_MAX_DEPTH; i++)
		buf[n++] = '(';
	buf[n++] = 'a';
	for (i = 0; i < REGEX_DFA_MAX_DEPTH; i++)
		buf[n++] = ')';
	buf[n] = '\0';
	re = regex_dfa_compile(buf, &err);
	ck_assert_ptr_nonnull(re);
	ck_assert_int_eq(regex_dfa_match(re, "xa", 2), 1);
	regex_dfa_free(re);
	memmove(buf + 1, buf, (size_t)n + 1);
	buf[0] = '(';
	buf[n + 1] = ')';
	buf[n + 2] = '\0';
	ck_assert_ptr_null(regex_dfa_compile(buf, &err));
	ck_assert_str_eq(err.msg, "groups and repetitions nest more than 256 "
				  "deep");
	ck_assert_uint_eq(err.pos, REGEX_DFA_MAX_DEPTH + 1);

	memset(buf, '*', sizeof buf - 1);
	buf[0] = 'a';
	buf[sizeof buf - 1] = '\0';
	ck_assert_ptr_null(regex_dfa_compile(buf, &err));
	ck_assert_uint_eq(err.pos, REGEX_DFA_MAX_DEPTH + 2);
}
END_TEST

/* A long text, with matches only at its end, answered in one pass (an
 * engine that retried from every start would take minutes under the
 * sanitizers, and time out). */
START_TEST(test_long_text)
{
	size_t len = 1u << 20;
	char *text = xmalloc(len);
	regex_dfa *re;

	memset(text, 'a', len);
	text[len - 1] = 'b';
	re = regex_dfa_compile("a+$", NULL);
	ck_assert_int_eq(regex_dfa_match(re, text, len), 0);
	ck_assert_int_eq(regex_dfa_match(re, text, len - 1), 1);
	regex_dfa_free(re);
	re = regex_dfa_compile("[0-9]+$", NULL);
	memset(text, '7', len);
	text[len - 1] = 'x';
	ck_assert_int_eq(regex_dfa_match(re, text, len), 0);
	ck_assert_int_eq(regex_dfa_match(re, text, len - 1), 1);
	regex_dfa_free(re);
	/* Anchored at the start and failed: stops at once. */
	re = regex_dfa_compile("^b", NULL);
	ck_assert_int_eq(regex_dfa_match(re, text, len), 0);
	regex_dfa_free(re);
	free(text);
}
END_TEST

/* "an a, then 15 more, at the end" has 2^16 deterministic states, more
 * than the cache holds: matching empties it and goes on from the set it
 * was in, and the answers stay right.  The expression is anchored at the
 * start, so a set lost in a flush would end the search with no match. */
START_TEST(test_cache_flush)
{
	size_t len = 100000, i;
	char *text = xmalloc(len);
	unsigned seed = 7;
	regex_dfa *re = regex_dfa_compile("^[ab]*a[ab]{15}$", NULL);
	int k, yes = 0;

	for (i = 0; i < len; i++) {
		seed = seed * 1103515245u + 12345u;
		text[i] = (seed >> 16) & 1 ? 'a' : 'b';
	}
	for (k = 0; k < 8; k++) {
		size_t n = len - (size_t)k * 997;

		ck_assert_int_eq(regex_dfa_match(re, text, n),
				 text[n - 16] == 'a');
		yes += text[n - 16] == 'a';
	}
	ck_assert_int_gt(yes, 0);
	ck_assert_int_lt(yes, 8);
	ck_assert_uint_gt(regex_dfa_flushes(re), 0);
	regex_dfa_free(re);
	free(text);
}
END_TEST

/*
 * Differential test: random ASCII expressions and texts, each answered by
 * this engine and by glibc's regexec in the C locale (the oracle only;
 * both must agree).  The generator writes only what both read alike.
 */
static unsigned rng;

static unsigned
rnd(unsigned n)
{
	rng = rng * 1103515245u + 12345u;
	return (rng >> 8) % n;
}

static void gen_alt(char *buf, size_t *n, int depth);

static void
add(char *buf, size_t *n, const char *s)
{
	size_t l = strlen(s);

	memcpy(buf + *n, s, l);
	*n += l;
}

static void
gen_piece(char *buf, size_t *n, int depth)
{
	static const char *const atoms[] = {
		"a",
		"b",
		"c",
		".",
		"[ab]",
		"[^a]",
		"[a-c]",
		"[[:alpha:]]",
		"[[:digit:]]",
		"1",
		" ",
		"\\.",
		"[^[:space:]b]",
		"[]a]",
	};
	static const char *const reps[] = {
		"*", "+", "?", "{2}", "{1,}", "{0,2}", "{1,3}", "{,2}", "{0}",
	};
	unsigned k = rnd(10);

	if (k == 0) {
		/* Not in groups, where glibc lets '^' hold after the start
		 * when the group repeats. */
		if (depth == 0)
			add(buf, n, rnd(2) ? "^" : "$");
		return;
	}
	if (k < 3 && depth < 3) {
		add(buf, n, "(");
		gen_alt(buf, n, depth + 1);
		add(buf, n, ")");
	} else {
		add(buf, n, atoms[rnd(sizeof atoms / sizeof *atoms)]);
	}
	if (rnd(3) == 0)
		add(buf, n, reps[rnd(sizeof reps / sizeof *reps)]);
}

static void
gen_alt(char *buf, size_t *n, int depth)
{
	unsigned branches = rnd(4) == 0 ? 2 + rnd(2) : 1, b, p;

	for (b = 0; b < branches; b++) {
		unsigned pieces = rnd(4);

		if (b)
			add(buf, n, "|");
		for (p = 0; p < pieces; p++)
			gen_piece(buf, n, depth);
	}
}

START_TEST(test_differential)
{
	char pat[4096], text[16];
	int cases_run = 0, yes = 0, i, j;

	setlocale(LC_ALL, "C");
	rng = 20261202;
	for (i = 0; i < 4000; i++) {
		size_t n = 0;
		regex_t g;
		regex_dfa *re;

		gen_alt(pat, &n, 0);
		pat[n] = '\0';
		re = regex_dfa_compile(pat, NULL);
		if (regcomp(&g, pat, REG_EXTENDED | REG_NOSUB) != 0) {
			/* The generator writes nothing glibc refuses. */
			ck_abort_msg("glibc refuses '%s'", pat);
		}
		ck_assert_msg(re != NULL, "'%s' does not compile", pat);
		for (j = 0; j < 12; j++) {
			size_t len = rnd(9), k;
			int want;

			for (k = 0; k < len; k++)
				text[k] = "abc1 .]"[rnd(7)];
			text[len] = '\0';
			want = regexec(&g, text, 0, NULL, 0) == 0;
			ck_assert_msg(match_n(re, text, len) == want,
				      "'%s' on '%s': glibc says %d", pat, text,
				      want);
			cases_run++;
			yes += want;
		}
		regfree(&g);
		regex_dfa_free(re);
	}
	/* Both answers are common, so both are tested. */
	ck_assert_int_gt(cases_run, 40000);
	ck_assert_int_gt(yes, cases_run / 5);
	ck_assert_int_lt(yes, cases_run - cases_run / 5);
}
END_TEST

static Suite *
regex_suite(void)
{
	Suite *s = suite_create("regex");
	TCase *tc = tcase_create("core");
	/* Tens of thousands of matches each: under the sanitizers on a
	 * busy machine they need more than Check's default 4 s. */
	TCase *big = tcase_create("big");

	tcase_add_loop_test(tc, test_cases, 0,
			    (int)(sizeof cases / sizeof *cases));
	tcase_add_loop_test(tc, test_bad, 0, (int)(sizeof bad / sizeof *bad));
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_chars_bound);
	tcase_add_test(tc, test_class_repeated);
	suite_add_tcase(s, tc);
	tcase_set_timeout(big, 120);
	tcase_add_test(big, test_long_text);
	tcase_add_test(big, test_cache_flush);
	tcase_add_test(big, test_differential);
	suite_add_tcase(s, big);
	return s;
}

RUN_SUITE(regex_suite)
