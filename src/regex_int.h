#ifndef PARTNERCHECK_REGEX_INT_H
#define PARTNERCHECK_REGEX_INT_H

/*
 * Private to the regex_*.c files: the parsed expression (regex_parse.c),
 * the byte automaton built from it (regex_nfa.c), and the tables of the
 * POSIX classes beyond ASCII (regex_uclass.c, generated).
 */

#include <stddef.h>
#include <stdint.h>

#include "regex_dfa.h"

/* Code points lo..hi, both included. */
typedef struct rx_range {
	uint32_t lo, hi;
} rx_range;

/* The non-ASCII members of a POSIX class, sorted and disjoint; the table
 * ends with a NULL name.  Classes not listed (digit, xdigit) have none;
 * alnum is alpha and digit. */
typedef struct rx_uclass {
	const char *name;
	const rx_range *r;
	size_t n;
} rx_uclass;

extern const rx_uclass rx_uclasses[];

typedef enum rx_kind {
	RX_EMPTY,  /* matches the empty string */
	RX_SET,    /* one character of ranges r[r0..r0+nr) */
	RX_CAT,    /* kids[k0..k0+nk) one after the other */
	RX_ALT,    /* one of kids[k0..k0+nk) */
	RX_REPEAT, /* kids[k0], min to max times (max -1: no limit) */
	RX_BOL,    /* '^' */
	RX_EOL     /* '$' */
} rx_kind;

typedef struct rx_node {
	rx_kind kind;
	int min, max;
	size_t k0, nk; /* RX_CAT, RX_ALT, RX_REPEAT */
	size_t r0, nr; /* RX_SET */
} rx_node;

/* A parsed expression: flat arrays, indexes rather than pointers. */
typedef struct rx_ast {
	rx_node *n;
	size_t nn, ncap;
	int *kids;
	size_t nkids, kcap;
	rx_range *r;
	size_t nr, rcap;
	int root;
} rx_ast;

/* Parses pattern into *ast (which the caller releases with rx_ast_free,
 * even on failure).  Returns 0, or -1 with *err filled in. */
int rx_parse(const char *pattern, rx_ast *ast, regex_dfa_error *err);
void rx_ast_free(rx_ast *ast);

/* The byte automaton.  RX_BYTES states step over one byte in a range of
 * their transitions t[t0..t0+nt); RX_SPLIT goes to out1 and out2 without
 * a byte; RX_ASSERT_BOL and RX_ASSERT_EOL go to out1 at the start or end
 * of the text only. */
typedef enum rx_skind {
	RX_BYTES,
	RX_SPLIT,
	RX_ASSERT_BOL,
	RX_ASSERT_EOL,
	RX_MATCH
} rx_skind;

typedef struct rx_trans {
	uint8_t lo, hi;
	int next;
} rx_trans;

typedef struct rx_state {
	rx_skind kind;
	int out1, out2;
	size_t t0, nt;
} rx_state;

typedef struct rx_nfa {
	rx_state *s;
	size_t ns, scap;
	rx_trans *t;
	size_t nt, tcap;
	int start;
} rx_nfa;

/* Builds the automaton of ast into *nfa (released with rx_nfa_free, even
 * on failure).  Returns 0, or -1 with *err filled in when it would have
 * more than REGEX_DFA_MAX_STATES states. */
int rx_nfa_build(const rx_ast *ast, rx_nfa *nfa, regex_dfa_error *err);
void rx_nfa_free(rx_nfa *nfa);

/* Calls f(arg, lo, hi, n) for each sequence of n byte ranges whose UTF-8
 * encodings make up exactly the code points lo..hi less the surrogates
 * (lo <= hi <= 0x10FFFF). */
void rx_utf8_sequences(uint32_t lo, uint32_t hi,
		       void (*f)(void *arg, const uint8_t *lo,
				 const uint8_t *hi, int n),
		       void *arg);

#endif
