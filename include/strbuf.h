#ifndef PARTNERCHECK_STRBUF_H
#define PARTNERCHECK_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

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

void sb_init(strbuf *sb);
void sb_free(strbuf *sb);
void sb_reset(strbuf *sb);
void sb_add(strbuf *sb, const char *s, size_t n);
void sb_adds(strbuf *sb, const char *s);
void sb_addc(strbuf *sb, char c);
void sb_addf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vaddf(strbuf *sb, const char *fmt, va_list ap);
/* Appends a number the way every partnercheck output prints numbers:
 * shortest form that reads back exactly, no exponent for ordinary
 * magnitudes, "-0" printed as "0", independent of the locale. */
void sb_addnum(strbuf *sb, double v);
/* Returns buf and leaves sb empty but valid; the caller frees the result. */
char *sb_detach(strbuf *sb);

#endif
