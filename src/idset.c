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

/*
 * An id kept by hash lives in the pool as one record: its length as a
 * varint, its bytes, and its line as a varint (about len + 4 bytes; the
 * line is read back only for a duplicate).  The list and the table hold
 * records by offset, 8 bytes each, so an out-of-order id costs about
 * len + 4 bytes in the pool and 8 / load in the table: some 25 bytes
 * beside the id itself, where a 32-byte entry with room to spare cost 42.
 * A table slot is (offset + 1) << TAG_BITS | a tag of the hash, so that
 * most probes that miss never touch the pool; 0 is an empty slot.
 */
#define TAG_BITS 16
#define TAG_MASK ((1u << TAG_BITS) - 1)
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
	uint64_t *list; /* pool offsets */
	size_t nlist, caplist;
	/* Once not: open addressing, capacity a power of two. */
	uint64_t *table;
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

/* Writes v as a varint (7 bits a byte, low first) at p; returns its end. */
static char *
put_varint(char *p, size_t v)
{
	while (v >= 0x80) {
		*p++ = (char)((v & 0x7f) | 0x80);
		v >>= 7;
	}
	*p++ = (char)v;
	return p;
}

/* Reads a varint at p into *v; returns its end. */
static const char *
get_varint(const char *p, size_t *v)
{
	size_t x = 0;
	unsigned shift = 0;

	while (*(const unsigned char *)p & 0x80) {
		x |= (size_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	*v = x | (size_t)(unsigned char)*p << shift;
	return p + 1;
}

/* Copies id[0..len), read on line, into the pool as a record; returns its
 * offset. */
static uint64_t
keep(idset *s, const char *id, size_t len, size_t line)
{
	/* a varint of a size_t takes at most 10 bytes */
	size_t off = s->npool;
	char *p;

	/* The pool grows by a quarter, not double: it is most of what an
	 * out-of-order file costs, and realloc of a large block moves pages
	 * rather than bytes. */
	if (s->cappool - s->npool < len + 20) {
		size_t want = s->cappool + s->cappool / 4 + 4096;

		if (want < s->npool + len + 20)
			want = s->npool + len + 20;
		s->pool = xrealloc(s->pool, want);
		s->cappool = want;
	}
	p = put_varint(s->pool + off, len);
	memcpy(p, id, len);
	p = put_varint(p + len, line);
	s->npool = (size_t)(p - s->pool);
	return off;
}

/* The id bytes and length of the record at off. */
static const char *
rec_id(const idset *s, uint64_t off, size_t *len)
{
	return get_varint(s->pool + off, len);
}

/* The line of the record at off. */
static size_t
rec_line(const idset *s, uint64_t off)
{
	size_t len, line;
	const char *id = rec_id(s, off, &len);

	get_varint(id + len, &line);
	return line;
}

/* The hash of id, never 0. */
static uint64_t
hash_of(const idset *s, const char *id, size_t len)
{
	uint64_t h = s->hash(id, len);

	return h ? h : 1;
}

/* The tag kept in a slot: the hash's top bits (the index uses its low
 * ones). */
static uint64_t
tag_of(uint64_t h)
{
	return (h >> (64 - TAG_BITS)) & TAG_MASK;
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

/* Puts the record at off, whose id hashes to h, into a free slot. */
static void
table_put(idset *s, uint64_t off, uint64_t h)
{
	size_t mask = s->captable - 1, i;

	for (i = h & mask; s->table[i]; i = (i + 1) & mask)
		;
	s->table[i] = (off + 1) << TAG_BITS | tag_of(h);
	s->ntable++;
}

/* Puts the record at off into the table, hashing its id again. */
static void
table_put_rec(idset *s, uint64_t off)
{
	size_t len;
	const char *id = rec_id(s, off, &len);

	table_put(s, off, hash_of(s, id, len));
}

/* Room for n ids at a load of at most 3/4; growing hashes the ids again
 * (the slots keep only a tag of each hash). */
static void
table_reserve(idset *s, size_t n)
{
	uint64_t *old = s->table;
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
		if (old[k])
			table_put_rec(s, (old[k] >> TAG_BITS) - 1);
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
		table_put_rec(s, s->list[i]);
	for (i = 0; i < s->nruns; i++) {
		run *r = &s->runs[i];

		memcpy(buf, r->prefix, r->plen);
		for (v = r->lo; v <= r->hi; v++) {
			put_counter(buf + r->plen, r->ndig, v);
			table_put_rec(s, keep(s, buf, r->plen + r->ndig,
					      r->line0 + (size_t)(v - r->lo)));
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
	uint64_t off;
	char buf[MAX_RUN_ID + MAX_COUNTER_DIGITS];

	if (!s->nruns)
		return;
	r = &s->runs[s->nruns - 1];
	if (r->lo != r->hi)
		return;
	memcpy(buf, r->prefix, r->plen);
	put_counter(buf + r->plen, r->ndig, r->lo);
	off = keep(s, buf, r->plen + r->ndig, r->line0);
	s->list = xgrow(s->list, &s->caplist, s->nlist + 1, sizeof *s->list);
	s->list[s->nlist++] = off;
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
	uint64_t off;

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
	off = keep(s, id, len, line);
	s->list = xgrow(s->list, &s->caplist, s->nlist + 1, sizeof *s->list);
	s->list[s->nlist++] = off;
}

size_t
idset_add(idset *s, const char *id, size_t len, size_t line)
{
	uint64_t h, tag;
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
			size_t ll = s->nlist ?
					rec_line(s, s->list[s->nlist - 1]) :
					0;

			if (r && r->line0 + (size_t)(r->hi - r->lo) > ll)
				return r->line0 + (size_t)(r->hi - r->lo);
			return ll;
		}
		unsort(s);
	}
	h = hash_of(s, id, len);
	tag = tag_of(h);
	table_reserve(s, s->ntable + 1);
	mask = s->captable - 1;
	for (i = h & mask; s->table[i]; i = (i + 1) & mask) {
		uint64_t slot = s->table[i], off = (slot >> TAG_BITS) - 1;
		size_t tlen;
		const char *t;

		/* the tag only narrows it down: the ids decide */
		if ((slot & TAG_MASK) != tag)
			continue;
		t = rec_id(s, off, &tlen);
		if (tlen == len && memcmp(t, id, len) == 0)
			return rec_line(s, off);
	}
	s->table[i] = (keep(s, id, len, line) + 1) << TAG_BITS | tag;
	s->ntable++;
	return 0;
}
