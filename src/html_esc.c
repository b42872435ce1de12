#include <string.h>

#include "html_esc.h"

/* Decodes one UTF-8 sequence at s[0..len); returns its length, with the
 * code point in *cp, or 0 when s does not start a valid sequence. */
static size_t
decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	size_t n, i;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

/* Whether code point c is one an HTML parser reports, or one that could
 * reorder the text around it: such characters are left out. */
static int
dropped(unsigned long c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n' && c != '\r';
	if (c >= 0x7f && c <= 0x9f)
		return 1;
	if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
		return 1;
	return c == 0x061c || c == 0x200e || c == 0x200f ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

void
html_add_n(strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	if (!s)
		return;
	while (i < len) {
		unsigned long c;
		size_t n;
		const char *rep = NULL;

		/* Plain ASCII text is copied in runs. */
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '&' && p[i] != '<' &&
		    p[i] != '>' && p[i] != '"' && p[i] != '\'') {
			i++;
			continue;
		}
		sb_add(sb, s + run, i - run);
		n = decode(p + i, len - i, &c);
		if (n == 0) {
			rep = "\xef\xbf\xbd";
			n = 1;
		} else if (c == '&') {
			rep = "&amp;";
		} else if (c == '<') {
			rep = "&lt;";
		} else if (c == '>') {
			rep = "&gt;";
		} else if (c == '"') {
			rep = "&quot;";
		} else if (c == '\'') {
			rep = "&#39;";
		} else if (c == '\r') {
			rep = " ";
		} else if (dropped(c)) {
			rep = "";
		}
		if (rep)
			sb_adds(sb, rep);
		else
			sb_add(sb, s + i, n);
		i += n;
		run = i;
	}
	sb_add(sb, s + run, i - run);
}

void
html_add(strbuf *sb, const char *s)
{
	if (s)
		html_add_n(sb, s, strlen(s));
}

void
html_add_id(strbuf *sb, const char *prefix, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;

	sb_adds(sb, prefix);
	if (!s)
		return;
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_') {
			sb_addc(sb, (char)*p);
		} else {
			sb_addc(sb, '.');
			sb_addc(sb, hex[*p >> 4]);
			sb_addc(sb, hex[*p & 15]);
		}
	}
}
