#ifndef PARTNERCHECK_HTML_ESC_H
#define PARTNERCHECK_HTML_ESC_H

#include "strbuf.h"

/*
 * Escaping for the HTML and SVG that partnercheck writes (emit_html.c,
 * graph_svg.c, lineup_html.c).  Everything that comes from the input or
 * the rule file goes through here, so a partner called
 * `<script>` or `"onmouseover=` is text wherever it lands.
 */

/*
 * Appends s (UTF-8) escaped for HTML text and for a double- or
 * single-quoted attribute value alike: & < > " ' become character
 * references.  What an HTML parser would report as an error is left out
 * rather than written: C0 controls other than tab and LF (CR becomes a
 * space, NUL ends s anyway), DEL, C1 controls (U+0080..U+009F) and the
 * noncharacters (U+FDD0..U+FDEF and U+xFFFE/U+xFFFF).  The bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) are
 * dropped too, so a name cannot reorder the text around it.  A byte that
 * does not start valid UTF-8 becomes U+FFFD.  NULL appends nothing.
 */
void html_add(strbuf *sb, const char *s);

/* The same for s[0..len), which need not be NUL-terminated (a NUL byte
 * inside is dropped). */
void html_add_n(strbuf *sb, const char *s, size_t len);

/*
 * Appends s made into an HTML id or fragment: ASCII letters, digits, '-'
 * and '_' are kept, every other byte is written as ".XX" (its hex), so
 * distinct strings give distinct ids and the result never needs escaping.
 * prefix (which the caller keeps to those same characters) comes first,
 * so that an id never starts with a digit and ids of different kinds
 * never meet.  NULL s appends the prefix alone.
 */
void html_add_id(strbuf *sb, const char *prefix, const char *s);

#endif
