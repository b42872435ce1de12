/*
 * regex_dfa.c: compiling (parse, then byte automaton) and matching with a
 * deterministic automaton built lazily.
 *
 * A state of the deterministic automaton is a set of automaton states:
 * the RX_BYTES ones (which step over a byte) and the RX_ASSERT_EOL ones
 * (which may let the text end in a match), reached without a byte.  Its
 * step over a byte is worked out when first needed and kept in a table
 * indexed by byte class: bytes that every transition treats alike share
 * one column, so the table is narrow.  The search is unanchored: every
 * set also holds the start's closure (without '^'), as if the expression
 * began with a loop over any byte; starting inside a character is
 * harmless, as no expression's first byte is a continuation byte.
 *
 * Each byte costs one table lookup, or, the first time a state meets a
 * class, one step of the automaton: O(states), so time is linear in the
 * text.  When the cache is full it is emptied and the search goes on from
 * the current set, so memory is bounded too.  Reaching a set that holds
 * the match state ends the search at once; so does reaching the empty
 * set (an expression anchored with '^' that has failed).
 */
#include <stdlib.h>
#include <string.h>

#include "regex_dfa.h"
#include "regex_int.h"
#include "xalloc.h"

/* Table entries other than a state's offset. */
#define T_UNKNOWN (-1)
#define T_MATCH (-2)
#define T_DEAD (-3)

/* Bytes of cache: transition table plus sets. */
#define CACHE_BYTES (1u << 20)

struct regex_dfa {
	rx_nfa nfa;
	uint8_t cls[256]; /* byte -> its class */
	uint8_t rep[256]; /* class -> a byte of it */
	int ncls;

	/* The cache: state k's row is trans[k * ncls ...], and state ids
	 * are those offsets.  State 0 is the start. */
	int32_t *trans;
	size_t nstates, scap, maxstates; /* used, allocated, bound */
	size_t *set_off, *set_len;       /* per state, into sets */
	uint8_t *eol_ok;                 /* per state: the text may end here */
	int *sets;
	size_t nsets, setcap, maxsets;
	int32_t *htab;  /* open addressing: state index or -1 */
	size_t hcap;    /* a power of two, over 2 * scap */
	uint32_t *hash; /* per state */

	int *start_set; /* closure of the start, with '^' */
	size_t nstart;
	int start_match; /* it holds the match state */

	/* Scratch for one step. */
	uint32_t *mark;
	uint32_t gen;
	int *stack, *buf, *keep; /* keep: buf across a flush */
	size_t nbuf;
	int found_match;
	size_t flushes;
};

/* Adds to re->buf the states reached from s without a byte, crossing '^'
 * only with bol and '$' only with eol; notes a match in found_match. */
static void
closure(regex_dfa *re, int s, int bol, int eol)
{
	const rx_state *st = re->nfa.s;
	size_t sp = 0;

	if (re->mark[s] == re->gen)
		return;
	re->mark[s] = re->gen;
	re->stack[sp++] = s;
	while (sp > 0) {
		int q = re->stack[--sp], outs[2], k, n = 0;

		switch (st[q].kind) {
		case RX_MATCH:
			re->found_match = 1;
			continue;
		case RX_BYTES:
			re->buf[re->nbuf++] = q;
			continue;
		case RX_SPLIT:
			outs[n++] = st[q].out1;
			outs[n++] = st[q].out2;
			break;
		case RX_ASSERT_BOL:
			if (bol)
				outs[n++] = st[q].out1;
			break;
		case RX_ASSERT_EOL:
			/* Kept: at the end of the text it may lead on. */
			re->buf[re->nbuf++] = q;
			if (eol)
				outs[n++] = st[q].out1;
			break;
		}
		for (k = 0; k < n; k++) {
			if (re->mark[outs[k]] != re->gen) {
				re->mark[outs[k]] = re->gen;
				re->stack[sp++] = outs[k];
			}
		}
	}
}

static void
new_gen(regex_dfa *re)
{
	re->nbuf = 0;
	re->found_match = 0;
	if (++re->gen == 0) {
		memset(re->mark, 0, re->nfa.ns * sizeof *re->mark);
		re->gen = 1;
	}
}

/* Whether the text may end after set[0..n): a '$' in it leads to the
 * match state. */
static int
ends_in_match(regex_dfa *re, const int *set, size_t n, int bol)
{
	size_t i;

	new_gen(re);
	for (i = 0; i < n; i++)
		if (re->nfa.s[set[i]].kind == RX_ASSERT_EOL)
			closure(re, re->nfa.s[set[i]].out1, bol, 1);
	return re->found_match;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Sorts re->buf[0..nbuf), the states one closure marked with re->gen.
 * This runs on every step the cache has not seen, so on an expression
 * whose sets are large it is most of the time: a set that is a fair part
 * of the automaton is read back off the marks in order, in O(states),
 * rather than sorted in O(n log n) with a call per comparison. */
static void
sort_set(regex_dfa *re)
{
	size_t i, n = 0;

	if (re->nbuf < 2)
		return;
	if (re->nbuf * 16 < re->nfa.ns) {
		qsort(re->buf, re->nbuf, sizeof *re->buf, cmp_int);
		return;
	}
	/* Every marked state that closure keeps is in buf, and only those. */
	for (i = 0; i < re->nfa.ns; i++)
		if (re->mark[i] == re->gen &&
		    (re->nfa.s[i].kind == RX_BYTES ||
		     re->nfa.s[i].kind == RX_ASSERT_EOL))
			re->buf[n++] = (int)i;
	re->nbuf = n;
}

static uint32_t
set_hash(const int *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint32_t)s[i]) * 16777619u;
	return h;
}

/* Empties the cache. */
static void
flush(regex_dfa *re)
{
	size_t i;

	re->nstates = 0;
	re->nsets = 0;
	for (i = 0; i < re->hcap; i++)
		re->htab[i] = -1;
	re->flushes++;
}

/* Makes room for one more state and n more set members (within the
 * bounds, which room_for has checked).  The cache starts small and
 * doubles: most expressions meet a handful of states, and a rule set may
 * hold hundreds of expressions. */
static void
reserve(regex_dfa *re, size_t n)
{
	size_t i;

	/* One more than needed: sets is never NULL, even for empty sets. */
	if (re->nsets + n + 1 > re->setcap)
		re->sets = xgrow(re->sets, &re->setcap, re->nsets + n + 1,
				 sizeof *re->sets);
	if (re->nstates < re->scap)
		return;
	re->scap = re->scap ? 2 * re->scap : 16;
	if (re->scap > re->maxstates)
		re->scap = re->maxstates;
	re->trans = xrealloc(re->trans,
			     re->scap * re->ncls * sizeof *re->trans);
	re->set_off = xrealloc(re->set_off, re->scap * sizeof *re->set_off);
	re->set_len = xrealloc(re->set_len, re->scap * sizeof *re->set_len);
	re->eol_ok = xrealloc(re->eol_ok, re->scap);
	re->hash = xrealloc(re->hash, re->scap * sizeof *re->hash);
	if (re->hcap > 2 * re->scap)
		return;
	while (re->hcap <= 2 * re->scap)
		re->hcap = re->hcap ? 2 * re->hcap : 32;
	free(re->htab);
	re->htab = xmalloc(re->hcap * sizeof *re->htab);
	for (i = 0; i < re->hcap; i++)
		re->htab[i] = -1;
	for (i = 0; i < re->nstates; i++) {
		size_t k = re->hash[i] & (re->hcap - 1);

		while (re->htab[k] >= 0)
			k = (k + 1) & (re->hcap - 1);
		re->htab[k] = (int32_t)i;
	}
}

/* The state of set[0..n) (sorted), added when new: its offset. */
static int32_t
intern(regex_dfa *re, const int *set, size_t n)
{
	uint32_t h = set_hash(set, n);
	size_t i, k;
	int32_t j;

	reserve(re, n);
	i = h & (re->hcap - 1);
	while ((j = re->htab[i]) >= 0) {
		if (re->hash[j] == h && re->set_len[j] == n &&
		    !memcmp(re->sets + re->set_off[j], set, n * sizeof *set))
			return j * re->ncls;
		i = (i + 1) & (re->hcap - 1);
	}
	j = (int32_t)re->nstates++;
	re->htab[i] = j;
	re->hash[j] = h;
	re->set_off[j] = re->nsets;
	re->set_len[j] = n;
	memcpy(re->sets + re->nsets, set, n * sizeof *set);
	re->nsets += n;
	/* From the copy: set may be re->buf, which ends_in_match reuses. */
	re->eol_ok[j] = (uint8_t)ends_in_match(re, re->sets + re->set_off[j], n,
					       0);
	for (k = 0; k < (size_t)re->ncls; k++)
		re->trans[(size_t)j * re->ncls + k] = T_UNKNOWN;
	return j * re->ncls;
}

/* Whether intern can add a set of n states without a flush. */
static int
room_for(const regex_dfa *re, size_t n)
{
	return re->nstates < re->maxstates && re->nsets + n <= re->maxsets;
}

/* Empties the cache and puts the start back, as state 0. */
static void
restart(regex_dfa *re)
{
	flush(re);
	intern(re, re->start_set, re->nstart);
}

/* The step of state s over byte class c: an offset, T_MATCH or T_DEAD.
 * May flush the cache, after which s is gone, but what it returns is
 * valid. */
static int32_t
step(regex_dfa *re, int32_t s, int c)
{
	size_t k = (size_t)s / re->ncls, i, n;
	uint8_t byte = re->rep[c];
	int32_t t;
	const int *set;

	new_gen(re);
	set = re->sets + re->set_off[k];
	n = re->set_len[k];
	for (i = 0; i < n; i++) {
		const rx_state *q = &re->nfa.s[set[i]];
		size_t j;

		if (q->kind != RX_BYTES)
			continue;
		for (j = q->t0; j < q->t0 + q->nt; j++)
			if (re->nfa.t[j].lo <= byte && byte <= re->nfa.t[j].hi)
				closure(re, re->nfa.t[j].next, 0, 0);
	}
	closure(re, re->nfa.start, 0, 0);
	if (re->found_match) {
		t = T_MATCH;
	} else if (re->nbuf == 0) {
		t = T_DEAD;
	} else {
		sort_set(re);
		if (!room_for(re, re->nbuf)) {
			/* Putting the start back reuses buf: keep the set. */
			n = re->nbuf;
			memcpy(re->keep, re->buf, n * sizeof *re->buf);
			restart(re);
			return intern(re, re->keep, n);
		}
		t = intern(re, re->buf, re->nbuf);
	}
	re->trans[s + c] = t;
	return t;
}

static void
make_classes(regex_dfa *re)
{
	uint8_t edge[257];
	size_t i;
	int c = -1, b;

	memset(edge, 0, sizeof edge);
	edge[0] = 1;
	for (i = 0; i < re->nfa.nt; i++) {
		edge[re->nfa.t[i].lo] = 1;
		edge[re->nfa.t[i].hi + 1] = 1;
	}
	for (b = 0; b < 256; b++) {
		if (edge[b])
			re->rep[++c] = (uint8_t)b;
		re->cls[b] = (uint8_t)c;
	}
	re->ncls = c + 1;
}

regex_dfa *
regex_dfa_compile(const char *pattern, regex_dfa_error *err)
{
	regex_dfa *re;
	rx_ast ast;
	size_t ns, row;

	if (rx_parse(pattern, &ast, err) < 0) {
		rx_ast_free(&ast);
		return NULL;
	}
	re = xcalloc(1, sizeof *re);
	if (rx_nfa_build(&ast, &re->nfa, err) < 0) {
		rx_ast_free(&ast);
		regex_dfa_free(re);
		return NULL;
	}
	rx_ast_free(&ast);
	make_classes(re);
	ns = re->nfa.ns;
	re->mark = xcalloc(ns, sizeof *re->mark);
	re->stack = xmalloc(ns * sizeof *re->stack);
	re->buf = xmalloc(ns * sizeof *re->buf);
	re->keep = xmalloc(ns * sizeof *re->keep);

	/* The cache: at least a few states whatever the expression, else
	 * what a megabyte holds.  The sets' room always fits the start and
	 * one more set of every state. */
	row = (size_t)re->ncls * sizeof *re->trans + 2 * sizeof(size_t) +
	      sizeof(uint32_t) + 1;
	re->maxstates = CACHE_BYTES / row;
	if (re->maxstates < 8)
		re->maxstates = 8;
	re->maxsets = CACHE_BYTES / sizeof *re->sets;
	if (re->maxsets < 2 * ns)
		re->maxsets = 2 * ns;

	new_gen(re);
	closure(re, re->nfa.start, 1, 0);
	re->start_match = re->found_match;
	re->nstart = re->nbuf;
	sort_set(re);
	re->start_set = xmalloc((re->nbuf ? re->nbuf : 1) *
				sizeof *re->start_set);
	memcpy(re->start_set, re->buf, re->nbuf * sizeof *re->buf);
	restart(re);
	re->flushes = 0;
	return re;
}

int
regex_dfa_match(regex_dfa *re, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *end = p + len;
	const uint8_t *cls = re->cls;
	const int32_t *trans = re->trans;
	int32_t s = 0, t;

	if (re->start_match)
		return 1;
	if (len == 0) /* '^' and '$' both hold here */
		return ends_in_match(re, re->start_set, re->nstart, 1);
	while (p < end) {
		t = trans[s + cls[*p]];
		if (t < 0) {
			if (t == T_UNKNOWN) {
				t = step(re, s, cls[*p]);
				trans = re->trans; /* step may move it */
			}
			if (t == T_MATCH)
				return 1;
			if (t == T_DEAD)
				return 0;
		}
		s = t;
		p++;
	}
	return re->eol_ok[(size_t)s / re->ncls];
}

size_t
regex_dfa_flushes(const regex_dfa *re)
{
	return re->flushes;
}

void
regex_dfa_free(regex_dfa *re)
{
	if (!re)
		return;
	rx_nfa_free(&re->nfa);
	free(re->trans);
	free(re->set_off);
	free(re->set_len);
	free(re->eol_ok);
	free(re->sets);
	free(re->htab);
	free(re->hash);
	free(re->start_set);
	free(re->mark);
	free(re->stack);
	free(re->buf);
	free(re->keep);
	free(re);
}
