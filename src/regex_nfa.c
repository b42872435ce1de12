/*
 * regex_nfa.c: rx_ast -> byte automaton.
 *
 * Built back to front: each node is compiled knowing the state that
 * follows it, so no patch lists are needed.  A set of code points
 * becomes the UTF-8 byte sequences of its ranges (rx_utf8_sequences);
 * states that step over the same byte range to the same state are made
 * once and shared, so the long tails of continuation bytes in big classes
 * such as [[:alpha:]] are not repeated for every range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regex_int.h"
#include "xalloc.h"

typedef struct builder {
	rx_nfa *nfa;
	const rx_ast *a;
	int over;     /* a bound reached: 1 states, 2 characters */
	size_t chars; /* sets emitted, for REGEX_DFA_MAX_CHARS */
	/* (lo, hi, next) -> the state with that one transition */
	int *memo;
	size_t mcap; /* a power of two, or 0 */
	size_t mused;
	/* the set being compiled: its first transitions and their target */
	rx_trans *first;
	size_t nfirst, fcap;
	int next;
} builder;

static int
new_state(builder *b, rx_skind kind, int out1, int out2)
{
	rx_nfa *n = b->nfa;
	rx_state *s;

	if (n->ns >= REGEX_DFA_MAX_STATES) {
		if (!b->over)
			b->over = 1;
		return 0;
	}
	n->s = xgrow(n->s, &n->scap, n->ns + 1, sizeof *n->s);
	s = &n->s[n->ns];
	s->kind = kind;
	s->out1 = out1;
	s->out2 = out2;
	s->t0 = n->nt;
	s->nt = 0;
	return (int)n->ns++;
}

static void
add_trans(builder *b, int state, uint8_t lo, uint8_t hi, int next)
{
	rx_nfa *n = b->nfa;

	/* Only the newest state gets transitions, so they stay together. */
	n->t = xgrow(n->t, &n->tcap, n->nt + 1, sizeof *n->t);
	n->t[n->nt].lo = lo;
	n->t[n->nt].hi = hi;
	n->t[n->nt].next = next;
	n->nt++;
	n->s[state].nt++;
}

static size_t
memo_hash(uint8_t lo, uint8_t hi, int next)
{
	uint32_t h = ((uint32_t)lo << 8 | hi) * 2654435761u;

	return (size_t)(h ^ ((uint32_t)next * 40503u));
}

/* The state that steps over lo..hi to next, made once. */
static int
step_state(builder *b, uint8_t lo, uint8_t hi, int next)
{
	const rx_nfa *n = b->nfa;
	size_t i;
	int s;

	if (b->mused * 2 >= b->mcap) {
		size_t old = b->mcap, j;
		int *om = b->memo;

		b->mcap = old ? old * 2 : 256;
		b->memo = xmalloc(b->mcap * sizeof *b->memo);
		for (j = 0; j < b->mcap; j++)
			b->memo[j] = -1;
		for (j = 0; j < old; j++) {
			const rx_trans *t;

			if (om[j] < 0)
				continue;
			t = &n->t[n->s[om[j]].t0];
			i = memo_hash(t->lo, t->hi, t->next) & (b->mcap - 1);
			while (b->memo[i] >= 0)
				i = (i + 1) & (b->mcap - 1);
			b->memo[i] = om[j];
		}
		free(om);
	}
	i = memo_hash(lo, hi, next) & (b->mcap - 1);
	while ((s = b->memo[i]) >= 0) {
		const rx_trans *t = &n->t[n->s[s].t0];

		if (t->lo == lo && t->hi == hi && t->next == next)
			return s;
		i = (i + 1) & (b->mcap - 1);
	}
	s = new_state(b, RX_BYTES, -1, -1);
	if (b->over)
		return 0;
	add_trans(b, s, lo, hi, next);
	b->memo[i] = s;
	b->mused++;
	return s;
}

/* rx_utf8_sequences callback: the sequence's tail as shared states, its
 * first byte range kept for the set's entry state. */
static void
on_sequence(void *arg, const uint8_t *lo, const uint8_t *hi, int n)
{
	builder *b = arg;
	int next = b->next, i;

	for (i = n - 1; i > 0 && !b->over; i--)
		next = step_state(b, lo[i], hi[i], next);
	b->first = xgrow(b->first, &b->fcap, b->nfirst + 1, sizeof *b->first);
	b->first[b->nfirst].lo = lo[0];
	b->first[b->nfirst].hi = hi[0];
	b->first[b->nfirst].next = next;
	b->nfirst++;
}

static int
emit_set(builder *b, const rx_node *nd, int next)
{
	size_t i;
	int s;

	if (++b->chars > REGEX_DFA_MAX_CHARS) {
		b->over = 2;
		return 0;
	}
	b->nfirst = 0;
	b->next = next;
	for (i = 0; i < nd->nr && !b->over; i++)
		rx_utf8_sequences(b->a->r[nd->r0 + i].lo,
				  b->a->r[nd->r0 + i].hi, on_sequence, b);
	s = new_state(b, RX_BYTES, -1, -1);
	for (i = 0; i < b->nfirst && !b->over; i++)
		add_trans(b, s, b->first[i].lo, b->first[i].hi,
			  b->first[i].next);
	return s;
}

/* The entry state of node i followed by next.  Recursion goes as deep as
 * groups and repetitions nest, which the parser bounds. */
static int
emit(builder *b, int i, int next)
{
	const rx_node *nd = &b->a->n[i];
	/* No node has kids in an expression like "a": kids is NULL. */
	const int *kids = b->a->kids ? b->a->kids + nd->k0 : NULL;
	size_t k;
	int s, cur, n;

	if (b->over)
		return 0;
	switch (nd->kind) {
	case RX_EMPTY:
		return next;
	case RX_SET:
		return emit_set(b, nd, next);
	case RX_BOL:
		return new_state(b, RX_ASSERT_BOL, next, -1);
	case RX_EOL:
		return new_state(b, RX_ASSERT_EOL, next, -1);
	case RX_CAT:
		cur = next;
		for (k = nd->nk; k-- > 0;)
			cur = emit(b, kids[k], cur);
		return cur;
	case RX_ALT:
		cur = emit(b, kids[nd->nk - 1], next);
		for (k = nd->nk - 1; k-- > 0;) {
			s = emit(b, kids[k], next);
			cur = new_state(b, RX_SPLIT, s, cur);
		}
		return cur;
	case RX_REPEAT:
		break;
	}
	/* x{m,n}: m copies of x, then n - m nested optional ones
	 * (x(x(x)?)?)?; x{m,}: m - 1 copies, then x+ (or x* for m = 0). */
	cur = next;
	n = nd->min;
	if (nd->max < 0) {
		s = new_state(b, RX_SPLIT, -1, next);
		cur = emit(b, kids[0], s);
		if (b->over)
			return 0;
		b->nfa->s[s].out1 = cur;
		if (n == 0)
			return s;
		n--;
	} else {
		for (k = 0; k < (size_t)(nd->max - nd->min) && !b->over; k++) {
			s = emit(b, kids[0], cur);
			cur = new_state(b, RX_SPLIT, s, next);
		}
	}
	while (n-- > 0 && !b->over)
		cur = emit(b, kids[0], cur);
	return cur;
}

int
rx_nfa_build(const rx_ast *ast, rx_nfa *nfa, regex_dfa_error *err)
{
	builder b;
	int match;

	memset(nfa, 0, sizeof *nfa);
	memset(&b, 0, sizeof b);
	b.nfa = nfa;
	b.a = ast;
	match = new_state(&b, RX_MATCH, -1, -1);
	nfa->start = emit(&b, ast->root, match);
	free(b.memo);
	free(b.first);
	if (b.over) {
		if (err && b.over == 2)
			snprintf(
			    err->msg, sizeof err->msg,
			    "is too big: with "
			    "its alternatives and repetitions written out it "
			    "would match more than %d characters",
			    REGEX_DFA_MAX_CHARS);
		else if (err)
			snprintf(err->msg, sizeof err->msg,
				 "is too big: its "
				 "repetitions written out would take more than "
				 "%d states",
				 REGEX_DFA_MAX_STATES);
		if (err)
			err->pos = 0;
		return -1;
	}
	return 0;
}

void
rx_nfa_free(rx_nfa *nfa)
{
	free(nfa->s);
	free(nfa->t);
	memset(nfa, 0, sizeof *nfa);
}

/* The UTF-8 encoding of c into s; returns its length. */
static int
encode(uint32_t c, uint8_t *s)
{
	if (c < 0x80) {
		s[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		s[0] = (uint8_t)(0xC0 | c >> 6);
		s[1] = (uint8_t)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		s[0] = (uint8_t)(0xE0 | c >> 12);
		s[1] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
		s[2] = (uint8_t)(0x80 | (c & 0x3F));
		return 3;
	}
	s[0] = (uint8_t)(0xF0 | c >> 18);
	s[1] = (uint8_t)(0x80 | (c >> 12 & 0x3F));
	s[2] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
	s[3] = (uint8_t)(0x80 | (c & 0x3F));
	return 4;
}

void
rx_utf8_sequences(uint32_t lo, uint32_t hi,
		  void (*f)(void *arg, const uint8_t *lo, const uint8_t *hi,
			    int n),
		  void *arg)
{
	static const uint32_t len_ends[] = { 0x7F, 0x7FF, 0xFFFF };
	uint8_t a[4], z[4];
	int i, n;

	/* Each step either splits the range in two parts that each need
	 * fewer splits, or emits it, so the recursion stays shallow (a few
	 * levels per byte of the encoding). */
	if (lo > hi)
		return;
	if (lo <= 0xDFFF && hi >= 0xD800) {
		if (lo < 0xD800)
			rx_utf8_sequences(lo, 0xD7FF, f, arg);
		if (hi > 0xDFFF)
			rx_utf8_sequences(0xE000, hi, f, arg);
		return;
	}
	/* Ranges of one encoded length. */
	for (i = 0; i < 3; i++) {
		if (lo <= len_ends[i] && hi > len_ends[i]) {
			rx_utf8_sequences(lo, len_ends[i], f, arg);
			rx_utf8_sequences(len_ends[i] + 1, hi, f, arg);
			return;
		}
	}
	n = encode(lo, a);
	/* Where lo and hi differ above the last i continuation bytes, those
	 * bytes must run over their whole range 80..BF in both: split off
	 * the ragged ends until they do. */
	for (i = 1; i < n; i++) {
		uint32_t m = (1u << (6 * i)) - 1;

		if ((lo & ~m) == (hi & ~m))
			continue;
		if ((lo & m) != 0) {
			rx_utf8_sequences(lo, lo | m, f, arg);
			rx_utf8_sequences((lo | m) + 1, hi, f, arg);
			return;
		}
		if ((hi & m) != m) {
			rx_utf8_sequences(lo, (hi & ~m) - 1, f, arg);
			rx_utf8_sequences(hi & ~m, hi, f, arg);
			return;
		}
	}
	encode(hi, z);
	f(arg, a, z, n);
}
