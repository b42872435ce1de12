#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "idset.h"
#include "xalloc.h"

/* A counter ends an id in at most this many digits; more would overflow
 * the 64-bit value, and such an id is simply kept by its hash. */
#define MAX_COUNTER_DIGITS 18

/* Ids are at most this long to be kept as a run (the prefix is copied). */
#define MAX_RUN_ID 256

typedef struct seen {
	uint64_t hash; /* 0 marks an empty table slot */
	size_t line;
	size_t off; /* the id's bytes: pool[off .. off + len) */
	size_t len;
} seen;

/* prefix + the value lo..hi written in ndig digits, zero-padded, on lines
 * line0 .. line0 + (hi - lo). */
typedef struct run {
	char *prefix;
	size_t plen;
	size_t ndig;
	uint64_t lo, hi;
	size_t line0;
} run;

struct idset {
	int sorted;
	/* While sorted: the last id, the runs (the last one still growing)
	 * and the ids that were not part of a run.  While last_in_run, the
	 * last id is the end of the last run and last is out of date. */
	char *last;
	size_t lastlen, lastcap;
	int last_in_run;
	run *runs;
	size_t nruns, capruns;
	seen *list;
	size_t nlist, caplist;
	/* Once not: open addressing, capacity a power of two. */
	seen *table;
	size_t ntable, captable;
	/* The bytes of every id kept by hash (list and table), so that a
	 * hash match is confirmed by comparing the ids themselves: two
	 * different ids with one hash are not duplicates. */
	char *pool;
	size_t npool, cappool;
	uint64_t (*hash)(const char *bytes, size_t n);
};

idset *
idset_new(void)
{
	idset *s = xcalloc(1, sizeof *s);

	s->sorted = 1;
	s->hash = hash_bytes;
	return s;
}

void
idset_set_hash(idset *s, uint64_t (*hash)(const char *bytes, size_t n))
{
	s->hash = hash;
}

void
idset_free(idset *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nruns; i++)
		free(s->runs[i].prefix);
	free(s->runs);
	free(s->list);
	free(s->table);
	free(s->last);
	free(s->pool);
	free(s);
}

size_t
idset_bytes(const idset *s)
{
	size_t n = s->capruns * sizeof *s->runs + s->caplist * sizeof *s->list +
		   s->captable * sizeof *s->table + s->lastcap + s->cappool;
	size_t i;

	for (i = 0; i < s->nruns; i++)
		n += s->runs[i].plen + 1;
	return n;
}

/* An entry for id[0..len) on line, its bytes copied to the pool. */
static seen
keep(idset *s, const char *id, size_t len, size_t line)
{
	seen e;
	uint64_t h = s->hash(id, len);

	e.hash = h ? h : 1;
	e.line = line;
	e.off = s->npool;
	e.len = len;
	s->pool = xgrow(s->pool, &s->cappool, s->npool + len + 1, 1);
	memcpy(s->pool + s->npool, id, len);
	s->npool += len;
	return e;
}

/* Splits id into prefix and trailing counter; returns the number of
 * counter digits (0 if the id does not end in a usable counter). */
static size_t
counter(const char *id, size_t len, uint64_t *value)
{
	size_t n = 0, i;
	uint64_t v = 0;

	while (n < len && id[len - 1 - n] >= '0' && id[len - 1 - n] <= '9')
		n++;
	if (n == 0 || n > MAX_COUNTER_DIGITS || len > MAX_RUN_ID)
		return 0;
	for (i = len - n; i < len; i++)
		v = v * 10 + (uint64_t)(id[i] - '0');
	*value = v;
	return n;
}

/* ---- hash table ---- */

static void
table_put(idset *s, seen e)
{
	size_t mask = s->captable - 1, i;

	for (i = e.hash & mask; s->table[i].hash; i = (i + 1) & mask)
		;
	s->table[i] = e;
	s->ntable++;
}

static void
table_reserve(idset *s, size_t n)
{
	seen *old = s->table;
	size_t oldcap = s->captable, k;

	if (s->captable && n * 4 <= s->captable * 3)
		return;
	if (!s->captable)
		s->captable = 1024;
	while (n * 4 > s->captable * 3)
		s->captable *= 2;
	s->table = xcalloc(s->captable, sizeof *s->table);
	s->ntable = 0;
	for (k = 0; k < oldcap; k++)
		if (old[k].hash)
			table_put(s, old[k]);
	free(old);
}

/* Writes v in ndig digits, zero-padded, at out. */
static void
put_counter(char *out, size_t ndig, uint64_t v)
{
	while (ndig--) {
		out[ndig] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* The first id out of order: everything kept so far goes into the table,
 * runs written out id by id. */
static void
unsort(idset *s)
{
	char buf[MAX_RUN_ID + MAX_COUNTER_DIGITS];
	size_t total = s->nlist, i;
	uint64_t v;

	for (i = 0; i < s->nruns; i++)
		total += (size_t)(s->runs[i].hi - s->runs[i].lo) + 1;
	table_reserve(s, total + 1);
	for (i = 0; i < s->nlist; i++)
		table_put(s, s->list[i]);
	for (i = 0; i < s->nruns; i++) {
		run *r = &s->runs[i];

		memcpy(buf, r->prefix, r->plen);
		for (v = r->lo; v <= r->hi; v++) {
			seen e;

			put_counter(buf + r->plen, r->ndig, v);
			e = keep(s, buf, r->plen + r->ndig,
				 r->line0 + (size_t)(v - r->lo));
			table_put(s, e);
		}
		free(r->prefix);
	}
	free(s->runs);
	free(s->list);
	free(s->last);
	s->runs = NULL;
	s->list = NULL;
	s->last = NULL;
	s->nruns = s->capruns = s->nlist = s->caplist = 0;
	s->lastlen = s->lastcap = 0;
	s->sorted = 0;
}

/* ---- sorted ---- */

/* The last run, if it is still a single id, is better kept as a list
 * entry: a run costs its prefix and 48 bytes. */
static void
close_single(idset *s)
{
	run *r;
	seen e;
	char buf[MAX_RUN_ID + MAX_COUNTER_DIGITS];

	if (!s->nruns)
		return;
	r = &s->runs[s->nruns - 1];
	if (r->lo != r->hi)
		return;
	memcpy(buf, r->prefix, r->plen);
	put_counter(buf + r->plen, r->ndig, r->lo);
	e = keep(s, buf, r->plen + r->ndig, r->line0);
	s->list = xgrow(s->list, &s->caplist, s->nlist + 1, sizeof *s->list);
	s->list[s->nlist++] = e;
	free(r->prefix);
	s->nruns--;
}

/* Whether id, on line, is the next id of the last run; if so it is
 * added to it. */
static int
extends_run(idset *s, const char *id, size_t len, size_t line)
{
	run *r = &s->runs[s->nruns - 1];
	uint64_t v = 0;
	size_t i;

	if (len != r->plen + r->ndig ||
	    line != r->line0 + (size_t)(r->hi - r->lo) + 1 ||
	    memcmp(id, r->prefix, r->plen) != 0)
		return 0;
	for (i = r->plen; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)id[i] - '0';

		if (d > 9)
			return 0;
		v = v * 10 + d;
	}
	if (v != r->hi + 1)
		return 0;
	r->hi = v;
	return 1;
}

/* Makes last hold the last id, the end of the last run. */
static void
write_last(idset *s)
{
	const run *r = &s->runs[s->nruns - 1];
	size_t len = r->plen + r->ndig;

	if (len + 1 > s->lastcap)
		s->last = xgrow(s->last, &s->lastcap, len + 1, 1);
	memcpy(s->last, r->prefix, r->plen);
	put_counter(s->last + r->plen, r->ndig, r->hi);
	s->lastlen = len;
	s->last_in_run = 0;
}

/* Adds an id known to sort after every id so far. */
static void
add_sorted(idset *s, const char *id, size_t len, size_t line)
{
	uint64_t v = 0;
	size_t ndig = counter(id, len, &v), plen = len - ndig;
	run *r = s->nruns ? &s->runs[s->nruns - 1] : NULL;
	seen e;

	if (ndig && r && r->ndig == ndig && r->plen == plen && v == r->hi + 1 &&
	    line == r->line0 + (size_t)(v - r->lo) &&
	    memcmp(r->prefix, id, plen) == 0) {
		r->hi = v;
		return;
	}
	close_single(s);
	if (ndig) {
		s->runs = xgrow(s->runs, &s->capruns, s->nruns + 1,
				sizeof *s->runs);
		r = &s->runs[s->nruns++];
		r->prefix = xmalloc(plen + 1);
		memcpy(r->prefix, id, plen);
		r->prefix[plen] = '\0';
		r->plen = plen;
		r->ndig = ndig;
		r->lo = r->hi = v;
		r->line0 = line;
		return;
	}
	e = keep(s, id, len, line);
	s->list = xgrow(s->list, &s->caplist, s->nlist + 1, sizeof *s->list);
	s->list[s->nlist++] = e;
}

size_t
idset_add(idset *s, const char *id, size_t len, size_t line)
{
	uint64_t h;
	size_t mask, i;

	if (s->sorted) {
		int c = 1;

		/* The usual id: the next number of the run the last id ended.
		 * It sorts after the last id by construction, and the last id
		 * is then the run's end, which need not be written out. */
		if (s->last_in_run && extends_run(s, id, len, line))
			return 0;
		if (s->last_in_run)
			write_last(s);
		/* Shorter ids first, then bytewise: P999 comes before P1000,
		 * as record numbers and zero-free counters do. */
		if (s->last) {
			c = (len > s->lastlen) - (len < s->lastlen);
			if (!c)
				c = memcmp(id, s->last, len);
		}
		if (c > 0) {
			add_sorted(s, id, len, line);
			if (len + 1 > s->lastcap)
				s->last = xgrow(s->last, &s->lastcap, len + 1,
						1);
			memcpy(s->last, id, len);
			s->lastlen = len;
			s->last_in_run = s->nruns &&
					 s->runs[s->nruns - 1].line0 == line;
			return 0;
		}
		if (c == 0) {
			/* The same as the last id: its line is the last run's
			 * end or the last list entry. */
			const run *r = s->nruns ? &s->runs[s->nruns - 1] : NULL;

			if (r &&
			    r->line0 + (size_t)(r->hi - r->lo) >
				(s->nlist ? s->list[s->nlist - 1].line : 0))
				return r->line0 + (size_t)(r->hi - r->lo);
			return s->list[s->nlist - 1].line;
		}
		unsort(s);
	}
	h = s->hash(id, len);
	h = h ? h : 1;
	table_reserve(s, s->ntable + 1);
	mask = s->captable - 1;
	for (i = h & mask; s->table[i].hash; i = (i + 1) & mask) {
		const seen *t = &s->table[i];

		/* the hash only narrows it down: the ids decide */
		if (t->hash == h && t->len == len &&
		    memcmp(s->pool + t->off, id, len) == 0)
			return t->line;
	}
	s->table[i] = keep(s, id, len, line);
	s->ntable++;
	return 0;
}
