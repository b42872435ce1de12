#ifndef PARTNERCHECK_UTF8_H
#define PARTNERCHECK_UTF8_H

#include "strbuf.h"
#include <stddef.h>

typedef enum encoding {
	ENC_UTF8 = 0,
	ENC_WINDOWS_1252,
	ENC_ISO_8859_1
} encoding;

/* Maps "utf-8", "utf8", "windows-1252", "cp1252", "iso-8859-1", "latin1"
 * (any letter case) to an encoding; returns -1 for anything else. */
int encoding_from_name(const char *name);
/* Returns the canonical name, "utf-8", "windows-1252" or "iso-8859-1"
 * (static storage), or "unknown" for a value outside the enum. */
const char *encoding_name(encoding e);

/*
 * Returns the offset of the first byte of s[0..len) that does not start a
 * well-formed UTF-8 sequence (overlong forms, surrogates and code points
 * above U+10FFFF are ill-formed), or len when all of it is valid.
 */
size_t utf8_invalid_at(const char *s, size_t len);

/* Length of the well-formed sequence at the start of s[0..len) (1 for an
 * ASCII byte), or 0 if it is ill-formed or cut short; len must be > 0. */
size_t utf8_seq_len(const char *s, size_t len);

/*
 * Appends s[0..len), converted from e to UTF-8, to out.  Windows-1252 bytes
 * that the code page leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) become
 * U+FFFD.  For ENC_UTF8 the bytes are copied unchanged.
 */
void utf8_from(encoding e, const char *s, size_t len, strbuf *out);

/* Appends s with every ill-formed byte and every NUL byte replaced by
 * U+FFFD, for echoing bad input without passing invalid UTF-8 (or a C
 * string cut short) on. */
void utf8_sanitize(const char *s, size_t len, strbuf *out);

/* A new string holding s[0..len) as utf8_sanitize writes it; caller frees. */
char *utf8_sanitized_copy(const char *s, size_t len);

#endif
