#include <string.h>
#include <strings.h>

#include "suggest.h"

/* Longer names are never typos worth a guess, and a fixed row keeps the
 * distance free of allocation. */
#define SUGGEST_MAX 63

size_t
suggest_distance(const char *a, const char *b)
{
	/* Three rows of the optimal string alignment table: the one two
	 * back is what a swap of neighbours looks at. */
	size_t rows[3][SUGGEST_MAX + 1];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la >= SUGGEST_MAX || lb >= SUGGEST_MAX)
		return (size_t)-1 / 2;
	for (j = 0; j <= lb; j++)
		rows[0][j] = j;
	for (i = 1; i <= la; i++) {
		size_t *cur = rows[i % 3], *prev = rows[(i - 1) % 3];
		size_t *prev2 = rows[(i + 1) % 3];

		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
	}
	return rows[la % 3][lb];
}

const char *
suggest_name(const char *s, const char *const *names)
{
	const char *best = NULL;
	size_t bestd = 3, len = strlen(s), i;

	for (i = 0; names[i]; i++)
		if (!strcasecmp(s, names[i]))
			return names[i];
	for (i = 0; names[i]; i++) {
		size_t d = suggest_distance(s, names[i]);

		if (d < bestd && d < len) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}
