/*
 * genlists: writes a deterministic pool of partners with long lists, the
 * long-list workload of bench/pairs.sh (issue 11: pairs whose findings
 * name the list items they share).
 *
 *   genlists N ITEMS UNIVERSE SEED > pool.csv
 *
 * Columns id and items: each of the N partners holds ITEMS distinct items
 * drawn uniformly from UNIVERSE ("i00000" ...), separated by ';', so two
 * partners share ITEMS^2 / UNIVERSE items on average.  Read it with
 * bench/pairs-lists.json, whose one pair rule (items meets items) reports
 * every pair that shares an item, naming the items.
 *
 * The same arguments give the same bytes everywhere: a fixed 64-bit PRNG
 * (splitmix64), integer arithmetic only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t
next(void)
{
	uint64_t z = (state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned long
arg(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end) {
		fprintf(stderr, "genlists: '%s' is not a number\n", s);
		exit(2);
	}
	return v;
}

int
main(int argc, char **argv)
{
	unsigned long n, items, universe, i, k;
	unsigned char *taken;
	unsigned long *drawn;

	if (argc != 5) {
		fprintf(stderr, "usage: genlists N ITEMS UNIVERSE SEED\n");
		return 2;
	}
	n = arg(argv[1]);
	items = arg(argv[2]);
	universe = arg(argv[3]);
	state = arg(argv[4]);
	if (items > universe || universe > 1000000) {
		fprintf(stderr,
			"genlists: need ITEMS <= UNIVERSE <= 1000000\n");
		return 2;
	}
	taken = calloc(universe + 1, 1);
	drawn = malloc((items + 1) * sizeof *drawn);
	if (!taken || !drawn) {
		fprintf(stderr, "genlists: out of memory\n");
		return 2;
	}
	fputs("id,items\n", stdout);
	for (i = 0; i < n; i++) {
		/* ITEMS distinct draws: rejection is cheap while ITEMS is well
		 * below UNIVERSE, and stays exact otherwise */
		for (k = 0; k < items;) {
			unsigned long v = (unsigned long)(next() % universe);

			if (taken[v])
				continue;
			taken[v] = 1;
			drawn[k++] = v;
		}
		printf("L%06lu,", i + 1);
		for (k = 0; k < items; k++) {
			printf(k ? ";i%05lu" : "i%05lu", drawn[k]);
			taken[drawn[k]] = 0;
		}
		putchar('\n');
	}
	free(taken);
	free(drawn);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
