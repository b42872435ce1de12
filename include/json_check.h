#ifndef PARTNERCHECK_JSON_CHECK_H
#define PARTNERCHECK_JSON_CHECK_H

#include <stddef.h>

/* Deeper nesting is refused: no rule set needs it, and it bounds the
 * recursion of every walk over the document. */
#define JSON_MAX_DEPTH 512

/*
 * Checks that s[0..len) is exactly one JSON text under RFC 8259 (white
 * space is space, tab, LF and CR only; no raw control characters in
 * strings; no trailing commas; nesting at most JSON_MAX_DEPTH).  Returns
 * JSON_VALID when it is (msg untouched); otherwise the offset of the first
 * offending byte (len when the text ends too early), with a short reason
 * in msg ("a trailing comma is not allowed").  UTF-8 validity is the
 * caller's check.
 */
#define JSON_VALID ((size_t)-1)

/* See above: JSON_VALID, or the offset of the first problem and its reason
 * in msg[0..msgsz). */
size_t json_check(const char *s, size_t len, char *msg, size_t msgsz);

#endif
