#ifndef PARTNERCHECK_TEXTKEY_H
#define PARTNERCHECK_TEXTKEY_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/*
 * How list items, enum and ordinal levels and string values are compared,
 * everywhere: as their *key*, the text with surrounding blanks (spaces and
 * tabs) trimmed, every inner run of blanks made one space and ASCII
 * letters lowercased.  "For-profit", " for-profit " and "FOR-PROFIT" have
 * one key; "lead  partner" and "Lead Partner" have one key.  Bytes outside
 * ASCII are compared as they are (no Unicode case folding).
 *
 * Spreadsheet users type the same word in different cases and with stray
 * blanks; a deal-breaker must not be voided by that.  Every engine (cond,
 * pairs, consortium, value parsing, --set) goes through these functions so
 * that they cannot disagree.  None of them allocates; s may hold NULs and
 * is never read outside s[0..n).
 */

/* 1 if a[0..alen) and b[0..blen) have the same key, else 0. */
int text_key_eq(const char *a, size_t alen, const char *b, size_t blen);

/* text_key_eq with '_' counted as a blank too, for header cells that a
 * spreadsheet user retyped ("QAF level" for "qaf_level"). */
int text_key_loose_eq(const char *a, size_t alen, const char *b, size_t blen);

/* <0, 0 or >0 as the key of a sorts before, with or after the key of b
 * (byte order of the keys); 0 exactly when text_key_eq is 1. */
int text_key_cmp(const char *a, size_t alen, const char *b, size_t blen);

/* 64-bit FNV-1a of the key: equal keys hash equal. */
uint64_t text_key_hash(const char *s, size_t n);

/* Appends the key of s[0..n) to sb. */
void text_key_add(strbuf *sb, const char *s, size_t n);

/* 1 if s[0..n) has an empty key (nothing but blanks), else 0. */
int text_key_blank(const char *s, size_t n);

/*
 * Did-you-mean: the index of the one of names[0..nnames) whose key is
 * closest to the key of s[0..n) by edit distance, if it is close enough to
 * be a likely typo (at most 2 edits, and fewer than half the key's
 * length), else -1.  A name with the same key is the closest of all.
 * Underscores count as blanks here only, so that "QAF level" suggests
 * "qaf_level".  Keys longer than 62 bytes are never suggested.
 */
long text_key_suggest(const char *s, size_t n, const char *const *names,
		      size_t nnames);

#endif
