#ifndef PARTNERCHECK_STRBUF_H
#define PARTNERCHECK_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/*
 * A growable byte string, always NUL-terminated (buf is never NULL after
 * sb_init).  The strbuf owns buf; sb_free releases it, sb_detach hands it to
 * the caller.  A zeroed struct is not valid: call sb_init first.
 */
typedef struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
} strbuf;

/* Makes sb an empty string with room to grow; dies if memory runs out. */
void sb_init(strbuf *sb);
/* Frees buf and zeroes sb (sb_init again to reuse it); NULL is a no-op. */
void sb_free(strbuf *sb);
/* Makes room for extra more bytes and the NUL.  The appends below call it
 * only when they must; they are inline because reports and messages are
 * built from millions of small appends. */
void sb_grow(strbuf *sb, size_t extra);

/* Empties sb, keeping its memory. */
static inline void
sb_reset(strbuf *sb)
{
	sb->len = 0;
	sb->buf[0] = '\0';
}

/* Appends s[0..n) (any bytes, NULs too). */
static inline void
sb_add(strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

/* Appends the NUL-terminated s (not NULL). */
static inline void
sb_adds(strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

/* Appends one byte. */
static inline void
sb_addc(strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

/* Appends printf(3)'s output for fmt (numbers in reports go through
 * sb_addnum instead); sb_vaddf takes a va_list, and va_end stays the
 * caller's. */
void sb_addf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vaddf(strbuf *sb, const char *fmt, va_list ap);
/* Appends a number the way every partnercheck output prints numbers:
 * shortest form that reads back exactly, no exponent for ordinary
 * magnitudes, "-0" printed as "0", independent of the locale. */
void sb_addnum(strbuf *sb, double v);
/* Returns buf and leaves sb empty but valid; the caller frees the result. */
char *sb_detach(strbuf *sb);

/* The text of s[0..len) without the spaces and tabs around it: returns its
 * start and sets *outlen to its length. */
const char *str_trim_blanks(const char *s, size_t len, size_t *outlen);

#endif
