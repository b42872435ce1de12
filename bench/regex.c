/*
 * bench/regex.c: regex_dfa's time per byte on one long text.
 *
 *     regex PATTERN KIND BYTES
 *
 * builds a text of BYTES bytes of KIND (digits-x: digits then an 'x';
 * a-b: 'a's then a 'b'; words: accented words and spaces; a-bang: 'a's
 * then '!') and prints "ns_per_byte matched": the fastest of several
 * rounds, each matching often enough to take at least 50 ms of CPU time
 * (CPU time, so that other processes on a shared machine matter less).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "regex_dfa.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
fill(char *t, size_t n, const char *kind)
{
	static const char words[] = "été Café naïve Zürich ";
	size_t i;

	if (!strcmp(kind, "digits-x")) {
		memset(t, '7', n);
		t[n - 1] = 'x';
	} else if (!strcmp(kind, "a-b")) {
		memset(t, 'a', n);
		t[n - 1] = 'b';
	} else if (!strcmp(kind, "a-bang")) {
		memset(t, 'a', n);
		t[n - 1] = '!';
	} else {
		for (i = 0; i + sizeof words - 1 <= n; i += sizeof words - 1)
			memcpy(t + i, words, sizeof words - 1);
		memset(t + i, ' ', n - i);
	}
}

int
main(int argc, char **argv)
{
	regex_dfa_error err;
	regex_dfa *re;
	size_t n;
	char *t;
	double best = 1e30;
	int matched = 0, round;

	if (argc != 4) {
		fprintf(stderr, "usage: regex PATTERN KIND BYTES\n");
		return 2;
	}
	n = strtoul(argv[3], NULL, 10);
	if (!(re = regex_dfa_compile(argv[1], &err))) {
		fprintf(stderr, "regex: %s: %s\n", argv[1], err.msg);
		return 2;
	}
	t = malloc(n);
	if (!t || n == 0)
		return 2;
	fill(t, n, argv[2]);
	for (round = 0; round < 5; round++) {
		double t0 = now(), el;
		long reps = 0;

		/* The clock is read once a megabyte or so: reading it
		 * costs about a microsecond, 1 ns a byte of a 1 KiB text. */
		do {
			long k, batch = n < (1 << 20) ? (1 << 20) / (long)n : 1;

			for (k = 0; k < batch; k++)
				matched = regex_dfa_match(re, t, n);
			reps += batch;
		} while ((el = now() - t0) < 0.05);
		if (el / reps / n * 1e9 < best)
			best = el / reps / n * 1e9;
	}
	printf("%.3f %d\n", best, matched);
	free(t);
	regex_dfa_free(re);
	return 0;
}
