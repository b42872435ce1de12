/*
 * libFuzzer target for the matches engine (src/regex_*.c).
 *
 * Input: a pattern, a NUL byte, then a text (no NUL: the input is both).
 * The pattern goes through regex_guard and regex_dfa_compile as the rule
 * loader sends it; a compiled expression matches the text and each of its
 * suffixes, twice, with the same answers (the cache of states must not
 * change them).  When pattern and text are printable ASCII and small
 * enough that glibc's regcomp is quick, glibc's regexec in the C locale
 * must agree.
 */
#include <locale.h>
#include <regex.h>
#include <string.h>

#include "fuzz.h"
#include "regex_dfa.h"
#include "regex_guard.h"
#include "xalloc.h"

static int
printable(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7E)
			return 0;
	return 1;
}

/* Whether glibc can serve as the oracle for pattern: printable ASCII,
 * short, at most four repetitions and no counted ones (regcomp takes
 * exponential time on nested nullable ones, and a fuzzer finds them
 * within seconds), anchors only at the ends (glibc lets a '^' in a
 * repeated group hold again after the start: it matches "(^a)+$" on
 * "aa"), and none of the GNU escapes that glibc reads as operators
 * ('\'', '\`', '\<', '\>') where POSIX and this engine see a
 * character. */
static int
glibc_comparable(const char *p, size_t n)
{
	size_t i, reps = 0;

	if (n > 32 || !printable(p, n))
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] == '*' || p[i] == '+' || p[i] == '?')
			reps++;
		if (p[i] == '{')
			return 0;
		if ((p[i] == '^' && i > 0 && p[i - 1] != '[') ||
		    (p[i] == '$' && i + 1 < n))
			return 0;
		if (p[i] == '\\' && i + 1 < n && strchr("'`<>", p[i + 1]))
			return 0;
		if (p[i] == '\\')
			i++;
	}
	return reps <= 4;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, '\0', size);
	size_t plen = nul ? (size_t)(nul - (const char *)data) : size;
	char *pat = xstrndup((const char *)data, plen);
	const char *text = nul ? nul + 1 : (const char *)data;
	size_t tlen = nul ? size - plen - 1 : size, i;
	char why[320];
	regex_dfa_error err;
	regex_dfa *re;

	if (regex_guard(pat, why, sizeof why) < 0) {
		FUZZ_ASSERT(why[0] != '\0');
		free(pat);
		return 0;
	}
	re = regex_dfa_compile(pat, &err);
	if (!re) {
		FUZZ_ASSERT(err.msg[0] != '\0');
		FUZZ_ASSERT(err.pos <= plen + 1);
		free(pat);
		return 0;
	}
	for (i = 0; i <= tlen; i++) {
		int a = regex_dfa_match(re, text + i, tlen - i);

		FUZZ_ASSERT(a == 0 || a == 1);
		FUZZ_ASSERT(regex_dfa_match(re, text + i, tlen - i) == a);
		/* Containing a match is monotone: a suffix's match is the
		 * whole text's, unless anchored at the start. */
		if (a && !strchr(pat, '^'))
			FUZZ_ASSERT(regex_dfa_match(re, text, tlen));
	}
	if (glibc_comparable(pat, plen) && printable(text, tlen)) {
		regex_t g;
		char *t = xstrndup(text, tlen);

		setlocale(LC_ALL, "C");
		if (regcomp(&g, pat, REG_EXTENDED | REG_NOSUB) == 0) {
			int want = regexec(&g, t, 0, NULL, 0) == 0;

			if (regex_dfa_match(re, t, tlen) != want) {
				fprintf(stderr, "'%s' on '%s': glibc says %d\n",
					pat, t, want);
				FUZZ_ASSERT(0);
			}
			regfree(&g);
		}
		free(t);
	}
	regex_dfa_free(re);
	free(pat);
	return 0;
}
